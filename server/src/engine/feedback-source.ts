/**
 * Where a live session's feedback comes from, as the engine sees it. Scoring
 * costs far more than deciding an action, so the server runs it on the scoring
 * thread (`scoring-thread.ts`) and the event loop stays free for sockets; the
 * same `LiveFeedback` runs in-thread when there are no rules to load (empty
 * scorer) and in tests and benches that call it directly.
 *
 * Every question is asked inside the session's turn and is answered as of that
 * point of the log, whichever side computes it: the thread follows the live
 * machine batch by batch, in order.
 */
import type { SessionEvent } from '../domain/events.js';
import type { SessionMachine } from '../domain/machine.js';
import type { SessionScore } from '../domain/scoring/types.js';
import { LiveFeedback, type ResultsChange } from './live-feedback.js';
import type { Scorer } from './scoring-adapter.js';

/** A flush's answer: each asked trainee whose results changed since their last push, and the changed roll-ups if asked. */
export interface FlushAnswer {
  desks: { id: string; change: ResultsChange }[];
  summary?: SessionScore;
  /** Time spent scoring (ms), wherever it ran: flushes of a costly session are spaced out (PUSH_COST_FACTOR). */
  computeMs: number;
}

export interface FeedbackSource {
  /** The live machine has applied these events (inside the session's turn). */
  noted(events: readonly SessionEvent[]): void;
  /** The live machine was replaced (rebuilt from the stored log): start again from its log. */
  reloaded(): void;
  /** Scores the stale among `ids` and answers their changes since their last push (and, asked, the roll-ups that changed). */
  flush(ids: readonly string[], summary: boolean): Promise<FlushAnswer>;
  /** A trainee's whole feedback and roll-up, for a join. */
  full(traineeId: string): Promise<ResultsChange>;
  /** Live totals and levels of every trainee (the staff's live board). */
  summary(): Promise<SessionScore>;
  /** The session is unloaded: forget it. */
  dispose(): void;
}

/** Opens the feedback of a live session, given access to its (replaceable) machine. */
export type FeedbackFactory = (machine: () => SessionMachine) => FeedbackSource;

/** Scoring on the calling thread. */
export function inlineFeedback(scorer: Scorer): FeedbackFactory {
  return (machine) => {
    const live = new LiveFeedback(machine, scorer);
    return {
      noted: (events) => { live.noteDecided(events); },
      reloaded: () => live.load(),
      flush: (ids, summary) => Promise.resolve(flushNow(live, ids, summary)),
      full: (id) => Promise.resolve(live.results(id, 'full')),
      summary: () => Promise.resolve(live.liveSummary()),
      dispose: () => {},
    };
  };
}

/** A flush computed here and now (in-thread, or inside the scoring thread). */
export function flushNow(live: LiveFeedback, ids: readonly string[], summary: boolean): FlushAnswer {
  const started = performance.now();
  live.refresh(ids);
  const desks: FlushAnswer['desks'] = [];
  for (const id of ids) {
    const change = live.results(id, 'changes');
    if (change.feedback || change.score) desks.push({ id, change });
  }
  // Only the roll-ups that changed: copying every flushed desk's back from the thread at each flush (~5 KB each)
  // cost the event loop more than the scoring it had moved away.
  return { desks, ...(summary ? { summary: live.changedSummaries() } : {}), computeMs: performance.now() - started };
}
