/** Qualification: impact, urgency, category and type against the scenario's truth (ACT-08 to ACT-12). */
import { levelDistance, priorityOf } from '../../priority.js';
import type { Contract } from '../../scenario.js';
import { deadline, judged, numParam, type Rule } from '../rule.js';
import { quoteEn } from './labels.js';

function levelLabel(contract: Contract, scale: 'impact' | 'urgency', id: string): { fr: string; en: string } {
  const l = contract[scale].find((x) => x.id === id);
  // Contracts gloss each level in parentheses; the explanation needs only its name.
  const short = (s: string) => s.replace(/\s*\(.*\)\s*$/, '');
  return { fr: short(l?.label.fr ?? id), en: short(l?.label.en ?? l?.label.fr ?? id) };
}

/** Impact or urgency: full points when equal to the truth, `oneLevelOff` when one step away on the contract's scale. */
function scaleRule(scale: 'impact' | 'urgency'): Rule {
  const fr = scale === 'impact' ? "l'impact" : "l'urgence";
  const Fr = scale === 'impact' ? 'Impact' : 'Urgence';
  const En = scale === 'impact' ? 'Impact' : 'Urgency';
  return {
    id: `qualification.${scale}`,
    summary: `${En} equals the truth; partial credit one level off.`,
    judge(c, ctx) {
      if (!c.ticket) return undefined;
      const q = c.last('ticket.qualified');
      if (!q) {
        const at = deadline(c.handoff, ctx);
        return at === undefined ? undefined : judged(0, at, `Ticket non qualifié : ${fr} n'a jamais été renseigné${scale === 'urgency' ? 'e' : ''}.`, `Ticket never qualified: no ${scale} was set.`);
      }
      const contract = ctx.contract;
      const expected = c.incident.truth[scale];
      const given = q.payload[scale];
      const e = levelLabel(contract, scale, expected);
      const g = levelLabel(contract, scale, given);
      const distance = levelDistance(contract[scale], given, expected);
      if (distance === 0) return judged(1, q.seq, `${Fr} « ${g.fr} » correct${scale === 'urgency' ? 'e' : ''}.`, `${En} ${quoteEn(g.en)} is right.`);
      if (distance === 1) return judged(numParam(ctx, 'oneLevelOff', 0.5), q.seq, `${Fr} « ${g.fr} » à un niveau de l'attendu (« ${e.fr} »).`, `${En} ${quoteEn(g.en)} is one level off the expected ${quoteEn(e.en)}.`);
      return judged(0, q.seq, `${Fr} « ${g.fr} » au lieu de « ${e.fr} ».`, `${En} ${quoteEn(g.en)} instead of ${quoteEn(e.en)}.`);
    },
  };
}

export const qualificationImpact = scaleRule('impact');
export const qualificationUrgency = scaleRule('urgency');

export const qualificationCategory: Rule = {
  id: 'qualification.category',
  summary: 'Category equals the truth.',
  judge(c, ctx) {
    if (!c.ticket) return undefined;
    const q = c.last('ticket.qualified');
    const expected = c.incident.truth.category;
    const name = (id: string) => ctx.catalog.categories[id]?.label ?? { fr: id, en: id };
    if (!q) {
      const at = deadline(c.handoff, ctx);
      return at === undefined ? undefined : judged(0, at, "Ticket non qualifié : aucune catégorie.", 'Ticket never qualified: no category.');
    }
    const g = name(q.payload.category);
    const e = name(expected);
    return q.payload.category === expected
      ? judged(1, q.seq, `Catégorie « ${g.fr} » correcte.`, `Category ${quoteEn(g.en ?? g.fr)} is right.`)
      : judged(0, q.seq, `Catégorie « ${g.fr} » au lieu de « ${e.fr} ».`, `Category ${quoteEn(g.en ?? g.fr)} instead of ${quoteEn(e.en ?? e.fr)}.`);
  },
};

export const qualificationType: Rule = {
  id: 'qualification.type',
  summary: 'Ticket type (incident or service request) equals the truth.',
  judge(c, ctx) {
    if (!c.ticket) return undefined;
    const q = c.last('ticket.qualified');
    const expected = c.incident.truth.type;
    const fr = { incident: 'incident', request: 'demande de service' } as const;
    const en = { incident: 'incident', request: 'service request' } as const;
    // "un incident", "une demande de service" / "an incident", "a service request".
    const aFr = { incident: 'un incident', request: 'une demande de service' } as const;
    const aEn = { incident: 'an incident', request: 'a service request' } as const;
    if (!q) {
      const at = deadline(c.handoff, ctx);
      return at === undefined ? undefined : judged(0, at, 'Ticket non qualifié : type (incident ou demande) non renseigné.', 'Ticket never qualified: no type (incident or request).');
    }
    return q.payload.type === expected
      ? judged(1, q.seq, `Type « ${fr[expected]} » correct.`, `Type ${quoteEn(en[expected])} is right.`)
      : judged(0, q.seq, `Enregistré comme « ${fr[q.payload.type]} » alors qu'il s'agit d'${aFr[expected]}.`, `Recorded as ${aEn[q.payload.type]} but it is ${aEn[expected]}.`);
  },
};

/** Penalty only: the priority moved away from the right one although nothing new was learned (pressure, second-guessing). */
export const qualificationStability: Rule = {
  id: 'qualification.stability',
  summary: 'Penalty: priority changed later, to a wrong value, without any new fact.',
  judge(c, ctx) {
    const qs = c.all('ticket.qualified');
    const truth = priorityOf(ctx.contract, c.incident.truth.impact, c.incident.truth.urgency);
    const right = truth.ok ? truth.value : undefined;
    for (let i = 1; i < qs.length; i++) {
      const before = qs[i - 1]!;
      const after = qs[i]!;
      if (after.payload.priority === before.payload.priority || after.payload.priority === right) continue;
      const knownBefore = c.revealedAt(before.seq);
      const learned = [...c.revealedAt(after.seq)].some((f) => !knownBefore.has(f));
      if (learned) continue;
      return judged(0, after.seq,
        `Priorité changée de ${before.payload.priority} à ${after.payload.priority} sans fait nouveau (la bonne priorité était ${right}).`,
        `Priority changed from ${before.payload.priority} to ${after.payload.priority} without any new fact (the right priority was ${right}).`);
    }
    return undefined;
  },
};
