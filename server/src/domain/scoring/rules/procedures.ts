/**
 * Pending status used only while really waiting on the user or a third party
 * (TAI-CP8-C4): it stops the resolution clock, so misuse games the contract.
 */
import { judged, type Rule } from '../rule.js';

export const proceduresPending: Rule = {
  id: 'procedures.pending',
  summary: 'Pending is used only when waiting on an absent user or on a third party, and never left pending at the end.',
  judge(c, ctx) {
    const pendings = c.all('ticket.pending');
    if (pendings.length === 0 || !c.ticket) return undefined;
    const wrong: { seq: number; fr: string; en: string }[] = [];
    for (const p of pendings) {
      if (p.payload.reason === 'user') {
        const onLine = c.contact.channel === 'phone' && !c.first('call.ended', (e) => e.seq < p.seq);
        if (onLine) wrong.push({ seq: p.seq, fr: "mis en attente « utilisateur » alors que l'utilisateur était en ligne", en: 'set to pending (waiting on the user) while the user was on the line' });
      } else if (c.incident.truth.resolution.level !== 'escalate' && !c.incident.truth.assetUpdate) {
        wrong.push({ seq: p.seq, fr: "mis en attente « tiers » alors qu'aucun tiers n'intervient dans ce cas", en: 'set to pending (waiting on a third party) although no third party is involved in this case' });
      }
    }
    const leftPending = ctx.final && c.ticket.status === 'pending';
    const bad = wrong.length + (leftPending ? 1 : 0);
    const last = pendings[pendings.length - 1]!;
    if (bad === 0) return judged(1, last.seq, "Mise en attente justifiée (attente de l'utilisateur ou d'un tiers).", 'Pending used properly (waiting on the user or a third party).');
    const fr = wrong.map((w) => w.fr);
    const en = wrong.map((w) => w.en);
    if (leftPending) { fr.push('laissé en attente à la fin de la session'); en.push('left pending at the end of the session'); }
    return judged(1 - bad / (pendings.length + (leftPending ? 1 : 0)), wrong[0]?.seq ?? ctx.endSeq,
      `Mise en attente abusive (elle arrête le chrono du contrat) : ${fr.join(' ; ')}.`,
      `Pending misused (it stops the contract clock): ${en.join('; ')}.`);
  },
};
