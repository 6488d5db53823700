/**
 * The live per-trainee scores against the exact score of the whole log. A
 * recorded three-trainee drill is fed to a LiveFeedback batch by batch, as the
 * host stores it: after each batch, every trainee it concerned has exactly
 * the part the whole score gives them; at the end, everyone has.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCatalogOrThrow } from '../../server/src/catalog/load.js';
import { audienceOf } from '../../server/src/engine/fanout.js';
import { LiveFeedback, summaryOf } from '../../server/src/engine/live-feedback.js';
import { flushNow } from '../../server/src/engine/feedback-source.js';
import { applyFeedbackPatch, evidenceKey, sameEvidence, type HeldFeedback } from '../../server/src/domain/feedback-feed.js';
import type { Evidence } from '../../server/src/domain/scoring/types.js';
import { loadScorer, type Scorer } from '../../server/src/engine/scoring-adapter.js';
import { SessionMachine } from '../../server/src/domain/machine.js';
import { runDrill } from '../../server/src/domain/players/driver.js';
import { ModelPlayer } from '../../server/src/domain/players/model.js';
import { RandomPlayer } from '../../server/src/domain/players/random.js';
import { CarelessPlayer } from '../../server/src/domain/players/careless.js';
import { feedbackFor } from '../../server/src/domain/scoring/score.js';

const catalog = loadCatalogOrThrow();
const byKey = (items: readonly Evidence[]) => [...items].sort((a, b) => evidenceKey(a).localeCompare(evidenceKey(b)));
let scorer: Scorer;
beforeAll(async () => { scorer = await loadScorer(); }, 120_000);


describe('live per-trainee scores', () => {
  // These drills include recurring and major incidents (rules reading a trainee's other cases) and SLA
  // clocks (rules reading time).
  it.each(['tai-morning-shift', 'major-mail-outage', 'exam-mixed'])('give each trainee a batch concerned exactly their part of the whole score, and everyone at the end (%s)', (drillId) => {
    const run = runDrill({
      catalog, drillId, seed: 5,
      seats: [{ id: 'a', player: new RandomPlayer(5, 'a') }, { id: 'b', player: new ModelPlayer() }, { id: 'c', player: new CarelessPlayer() }],
    });
    const log = run.events;
    const m = new SessionMachine(catalog, log.slice(0, 3));
    const live = new LiveFeedback(() => m, scorer);
    let checked = 0;
    // Each trainee's items at their last check, by key: an item unchanged since must be the same object (held
    // once, and the next diff is an identity check), a changed one a new object.
    const lastSeen = new Map<string, Map<string, Evidence>>();
    let kept = 0;
    // Batches of 1 to 7 events, like actions with the schedule events due before them.
    for (let i = 3, size = 1; i < log.length; i += size, size = (size % 7) + 1) {
      const batch = m.append(log.slice(i, i + size));
      expect(batch.map((e) => e.seq)).toEqual(log.slice(i, i + size).map((e) => e.seq));
      live.noteDecided(batch);
      if (i % 5 !== 0) continue; // the live scores are asked for every few batches, as the flushes do
      const summary = live.liveSummary();
      const exact = scorer.score(m.events, catalog, m.state.rubricVersion, m.state);
      const audience = audienceOf(batch, m.state);
      for (const id of audience.all ? ['a', 'b', 'c'] : audience.trainees) {
        expect(summary.trainees[id]).toEqual(summaryOf(exact.trainees[id]!));
        expect(live.evidenceOf(id), `evidence of ${id} at seq ${m.state.seq}`).toEqual(feedbackFor(exact, m.state, id));
        const before = lastSeen.get(id);
        for (const e of before ? live.evidenceOf(id)! : []) {
          const was = before!.get(evidenceKey(e));
          if (!was || !sameEvidence(was, e)) continue;
          expect(e, `unchanged item ${evidenceKey(e)} of ${id} at seq ${m.state.seq}`).toBe(was);
          kept++;
        }
        lastSeen.set(id, new Map((live.evidenceOf(id) ?? []).map((e) => [evidenceKey(e), e])));
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(50);
    if (drillId !== 'exam-mixed') expect(kept).toBeGreaterThan(100); // an exam holds no feedback until released
    expect(m.state.status).toBe('stopped');
    const exact = scorer.score(m.events, catalog, m.state.rubricVersion, m.state);
    const summary = live.liveSummary();
    for (const id of ['a', 'b', 'c']) {
      expect(summary.trainees[id]).toEqual(summaryOf(exact.trainees[id]!));
      const full = live.results(id, 'full');
      expect(full.feedback?.set ?? []).toEqual(feedbackFor(exact, m.state, id));
    }
    // Items with the same wording share one explanation object, across cases and trainees (memory). An exam
    // holds no feedback until it is released.
    const held = ['a', 'b', 'c'].flatMap((id) => live.evidenceOf(id) ?? []);
    if (drillId === 'exam-mixed') { expect(held).toEqual([]); return; }
    const wordings = new Set(held.map((e) => e.explanation.fr));
    expect(new Set(held.map((e) => e.explanation)).size).toBe(wordings.size);
    expect(held.length).toBeGreaterThan(2 * wordings.size);
  }, 120_000);

  it('a flush answers the changes of the desks it names, which fold into exactly their part of the whole score', () => {
    const seats = ['a', 'b', 'c', 'd', 'e'].map((id, i) => ({ id, player: i % 2 ? new ModelPlayer() : new RandomPlayer(i, id) }));
    const run = runDrill({ catalog, drillId: 'tai-morning-shift', seed: 8, seats });
    const m = new SessionMachine(catalog, run.events.slice(0, 3));
    const live = new LiveFeedback(() => m, scorer);
    const held = new Map<string, HeldFeedback | undefined>();
    for (const id of seats.map((x) => x.id)) held.set(id, applyFeedbackPatch(undefined, live.results(id, 'full').feedback!));
    // A staff console that joined at the start, then folds the roll-ups each flush carries (only those that changed).
    const staffConsole = { ...live.liveSummary().trainees };
    const touched = new Set<string>();
    let flushes = 0, changed = 0, rollUpsSent = 0, rollUpsFlushed = 0;
    for (let i = 3, size = 1; i < run.events.length; i += size, size = (size % 7) + 1) {
      const batch = m.append(run.events.slice(i, i + size));
      for (const id of live.noteDecided(batch)) touched.add(id);
      if (i % 9 !== 0) continue;
      const answer = flushNow(live, [...touched], true);
      const exact = scorer.score(m.events, catalog, m.state.rubricVersion, m.state);
      Object.assign(staffConsole, answer.summary!.trainees);
      rollUpsSent += Object.keys(answer.summary!.trainees).length;
      rollUpsFlushed += touched.size;
      for (const d of answer.desks) {
        expect(touched.has(d.id)).toBe(true);
        if (d.change.feedback) held.set(d.id, applyFeedbackPatch(held.get(d.id), d.change.feedback));
        if (d.change.score) expect(d.change.score).toEqual(summaryOf(exact.trainees[d.id]!));
        changed++;
      }
      for (const id of touched) {
        // A patch appends new items: the client holds the same items, not always in the same order.
        expect(byKey(held.get(id)?.items ?? []), `feedback of ${id} at seq ${m.state.seq}`).toEqual(byKey(feedbackFor(exact, m.state, id)));
        expect(staffConsole[id], `roll-up of ${id} on the staff console at seq ${m.state.seq}`).toEqual(summaryOf(exact.trainees[id]!));
      }
      touched.clear();
      flushes++;
    }
    expect(flushes).toBeGreaterThan(10);
    expect(changed).toBeGreaterThan(flushes);
    // Fewer roll-ups travel than desks are flushed: unchanged ones stay where they are.
    expect(rollUpsSent).toBeLessThan(rollUpsFlushed);
  }, 120_000);
});
