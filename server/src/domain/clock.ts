/**
 * Virtual clock as pure arithmetic. The shell passes wall time in; the core
 * never reads a clock. Virtual time is milliseconds since the drill started.
 */
export interface ClockState {
  speed: number;
  running: boolean;
  /** Virtual time at the last anchor (start, pause, resume or speed change). */
  anchorVirtual: number;
  /** Wall time (ms since epoch) at that anchor. */
  anchorWall: number;
}

export const stoppedClock = (speed = 1): ClockState => ({ speed, running: false, anchorVirtual: 0, anchorWall: 0 });

export function virtualNow(clock: ClockState, wallNow: number): number {
  if (!clock.running) return clock.anchorVirtual;
  return clock.anchorVirtual + Math.max(0, wallNow - clock.anchorWall) * clock.speed;
}

/** Wall time at which a virtual instant will be reached (Infinity while paused). */
export function wallAt(clock: ClockState, virtual: number): number {
  if (!clock.running) return Number.POSITIVE_INFINITY;
  return clock.anchorWall + Math.max(0, virtual - clock.anchorVirtual) / clock.speed;
}

export function startClock(clock: ClockState, wallNow: number, virtual: number): ClockState {
  return { ...clock, running: true, anchorVirtual: virtual, anchorWall: wallNow };
}

export function pauseClock(clock: ClockState, virtual: number, wallNow: number): ClockState {
  return { ...clock, running: false, anchorVirtual: virtual, anchorWall: wallNow };
}

export function setSpeed(clock: ClockState, speed: number, virtual: number, wallNow: number): ClockState {
  return { ...clock, speed, anchorVirtual: virtual, anchorWall: wallNow };
}
