/**
 * Who a batch of events concerns. The shell pushes a fresh desk view only to
 * the trainees whose desk changed, and short notices (a new caller, a major
 * incident broadcast) to the right people. Pure: state and events in, lists out.
 */
import { contactIdOf, ticketIdOf, type SessionEvent } from '../domain/events.js';
import type { Catalog } from '../domain/scenario.js';
import type { SessionState } from '../domain/session.js';
import type { Notice, NoticeCode } from '../protocol.js';

export type Audience = { all: true } | { all: false; trainees: Set<string> };

/** The trainee a single event belongs to, 'all' for session-wide events, undefined for staff-only ones. */
export function ownerOf(e: SessionEvent, s: SessionState): string | 'all' | undefined {
  switch (e.type) {
    // The creation event carries the whole timeline (incident ids, arrival plan): never a trainee's business.
    case 'session.created':
    case 'grid.overridden':
      return undefined;
    case 'session.started': case 'session.paused': case 'session.resumed': case 'session.speedChanged': case 'session.stopped':
    case 'broadcast.sent': case 'feedback.released':
      return 'all';
    case 'message.sent':
      return e.payload.traineeId ?? 'all';
    case 'contact.injected':
      return e.payload.traineeId;
    default: {
      const contactId = contactIdOf(e);
      if (contactId) return s.contacts[contactId]?.traineeId;
      const ticketId = ticketIdOf(e);
      if (ticketId) return s.tickets[ticketId]?.traineeId;
      return e.actor.role === 'trainee' ? e.actor.id : undefined;
    }
  }
}

export function audienceOf(events: readonly SessionEvent[], s: SessionState): Audience {
  const trainees = new Set<string>();
  for (const e of events) {
    const o = ownerOf(e, s);
    if (o === 'all') return { all: true };
    if (o) trainees.add(o);
  }
  return { all: false, trainees };
}

/** Per trainee, the contacts and tickets of their desk that a batch changed. */
export type DeskChanges = Map<string, { contacts: Set<string>; tickets: Set<string> }>;

/**
 * Ticket events that also change the ticket's contact (a test reveals facts the caller would have told). Every
 * other event changes only the contacts and tickets it names (`applyEvent`): the desk-patch test folds patches
 * of played drills into exactly the projected view after every batch, so an event missing here shows there.
 */
const TICKET_EVENTS_CHANGING_CONTACT: ReadonlySet<SessionEvent['type']> = new Set(['test.ran']);

/**
 * What each trainee's desk view lost by a batch, for desk patches: the contacts and tickets its events change,
 * or 'all' when a session-wide event may have changed every desk (such a batch gets whole views). Before, a
 * ticket's contact went with every ticket event, and its transcript, facts and caller are most of a patch.
 */
export function deskChanges(events: readonly SessionEvent[], s: SessionState): DeskChanges | 'all' {
  const out: DeskChanges = new Map();
  const of = (traineeId: string) => {
    let c = out.get(traineeId);
    if (!c) out.set(traineeId, (c = { contacts: new Set(), tickets: new Set() }));
    return c;
  };
  const ticket = (id: string, withContact: boolean) => {
    const tk = s.tickets[id];
    if (!tk) return;
    const c = of(tk.traineeId);
    c.tickets.add(id);
    if (withContact) c.contacts.add(tk.contactId);
  };
  for (const e of events) {
    const owner = ownerOf(e, s);
    if (owner === 'all') return 'all';
    if (owner) of(owner);
    const contactId = contactIdOf(e);
    const contact = contactId ? s.contacts[contactId] : undefined;
    if (contact) of(contact.traineeId).contacts.add(contact.id);
    const withContact = TICKET_EVENTS_CHANGING_CONTACT.has(e.type);
    const ticketId = ticketIdOf(e);
    if (ticketId) ticket(ticketId, withContact);
    const ids = (e.payload as { ticketIds?: unknown }).ticketIds;
    if (Array.isArray(ids)) for (const id of ids) if (typeof id === 'string') ticket(id, withContact);
  }
  return out;
}

export interface Addressed { to: string | 'all'; notice: Notice }

/** Short human-readable notices (French text, plus a code and parameters the client translates); `to` is a trainee id or 'all'. */
export function noticesFor(sessionId: string, events: readonly SessionEvent[], s: SessionState, catalog: Catalog): Addressed[] {
  const out: Addressed[] = [];
  const push = (to: string | 'all', kind: Notice['kind'], e: SessionEvent, text: string, code?: NoticeCode, params?: Notice['params']) =>
    out.push({ to, notice: { sessionId, kind, seq: e.seq, text, ...(code ? { code } : {}), ...(params ? { params } : {}) } });
  for (const e of events) {
    switch (e.type) {
      case 'contact.arrived':
      case 'contact.injected': {
        const c = s.contacts[e.payload.contactId];
        if (!c) break;
        const name = catalog.personas[c.callerId]?.name;
        const who = name ?? 'un utilisateur';
        push(c.traineeId, 'contact', e, c.channel === 'phone' ? `Appel entrant : ${who}` : `Nouveau message de ${who}`, `contact.${c.channel}`, name ? { name } : {});
        break;
      }
      case 'broadcast.sent':
        if (e.payload.major) push('all', 'broadcast', e, `Incident majeur : ${e.payload.message}`, 'broadcast.major', { message: e.payload.message });
        else push('all', 'broadcast', e, e.payload.message);
        break;
      case 'message.sent':
        push(e.payload.traineeId ?? 'all', 'message', e, e.payload.message);
        break;
      case 'group.returned':
      case 'group.resolved': {
        const tk = s.tickets[e.payload.ticketId];
        if (tk) push(tk.traineeId, 'group', e, e.payload.text);
        break;
      }
      case 'sla.warning':
      case 'sla.breached': {
        const tk = s.tickets[e.payload.ticketId];
        const clock = e.payload.clock === 'response' ? 'de prise en charge' : 'de résolution';
        if (tk) push(tk.traineeId, 'sla', e, `${tk.id} : délai ${clock} ${e.type === 'sla.warning' ? 'bientôt atteint' : 'dépassé'}`, e.type, { id: tk.id, clock: e.payload.clock });
        break;
      }
      case 'session.started': push('all', 'session', e, 'Exercice démarré', e.type); break;
      case 'session.paused': push('all', 'session', e, 'Exercice en pause', e.type); break;
      case 'session.resumed': push('all', 'session', e, 'Exercice repris', e.type); break;
      case 'session.speedChanged': push('all', 'session', e, `Vitesse : x${e.payload.speed}`, e.type, { speed: e.payload.speed }); break;
      // A session stopped before it started did not take place: it was cancelled, not finished.
      case 'session.stopped': if (s.cancelled) push('all', 'session', e, 'Session annulée', 'session.cancelled'); else push('all', 'session', e, 'Exercice terminé', e.type); break;
      case 'feedback.released': push('all', 'session', e, 'Les résultats sont disponibles', e.type); break;
      default: break;
    }
  }
  return out;
}
