/**
 * A "case" is one contact that actually arrived on a trainee's desk, with its
 * ticket (if one was opened) and every event about either, in log order. Rules
 * judge cases; building them is one pass over the log.
 */
import { contactIdOf, ticketIdOf, type EventType, type SessionEvent } from '../events.js';
import type { Catalog, Incident, Mood } from '../scenario.js';
import type { ContactState, SessionState, TicketState } from '../session.js';

/** Actions that change something for the user: questions and checks should come before them. */
export const ACTING_EVENTS: readonly EventType[] = ['test.ran', 'ticket.fixApplied', 'remote.started', 'ticket.escalated', 'ticket.resolved'];
/** Things the trainee says on the call. */
export const AGENT_CALL_EVENTS: readonly EventType[] = ['call.greeted', 'call.identityChecked', 'call.asked', 'call.rephrased', 'call.replied', 'call.concluded'];

export class CaseView {
  readonly events: SessionEvent[] = [];
  /**
   * Seq of the last event naming this case's contact or ticket, its own or not (an event about another call can
   * change this ticket): nothing the case holds has changed since (live scoring's `JudgementMemo` key).
   */
  touchedSeq: number;
  private revealedIndex?: { seq: number; facts: string[] }[];

  constructor(
    readonly contact: ContactState,
    readonly incident: Incident,
    readonly arrivedSeq: number,
    readonly ticket: TicketState | undefined,
  ) {
    this.touchedSeq = arrivedSeq;
  }

  get traineeId(): string { return this.contact.traineeId; }
  get ticketId(): string | undefined { return this.ticket?.id; }

  first<K extends EventType>(type: K | readonly K[], pred?: (e: SessionEvent<K>) => boolean): SessionEvent<K> | undefined {
    const types = typeof type === 'string' ? [type] : type;
    for (const e of this.events) if ((types as readonly string[]).includes(e.type) && (!pred || pred(e as SessionEvent<K>))) return e as SessionEvent<K>;
    return undefined;
  }

  last<K extends EventType>(type: K | readonly K[], pred?: (e: SessionEvent<K>) => boolean): SessionEvent<K> | undefined {
    const types = typeof type === 'string' ? [type] : type;
    for (let i = this.events.length - 1; i >= 0; i--) {
      const e = this.events[i]!;
      if ((types as readonly string[]).includes(e.type) && (!pred || pred(e as SessionEvent<K>))) return e as SessionEvent<K>;
    }
    return undefined;
  }

  all<K extends EventType>(type: K | readonly K[], pred?: (e: SessionEvent<K>) => boolean): SessionEvent<K>[] {
    const types = typeof type === 'string' ? [type] : type;
    return this.events.filter((e) => (types as readonly string[]).includes(e.type) && (!pred || pred(e as SessionEvent<K>))) as SessionEvent<K>[];
  }

  /** The first time the ticket left the trainee's diagnosis: escalated or resolved. */
  get handoff(): SessionEvent<'ticket.escalated' | 'ticket.resolved'> | undefined {
    return this.first(['ticket.escalated', 'ticket.resolved']);
  }

  /** Fact ids the trainee knew at (and including) event `seq`: told by the caller or shown by a test. */
  revealedAt(seq: number): Set<string> {
    this.revealedIndex ??= this.events
      .filter((e) => e.type === 'caller.replied' || e.type === 'test.ran')
      .map((e) => ({ seq: e.seq, facts: (e.payload as { factIds: string[] }).factIds }));
    const out = new Set<string>();
    for (const r of this.revealedIndex) { if (r.seq > seq) break; for (const f of r.facts) out.add(f); }
    return out;
  }

  /** Replies chosen on the call (reassure, deescalate, …) with their events. */
  replies(kind: string): SessionEvent<'call.replied'>[] {
    return this.all('call.replied', (e) => e.payload.reply === kind);
  }
}

/** The caller's mood on this contact: the incident may override the persona's usual mood (shared with the model player). */
export function callerMood(catalog: Catalog, contact: Pick<ContactState, 'incidentId' | 'callerId'>): Mood {
  const inc = catalog.incidents[contact.incidentId];
  return inc?.mood ?? catalog.personas[contact.callerId]?.mood ?? 'calm';
}

/**
 * Which major incident an incident belongs to: scenarios describing the same
 * outage from different angles (the mail server, the phones that stopped
 * syncing) share a problem key, so their calls are one major incident with one
 * parent ticket. Undefined for incidents that are not major.
 */
export function majorKey(inc: Incident): string | undefined {
  return inc.truth.major ? inc.truth.problemKey ?? inc.id : undefined;
}

/**
 * Builds the cases of a session, in arrival order, from its log and final state; with `only`, the cases of
 * those trainees alone (live scoring asks for a few desks of a large class).
 */
export function buildCases(events: readonly SessionEvent[], state: SessionState, catalog: Catalog, only?: ReadonlySet<string>): CaseView[] {
  const byContact = new Map<string, CaseView>();
  const contactOfTicket = new Map<string, string>();
  const cases: CaseView[] = [];
  /** The case of `contactId` (if built) was touched by `e`; with `attach`, `e` is also one of its events. */
  const see = (contactId: string | undefined, e: SessionEvent, attach: boolean) => {
    const c = contactId && byContact.get(contactId);
    if (!c) return;
    c.touchedSeq = e.seq;
    if (attach) c.events.push(e);
  };

  for (const e of events) {
    if (e.type === 'contact.arrived' || e.type === 'contact.injected') {
      const contact = state.contacts[e.payload.contactId];
      const incident = contact && catalog.incidents[contact.incidentId];
      if (!contact || !incident || byContact.has(contact.id) || (only && !only.has(contact.traineeId))) continue;
      const view = new CaseView(contact, incident, e.seq, contact.ticketId ? state.tickets[contact.ticketId] : undefined);
      byContact.set(contact.id, view);
      cases.push(view);
      view.events.push(e);
      continue;
    }
    if (e.type === 'ticket.created') contactOfTicket.set(e.payload.ticketId, e.payload.contactId);
    if (e.type === 'problem.created') {
      // One event about several tickets: each of their cases sees it.
      for (const id of e.payload.ticketIds) see(contactOfTicket.get(id), e, true);
      continue;
    }
    const contactId = contactIdOf(e);
    const ticketId = ticketIdOf(e);
    const ofTicket = ticketId && contactOfTicket.get(ticketId);
    // An event of a call is that call's; one of a ticket alone is its contact's. Both cases are touched either way.
    see(contactId, e, true);
    if (ofTicket) see(ofTicket, e, !contactId);
  }
  return cases;
}
