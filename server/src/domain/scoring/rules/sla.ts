/**
 * Service contract delays, measured against the priority the incident really
 * has (the truth), not the one the trainee chose: under-qualifying must not buy
 * a longer deadline. Response = contact arrival to ticket taken in; resolution =
 * arrival to resolved, minus time legitimately pending.
 */
import { priorityOf } from '../../priority.js';
import { elapsed, targetsFor } from '../../sla.js';
import type { CaseView } from '../case.js';
import { judged, type Rule, type RuleContext } from '../rule.js';
import { duration } from './labels.js';

function truePriority(c: CaseView, ctx: RuleContext): string {
  const p = priorityOf(ctx.contract, c.incident.truth.impact, c.incident.truth.urgency);
  return p.ok ? p.value : ctx.contract.defaultPriority;
}

export const slaResponse: Rule = {
  id: 'sla.response',
  summary: 'The ticket is taken in within the response target of its true priority.',
  judge(c, ctx) {
    const tk = c.ticket;
    if (!tk) return undefined;
    const p = truePriority(c, ctx);
    const target = targetsFor(ctx.contract, p).response;
    const taken = c.first('ticket.taken');
    const goal = duration(target);
    if (taken) {
      const took = taken.t - tk.arrivedAt;
      const d = duration(took);
      return took <= target
        ? judged(1, taken.seq, `Pris en charge en ${d.fr} (objectif ${p} : ${goal.fr}).`, `Picked up in ${d.en} (${p} target: ${goal.en}).`)
        : judged(0, taken.seq, `Pris en charge en ${d.fr} : objectif ${p} de ${goal.fr} dépassé.`, `Picked up after ${d.en}: ${p} target of ${goal.en} missed.`);
    }
    if (ctx.state.now - tk.arrivedAt < target) return undefined;
    const breach = c.first('sla.breached', (e) => e.payload.clock === 'response');
    return judged(0, breach?.seq ?? ctx.endSeq, `Ticket jamais pris en charge : objectif ${p} de ${goal.fr} dépassé.`, `Ticket never picked up: ${p} target of ${goal.en} missed.`);
  },
};

export const slaResolution: Rule = {
  id: 'sla.resolution',
  summary: 'The ticket is resolved within the resolution target of its true priority (pending time excluded).',
  judge(c, ctx) {
    const tk = c.ticket;
    if (!tk || tk.status === 'cancelled') return undefined;
    const p = truePriority(c, ctx);
    const target = targetsFor(ctx.contract, p).resolution;
    const resolved = c.last(['ticket.resolved', 'group.resolved']);
    const goal = duration(target);
    if (tk.resolvedAt !== undefined && resolved) {
      const took = elapsed(tk.resolutionSla, tk.resolvedAt);
      const d = duration(took);
      return took <= target
        ? judged(1, resolved.seq, `Résolu en ${d.fr} (objectif ${p} : ${goal.fr}).`, `Resolved in ${d.en} (${p} target: ${goal.en}).`)
        : judged(0, resolved.seq, `Résolu en ${d.fr} : objectif ${p} de ${goal.fr} dépassé.`, `Resolved in ${d.en}: ${p} target of ${goal.en} missed.`);
    }
    const took = elapsed(tk.resolutionSla, ctx.state.now);
    if (took < target) return undefined;
    const breach = c.first('sla.breached', (e) => e.payload.clock === 'resolution');
    const d = duration(took);
    return judged(0, breach?.seq ?? ctx.endSeq, `Non résolu après ${d.fr} : objectif ${p} de ${goal.fr} dépassé.`, `Still unresolved after ${d.en}: ${p} target of ${goal.en} missed.`);
  },
};
