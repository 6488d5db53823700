/** Display helpers for virtual time and SLA clocks (display only: the server owns the state). */
import { virtualNow as clockNow, type ClockState } from '../../../server/src/domain/clock.js';
import type { SlaView } from '../../../server/src/domain/projection.js';
import { formatNumber } from '../i18n/numbers.js';

export const virtualNow = (clock: ClockState, wallNow = Date.now()) => clockNow(clock, wallNow);

/** "12:34" under an hour, "1:02:03" beyond; negative values get a leading "−". */
export function formatDuration(ms: number): string {
  const neg = ms < 0;
  let s = Math.floor(Math.abs(ms) / 1000);
  const h = Math.floor(s / 3600);
  s -= h * 3600;
  const m = Math.floor(s / 60);
  s -= m * 60;
  const body = h > 0 ? `${h}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}` : `${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}`;
  return neg ? `−${body}` : body;
}

/** A contract target in minutes: "30 min", "4 h", "1 h 30"; no-break spaces, so a number never parts from its unit. */
export function formatTarget(minutes: number): string {
  if (minutes < 60) return `${minutes}\u00a0min`;
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return m ? `${h}\u00a0h\u00a0${String(m).padStart(2, '0')}` : `${h}\u00a0h`;
}

/** Shift clock "T+hh:mm" from virtual ms since the drill started. */
export function formatShiftTime(ms: number): string {
  const totalMin = Math.floor(Math.max(0, ms) / 60_000);
  const h = Math.floor(totalMin / 60);
  const m = totalMin % 60;
  const s = Math.floor((Math.max(0, ms) % 60_000) / 1000);
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}`;
}

export interface SlaDisplay { remaining: number; elapsed: number; share: number; phase: 'ok' | 'warning' | 'breached'; running: boolean }

/**
 * Remaining time on an SLA clock at virtual instant `now`. The view carries
 * the elapsed time at `viewNow` (the virtual time the server projected at);
 * a running clock keeps counting from there. The phase shown is the worse of
 * the server's and the one the countdown has reached since.
 */
export function slaAt(sla: SlaView, viewNow: number, now: number, warnShare: number): SlaDisplay {
  const running = !sla.paused && !sla.stopped;
  const elapsed = running ? sla.elapsed + Math.max(0, now - viewNow) : sla.elapsed;
  const remaining = sla.target - elapsed;
  const share = sla.target > 0 ? elapsed / sla.target : 0;
  const local: SlaDisplay['phase'] = remaining <= 0 ? 'breached' : share >= warnShare ? 'warning' : 'ok';
  const rank = { ok: 0, warning: 1, breached: 2 } as const;
  const phase = !running ? sla.phase : rank[local] > rank[sla.phase] ? local : sla.phase;
  return { remaining, elapsed, share, phase, running };
}

/** Scrolls the tab panel holding `el` so that `el` starts at its top (without moving the page). */
export function scrollPanelTo(el: HTMLElement | null): void {
  const panel = el?.closest<HTMLElement>('.tabpanel');
  if (!el || !panel) return;
  panel.scrollTop += el.getBoundingClientRect().top - panel.getBoundingClientRect().top;
}

/** Points to one decimal in the reader's language ("26,8" in French, "26.8" in English). */
export function formatPoints(n: number, lang: string): string {
  return formatNumber(n, lang, 1);
}
