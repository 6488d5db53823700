/**
 * Views carry each SLA clock's elapsed time as of the virtual instant they were projected at (`session.now`).
 * A client that keeps part of an older view while folding newer pushes (desk patches, partial staff updates)
 * moves that part on to the newer instant, as the server would project it: a running clock's elapsed time
 * grows with virtual time and nothing else changes it without an event naming its ticket (which brings the
 * ticket again). Pure; shared by the trainee and staff folds.
 */
import type { DeskPart, DeskView, SlaView, TicketView } from './domain/projection.js';

function advanceSla(sla: SlaView, ran: number): SlaView {
  return sla.paused || sla.stopped ? sla : { ...sla, elapsed: sla.elapsed + ran };
}

/** A ticket as projected `ran` ms of virtual time later, nothing else having happened to it. */
export function advanceTicket(t: TicketView, ran: number): TicketView {
  if (ran === 0) return t;
  return { ...t, sla: { response: advanceSla(t.sla.response, ran), resolution: advanceSla(t.sla.resolution, ran) } };
}

/** A desk as projected `ran` ms of virtual time later, nothing else having happened to it. */
export function advanceDesk(d: DeskView, ran: number): DeskView {
  return ran === 0 ? d : { ...d, tickets: d.tickets.map((t) => advanceTicket(t, ran)) };
}

/**
 * A held desk with a part applied: contacts and tickets replaced by id (new ones appended, in the part's
 * order: creation order), the small lists replaced, the tickets left out moved on by `ran`.
 */
export function applyDeskPart(held: DeskView, part: DeskPart, ran: number): DeskView {
  const ticketsIn = new Map(part.tickets.map((t) => [t.id, t]));
  const contactsIn = new Map(part.contacts.map((c) => [c.id, c]));
  const tickets = held.tickets.map((t) => {
    const fresh = ticketsIn.get(t.id);
    if (!fresh) return advanceTicket(t, ran);
    ticketsIn.delete(t.id);
    return fresh;
  });
  const contacts = held.contacts.map((c) => {
    const fresh = contactsIn.get(c.id);
    if (!fresh) return c;
    contactsIn.delete(c.id);
    return fresh;
  });
  return {
    traineeId: held.traineeId,
    contacts: [...contacts, ...contactsIn.values()],
    tickets: [...tickets, ...ticketsIn.values()],
    problems: part.problems, articles: part.articles, assetChanges: part.assetChanges,
  };
}
