/**
 * Folding staff pushes: a partial push replaces the desks and roll-ups it
 * carries and keeps the others; one that does not continue what is held asks
 * for a join; a whole view (join answer) replaces unless it is older.
 */
import { describe, expect, it } from 'vitest';
import type { StaffUpdate } from '../../server/src/protocol.js';
import { applyStaffUpdate } from '../../server/src/staff-state.js';

const desk = (traineeId: string, tickets: number) => ({ traineeId, contacts: [], tickets: Array.from({ length: tickets }, (_, i) => ({ id: `${traineeId}-${i}` })), problems: [], articles: [], assetChanges: {} });
const score = (traineeId: string, points: number) => ({ traineeId, points, max: 10, criteria: {}, competences: {} });
const trainees = [{ id: 'a', name: 'A' }, { id: 'b', name: 'B' }, { id: 'c', name: 'C' }];

function update(seq: number, fromSeq: number, desks: ReturnType<typeof desk>[], points: Record<string, number>, partial: boolean): StaffUpdate {
  return {
    sessionId: 's', seq, fromSeq, events: [],
    view: { role: 'staff', session: { seq, trainees, now: 0 } as never, desks: desks as never, overrides: [] },
    scores: { rubricVersion: 'v1', evidence: [], trainees: Object.fromEntries(Object.entries(points).map(([id, p]) => [id, score(id, p)])) } as never,
    ...(partial ? { partial: true as const } : {}),
  };
}

describe('applyStaffUpdate', () => {
  const whole = update(10, 0, [desk('a', 1), desk('b', 1), desk('c', 1)], { a: 1, b: 1, c: 1 }, false);

  it('merges a partial push desk by desk and roll-up by roll-up, in the trainees\' order', () => {
    const next = applyStaffUpdate(whole, update(14, 10, [desk('b', 3)], { b: 5 }, true))!;
    expect(next.partial).toBeUndefined();
    expect(next.seq).toBe(14);
    expect(next.view.desks.map((d) => [d.traineeId, d.tickets.length])).toEqual([['a', 1], ['b', 3], ['c', 1]]);
    expect(Object.fromEntries(Object.entries(next.scores.trainees).map(([id, t]) => [id, t.points]))).toEqual({ a: 1, b: 5, c: 1 });
  });

  it('asks for a join when a partial push does not continue what is held, or nothing whole is held', () => {
    expect(applyStaffUpdate(whole, update(20, 15, [desk('a', 2)], { a: 2 }, true))).toBeUndefined();
    expect(applyStaffUpdate(undefined, update(12, 10, [desk('a', 2)], { a: 2 }, true))).toBeUndefined();
  });

  it('keeps what is held against older updates, and takes a newer whole view as it is', () => {
    expect(applyStaffUpdate(whole, update(8, 5, [desk('a', 0)], { a: 0 }, true))).toBe(whole);
    expect(applyStaffUpdate(whole, update(9, 0, [desk('a', 0)], { a: 0 }, false))).toBe(whole);
    const newer = update(30, 0, [desk('a', 4), desk('b', 4), desk('c', 4)], { a: 4, b: 4, c: 4 }, false);
    expect(applyStaffUpdate(whole, newer)).toBe(newer);
  });
});
