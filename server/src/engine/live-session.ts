/**
 * One drill session held in memory by the host: its machine (log + folded
 * state), the client ids already applied, its timer, what its trainees' clients
 * were last pushed, and its scores.
 *
 * Two kinds of scores. `scores()` is the exact score of the whole log (cached
 * by seq): stored at the end, re-scores, reports. The live pushes come from
 * `feedback` (`FeedbackSource`: the scoring thread, or `LiveFeedback` in-thread),
 * which scores a trainee's part again only after a stored batch concerned their desk.
 */
import type { SessionEvent } from '../domain/events.js';
import type { SessionMachine } from '../domain/machine.js';
import type { SessionScore } from '../domain/scoring/types.js';
import type { SessionRecord } from '../store/types.js';
import { audienceOf } from './fanout.js';
import { inlineFeedback, type FeedbackFactory, type FeedbackSource } from './feedback-source.js';
import type { Scorer } from './scoring-adapter.js';

export interface AppliedCommand { seq: number; actorId: string }

export class LiveSession {
  timer: NodeJS.Timeout | undefined;
  /**
   * Settles when the latest batch handed to the store is committed (true) or has failed (false); a session's
   * batches commit in order, so true means every event in the machine is on disk.
   */
  durable: Promise<boolean> = Promise.resolve(true);
  /** Batches handed to the store and not yet settled (a session is not unloaded while some are). */
  appendsInFlight = 0;
  readonly applied = new Map<string, AppliedCommand>();
  private scoreCache: { seq: number; score: SessionScore } | undefined;
  /** The seq of the last desk push to each trainee's clients: the base of the next desk patch (`traineePush`). */
  readonly deskSent = new Map<string, number>();
  /** The live feedback and roll-ups pushed to trainees and staff. */
  readonly feedback: FeedbackSource;

  constructor(readonly record: SessionRecord, public machine: SessionMachine, private readonly scorer: Scorer, feedback: FeedbackFactory = inlineFeedback(scorer)) {
    this.indexClientIds(machine.events);
    this.feedback = feedback(() => this.machine);
  }

  get id(): string { return this.record.id; }

  /**
   * Takes note of decided events (handed to the store): their client ids (retries are answered from here,
   * once committed) and the trainees whose desk they concern (their live feedback is stale). Returns those
   * trainees.
   */
  noteDecided(events: readonly SessionEvent[]): string[] {
    this.indexClientIds(events);
    this.feedback.noted(events);
    const audience = audienceOf(events, this.machine.state);
    return audience.all ? this.machine.state.trainees.map((t) => t.id) : [...audience.trainees];
  }

  /** Replaces the machine (after a failed append, from the stored log: all of it is on disk). */
  reset(machine: SessionMachine): void {
    this.machine = machine;
    this.durable = Promise.resolve(true);
    this.applied.clear();
    this.scoreCache = undefined;
    this.deskSent.clear();
    this.indexClientIds(machine.events);
    this.feedback.reloaded();
  }

  private indexClientIds(events: readonly SessionEvent[]): void {
    for (const e of events) if (e.clientId !== undefined) this.applied.set(e.clientId, { seq: e.seq, actorId: e.actor.id });
  }

  /** The exact score of the whole log under the session's rubric version, as of the last event. */
  scores(): SessionScore {
    const seq = this.machine.state.seq;
    if (this.scoreCache?.seq !== seq) {
      this.scoreCache = { seq, score: this.scorer.score(this.machine.events, this.machine.catalog, this.machine.state.rubricVersion, this.machine.state) };
    }
    return this.scoreCache.score;
  }
}
