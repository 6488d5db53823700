/**
 * The random player: seeded, picks among commands that make sense for the
 * state of one of its contacts (some will still be refused, as a real novice's
 * would). Used to shake the engine and the scorer with unplanned sequences; the
 * same seed always plays the same game.
 */
import type { TraineeCommand } from '../commands.js';
import { Rng, seedState } from '../random.js';
import { REPLY_KINDS } from '../scenario.js';
import { contactsOf, ticketOf, type Player, type PlayerView } from './driver.js';

const NOTES = ['Redémarrage du poste effectué.', 'Problème constaté, à suivre.', 'Utilisateur rappelé, pas de réponse.', 'test fait, marche pa'];

export class RandomPlayer implements Player {
  readonly kind = 'random';
  private readonly rng: Rng;

  constructor(seed: number, traineeId: string) {
    this.rng = new Rng(seedState(`${seed}:${traineeId}`));
  }

  next(v: PlayerView): TraineeCommand | undefined {
    const rng = this.rng;
    if (rng.next() < 0.3) return undefined;
    const contacts = contactsOf(v.state, v.traineeId);
    if (contacts.length === 0) return undefined;
    const c = rng.pick(contacts);
    if (c.takenAt === undefined) return { type: 'contact.take', contactId: c.id };
    const inc = v.catalog.incidents[c.incidentId]!;
    const tk = ticketOf(v.state, c);
    const options: (() => TraineeCommand)[] = [];
    const contactId = c.id;
    if (c.endedAt === undefined) {
      options.push(
        () => ({ type: 'call.greet', contactId }),
        () => ({ type: 'call.checkIdentity', contactId }),
        () => ({ type: 'call.ask', contactId, questionId: rng.next() < 0.6 ? rng.pick(inc.facts).revealedBy[0] ?? rng.pick(Object.keys(v.catalog.questions)) : rng.pick(Object.keys(v.catalog.questions)) }),
        () => ({ type: 'call.rephrase', contactId, text: inc.model.rephrase }),
        () => ({ type: 'call.reply', contactId, reply: rng.pick(REPLY_KINDS) }),
        () => ({ type: 'call.conclude', contactId, text: 'Merci, au revoir.' }),
        () => ({ type: 'call.end', contactId }),
      );
    }
    if (!tk) {
      options.push(() => ({ type: 'ticket.create', contactId, title: inc.title.fr }));
      return rng.pick(options)();
    }
    const ticketId = tk.id;
    const contract = v.state.contract;
    const groups = Object.values(v.catalog.groups).filter((g) => g.kind !== 'hierarchical').map((g) => g.id);
    const articles = Object.keys(v.catalog.kb);
    options.push(
      () => ({ type: 'ticket.take', ticketId }),
      () => ({ type: 'ticket.qualify', ticketId, impact: rng.pick(contract.impact).id, urgency: rng.pick(contract.urgency).id, category: rng.next() < 0.5 ? inc.truth.category : rng.pick(Object.keys(v.catalog.categories)), ticketType: rng.next() < 0.8 ? 'incident' : 'request' }),
      () => ({ type: 'ticket.linkAsset', ticketId, assetTag: inc.asset && rng.next() < 0.6 ? inc.asset : rng.pick(Object.keys(v.catalog.assets)) }),
      () => ({ type: 'test.run', ticketId, testId: rng.next() < 0.5 && inc.tests.length ? rng.pick(inc.tests).test : rng.pick(Object.keys(v.catalog.tests)) }),
      () => ({ type: 'kb.search', ticketId, query: rng.pick(inc.title.fr.split(/\s+/).filter((w) => w.length > 3).concat(['imprimante'])) }),
      () => ({ type: 'kb.open', ticketId, articleId: rng.pick(articles) }),
      () => ({ type: 'ticket.applyFix', ticketId, articleId: rng.next() < 0.5 && inc.truth.resolution.kbArticles.length ? rng.pick(inc.truth.resolution.kbArticles) : rng.pick(articles) }),
      () => ({ type: 'remote.askConsent', ticketId }),
      () => ({ type: 'remote.start', ticketId }),
      () => ({ type: 'remote.end', ticketId }),
      () => ({ type: 'ticket.escalate', ticketId, groupId: rng.pick(groups), factIds: c.revealed.filter(() => rng.next() < 0.7), testIds: tk.tests.map((x) => x.testId).filter(() => rng.next() < 0.7), note: rng.pick(NOTES) }),
      () => ({ type: 'ticket.setPending', ticketId, reason: rng.next() < 0.5 ? 'user' : 'third_party', note: rng.pick(NOTES) }),
      () => ({ type: 'ticket.resume', ticketId }),
      () => ({ type: 'ticket.informUser', ticketId, message: rng.next() < 0.5 ? inc.model.userMessage : rng.pick(NOTES) }),
      () => ({ type: 'ticket.resolve', ticketId, code: 'fixed', causeId: rng.pick(inc.causes).id, note: rng.next() < 0.5 ? inc.model.resolutionNote : { symptom: rng.pick(NOTES), diagnosis: rng.pick(NOTES), action: rng.pick(NOTES), result: rng.pick(NOTES) } }),
      () => ({ type: 'ticket.requestConfirmation', ticketId }),
      () => ({ type: 'ticket.close', ticketId }),
      () => ({ type: 'ticket.addNote', ticketId, text: rng.pick(NOTES) }),
    );
    return rng.pick(options)();
  }
}
