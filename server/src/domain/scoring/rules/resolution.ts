/** Level-1 resolution of what the knowledge base covers (ACT-16), and no over-escalation of a known error. */
import { judged, type Rule } from '../rule.js';
import { articleName } from './labels.js';

export const resolutionLevel1: Rule = {
  id: 'resolution.level1',
  summary: 'A level-1 incident is solved by the trainee with the right KB fix; escalating it is over-escalation.',
  judge(c, ctx) {
    const r = c.incident.truth.resolution;
    if (r.level !== 'l1' || !c.ticket) return undefined;
    const expected = articleName(ctx.catalog, r.kbArticles[0]!);
    const escalated = c.first('ticket.escalated');
    if (escalated) {
      return judged(0, escalated.seq,
        `Sur-escalade : transmis à ${escalated.payload.groupId} alors que la fiche ${expected.fr} permet de résoudre au niveau 1.`,
        `Over-escalation: sent to ${escalated.payload.groupId} although article ${expected.en} solves it at level 1.`);
    }
    const resolved = c.first('ticket.resolved');
    if (!resolved) return ctx.final ? judged(0, ctx.endSeq, `Incident résoluble au niveau 1 (fiche ${expected.fr}) resté non résolu.`, `Level-1 incident (article ${expected.en}) left unresolved.`) : undefined;
    const fix = c.last('ticket.fixApplied', (e) => e.seq < resolved.seq);
    const applied = fix && articleName(ctx.catalog, fix.payload.articleId);
    if (fix && applied && r.kbArticles.includes(fix.payload.articleId)) {
      return judged(1, resolved.seq, `Résolu au niveau 1 en appliquant la fiche ${applied.fr}.`, `Solved at level 1 by applying article ${applied.en}.`);
    }
    return applied
      ? judged(0, resolved.seq, `Correctif inadapté (${applied.fr}) ; la fiche attendue était ${expected.fr}.`, `Wrong fix (${applied.en}); the expected article was ${expected.en}.`)
      : judged(0, resolved.seq, `Résolu sans appliquer de correctif ; la fiche attendue était ${expected.fr}.`, `Resolved without applying any fix; the expected article was ${expected.en}.`);
  },
};
