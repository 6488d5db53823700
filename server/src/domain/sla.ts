/**
 * SLA arithmetic in virtual time: response (take-in) and resolution targets per
 * priority, paused while a ticket is pending, with a warning at a share of the
 * target and a breach at the target.
 */
import type { Contract } from './scenario.js';

export const MINUTE = 60_000;

/** One running SLA timer. `pausedSince` is set while the ticket is pending. */
export interface SlaTimer {
  start: number;
  pausedMs: number;
  pausedSince?: number;
  /** Set when the timer stops for good (taken in, resolved). */
  stoppedAt?: number;
}

export type SlaPhase = 'ok' | 'warning' | 'breached';

export const startTimer = (start: number): SlaTimer => ({ start, pausedMs: 0 });

export function pauseTimer(timer: SlaTimer, at: number): SlaTimer {
  if (timer.pausedSince !== undefined || timer.stoppedAt !== undefined) return timer;
  return { ...timer, pausedSince: at };
}

export function resumeTimer(timer: SlaTimer, at: number): SlaTimer {
  if (timer.pausedSince === undefined) return timer;
  return { start: timer.start, pausedMs: timer.pausedMs + Math.max(0, at - timer.pausedSince), ...(timer.stoppedAt !== undefined ? { stoppedAt: timer.stoppedAt } : {}) };
}

export function stopTimer(timer: SlaTimer, at: number): SlaTimer {
  if (timer.stoppedAt !== undefined) return timer;
  const resumed = resumeTimer(timer, at);
  return { ...resumed, stoppedAt: at };
}

/** Active (counted) virtual time at `now`. */
export function elapsed(timer: SlaTimer, now: number): number {
  const end = timer.stoppedAt ?? timer.pausedSince ?? now;
  return Math.max(0, Math.min(end, now) - timer.start - timer.pausedMs);
}

export function phase(timer: SlaTimer, target: number, warnShare: number, now: number): SlaPhase {
  const e = elapsed(timer, now);
  if (e >= target) return 'breached';
  if (e >= target * warnShare) return 'warning';
  return 'ok';
}

export function remaining(timer: SlaTimer, target: number, now: number): number {
  return target - elapsed(timer, now);
}

/** Virtual instant at which the timer reaches `amount` of active time, or undefined if paused/stopped. */
export function reachesAt(timer: SlaTimer, amount: number): number | undefined {
  if (timer.pausedSince !== undefined || timer.stoppedAt !== undefined) return undefined;
  return timer.start + timer.pausedMs + amount;
}

export interface SlaTargets { response: number; resolution: number }

export function targetsFor(contract: Contract, priority: string | undefined): SlaTargets {
  const p = contract.priorities[priority ?? contract.defaultPriority] ?? contract.priorities[contract.defaultPriority]!;
  return { response: p.responseMinutes * MINUTE, resolution: p.resolutionMinutes * MINUTE };
}
