/** Closure: the user confirms before the ticket is closed (TSSR-CP3-C3), and no ticket is left open at shift end. */
import { judged, type Rule } from '../rule.js';
import { quoteEn, statusName } from './labels.js';

export const closureConfirmation: Rule = {
  id: 'closure.confirmation',
  summary: 'The ticket is closed only after the user confirmed the fix.',
  judge(c) {
    const closed = c.last('ticket.closed');
    if (!closed) return undefined;
    const resolution = c.last(['ticket.resolved', 'group.resolved'], (e) => e.seq < closed.seq);
    const answer = c.last(['user.confirmed', 'user.refused'], (e) => e.seq < closed.seq && (!resolution || e.seq > resolution.seq));
    if (answer?.type === 'user.confirmed') return judged(1, answer.seq, "Solution validée par l'utilisateur avant la clôture.", 'The user confirmed the fix before closure.');
    if (answer?.type === 'user.refused') return judged(0, closed.seq, "Clôturé alors que l'utilisateur a indiqué que le problème persiste.", 'Closed although the user said the problem persists.');
    return judged(0, closed.seq, "Clôturé sans demander la confirmation de l'utilisateur.", "Closed without asking for the user's confirmation.");
  },
};

export const closureFollowUp: Rule = {
  id: 'closure.followUp',
  summary: 'Every ticket is followed up to closure by the end of the session (tickets still with a group are not held against the trainee).',
  judge(c, ctx) {
    const tk = c.ticket;
    if (!tk || tk.status === 'cancelled') return undefined;
    const closed = c.last('ticket.closed');
    if (tk.status === 'closed' && closed) return judged(1, closed.seq, "Ticket suivi jusqu'à sa clôture.", 'Ticket followed up to closure.');
    if (!ctx.final || tk.status === 'escalated') return undefined;
    const s = statusName(tk.status);
    return judged(0, ctx.endSeq, `Ticket ${tk.id} laissé « ${s.fr} » à la fin de la session : aucun suivi jusqu'à la clôture.`, `Ticket ${tk.id} left ${quoteEn(s.en)} at the end of the session: not followed up to closure.`);
  },
};
