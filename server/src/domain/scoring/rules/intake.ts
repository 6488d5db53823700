/** Logging: every contact that arrived gets a ticket (ACT-01). */
import { judged, type Rule } from '../rule.js';
import { callerName } from './labels.js';

export const intakeTicket: Rule = {
  id: 'intake.ticket',
  summary: 'A ticket is opened for every contact that arrived.',
  judge(c, ctx) {
    const created = c.first('ticket.created');
    if (created) return judged(1, created.seq, `Ticket ${created.payload.ticketId} ouvert pour le contact.`, `Ticket ${created.payload.ticketId} opened for this contact.`);
    if (!ctx.final) return undefined;
    const who = callerName(ctx.catalog, c.contact.callerId);
    return judged(0, c.arrivedSeq, `Aucun ticket ouvert pour le contact de ${who} : la demande n'est pas tracée.`, `No ticket was opened when ${who} got in touch: the request is not recorded.`);
  },
};
