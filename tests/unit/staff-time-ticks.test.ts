/**
 * The score chart's time axis: ticks computed from the span (whole seconds, one round step), so the "mm:ss" labels
 * are distinct and evenly spaced at any span, short ones included ("00:04 | 00:04" before).
 */
import { describe, expect, it } from 'vitest';
import { formatVirtual, timeTicks } from '../../client/src/evaluator/common/format.js';

const labels = (min: number, max: number) => timeTicks(min, max).map(formatVirtual);

describe('time axis ticks', () => {
  it('short spans: whole seconds, each label once', () => {
    expect(labels(4000, 4800)).toEqual(['00:04']);
    expect(labels(4200, 4800)).toEqual(['00:04']); // no whole second inside: one tick at the start
    expect(labels(3500, 6200)).toEqual(['00:04', '00:05', '00:06']);
    expect(timeTicks(0, 4000)).toEqual([0, 1000, 2000, 3000, 4000]);
  });

  it('longer spans: a round step (1, 2, 5, 10, 15, 30 s, minutes, hours)', () => {
    expect(labels(0, 10_000)).toEqual(['00:00', '00:02', '00:04', '00:06', '00:08', '00:10']);
    expect(labels(65_000, 610_000)).toEqual(['02:00', '04:00', '06:00', '08:00', '10:00']);
    expect(labels(0, 3 * 3_600_000)).toEqual(['00:00', '1:00:00', '2:00:00', '3:00:00']);
    expect(timeTicks(0, 40 * 86_400_000).length).toBeLessThanOrEqual(6);
  });

  it('at any span: 1 to 6 ticks inside the span, evenly spaced, labels distinct, at least 2 from 2 s on', () => {
    let seed = 42;
    const rand = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
    for (let i = 0; i < 5000; i++) {
      const min = Math.floor(rand() * 4 * 3_600_000);
      const span = Math.floor(10 ** (2 + rand() * 6)); // 100 ms to ~28 h
      const max = min + span;
      const ticks = timeTicks(min, max);
      expect(ticks.length).toBeGreaterThanOrEqual(1);
      expect(ticks.length).toBeLessThanOrEqual(6);
      if (span >= 2000) expect(ticks.length, `${min}..${max}`).toBeGreaterThanOrEqual(2);
      for (const t of ticks) expect(t >= min && t <= max).toBe(true);
      const gaps = new Set(ticks.slice(1).map((t, k) => t - ticks[k]!));
      expect(gaps.size).toBeLessThanOrEqual(1);
      expect(new Set(ticks.map(formatVirtual)).size).toBe(ticks.length);
    }
  });
});
