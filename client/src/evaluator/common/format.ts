/** Small formatting helpers shared by the staff screens. */
import { useEffect, useState } from 'react';
import { formatDateTime } from '../../i18n/numbers.js';
import { virtualNow, type ClockState } from '../../../../server/src/domain/clock.js';
export { formatDuration, formatVirtual } from '../../../../server/src/domain/reports/time.js';

/** A wall-clock date and time for lists: "03/12/2026 16:54" / "03/12/2026, 16:54". */
export function formatWhen(v: number | string | undefined, lang: string): string {
  return v === undefined ? '—' : formatDateTime(v, lang);
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
