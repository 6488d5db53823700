/**
 * One drill session held in memory by the host: its machine (log + folded
 * state), the client ids already applied, its timer, and a score cache keyed
 * by sequence number so a batch is scored once however many views need it.
 */
import type { SessionEvent } from '../domain/events.js';
import type { SessionMachine } from '../domain/machine.js';
import type { Evidence, SessionScore, TraineeScore } from '../domain/scoring/types.js';
import { diffFeedback, fullFeedback, type FeedbackPatch, type HeldFeedback } from '../domain/feedback-feed.js';
import type { SessionRecord } from '../store/types.js';
import type { Scorer } from './scoring-adapter.js';

export interface AppliedCommand { seq: number; actorId: string }

/** What a trainee's clients were last sent of their results, so later pushes carry only changes. */
interface SentResults { feedback: HeldFeedback; scoreKey?: string }

/** Feedback versions never repeat within a process, even across a session unloaded and loaded again. */
let lastFeedbackVersion = 0;

export class LiveSession {
  timer: NodeJS.Timeout | undefined;
  readonly applied = new Map<string, AppliedCommand>();
  private scoreCache: { seq: number; score: SessionScore } | undefined;
  private readonly sent = new Map<string, SentResults>();

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
      this.scoreCache = { seq, score: this.scorer.score(this.machine.events, this.machine.catalog, this.machine.state.rubricVersion, this.machine.state) };
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

  /**
   * A trainee's results as a push carries them: 'full' gives the whole feedback list last sent (computing it
   * on first use) and the roll-up, for a join; 'changes' scores afresh and gives only what changed since the
   * last push, nothing when nothing did.
   */
  results(traineeId: string, want: 'full' | 'changes'): { feedback?: FeedbackPatch; score?: TraineeScore } {
    const held = this.sent.get(traineeId);
    if (want === 'full' && held) {
      const own = this.ownResults(traineeId, false);
      return { feedback: fullFeedback(held.feedback), ...(own.score ? { score: summaryOf(own.score) } : {}) };
    }
    const own = this.ownResults(traineeId);
    const score = own.score ? summaryOf(own.score) : undefined;
    const scoreKey = score ? JSON.stringify(score) : undefined;
    const next: SentResults = { feedback: held?.feedback ?? { version: 0, items: [] }, ...(scoreKey ? { scoreKey } : {}) };
    const patch = held ? diffFeedback(held.feedback, own.feedback, lastFeedbackVersion + 1) : undefined;
    if (!held || patch) next.feedback = { version: ++lastFeedbackVersion, items: own.feedback };
    this.sent.set(traineeId, next);
    if (want === 'full' || !held) return { feedback: fullFeedback(next.feedback), ...(score ? { score } : {}) };
    return { ...(patch ? { feedback: patch } : {}), ...(score && scoreKey !== held.scoreKey ? { score } : {}) };
  }
}

/** A roll-up without its evidence lists (the feedback carries the items). */
export function summaryOf(t: TraineeScore): TraineeScore {
  const criteria: TraineeScore['criteria'] = {};
  for (const [id, c] of Object.entries(t.criteria)) criteria[id] = { ...c, evidence: [] };
  return { ...t, criteria };
}
