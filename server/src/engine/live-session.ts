/**
 * One drill session held in memory by the host: its machine (log + folded
 * state), the client ids already applied, its timer, and a score cache keyed
 * by sequence number so a batch is scored once however many views need it.
 */
import type { SessionEvent } from '../domain/events.js';
import type { SessionMachine } from '../domain/machine.js';
import type { Evidence, SessionScore, TraineeScore } from '../domain/scoring/types.js';
import type { SessionRecord } from '../store/types.js';
import type { Scorer } from './scoring-adapter.js';

export interface AppliedCommand { seq: number; actorId: string }

export class LiveSession {
  timer: NodeJS.Timeout | undefined;
  readonly applied = new Map<string, AppliedCommand>();
  private scoreCache: { seq: number; score: SessionScore } | undefined;

  constructor(readonly record: SessionRecord, public machine: SessionMachine, private readonly scorer: Scorer) {
    this.index(machine.events);
  }

  get id(): string { return this.record.id; }

  /** Remembers the client ids of stored events (retries are answered from here). */
  index(events: readonly SessionEvent[]): void {
    for (const e of events) if (e.clientId !== undefined) this.applied.set(e.clientId, { seq: e.seq, actorId: e.actor.id });
  }

  /** Replaces the machine (after a failed append, from the stored log). */
  reset(machine: SessionMachine): void {
    this.machine = machine;
    this.applied.clear();
    this.scoreCache = undefined;
    this.index(machine.events);
  }

  /** The session's score under its own rubric version, as of the last event. */
  scores(): SessionScore {
    const seq = this.machine.state.seq;
    if (this.scoreCache?.seq !== seq) {
      this.scoreCache = { seq, score: this.scorer.score(this.machine.events, this.machine.catalog, this.machine.state.rubricVersion) };
    }
    return this.scoreCache.score;
  }

  /**
   * What a trainee may see of the scores: their own evidence and roll-up (none in an exam until feedback is
   * released). `fresh: false` uses the last computed score without scoring again (it may lag a few events
   * behind): scoring folds the whole log, so per-action pushes use it and a throttled flush catches up.
   */
  ownResults(traineeId: string, fresh = true): { feedback: Evidence[]; score?: TraineeScore } {
    const score = fresh ? this.scores() : this.scoreCache?.score;
    if (!score) return { feedback: [] };
    const feedback = this.scorer.feedback(score, this.machine.state, traineeId);
    const s = this.machine.state;
    const own = s.mode === 'training' || s.feedbackReleased ? score.trainees[traineeId] : undefined;
    return own ? { feedback, score: own } : { feedback };
  }
}
