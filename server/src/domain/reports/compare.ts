/**
 * Side-by-side comparison of trainees who played the same drill (in one
 * classroom session or in several sessions): score per criterion and time to
 * resolve, overall and per incident. Times are virtual milliseconds from the
 * contact's arrival to the ticket's resolution.
 */
import type { GridLevel } from '../events.js';
import type { Catalog } from '../scenario.js';
import type { SessionState, TicketState } from '../session.js';
import type { SessionScore } from '../scoring/types.js';
import { compareCriteria } from './criteria.js';

export interface CompareInput { sessionId: string; state: SessionState; score: SessionScore; traineeIds?: string[] }

export interface TicketStats { total: number; resolved: number; closed: number; escalated: number; breaches: number; warnings: number }
export interface CompareRow {
  sessionId: string;
  traineeId: string;
  name: string;
  points: number;
  max: number;
  criteria: Record<string, { points: number; max: number; level: GridLevel }>;
  tickets: TicketStats;
  /** Mean and maximum time to resolve over resolved tickets (virtual ms). */
  meanResolveMs?: number;
  maxResolveMs?: number;
  byIncident: Record<string, { count: number; resolved: number; meanResolveMs?: number }>;
}
export interface Comparison {
  drillIds: string[];
  criteria: string[];
  incidents: { id: string; title: { fr: string; en?: string | undefined } }[];
  rows: CompareRow[];
}

export const resolveMs = (tk: TicketState): number | undefined => (tk.resolvedAt !== undefined ? tk.resolvedAt - tk.arrivedAt : undefined);

const mean = (xs: number[]) => (xs.length ? Math.round(xs.reduce((a, b) => a + b, 0) / xs.length) : undefined);

export function compareTrainees(inputs: readonly CompareInput[], catalog: Catalog): Comparison {
  const rows: CompareRow[] = [];
  const criteria = new Set<string>();
  const incidents = new Set<string>();
  const drillIds = new Set<string>();
  for (const { sessionId, state, score, traineeIds } of inputs) {
    drillIds.add(state.drillId);
    for (const tr of state.trainees) {
      if (traineeIds && !traineeIds.includes(tr.id)) continue;
      const ts = score.trainees[tr.id];
      const tickets = Object.values(state.tickets).filter((t) => t.traineeId === tr.id);
      const times: number[] = [];
      const byIncident: CompareRow['byIncident'] = {};
      const stats: TicketStats = { total: tickets.length, resolved: 0, closed: 0, escalated: 0, breaches: 0, warnings: 0 };
      const perIncident = new Map<string, number[]>();
      for (const tk of tickets) {
        incidents.add(tk.incidentId);
        const slot = (byIncident[tk.incidentId] ??= { count: 0, resolved: 0 });
        slot.count++;
        const r = resolveMs(tk);
        if (r !== undefined) { times.push(r); slot.resolved++; stats.resolved++; (perIncident.get(tk.incidentId) ?? perIncident.set(tk.incidentId, []).get(tk.incidentId)!).push(r); }
        if (tk.status === 'closed') stats.closed++;
        if (tk.escalations.length) stats.escalated++;
        for (const c of ['response', 'resolution'] as const) {
          if (tk.sla[c] === 'breached') stats.breaches++;
          else if (tk.sla[c] === 'warning') stats.warnings++;
        }
      }
      for (const [id, xs] of perIncident) { const m = mean(xs); if (m !== undefined) byIncident[id]!.meanResolveMs = m; }
      const crit: CompareRow['criteria'] = {};
      for (const [id, c] of Object.entries(ts?.criteria ?? {})) { criteria.add(id); crit[id] = { points: c.points, max: c.max, level: c.level }; }
      const row: CompareRow = { sessionId, traineeId: tr.id, name: tr.name, points: ts?.points ?? 0, max: ts?.max ?? 0, criteria: crit, tickets: stats, byIncident };
      const m = mean(times);
      if (m !== undefined) { row.meanResolveMs = m; row.maxResolveMs = Math.max(...times); }
      rows.push(row);
    }
  }
  return {
    drillIds: [...drillIds].sort(),
    criteria: [...criteria].sort(compareCriteria),
    incidents: [...incidents].sort().map((id) => ({ id, title: catalog.incidents[id]?.title ?? { fr: id } })),
    rows,
  };
}
