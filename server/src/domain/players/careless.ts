/**
 * The careless player: a novice's plausible mistakes, all at once. No greeting,
 * no questions, no rephrasing; urgency wrong and impact one level off; never
 * searches the knowledge base; escalates everything to N2-SYS with no facts and
 * a sloppy note; when the ticket comes back, resolves it with a wrong cause and
 * closes straight away without asking the user; never links the asset.
 */
import type { TraineeCommand } from '../commands.js';
import type { Catalog, Contract, Incident } from '../scenario.js';
import { contactsOf, ticketOf, triage, type Player, type PlayerView } from './driver.js';

const SLOPPY_ESCALATION = 'voir apel, lutilisateur a un pb';
const SLOPPY_NOTE = { symptom: 'marche pas', diagnosis: 'pb', action: 'redemarer', result: 'ok' };

/** One level off (towards the middle of the scale when at an end). */
export function oneOff(scale: { id: string }[], id: string): string {
  const i = scale.findIndex((l) => l.id === id);
  return scale[i + 1 < scale.length ? i + 1 : i - 1]!.id;
}

/** The level farthest from the right one: the typical "everything is urgent" or "it can wait". */
export function farthest(scale: { id: string }[], id: string): string {
  const i = scale.findIndex((l) => l.id === id);
  return scale[i < scale.length / 2 ? scale.length - 1 : 0]!.id;
}

function escalationGroup(catalog: Catalog): string {
  return catalog.groups['N2-SYS'] ? 'N2-SYS' : Object.values(catalog.groups).find((g) => g.kind !== 'hierarchical')!.id;
}

const wrongCause = (inc: Incident) => (inc.causes.find((c) => c.id !== inc.truth.rootCause) ?? inc.causes[0]!).id;

export class CarelessPlayer implements Player {
  readonly kind = 'careless';

  next(v: PlayerView): TraineeCommand | undefined {
    const contacts = contactsOf(v.state, v.traineeId);
    const first = triage(v.state, contacts, () => 'pb').next();
    if (!first.done) return first.value;
    const contract: Contract = v.state.contract;
    for (const c of contacts) {
      const tk = ticketOf(v.state, c);
      if (!tk) continue;
      const inc = v.catalog.incidents[c.incidentId]!;
      const ticketId = tk.id;
      if (tk.status === 'in_progress' && tk.impact === undefined) {
        return { type: 'ticket.qualify', ticketId, impact: oneOff(contract.impact, inc.truth.impact), urgency: farthest(contract.urgency, inc.truth.urgency), category: inc.truth.category, ticketType: inc.truth.type };
      }
      if (tk.status === 'in_progress' && tk.escalations.length === 0) return { type: 'ticket.escalate', ticketId, groupId: escalationGroup(v.catalog), factIds: [], testIds: [], note: SLOPPY_ESCALATION };
      if (c.endedAt === undefined) return { type: 'call.end', contactId: c.id };
      if (tk.status === 'in_progress') return { type: 'ticket.resolve', ticketId, code: 'fixed', causeId: wrongCause(inc), note: SLOPPY_NOTE };
      if (tk.status === 'resolved') return { type: 'ticket.close', ticketId };
    }
    return undefined;
  }
}
