/**
 * Looking across tickets: recurring incidents grouped under one problem record,
 * and the calls of a major incident linked to one parent with the supervisor
 * alerted (TSSR-CP3-C1, -C4).
 */
import { majorKey, type CaseView } from '../case.js';
import { judged, numParam, type Rule, type RuleContext } from '../rule.js';
import { count } from './labels.js';

export const problemLink: Rule = {
  id: 'problem.link',
  summary: 'Once an incident recurs, each occurrence is linked to one shared problem record.',
  judge(c, ctx) {
    const key = c.incident.truth.problemKey;
    const tk = c.ticket;
    if (!key || !tk) return undefined;
    const occurrences = ctx.casesOf(c.traineeId).filter((x) => x.ticket && x.incident.truth.problemKey === key);
    if (occurrences.length < 2) return undefined;
    const linked = c.last(['problem.created', 'ticket.problemLinked']);
    if (tk.problemId && linked) {
      const shared = occurrences.some((o) => o !== c && o.ticket!.problemId === tk.problemId);
      return shared
        ? judged(1, linked.seq, `Incident récurrent rattaché au problème ${tk.problemId} avec ses autres occurrences.`, `Recurring incident linked to problem ${tk.problemId} with its other occurrences.`)
        : judged(numParam(ctx, 'separateProblem', 0.5), linked.seq, `Rattaché au problème ${tk.problemId}, mais les autres occurrences n'y sont pas.`, `Linked to problem ${tk.problemId}, but the other occurrences are not.`);
    }
    if (!ctx.final) return undefined;
    const n = count(occurrences.length);
    return judged(0, ctx.endSeq, `Incident récurrent (${n.fr} occurrences) non rattaché à un enregistrement de problème.`, `Recurring incident (${n.en} occurrences) not linked to a problem record.`);
  },
};

/** The tickets of one major incident on a trainee's desk, and which of them is the parent. */
function majorGroup(c: CaseView, ctx: RuleContext): { members: CaseView[]; parent: CaseView } | undefined {
  const key = majorKey(c.incident);
  if (!key || !c.ticket) return undefined;
  const members = ctx.casesOf(c.traineeId).filter((x) => x.ticket && majorKey(x.incident) === key);
  // The parent is the ticket the others point at (the trainee's choice), else the first one opened.
  const votes = new Map<string, number>();
  for (const m of members) if (m.ticket!.parentId) votes.set(m.ticket!.parentId, (votes.get(m.ticket!.parentId) ?? 0) + 1);
  const chosen = [...votes.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
  const parent = members.find((m) => m.ticket!.id === chosen) ?? members[0]!;
  return { members, parent };
}

export const majorParent: Rule = {
  id: 'major.parent',
  summary: 'Each duplicate call of a major incident is linked to the parent ticket.',
  judge(c, ctx) {
    const g = majorGroup(c, ctx);
    if (!g || g.parent === c) return undefined;
    const parentId = g.parent.ticket!.id;
    const link = c.last('ticket.parentLinked');
    if (link && link.payload.parentId === parentId) return judged(1, link.seq, `Doublon rattaché au ticket parent ${parentId} de l'incident majeur.`, `Duplicate linked to the major incident's parent ticket ${parentId}.`);
    if (!ctx.final && !link) return undefined;
    return judged(0, link?.seq ?? ctx.endSeq, `Appel de l'incident majeur non rattaché au ticket parent ${parentId}.`, `Call about the major incident not linked to the parent ticket ${parentId}.`);
  },
};

export const majorSupervisor: Rule = {
  id: 'major.supervisor',
  summary: 'The supervisor is alerted about a major incident (judged once, on the parent ticket).',
  judge(c, ctx) {
    const g = majorGroup(c, ctx);
    if (!g || g.parent !== c) return undefined;
    const alerts = g.members.map((m) => m.first('ticket.supervisorAlerted')).filter((e) => e !== undefined).sort((a, b) => a.seq - b.seq);
    if (alerts[0]) return judged(1, alerts[0].seq, 'Superviseur alerté de l\'incident majeur.', 'The supervisor was alerted about the major incident.');
    if (!ctx.final) return undefined;
    const n = count(g.members.length);
    const s = g.members.length > 1 ? 's' : '';
    return judged(0, ctx.endSeq, `Incident majeur (${n.fr} appel${s}) sans alerte au superviseur.`, `The supervisor was never alerted about the major incident (${n.en} call${s}).`);
  },
};
