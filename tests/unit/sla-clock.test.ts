import { describe, expect, it } from 'vitest';
import { pauseClock, setSpeed, startClock, stoppedClock, virtualNow, wallAt } from '../../server/src/domain/clock.js';
import { MINUTE, elapsed, pauseTimer, phase, reachesAt, remaining, resumeTimer, startTimer, stopTimer, targetsFor } from '../../server/src/domain/sla.js';
import { DEFAULT_CONTRACT } from '../../server/src/domain/priority.js';
import { Rng, nextRandom, seedState } from '../../server/src/domain/random.js';

describe('virtual clock', () => {
  it('runs at its speed, stands still while paused, and keeps time across speed changes', () => {
    let c = startClock(stoppedClock(10), 1_000_000, 0);
    expect(virtualNow(c, 1_000_000 + 6_000)).toBe(60_000); // 6 s of wall time at ×10
    c = pauseClock(c, virtualNow(c, 1_006_000), 1_006_000);
    expect(virtualNow(c, 9_999_999)).toBe(60_000);
    expect(wallAt(c, 70_000)).toBe(Number.POSITIVE_INFINITY);
    c = startClock(c, 2_000_000, c.anchorVirtual);
    c = setSpeed(c, 1, virtualNow(c, 2_001_000), 2_001_000); // 1 s at ×10 = 10 s virtual, then ×1
    expect(virtualNow(c, 2_001_000)).toBe(70_000);
    expect(virtualNow(c, 2_003_000)).toBe(72_000);
    expect(wallAt(c, 80_000)).toBe(2_011_000);
  });
});

describe('SLA arithmetic', () => {
  const { response, resolution } = targetsFor(DEFAULT_CONTRACT, 'P2'); // 10 min / 240 min
  it('takes the targets of the priority, or the default priority before qualification', () => {
    expect(response).toBe(10 * MINUTE);
    expect(resolution).toBe(240 * MINUTE);
    expect(targetsFor(DEFAULT_CONTRACT, undefined)).toEqual({ response: 15 * MINUTE, resolution: 480 * MINUTE });
  });

  it('warns at 75 % and breaches at 100 %', () => {
    const t = startTimer(0);
    expect(phase(t, response, 0.75, 7.4 * MINUTE)).toBe('ok');
    expect(phase(t, response, 0.75, 7.5 * MINUTE)).toBe('warning');
    expect(phase(t, response, 0.75, 10 * MINUTE)).toBe('breached');
    expect(reachesAt(t, response * 0.75)).toBe(7.5 * MINUTE);
  });

  it('pauses while pending: paused time does not count, and the due instants move', () => {
    let t = startTimer(0);
    t = pauseTimer(t, 60 * MINUTE); // pending after 1 h
    expect(elapsed(t, 500 * MINUTE)).toBe(60 * MINUTE);
    expect(reachesAt(t, resolution)).toBeUndefined();
    expect(phase(t, resolution, 0.75, 1000 * MINUTE)).toBe('ok');
    t = resumeTimer(t, 200 * MINUTE); // back after 140 min of waiting
    expect(elapsed(t, 200 * MINUTE)).toBe(60 * MINUTE);
    expect(reachesAt(t, resolution * 0.75)).toBe(140 * MINUTE + 180 * MINUTE);
    expect(phase(t, resolution, 0.75, 319 * MINUTE)).toBe('ok');
    expect(phase(t, resolution, 0.75, 320 * MINUTE)).toBe('warning');
    expect(phase(t, resolution, 0.75, 380 * MINUTE)).toBe('breached');
    expect(remaining(t, resolution, 300 * MINUTE)).toBe(80 * MINUTE);
  });

  it('pausing twice or resuming a running timer changes nothing; a stopped timer freezes', () => {
    const t = pauseTimer(pauseTimer(startTimer(0), 10), 20);
    expect(t.pausedSince).toBe(10);
    expect(resumeTimer(startTimer(5), 50)).toEqual(startTimer(5));
    const s = stopTimer(pauseTimer(startTimer(0), 30 * MINUTE), 50 * MINUTE);
    expect(elapsed(s, 999 * MINUTE)).toBe(30 * MINUTE);
    expect(reachesAt(s, MINUTE)).toBeUndefined();
  });

  it('counts SLA in virtual time, so a speed change mid-ticket moves the wall deadline, not the virtual one', () => {
    // Ticket arrives at virtual 0 on a ×1 clock started at wall 0; the response warning is due at virtual 7.5 min.
    let clock = startClock(stoppedClock(1), 0, 0);
    const timer = startTimer(0);
    const due = reachesAt(timer, response * 0.75)!;
    expect(wallAt(clock, due)).toBe(7.5 * MINUTE);
    // After 1 wall minute the trainer speeds up to ×5: the remaining 6.5 virtual minutes take 1.3 wall minutes.
    clock = setSpeed(clock, 5, virtualNow(clock, MINUTE), MINUTE);
    expect(wallAt(clock, due)).toBeCloseTo(MINUTE + 1.3 * MINUTE);
    // Pausing for an hour of wall time moves nothing in virtual time.
    clock = pauseClock(clock, virtualNow(clock, 2 * MINUTE), 2 * MINUTE);
    clock = startClock(clock, 62 * MINUTE, clock.anchorVirtual);
    expect(virtualNow(clock, 62 * MINUTE)).toBe(6 * MINUTE);
    expect(phase(timer, response, 0.75, virtualNow(clock, 62 * MINUTE))).toBe('ok');
    expect(phase(timer, response, 0.75, virtualNow(clock, 62.3 * MINUTE))).toBe('warning');
  });
});

describe('seeded randomness', () => {
  it('draws the same sequence from the same seed, another from another', () => {
    const a = new Rng(seedState(42)); const b = new Rng(seedState(42)); const c = new Rng(seedState(43));
    const sa = Array.from({ length: 20 }, () => a.next());
    expect(Array.from({ length: 20 }, () => b.next())).toEqual(sa);
    expect(Array.from({ length: 20 }, () => c.next())).not.toEqual(sa);
    expect(sa.every((x) => x >= 0 && x < 1)).toBe(true);
  });
  it('keeps its whole state in one number (so it can live in session state)', () => {
    const d1 = nextRandom(seedState('drill'));
    expect(nextRandom(d1.state)).toEqual(nextRandom(d1.state));
    expect(seedState('drill')).toBe(seedState('drill'));
  });
});
