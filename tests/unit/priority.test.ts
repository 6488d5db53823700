import { describe, expect, it } from 'vitest';
import { DEFAULT_CONTRACT, levelDistance, priorityOf } from '../../server/src/domain/priority.js';
import type { Contract } from '../../server/src/domain/scenario.js';

describe('priority matrix', () => {
  const cases: [string, string, string][] = [
    ['high', 'high', 'P1'], ['high', 'medium', 'P2'], ['high', 'low', 'P3'],
    ['medium', 'high', 'P2'], ['medium', 'medium', 'P3'], ['medium', 'low', 'P4'],
    ['low', 'high', 'P3'], ['low', 'medium', 'P4'], ['low', 'low', 'P5'],
  ];
  for (const [i, u, p] of cases) it(`impact ${i} × urgency ${u} = ${p}`, () => expect(priorityOf(DEFAULT_CONTRACT, i, u)).toEqual({ ok: true, value: p }));

  it('refuses values off the scale, naming the scale', () => {
    const r = priorityOf(DEFAULT_CONTRACT, 'huge', 'high');
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error).toEqual({ code: 'priority/unknown_impact', message: expect.stringContaining('high, medium, low') });
    expect(!priorityOf(DEFAULT_CONTRACT, 'high', 'now').ok).toBe(true);
  });

  it("uses the contract's own matrix when it overrides the default (4×4 here)", () => {
    const four: Contract = {
      ...DEFAULT_CONTRACT,
      impact: ['crit', 'high', 'med', 'low'].map((id) => ({ id, label: { fr: id } })),
      urgency: ['crit', 'high', 'med', 'low'].map((id) => ({ id, label: { fr: id } })),
      matrix: Object.fromEntries(['crit', 'high', 'med', 'low'].map((i, a) => [i, Object.fromEntries(['crit', 'high', 'med', 'low'].map((u, b) => [u, `P${Math.min(4, a + b + 1)}`]))])),
      priorities: { P1: DEFAULT_CONTRACT.priorities.P1!, P2: DEFAULT_CONTRACT.priorities.P2!, P3: DEFAULT_CONTRACT.priorities.P3!, P4: DEFAULT_CONTRACT.priorities.P4! },
    };
    expect(priorityOf(four, 'crit', 'crit')).toEqual({ ok: true, value: 'P1' });
    expect(priorityOf(four, 'med', 'high')).toEqual({ ok: true, value: 'P4' });
    expect(priorityOf(four, 'medium', 'high').ok).toBe(false);
  });

  it('measures distance between levels for partial credit', () => {
    expect(levelDistance(DEFAULT_CONTRACT.impact, 'high', 'high')).toBe(0);
    expect(levelDistance(DEFAULT_CONTRACT.impact, 'high', 'medium')).toBe(1);
    expect(levelDistance(DEFAULT_CONTRACT.impact, 'low', 'high')).toBe(2);
    expect(levelDistance(DEFAULT_CONTRACT.impact, 'low', 'nope')).toBeUndefined();
  });
});
