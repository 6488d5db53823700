/**
 * The live board's chart: SLA compliance and running score over virtual time,
 * for the class and per trainee, sampled every `step` virtual milliseconds in
 * one pass over the log. SLA compliance is the share of tickets opened so far
 * with no breached clock; the running score is the points earned over the
 * points at stake in the evidence recorded so far.
 */
import type { SessionEvent } from '../events.js';
import type { Catalog } from '../scenario.js';
import { applyEvent, initialState, type SessionState } from '../session.js';
import type { SessionScore } from '../scoring/types.js';

export interface SeriesPoint { sla: number | null; score: number | null; tickets: number; breached: number }
export interface SeriesSample extends SeriesPoint { t: number; seq: number; trainees: Record<string, SeriesPoint> }

const share = (a: number, b: number) => (b > 0 ? Math.round((a / b) * 1000) / 10 : null);

/** One sample of a state (and the evidence earned up to its seq), class-wide and per trainee. */
export function sample(s: SessionState, earned: Map<string, { points: number; max: number }>): SeriesSample {
  const per: Record<string, { tickets: number; breached: number }> = {};
  for (const tr of s.trainees) per[tr.id] = { tickets: 0, breached: 0 };
  for (const tk of Object.values(s.tickets)) {
    const p = (per[tk.traineeId] ??= { tickets: 0, breached: 0 });
    p.tickets++;
    if (tk.sla.response === 'breached' || tk.sla.resolution === 'breached') p.breached++;
  }
  const trainees: Record<string, SeriesPoint> = {};
  let tickets = 0, breached = 0, points = 0, max = 0;
  for (const [id, p] of Object.entries(per)) {
    const e = earned.get(id) ?? { points: 0, max: 0 };
    trainees[id] = { sla: share(p.tickets - p.breached, p.tickets), score: share(e.points, e.max), tickets: p.tickets, breached: p.breached };
    tickets += p.tickets; breached += p.breached; points += e.points; max += e.max;
  }
  return { t: s.now, seq: s.seq, sla: share(tickets - breached, tickets), score: share(points, max), tickets, breached, trainees };
}

export function timeSeries(events: readonly SessionEvent[], catalog: Catalog, score: SessionScore, step = 60_000): SeriesSample[] {
  const evidence = [...score.evidence].sort((a, b) => a.eventSeq - b.eventSeq);
  const earned = new Map<string, { points: number; max: number }>();
  let k = 0;
  const s = initialState();
  const out: SeriesSample[] = [];
  let next = 0;
  const take = (upto: number) => {
    for (; k < evidence.length && evidence[k]!.eventSeq <= upto; k++) {
      const e = evidence[k]!;
      const x = earned.get(e.traineeId) ?? { points: 0, max: 0 };
      x.points += e.points; x.max += e.max;
      earned.set(e.traineeId, x);
    }
  };
  let started = false;
  for (const e of events) {
    // Emit a sample for every boundary the log passes (state as it was just before this event).
    while (started && e.t > next) { take(s.seq); out.push({ ...sample(s, earned), t: next }); next += step; }
    applyEvent(s, e, catalog);
    if (e.type === 'session.started') started = true;
  }
  if (started) { take(s.seq); out.push(sample(s, earned)); }
  return out;
}
