/**
 * Diagnosis: every required fact collected before deciding (ACT-05), the
 * relevant tests run without a scattergun of unrelated ones (ACT-17), the root
 * cause named (ACT-18).
 */
import { deadline, judged, listEn, listFr, numParam, type Rule } from '../rule.js';
import { factEn, factFr, quoteEn, relevantTests, requiredFacts, testName } from './labels.js';

export const diagnosisFacts: Rule = {
  id: 'diagnosis.facts',
  summary: 'Every required fact of the scenario is known before escalating or resolving; missing facts are named.',
  judge(c, ctx) {
    const required = requiredFacts(c.incident);
    if (required.length === 0 || c.contact.takenAt === undefined) return undefined;
    const handoff = c.handoff;
    const at = handoff?.seq ?? (ctx.final ? ctx.endSeq : Number.POSITIVE_INFINITY);
    const known = c.revealedAt(at);
    const missing = required.filter((f) => !known.has(f.id));
    if (missing.length === 0) {
      const last = c.last(['caller.replied', 'test.ran'], (e) => e.seq <= at && e.payload.factIds.length > 0);
      return judged(1, handoff?.seq ?? last?.seq ?? c.arrivedSeq, 'Toutes les informations nécessaires au diagnostic ont été recueillies.', 'Every fact needed for the diagnosis was collected.');
    }
    if (!handoff && !ctx.final) return undefined;
    const when = handoff?.type === 'ticket.escalated' ? { fr: "avant l'escalade", en: 'before escalating' } : handoff ? { fr: 'avant la résolution', en: 'before resolving' } : { fr: 'à la fin de la session', en: 'by the end of the session' };
    return judged((required.length - missing.length) / required.length, at,
      `Informations manquantes ${when.fr} : ${listFr(missing.map(factFr))}.`,
      `Facts missing ${when.en}: ${listEn(missing.map(factEn))}.`);
  },
};

export const diagnosisTests: Rule = {
  id: 'diagnosis.tests',
  summary: 'The relevant tests are run before deciding; each unrelated test beyond a small allowance costs a share.',
  judge(c, ctx) {
    if (!c.ticket) return undefined;
    const relevant = relevantTests(c.incident);
    const handoff = c.handoff;
    const ran = [...new Set(c.all('test.ran', (e) => !handoff || e.seq < handoff.seq).map((e) => e.payload.testId))];
    const unrelated = ran.filter((t) => !relevant.includes(t));
    const allowance = numParam(ctx, 'unrelatedAllowed', 1);
    if (relevant.length === 0 && unrelated.length <= allowance) return undefined;
    const at = deadline(handoff, ctx);
    if (at === undefined) return undefined;
    const notRun = relevant.filter((t) => !ran.includes(t));
    const share = relevant.length ? (relevant.length - notRun.length) / relevant.length : 1;
    const penalty = numParam(ctx, 'unrelatedPenalty', 0.25) * Math.max(0, unrelated.length - allowance);
    if (notRun.length === 0 && penalty === 0) return judged(1, at, 'Les tests pertinents ont été réalisés.', 'The relevant tests were run.');
    const fr: string[] = [];
    const en: string[] = [];
    if (notRun.length) { fr.push(`tests pertinents non réalisés : ${listFr(notRun.map((t) => testName(ctx.catalog, t).fr))}`); en.push(`relevant tests not run: ${listEn(notRun.map((t) => testName(ctx.catalog, t, true).en))}`); }
    if (penalty > 0) { fr.push(`tests sans rapport avec le symptôme : ${listFr(unrelated.map((t) => testName(ctx.catalog, t).fr))}`); en.push(`tests unrelated to the symptom: ${listEn(unrelated.map((t) => testName(ctx.catalog, t, true).en))}`); }
    return judged(share - penalty, at, `Démarche de diagnostic : ${fr.join(' ; ')}.`, `Diagnostic approach: ${en.join('; ')}.`);
  },
};

export const diagnosisCause: Rule = {
  id: 'diagnosis.cause',
  summary: 'The root cause recorded at resolution equals the truth.',
  judge(c) {
    const resolved = c.last('ticket.resolved');
    if (!resolved) return undefined;
    const name = (id: string) => c.incident.causes.find((x) => x.id === id)?.label ?? { fr: id, en: id };
    const given = name(resolved.payload.causeId);
    const expected = name(c.incident.truth.rootCause);
    return resolved.payload.causeId === c.incident.truth.rootCause
      ? judged(1, resolved.seq, `Cause identifiée : « ${given.fr} ».`, `Cause identified: ${quoteEn(given.en ?? given.fr)}.`)
      : judged(0, resolved.seq, `Cause indiquée « ${given.fr} » ; la cause réelle était « ${expected.fr} ».`, `Cause recorded as ${quoteEn(given.en ?? given.fr)}; the actual cause was ${quoteEn(expected.en ?? expected.fr)}.`);
  },
};
