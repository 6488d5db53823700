/**
 * Feedback patches: whatever two successive lists the scorer produces, the
 * patch rebuilds the second from the first exactly; a patch that does not fit
 * what a client holds is refused (the client then joins again).
 */
import { describe, expect, it } from 'vitest';
import { applyTraineeUpdate, type DeskState } from '../../server/src/desk-state.js';
import { applyFeedbackPatch, diffFeedback, fullFeedback } from '../../server/src/domain/feedback-feed.js';
import { nextRandom, seedState } from '../../server/src/domain/random.js';
import type { Evidence } from '../../server/src/domain/scoring/types.js';
import type { TraineeUpdate } from '../../server/src/protocol.js';

const item = (seq: number, criterionId = 'TAI-CP8-C1', points = 1): Evidence => ({
  criterionId, traineeId: 't1', points, max: 1, eventSeq: seq, contactId: `c${seq}`, rule: 'qualification.impact',
  explanation: { fr: `action ${seq}`, en: `action ${seq}` },
});

describe('diffFeedback / applyFeedbackPatch', () => {
  it('sends only what follows the common prefix, and equal lists give no patch', () => {
    const a = [item(1), item(2), item(3)];
    const b = [item(1), item(2), item(3, 'TAI-CP8-C1', 0), item(4)];
    const p = diffFeedback({ version: 7, items: a }, b, 8)!;
    expect(p).toMatchObject({ base: 7, version: 8, keep: 2 });
    expect(p.add.map((e) => e.eventSeq)).toEqual([3, 4]);
    expect(applyFeedbackPatch({ version: 7, items: a }, p)).toEqual({ version: 8, items: b });
    // Copies of equal items are equal: no patch.
    expect(diffFeedback({ version: 8, items: b }, b.map((e) => ({ ...e, explanation: { ...e.explanation } })), 9)).toBeUndefined();
  });

  it('rebuilds any next list from any held list (seeded random lists)', () => {
    let state = seedState(42);
    const next = () => { const r = nextRandom(state); state = r.state; return r.value; };
    let held = { version: 1, items: [] as Evidence[] };
    for (let round = 0; round < 300; round++) {
      // Keep a random prefix, change a few points, append some, sometimes shrink.
      const keep = Math.floor(next() * (held.items.length + 1));
      const items = held.items.slice(0, keep).map((e) => (next() < 0.05 ? { ...e, points: 0 } : e));
      const added = Math.floor(next() * 5);
      for (let i = 0; i < added; i++) items.push(item(round * 10 + i, next() < 0.5 ? 'TAI-CP8-C1' : 'TSSR-CP3-C2'));
      const p = diffFeedback(held, items, held.version + 1);
      const after = p ? applyFeedbackPatch(held, p) : held;
      expect(after?.items).toEqual(items);
      held = { version: after!.version, items: [...after!.items] };
    }
  });

  it('refuses a patch built on another version, and a whole list always applies', () => {
    const held = { version: 3, items: [item(1)] };
    const p = diffFeedback(held, [item(1), item(2)], 4)!;
    expect(applyFeedbackPatch({ version: 2, items: [item(1)] }, p)).toBeUndefined();
    expect(applyFeedbackPatch(undefined, p)).toBeUndefined();
    expect(applyFeedbackPatch({ version: 3, items: [] }, { ...p, keep: 5 })).toBeUndefined();
    expect(applyFeedbackPatch({ version: 9, items: [item(9)] }, fullFeedback(held))).toEqual({ version: 3, items: [item(1)] });
  });
});

describe('applyTraineeUpdate', () => {
  const view = (seq: number) => ({ role: 'trainee', seq } as unknown as TraineeUpdate['view']);
  const upd = (seq: number, extra: Partial<TraineeUpdate> = {}): TraineeUpdate => ({ sessionId: 's1', seq, view: view(seq), ...extra });

  it('keeps the newest view, applies patches in version order, keeps the roll-up until a new one comes', () => {
    let d = applyTraineeUpdate(undefined, upd(5, { feedback: { base: 0, version: 10, keep: 0, add: [item(1)] }, score: { traineeId: 't1', points: 1, max: 1, criteria: {}, competences: {} } }))!;
    expect(d).toMatchObject({ seq: 5, feedbackVersion: 10 });
    d = applyTraineeUpdate(d, upd(7))!;
    expect(d.seq).toBe(7);
    expect(d.feedback).toEqual([item(1)]);
    expect(d.score?.points).toBe(1);
    // An older view arriving late is not shown, but its patch applies.
    const late = applyTraineeUpdate(d, upd(6, { feedback: { base: 10, version: 11, keep: 1, add: [item(2)] } }))!;
    expect(late.seq).toBe(7);
    expect(late.view).toBe(d.view);
    expect(late.feedback.map((e) => e.eventSeq)).toEqual([1, 2]);
    // A stale view with nothing else changes nothing.
    expect(applyTraineeUpdate(late, upd(3))).toBe(late);
  });

  it('reports a missed patch so the client joins again', () => {
    const d: DeskState = { sessionId: 's1', seq: 5, view: view(5), feedback: [item(1)], feedbackVersion: 10 };
    expect(applyTraineeUpdate(d, upd(8, { feedback: { base: 12, version: 13, keep: 1, add: [] } }))).toBeUndefined();
    // Before any list arrived, only a whole list applies.
    expect(applyTraineeUpdate(undefined, upd(8, { feedback: { base: 12, version: 13, keep: 0, add: [] } }))).toBeUndefined();
  });
});
