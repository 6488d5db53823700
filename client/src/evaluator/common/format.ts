/** Small formatting helpers shared by the staff screens. */
import { useEffect, useState } from 'react';
import { formatDateTime } from '../../i18n/numbers.js';
import { virtualNow, type ClockState } from '../../../../server/src/domain/clock.js';
export { formatDuration, formatVirtual } from '../../../../server/src/domain/reports/time.js';

/** A wall-clock date and time for lists: "03/12/2026 16:54" / "03/12/2026, 16:54". */
export function formatWhen(v: number | string | undefined, lang: string): string {
  return v === undefined ? '—' : formatDateTime(v, lang);
}

/** Round steps of a virtual-time axis, in ms: 1, 2, 5, 10, 15, 30 s, 1, 2, 5, 10, 15, 30 min, 1, 2, 3, 6, 12, 24 h. */
const TICK_STEPS = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10_800, 21_600, 43_200, 86_400].map((s) => s * 1000);

/**
 * Ticks for a virtual-time axis over [min, max] (ms): the whole multiples of the smallest round step that gives at
 * most `most` of them. Left to the chart library, short spans got fractional ticks whose "mm:ss" labels repeated
 * ("00:04 | 00:04") and uneven gaps; whole seconds and a fixed step keep every label distinct and evenly spaced.
 * A span holding no whole second gets the one tick at `min`.
 */
export function timeTicks(min: number, max: number, most = 6): number[] {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return [];
  const [lo, hi] = min <= max ? [min, max] : [max, min];
  const count = (step: number) => Math.floor(hi / step) - Math.ceil(lo / step) + 1;
  let step = TICK_STEPS.find((s) => count(s) <= most);
  if (step === undefined) for (step = TICK_STEPS[TICK_STEPS.length - 1]! * 2; count(step) > most; step *= 2);
  const ticks: number[] = [];
  for (let k = Math.ceil(lo / step); k * step <= hi; k++) ticks.push(k * step);
  return ticks.length > 0 ? ticks : [lo];
}

export const pct = (p: number, m: number): number | undefined => (m > 0 ? Math.round((p / m) * 100) : undefined);

/** Virtual "now" of a session, ticking every `everyMs` while its clock runs (never before the last event). */
export function useVirtualNow(clock: ClockState | undefined, floor: number, everyMs = 500): number {
  const [, setTick] = useState(0);
  useEffect(() => {
    if (!clock?.running) return;
    const id = setInterval(() => setTick((x) => x + 1), everyMs);
    return () => clearInterval(id);
  }, [clock?.running, clock?.anchorWall, clock?.speed, everyMs]);
  if (!clock) return floor;
  return Math.max(floor, virtualNow(clock, Date.now()));
}

export function downloadName(url: string): string {
  return url.split('/').pop() ?? 'export';
}
