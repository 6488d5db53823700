/**
 * Escalation: to the right resolver group (TAI-CP8-C3), with every required
 * fact, the asset and the relevant test results (TAI-CP14-C5), and without
 * reassignment ping-pong.
 */
import { judged, listEn, listFr, type Rule } from '../rule.js';
import { count, factEn, factFr, relevantTests, requiredFacts, testName } from './labels.js';

export const escalationRouting: Rule = {
  id: 'escalation.routing',
  summary: 'An incident beyond level 1 is escalated, first time, to the right resolver group.',
  judge(c, ctx) {
    const r = c.incident.truth.resolution;
    if (r.level !== 'escalate' || !c.ticket) return undefined;
    const first = c.first('ticket.escalated');
    if (first) {
      return first.payload.groupId === r.group
        ? judged(1, first.seq, `Aiguillé vers le bon groupe de résolution (${r.group}).`, `Routed to the right resolver group (${r.group}).`)
        : judged(0, first.seq, `Aiguillé vers ${first.payload.groupId} ; le groupe compétent était ${r.group}.`, `Routed to ${first.payload.groupId}; the right group was ${r.group}.`);
    }
    const resolved = c.first('ticket.resolved');
    if (resolved) return judged(0, resolved.seq, `Résolu au niveau 1 alors que ce cas relevait de ${r.group} : la cause n'était pas traitée.`, `Resolved at level 1 although it belonged to ${r.group}: the cause was not dealt with.`);
    return ctx.final ? judged(0, ctx.endSeq, `Jamais transmis à ${r.group}.`, `Never passed on to ${r.group}.`) : undefined;
  },
};

export const escalationFacts: Rule = {
  id: 'escalation.facts',
  summary: 'The first escalation carries every required fact, the asset tag and the relevant tests; what is missing is named.',
  judge(c, ctx) {
    const esc = c.first('ticket.escalated');
    if (!esc) return undefined;
    const inc = c.incident;
    const missing: { fr: string; en: string }[] = [];
    let total = 0;
    if (inc.asset) {
      total++;
      const linked = c.last('ticket.assetLinked', (e) => e.seq < esc.seq);
      if (linked?.payload.assetTag !== inc.asset) missing.push({ fr: `numéro d'inventaire du matériel (${inc.asset})`, en: `asset tag (${inc.asset})` });
    }
    for (const f of requiredFacts(inc)) {
      total++;
      if (!esc.payload.factIds.includes(f.id)) missing.push({ fr: factFr(f), en: factEn(f) });
    }
    for (const t of relevantTests(inc)) {
      total++;
      if (!esc.payload.testIds.includes(t)) missing.push(testName(ctx.catalog, t));
    }
    if (total === 0) return undefined;
    if (missing.length === 0) return judged(1, esc.seq, "L'escalade transmet tous les éléments nécessaires (faits, matériel, tests).", 'The escalation passes on everything needed (facts, asset, tests).');
    return judged((total - missing.length) / total, esc.seq,
      `L'escalade vers ${esc.payload.groupId} ne contient pas : ${listFr(missing.map((m) => m.fr))}.`,
      `Escalation note lacks: ${listEn(missing.map((m) => m.en))}.`);
  },
};

export const escalationReassignment: Rule = {
  id: 'escalation.reassignment',
  summary: 'Penalty: the ticket was escalated more than once (reassignment ping-pong).',
  judge(c) {
    const escs = c.all('ticket.escalated');
    if (escs.length < 2) return undefined;
    const path = escs.map((e) => e.payload.groupId).join(' → ');
    const n = count(escs.length);
    return judged(0, escs[1]!.seq, `Ping-pong : le ticket a été escaladé ${n.fr} fois (${path}).`, `Ping-pong: the ticket was escalated ${escs.length === 2 ? 'twice' : `${n.en} times`} (${path}).`);
  },
};
