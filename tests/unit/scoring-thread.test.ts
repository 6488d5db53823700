/**
 * The scoring thread (a real worker thread with the real rules) against
 * scoring on the calling thread: fed the same batches of played drills, its
 * flushes fold into the same feedback and roll-ups; it survives being killed
 * mid-drill; it runs below the event loop's CPU priority; it keeps exam
 * feedback to itself.
 */
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import type { Worker } from 'node:worker_threads';
import { loadCatalogOrThrow } from '../../server/src/catalog/load.js';
import { applyFeedbackPatch, evidenceKey, type HeldFeedback } from '../../server/src/domain/feedback-feed.js';
import { SessionMachine } from '../../server/src/domain/machine.js';
import { runDrill } from '../../server/src/domain/players/driver.js';
import { createPlayer } from '../../server/src/domain/players/index.js';
import { feedbackFor } from '../../server/src/domain/scoring/score.js';
import type { Evidence } from '../../server/src/domain/scoring/types.js';
import { inlineFeedback, type FeedbackSource, type FlushAnswer } from '../../server/src/engine/feedback-source.js';
import { summaryOf } from '../../server/src/engine/live-feedback.js';
import { loadScorer, type Scorer } from '../../server/src/engine/scoring-adapter.js';
import { ScoringThread } from '../../server/src/engine/scoring-thread.js';
import { BACKGROUND_NICE, currentThreadId } from '../../server/src/engine/thread-priority.js';
import { audienceOf } from '../../server/src/engine/fanout.js';

const catalog = loadCatalogOrThrow();
let scorer: Scorer;
let thread: ScoringThread;
beforeAll(async () => {
  scorer = await loadScorer();
  thread = await ScoringThread.start({ catalog, source: scorer.source!, logger: pino({ level: 'silent' }) });
}, 120_000);
afterAll(() => thread?.close());

const byKey = (items: readonly Evidence[]) => [...items].sort((a, b) => evidenceKey(a).localeCompare(evidenceKey(b)));

/** What a trainee's clients hold after folding a flush's answers (feedback list and roll-up). */
class Held {
  readonly feedback = new Map<string, HeldFeedback | undefined>();
  readonly score = new Map<string, unknown>();
  fold(answer: FlushAnswer): void {
    for (const d of answer.desks) {
      if (d.change.feedback) {
        const next = applyFeedbackPatch(this.feedback.get(d.id), d.change.feedback);
        expect(next, `a patch for ${d.id} did not fit what its clients hold`).toBeDefined();
        this.feedback.set(d.id, next);
      }
      if (d.change.score) this.score.set(d.id, d.change.score);
    }
  }
}

const seats = (ids: string[]) => ids.map((id, i) => ({ id, player: createPlayer((['model', 'careless', 'random'] as const)[i % 3]!, 11 + i, id) }));

/** Plays a drill into a live machine batch by batch, telling each source, and flushes every few batches. */
async function play(drillId: string, sources: FeedbackSource[], m: SessionMachine, log: readonly { seq: number }[], onFlush: (answers: FlushAnswer[], ids: string[], i: number) => Promise<void> | void): Promise<number> {
  const touched = new Set<string>();
  let flushes = 0;
  for (let i = m.state.seq, size = 1, k = 0; i < log.length; i += size, size = (size % 5) + 1, k++) {
    const batch = m.append((log as never[]).slice(i, i + size));
    for (const s of sources) s.noted(batch);
    const a = audienceOf(batch, m.state);
    for (const id of a.all ? m.state.trainees.map((t) => t.id) : a.trainees) touched.add(id);
    if (k % 4 !== 3) continue;
    const ids = [...touched];
    touched.clear();
    await onFlush(await Promise.all(sources.map((s) => s.flush(ids, true))), ids, i);
    flushes++;
  }
  void drillId;
  return flushes;
}

