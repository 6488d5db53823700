/**
 * Feedback patches: whatever two successive lists the scorer produces, the
 * patch rebuilds the second from the first (same items; a changed item keeps
 * its place); a patch that does not fit what a client holds is refused (the
 * client then joins again).
 */
import { describe, expect, it } from 'vitest';
import { applyTraineeUpdate, type DeskState } from '../../server/src/desk-state.js';
import { applyFeedbackPatch, diffFeedback, evidenceKey, fullFeedback } from '../../server/src/domain/feedback-feed.js';
import { nextRandom, seedState } from '../../server/src/domain/random.js';
import type { Evidence } from '../../server/src/domain/scoring/types.js';
import type { TraineeSnapshot } from '../../server/src/protocol.js';

const item = (contact: number, criterionId = 'TAI-CP8-C1', points = 1, text = `action ${contact}`): Evidence => ({
  criterionId, traineeId: 't1', points, max: 1, eventSeq: contact, contactId: `c${contact}`, rule: 'qualification.impact',
  explanation: { fr: text, en: text },
});
/** The reference diff: both whole lists keyed. */
function keyedDiff(held: { version: number; items: readonly Evidence[] }, next: readonly Evidence[], version: number) {
  const before = new Map(held.items.map((e) => [evidenceKey(e), e]));
  const set: Evidence[] = [];
  for (const e of next) {
    const old = before.get(evidenceKey(e));
    if (!old || JSON.stringify(old) !== JSON.stringify(e)) set.push(e);
    before.delete(evidenceKey(e));
  }
  const drop = [...before.keys()];
  return set.length || drop.length ? { base: held.version, version, set, drop } : undefined;
}
const byKey = (xs: readonly Evidence[]) => [...xs].sort((a, b) => evidenceKey(a).localeCompare(evidenceKey(b)));

describe('diffFeedback / applyFeedbackPatch', () => {
  it('sends only the items new or changed, wherever they are, and the keys gone; equal lists give no patch', () => {
    const a = [item(1), item(2, 'TAI-CP8-C1', 1, 'Non résolu après 3 h'), item(3)];
    // The second item's text follows the clock; the third is gone; a fourth arrives.
    const b = [item(1), item(2, 'TAI-CP8-C1', 1, 'Non résolu après 3 h 10 min'), item(4)];
    const p = diffFeedback({ version: 7, items: a }, b, 8)!;
    expect(p).toMatchObject({ base: 7, version: 8, drop: [evidenceKey(item(3))] });
    expect(p.set.map((e) => e.contactId)).toEqual(['c2', 'c4']);
    const after = applyFeedbackPatch({ version: 7, items: a }, p)!;
    expect(after.version).toBe(8);
    // A changed item keeps its place; a new one comes last.
    expect(after.items).toEqual(b);
    // Copies of equal items are equal: no patch.
    expect(diffFeedback({ version: 8, items: b }, b.map((e) => ({ ...e, explanation: { ...e.explanation } })), 9)).toBeUndefined();
  });

  it('rebuilds any next list from any held list, as a set of items (seeded random lists)', () => {
    let state = seedState(42);
    const next = () => { const r = nextRandom(state); state = r.state; return r.value; };
    let held = { version: 1, items: [] as Evidence[] };
    let contact = 0;
    for (let round = 0; round < 300; round++) {
      // Drop some, change a few points or texts, append some, in any position.
      const items = held.items.filter(() => next() > 0.1).map((e) => (next() < 0.05 ? { ...e, points: 0 } : next() < 0.05 ? { ...e, explanation: { fr: `x${round}`, en: `x${round}` } } : e));
      const added = Math.floor(next() * 5);
      for (let i = 0; i < added; i++) items.splice(Math.floor(next() * (items.length + 1)), 0, item(++contact, next() < 0.5 ? 'TAI-CP8-C1' : 'TSSR-CP3-C2'));
      const p = diffFeedback(held, items, held.version + 1);
      // The positional walk gives exactly the patch of keying both whole lists.
      expect(p).toEqual(keyedDiff(held, items, held.version + 1));
      const after = p ? applyFeedbackPatch(held, p) : held;
      expect(byKey(after!.items)).toEqual(byKey(items));
      held = { version: after!.version, items: [...after!.items] };
    }
  });

  it('refuses a patch built on another version, and a whole list always applies', () => {
    const held = { version: 3, items: [item(1)] };
    const p = diffFeedback(held, [item(1), item(2)], 4)!;
    expect(applyFeedbackPatch({ version: 2, items: [item(1)] }, p)).toBeUndefined();
    expect(applyFeedbackPatch(undefined, p)).toBeUndefined();
    expect(applyFeedbackPatch({ version: 9, items: [item(9)] }, fullFeedback(held))).toEqual({ version: 3, items: [item(1)] });
  });

  it('leaves a list as it is when a patch older than it arrives late (a join answered with a later whole list)', () => {
    const v3 = { version: 3, items: [item(1)] };
    const p = diffFeedback(v3, [item(1), item(2)], 4)!;
    const v4 = applyFeedbackPatch(v3, p)!;
    const v5 = applyFeedbackPatch(v4, diffFeedback(v4, [item(2)], 5)!)!;
    expect(v5.items).toEqual([item(2)]);
    // The v3 → v4 patch again, after the v5 list: nothing changes (item 1, dropped at v5, does not come back).
    expect(applyFeedbackPatch(v5, p)).toBe(v5);
    // A patch from a later version than held, built on one never received, still does not fit.
    expect(applyFeedbackPatch(v3, diffFeedback(v4, [item(2)], 5)!)).toBeUndefined();
  });
});

describe('applyTraineeUpdate', () => {
  const view = (seq: number) => ({ role: 'trainee', seq } as unknown as TraineeSnapshot['view']);
  const upd = (seq: number, extra: Partial<TraineeSnapshot> = {}): TraineeSnapshot => ({ sessionId: 's1', seq, view: view(seq), ...extra });

  it('keeps the newest view, applies patches in version order, keeps the roll-up until a new one comes', () => {
    let d = applyTraineeUpdate(undefined, upd(5, { feedback: { base: 0, version: 10, set: [item(1)], drop: [] }, score: { traineeId: 't1', points: 1, max: 1, criteria: {}, competences: {} } }))!;
    expect(d).toMatchObject({ seq: 5, feedbackVersion: 10 });
    d = applyTraineeUpdate(d, upd(7))!;
    expect(d.seq).toBe(7);
    expect(d.feedback).toEqual([item(1)]);
    expect(d.score?.points).toBe(1);
    // An older view arriving late is not shown, but its patch applies.
    const late = applyTraineeUpdate(d, upd(6, { feedback: { base: 10, version: 11, set: [item(2)], drop: [] } }))!;
    expect(late.seq).toBe(7);
    expect(late.view).toBe(d.view);
    expect(late.feedback.map((e) => e.eventSeq)).toEqual([1, 2]);
    // A stale view with nothing else changes nothing.
    expect(applyTraineeUpdate(late, upd(3))).toBe(late);
  });

  it('reports a missed patch so the client joins again', () => {
    const d: DeskState = { sessionId: 's1', seq: 5, view: view(5), feedback: [item(1)], feedbackVersion: 10 };
    expect(applyTraineeUpdate(d, upd(8, { feedback: { base: 12, version: 13, set: [], drop: [] } }))).toBeUndefined();
    // Before any list arrived, only a whole list applies.
    expect(applyTraineeUpdate(undefined, upd(8, { feedback: { base: 12, version: 13, set: [], drop: [] } }))).toBeUndefined();
  });
});
