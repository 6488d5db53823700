/** Keeping the user informed: when the ticket is passed on (and how long it may take), and when it is solved. */
import { deadline, judged, type Rule } from '../rule.js';

export const informEscalation: Rule = {
  id: 'inform.escalation',
  summary: 'After an escalation the user is told who handles the ticket and the expected delay.',
  judge(c, ctx) {
    const esc = c.first('ticket.escalated');
    if (!esc) return undefined;
    // Told while the group works on it: before the group's answer (a message after that is about the resolution).
    const answer = c.first(['group.resolved', 'group.returned', 'ticket.closed'], (e) => e.seq > esc.seq);
    const inWindow = (seq: number) => seq > esc.seq && (!answer || seq < answer.seq);
    const told = c.first(['ticket.userInformed', 'call.replied'], (e) => inWindow(e.seq) && (e.type === 'ticket.userInformed' || (e.payload as { reply?: string }).reply === 'delay'));
    if (told) return judged(1, told.seq, "L'utilisateur a été informé de la transmission de son ticket et du délai.", 'The user was told the ticket was passed on and the expected delay.');
    const at = deadline(answer, ctx);
    return at === undefined ? undefined : judged(0, at, `L'utilisateur n'a pas été prévenu de la transmission à ${esc.payload.groupId} ni du délai attendu.`, `The user was not told that the ticket went to ${esc.payload.groupId} or how long it would take.`);
  },
};

export const informResolution: Rule = {
  id: 'inform.resolution',
  summary: 'After the resolution the user gets a message explaining what was done.',
  judge(c, ctx) {
    const resolved = c.last(['ticket.resolved', 'group.resolved']);
    if (!resolved) return undefined;
    const told = c.first('ticket.userInformed', (e) => e.seq > resolved.seq);
    if (told) return judged(1, told.seq, "L'utilisateur a reçu un message expliquant la résolution.", 'The user got a message explaining the resolution.');
    const at = deadline(c.first('ticket.closed', (e) => e.seq > resolved.seq), ctx);
    return at === undefined ? undefined : judged(0, at, "La résolution n'a pas été expliquée à l'utilisateur (aucun message).", 'The resolution was never explained to the user (no message).');
  },
};