describe('the scoring thread', () => {
  it.each(['tai-morning-shift', 'major-mail-outage'])('answers flushes that fold into the same feedback and roll-ups as scoring in-thread (%s)', async (drillId) => {
    const run = runDrill({ catalog, drillId, seed: 3, seats: seats(['a', 'b', 'c']) });
    const m = new SessionMachine(catalog, run.events.slice(0, 3));
    const there = thread.factory(() => m);
    const here = inlineFeedback(scorer)(() => m);
    const [heldThere, heldHere] = [new Held(), new Held()];
    let compared = 0;
    const flushes = await play(drillId, [there, here], m, run.events, ([a, b]) => {
      heldThere.fold(a!);
      heldHere.fold(b!);
      expect(a!.desks.map((d) => d.id)).toEqual(b!.desks.map((d) => d.id));
      expect(a!.summary).toEqual(b!.summary);
      for (const id of ['a', 'b', 'c']) {
        expect(byKey(heldThere.feedback.get(id)?.items ?? []), `${id} at seq ${m.state.seq}`).toEqual(byKey(heldHere.feedback.get(id)?.items ?? []));
        expect(heldThere.score.get(id)).toEqual(heldHere.score.get(id));
        compared++;
      }
    });
    expect(flushes).toBeGreaterThan(10);
    expect(compared).toBeGreaterThan(30);
    // After a last flush, the thread's whole list for each trainee is exactly their part of the whole score.
    await there.flush(['a', 'b', 'c'], false);
    const exact = scorer.score(m.events, catalog, m.state.rubricVersion, m.state);
    for (const id of ['a', 'b', 'c']) {
      const full = await there.full(id);
      expect(full.feedback!.set).toEqual(feedbackFor(exact, m.state, id));
      expect(full.score).toEqual(summaryOf(exact.trainees[id]!));
    }
    there.dispose();
  }, 120_000);

  it('gets the batches decided between two questions in one message, before the question (or sooner, past 256 events)', async () => {
    const run = runDrill({ catalog, drillId: 'tai-morning-shift', seed: 5, seats: seats(['a', 'b']) });
    const m = new SessionMachine(catalog, run.events.slice(0, 3));
    const worker = (thread as unknown as { worker: Worker }).worker;
    const posted: { t: string; events?: unknown[] }[] = [];
    const post = worker.postMessage.bind(worker);
    worker.postMessage = (msg: { t: string; events?: unknown[] }) => { posted.push(msg); post(msg); };
    const there = thread.factory(() => m);
    try {
      const cut = Math.min(run.events.length, 60);
      for (let i = 3; i < cut; i += 2) there.noted(m.append(run.events.slice(i, i + 2)));
      expect(posted.map((p) => p.t)).toEqual(['load']);
      const answer = await there.flush(['a', 'b'], false);
      expect(posted.map((p) => p.t)).toEqual(['load', 'events', 'flush']);
      expect(posted[1]!.events!.length).toBe(m.events.length - 3);
      // Answered as of the last batch: the same as scoring those events on this thread.
      const here = inlineFeedback(scorer)(() => m);
      const exact = await here.flush(['a', 'b'], false);
      expect(answer.desks.map((d) => d.id)).toEqual(exact.desks.map((d) => d.id));
      for (const [i, d] of answer.desks.entries()) expect(d.change.feedback?.set).toEqual(exact.desks[i]!.change.feedback?.set);
      here.dispose();
      // A long stretch without questions is not held back whole.
      posted.length = 0;
      const from = m.events.length;
      for (let i = from; i < run.events.length; i++) there.noted(m.append(run.events.slice(i, i + 1)));
      expect(run.events.length - from).toBeGreaterThan(256);
      expect(posted.filter((p) => p.t === 'events').every((p) => p.events!.length === 256)).toBe(true);
      expect(posted.filter((p) => p.t === 'events').length).toBe(Math.floor((run.events.length - from) / 256));
      await there.flush(['a', 'b'], false);
      const all = scorer.score(m.events, catalog, m.state.rubricVersion, m.state);
      for (const id of ['a', 'b']) expect((await there.full(id)).feedback!.set).toEqual(feedbackFor(all, m.state, id));
    } finally {
      there.dispose();
      worker.postMessage = post;
    }
  }, 120_000);

  it('is started again when it dies mid-drill, and goes on answering from the live machine', async () => {
    const run = runDrill({ catalog, drillId: 'tai-morning-shift', seed: 9, seats: seats(['a', 'b']) });
    const m = new SessionMachine(catalog, run.events.slice(0, 3));
    const source = thread.factory(() => m);
    let latest = 0;
    let killed = false, failed = 0, answered = 0;
    const touched = new Set<string>();
    for (let i = 3, k = 0; i < run.events.length; i += 2, k++) {
      const batch = m.append(run.events.slice(i, i + 2));
      source.noted(batch);
      for (const id of m.state.trainees.map((t) => t.id)) touched.add(id);
      if (k % 5 !== 4) continue;
      if (!killed && m.state.seq > run.events.length / 2) {
        killed = true;
        void (thread as unknown as { worker: Worker }).worker.terminate();
      }
      const answer = await source.flush([...touched], true).catch(() => undefined);
      if (!answer) { failed++; continue; }
      answered++;
      for (const d of answer.desks) if (d.change.feedback) {
        // Versions only grow, across the restart too (a client ignores a patch not above the list it holds).
        expect(d.change.feedback.version).toBeGreaterThan(latest);
        latest = d.change.feedback.version;
      }
    }
    expect(killed).toBe(true);
    expect(failed).toBeLessThanOrEqual(1);
    expect(answered).toBeGreaterThan(5);
    await source.flush(['a', 'b'], false);
    const exact = scorer.score(m.events, catalog, m.state.rubricVersion, m.state);
    for (const id of ['a', 'b']) expect((await source.full(id)).feedback!.set).toEqual(feedbackFor(exact, m.state, id));
    source.dispose();
  }, 120_000);

  it.runIf(process.platform === 'linux')('runs below the event loop\'s CPU priority (after a restart too), and at the process\'s when told nice 0', async () => {
    // After the restart test above, the running thread is a new one: it lowered its own priority again.
    expect(thread.nice).toBe(BACKGROUND_NICE);
    const niceOf = (tid: string) => {
      const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
      return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]);
    };
    const tasks = readdirSync('/proc/self/task');
    expect(tasks.filter((tid) => niceOf(tid) === BACKGROUND_NICE).length).toBeGreaterThanOrEqual(1);
    // Only that thread: the calling thread (the event loop, in the server) keeps its priority.
    expect(niceOf(String(currentThreadId()))).toBe(0);
    const same = await ScoringThread.start({ catalog, source: scorer.source!, logger: pino({ level: 'silent' }), nice: 0 });
    try {
      expect(same.nice).toBeUndefined();
    } finally {
      await same.close();
    }
  }, 120_000);

  it('fails to start, saying why, when it cannot load its rules (and is not started again)', async () => {
    const logged: string[] = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => { logged.push(line); } });
    const bad = ScoringThread.start({ catalog, source: { current: 'v1', rubricDir: '/nonexistent/rubrics' }, logger });
    await expect(bad).rejects.toThrow(/nonexistent/);
    await new Promise((r) => setTimeout(r, 300));
    expect(logged.filter((l) => l.includes('starting it again'))).toEqual([]);
  }, 60_000);

  it('keeps an exam\'s feedback to itself until the trainer releases it, and still gives the staff their roll-ups', async () => {
    const run = runDrill({ catalog, drillId: 'exam-mixed', seed: 4, seats: seats(['a', 'b']) });
    expect(run.events[0]!.type === 'session.created' && run.events[0].payload.mode).toBe('exam');
    const m = new SessionMachine(catalog, run.events.slice(0, 3));
    const source = thread.factory(() => m);
    let rollUps = 0;
    const flushes = await play('exam-mixed', [source], m, run.events, ([a]) => {
      if (m.state.feedbackReleased) return;
      expect(a!.desks).toEqual([]);
      rollUps += Object.keys(a!.summary!.trainees).length;
    });
    expect(flushes).toBeGreaterThan(5);
    expect(rollUps).toBeGreaterThan(flushes);
    if (!m.state.feedbackReleased) expect(await source.full('a')).toEqual({});
    source.dispose();
  }, 120_000);
});
