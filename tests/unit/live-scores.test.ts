/**
 * The live per-trainee scores against the exact score of the whole log. A
 * recorded three-trainee drill is fed to a LiveSession batch by batch, as the
 * host stores it: after each batch, every trainee it concerned has exactly
 * the part the whole score gives them; at the end, everyone has.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCatalogOrThrow } from '../../server/src/catalog/load.js';
import { audienceOf } from '../../server/src/engine/fanout.js';
import { LiveSession, summaryOf } from '../../server/src/engine/live-session.js';
import { loadScorer, type Scorer } from '../../server/src/engine/scoring-adapter.js';
import { SessionMachine } from '../../server/src/domain/machine.js';
import { runDrill } from '../../server/src/domain/players/driver.js';
import { ModelPlayer } from '../../server/src/domain/players/model.js';
import { RandomPlayer } from '../../server/src/domain/players/random.js';
import { CarelessPlayer } from '../../server/src/domain/players/careless.js';
import type { SessionRecord } from '../../server/src/store/types.js';
import { feedbackFor } from '../../server/src/domain/scoring/score.js';

const catalog = loadCatalogOrThrow();
let scorer: Scorer;
beforeAll(async () => { scorer = await loadScorer(); }, 120_000);

/** A trainee's live evidence, as the next push would carry it (private to LiveSession). */
const liveEvidence = (live: LiveSession, id: string) => (live as unknown as { parts: Map<string, { evidence: unknown[] }> }).parts.get(id)?.evidence;

describe('live per-trainee scores', () => {
  // The live parts reuse judgements whose inputs did not change (JudgementCache): these drills include
  // recurring and major incidents (rules reading a trainee's other cases) and SLA clocks (rules reading time).
  it.each(['tai-morning-shift', 'major-mail-outage', 'exam-mixed'])('give each trainee a batch concerned exactly their part of the whole score, and everyone at the end (%s)', (drillId) => {
    const run = runDrill({
      catalog, drillId, seed: 5,
      seats: [{ id: 'a', player: new RandomPlayer(5, 'a') }, { id: 'b', player: new ModelPlayer() }, { id: 'c', player: new CarelessPlayer() }],
    });
    const log = run.events;
    const m = new SessionMachine(catalog, log.slice(0, 3));
    const live = new LiveSession({ id: 'ses_live' } as SessionRecord, m, scorer);
    let checked = 0;
    // Batches of 1 to 7 events, like actions with the schedule events due before them.
    for (let i = 3, size = 1; i < log.length; i += size, size = (size % 7) + 1) {
      const batch = m.append(log.slice(i, i + size));
      expect(batch.map((e) => e.seq)).toEqual(log.slice(i, i + size).map((e) => e.seq));
      live.noteDecided(batch);
      if (i % 5 !== 0) continue; // the live scores are asked for every few batches, as the flushes do
      const summary = live.liveSummary();
      const exact = live.scores();
      const audience = audienceOf(batch, m.state);
      for (const id of audience.all ? ['a', 'b', 'c'] : audience.trainees) {
        expect(summary.trainees[id]).toEqual(summaryOf(exact.trainees[id]!));
        expect(liveEvidence(live, id), `evidence of ${id} at seq ${m.state.seq}`).toEqual(feedbackFor(exact, m.state, id));
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(50);
    expect(m.state.status).toBe('stopped');
    const exact = live.scores();
    const summary = live.liveSummary();
    for (const id of ['a', 'b', 'c']) {
      expect(summary.trainees[id]).toEqual(summaryOf(exact.trainees[id]!));
      const full = live.results(id, 'full');
      expect(full.feedback?.set ?? []).toEqual(feedbackFor(exact, m.state, id));
    }
  }, 120_000);

  it('scored a few desks per pass within a time budget (a flush spread over several loop turns), give the same parts as one pass', () => {
    const seats = ['a', 'b', 'c', 'd', 'e'].map((id, i) => ({ id, player: i % 2 ? new ModelPlayer() : new RandomPlayer(i, id) }));
    const run = runDrill({ catalog, drillId: 'tai-morning-shift', seed: 8, seats });
    const ids = seats.map((x) => x.id);
    const m = new SessionMachine(catalog, run.events.slice(0, 3));
    const live = new LiveSession({ id: 'ses_sliced' } as SessionRecord, m, scorer);
    let slicedFlushes = 0;
    const touched = new Set<string>();
    for (let i = 3, size = 1; i < run.events.length; i += size, size = (size % 7) + 1) {
      for (const id of live.noteDecided(m.append(run.events.slice(i, i + size)))) touched.add(id);
      if (i % 9 !== 0) continue;
      // A zero budget still scores one chunk per call: the flush needs several calls when many desks are stale.
      let calls = 1;
      while (!live.refreshWithin(ids, 0)) calls++;
      if (calls > 1) slicedFlushes++;
      // As after a flush: every desk touched since the previous one holds what the whole score gives it now.
      const exact = live.scores();
      for (const id of touched) expect(liveEvidence(live, id), `evidence of ${id} at seq ${m.state.seq}`).toEqual(feedbackFor(exact, m.state, id));
      touched.clear();
    }
    expect(slicedFlushes).toBeGreaterThan(5);
  }, 120_000);
});
