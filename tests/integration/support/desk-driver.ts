/**
 * Plays a trainee's desk through a real socket, the way a person would: one
 * command at a time, each awaited on its ack. The test side knows the answer
 * key (it reads the catalogue), the trainee's socket never receives it.
 *
 * - expert: gathers the required facts, qualifies right, fixes at L1 with the
 *   right KB article (resolve, confirm, close) or escalates complete to the right group;
 * - wrong: asks little, qualifies wrong, picks a wrong cause or a wrong group,
 *   so nothing the trainee receives can contain the answer key by their own doing.
 */
import type { TraineeCommand } from '../../../server/src/domain/commands.js';
import type { Catalog, Incident } from '../../../server/src/domain/scenario.js';
import type { TestClient } from './clients.js';

export type Style = 'expert' | 'wrong';
export interface Handled { contactId: string; ticketId: string; incidentId: string; outcome: 'closed' | 'escalated' | 'resolved' }

/** Questions revealing the required facts (first question of each). */
export function questionsFor(inc: Incident): string[] {
  return [...new Set(inc.facts.filter((f) => f.required).map((f) => f.revealedBy[0]).filter((q): q is string => !!q))];
}

const other = <T>(list: readonly T[], not: T): T => list.find((x) => x !== not)!;

export class DeskDriver {
  constructor(readonly client: TestClient, readonly sessionId: string, readonly catalog: Catalog, readonly style: Style) {}

  async act(command: TraineeCommand): Promise<number> {
    const ack = await this.client.act(this.sessionId, command);
    if (!ack.ok) throw new Error(`${command.type} refused: ${ack.error.code}: ${ack.error.message}`);
    return ack.data.seq;
  }

  /** Handles one contact to the end of what this style does with it. */
  async handle(contactId: string, incidentId: string): Promise<Handled> {
    const inc = this.catalog.incidents[incidentId]!;
    const truth = inc.truth;
    const expert = this.style === 'expert';
    await this.act({ type: 'contact.take', contactId });
    await this.act({ type: 'call.greet', contactId });
    if (expert && truth.identityCheck) await this.act({ type: 'call.checkIdentity', contactId });
    const questions = expert ? questionsFor(inc) : [inc.facts.find((f) => !f.required && f.revealedBy.length)?.revealedBy[0] ?? 'q-since-when'];
    for (const questionId of questions) await this.act({ type: 'call.ask', contactId, questionId });
    if (expert) await this.act({ type: 'call.rephrase', contactId, text: inc.model.rephrase });
    const created = await this.act({ type: 'ticket.create', contactId, title: expert ? inc.title.fr : 'Appel utilisateur' });
    const ticketId = (await this.client.deskAt(created)).view.desk.contacts.find((c) => c.id === contactId)!.ticketId!;
    await this.act({ type: 'ticket.take', ticketId });

    const contract = this.catalog.contracts.standard!;
    const impact = expert ? truth.impact : other(contract.impact.map((l) => l.id), truth.impact);
    const urgency = expert ? truth.urgency : other(contract.urgency.map((l) => l.id), truth.urgency);
    const category = expert ? truth.category : other(Object.keys(this.catalog.categories), truth.category);
    await this.act({ type: 'ticket.qualify', ticketId, impact, urgency, category, ticketType: truth.type });

    if (!expert) {
      await this.act({ type: 'ticket.addNote', ticketId, text: '<script>alert("x")</script> <b>note</b>' });
      if (truth.resolution.level === 'escalate') {
        const right = truth.resolution.group;
        const wrongGroup = Object.values(this.catalog.groups).find((g) => g.kind === 'functional' && g.id !== right)!;
        await this.act({ type: 'ticket.escalate', ticketId, groupId: wrongGroup.id, factIds: [], testIds: [], note: 'Transmis pour analyse.' });
        return { contactId, ticketId, incidentId, outcome: 'escalated' };
      }
      const wrongCause = inc.causes.find((c) => c.id !== truth.rootCause)!;
      await this.act({ type: 'ticket.resolve', ticketId, code: 'fixed', causeId: wrongCause.id, note: { symptom: 'Panne.', diagnosis: 'Inconnu.', action: 'Redémarrage.', result: 'À voir.' } });
      return { contactId, ticketId, incidentId, outcome: 'resolved' };
    }

    if (inc.asset) await this.act({ type: 'ticket.linkAsset', ticketId, assetTag: inc.asset });
    const tests = inc.tests.filter((t) => t.relevant).map((t) => t.test);
    for (const testId of tests) await this.act({ type: 'test.run', ticketId, testId });
    const r = truth.resolution;
    const note = inc.model.resolutionNote;
    if (r.level === 'escalate') {
      const seq = await this.act({ type: 'ticket.addNote', ticketId, text: note.diagnosis });
      const facts = (await this.client.deskAt(seq)).view.desk.contacts.find((c) => c.id === contactId)!.facts.map((f) => f.id);
      await this.act({ type: 'ticket.escalate', ticketId, groupId: r.group, factIds: facts, testIds: tests, note: `${note.symptom}\n${note.diagnosis}` });
      await this.act({ type: 'ticket.informUser', ticketId, message: inc.model.userMessage });
      await this.act({ type: 'call.conclude', contactId, text: 'Je transmets à l\'équipe compétente, vous serez informé.' });
      await this.act({ type: 'call.end', contactId });
      return { contactId, ticketId, incidentId, outcome: 'escalated' };
    }
    const article = r.kbArticles[0]!;
    await this.act({ type: 'kb.search', ticketId, query: this.catalog.kb[article]!.keywords[0] ?? this.catalog.kb[article]!.title });
    await this.act({ type: 'kb.open', ticketId, articleId: article });
    await this.act({ type: 'ticket.applyFix', ticketId, articleId: article });
    await this.act({ type: 'ticket.resolve', ticketId, code: r.workaround ? 'workaround' : 'fixed', causeId: truth.rootCause, note });
    await this.act({ type: 'ticket.requestConfirmation', ticketId });
    await this.act({ type: 'ticket.close', ticketId });
    await this.act({ type: 'ticket.informUser', ticketId, message: inc.model.userMessage });
    await this.act({ type: 'call.conclude', contactId, text: 'Le problème est résolu, je clôture le ticket.' });
    await this.act({ type: 'call.end', contactId });
    return { contactId, ticketId, incidentId, outcome: 'closed' };
  }

  /**
   * Handles `count` contacts in arrival order, waiting for each to be pushed.
   * `incidentOf` tells the test which incident a contact is (the trainee's view never says).
   */
  async run(count: number, incidentOf: (contactId: string) => Promise<string>): Promise<Handled[]> {
    const done: Handled[] = [];
    while (done.length < count) {
      // The latest view (join answer or push) may already hold the next contact.
      const u = await this.client.deskWhen((x) => x.view.desk.contacts.some((c) => !done.some((d) => d.contactId === c.id)), 60_000);
      const next = u.view.desk.contacts.find((c) => !done.some((d) => d.contactId === c.id))!;
      done.push(await this.handle(next.id, await incidentOf(next.id)));
    }
    return done;
  }
}
