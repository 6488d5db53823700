/**
 * One drill session held in memory by the host: its machine (log + folded
 * state), the client ids already applied, its timer, and its scores.
 *
 * Two kinds of scores. `scores()` is the exact score of the whole log (cached
 * by seq): stored at the end, re-scores, reports. The live pushes use a
 * per-trainee cache instead: a trainee's part is scored again only after a
 * stored batch concerned their desk, a few desks per pass (`refreshWithin`). Each
 * trainee's live part is therefore what the whole score gives them as of their
 * last change (a trainee left idle keeps it until their desk changes again;
 * the end of the drill concerns everyone).
 */
import type { SessionEvent } from '../domain/events.js';
import type { SessionMachine } from '../domain/machine.js';
import { feedbackFor, feedbackVisible } from '../domain/scoring/score.js';
import type { Evidence, SessionScore, TraineeScore } from '../domain/scoring/types.js';
import { diffFeedback, fullFeedback, reuseUnchanged, type FeedbackPatch, type HeldFeedback } from '../domain/feedback-feed.js';
import type { SessionRecord } from '../store/types.js';
import { ownerOf, type Audience } from './fanout.js';
import type { Scorer } from './scoring-adapter.js';

export interface AppliedCommand { seq: number; actorId: string }

/** What a trainee's clients were last sent of their results, so later pushes carry only changes. */
interface SentResults { feedback: HeldFeedback; scoreKey?: string }

/** A trainee's live part of the score: the evidence they may see, and their roll-up without evidence lists. */
interface TraineePart { evidence: Evidence[]; summary?: TraineeScore }

/** Trainees scored per pass by `refreshWithin` (each pass has a fixed cost; a few desks take ~1 ms). */
const REFRESH_CHUNK = 2;

/** Feedback versions never repeat within a process, even across a session unloaded and loaded again. */
let lastFeedbackVersion = 0;

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
  private readonly parts = new Map<string, TraineePart>();
  /** Trainees whose desk changed since their part was scored. */
  private readonly stale = new Set<string>();
  /**
   * Each trainee's own events (see `ownerOf`), in log order: every event a case of theirs is built from, so
   * scoring a few desks reads their events, not the whole class's log.
   */
  private readonly eventsOf = new Map<string, SessionEvent[]>();
  private readonly sent = new Map<string, SentResults>();
  /** The seq of the last desk push to each trainee's clients: the base of the next desk patch (`traineePush`). */
  readonly deskSent = new Map<string, number>();

  constructor(readonly record: SessionRecord, public machine: SessionMachine, private readonly scorer: Scorer) {
    this.load(machine);
  }

  get id(): string { return this.record.id; }

  /**
   * Takes note of decided events (handed to the store): their client ids (retries are answered from here,
   * once committed) and the trainees whose desk they concern (their live score part is stale). Returns those
   * trainees.
   */
  noteDecided(events: readonly SessionEvent[]): string[] {
    this.indexClientIds(events);
    const audience = this.indexOwners(events);
    const concerned = audience.all ? this.machine.state.trainees.map((t) => t.id) : [...audience.trainees];
    for (const id of concerned) this.stale.add(id);
    return concerned;
  }

  /** Files each event under the trainee it belongs to, and answers whom the events concern (as `audienceOf`). */
  private indexOwners(events: readonly SessionEvent[]): Audience {
    const trainees = new Set<string>();
    let all = false;
    for (const e of events) {
      const owner = ownerOf(e, this.machine.state);
      if (owner === 'all') { all = true; continue; }
      if (!owner) continue;
      trainees.add(owner);
      const list = this.eventsOf.get(owner);
      if (list) list.push(e); else this.eventsOf.set(owner, [e]);
    }
    return all ? { all: true } : { all: false, trainees };
  }

  /** Replaces the machine (after a failed append, from the stored log: all of it is on disk). */
  reset(machine: SessionMachine): void {
    this.machine = machine;
    this.durable = Promise.resolve(true);
    this.load(machine);
  }

  private load(machine: SessionMachine): void {
    this.applied.clear();
    this.scoreCache = undefined;
    this.parts.clear();
    this.eventsOf.clear();
    this.deskSent.clear();
    for (const t of machine.state.trainees) this.stale.add(t.id);
    this.indexClientIds(machine.events);
    this.indexOwners(machine.events);
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

  /** Live totals and levels of every trainee, evidence lists left empty (for the staff's live board). */
  liveSummary(): SessionScore {
    this.refresh();
    const trainees: SessionScore['trainees'] = {};
    for (const t of this.machine.state.trainees) {
      const summary = this.parts.get(t.id)?.summary;
      if (summary) trainees[t.id] = summary;
    }
    return { rubricVersion: this.machine.state.rubricVersion, trainees, evidence: [] };
  }

  /**
   * A trainee's results as a push carries them: 'full' gives the whole feedback list last sent (scoring it
   * on first use) and the roll-up, for a join; 'changes' brings the score up to date and gives only what
   * changed since the last push, nothing when nothing did. Empty while the mode hides feedback.
   */
  results(traineeId: string, want: 'full' | 'changes'): { feedback?: FeedbackPatch; score?: TraineeScore } {
    if (!feedbackVisible(this.machine.state)) return {};
    const held = this.sent.get(traineeId);
    if (!held || want === 'changes') this.refresh();
    const part = this.parts.get(traineeId);
    const score = part?.summary;
    const withScore = (feedback: FeedbackPatch) => ({ feedback, ...(score ? { score } : {}) });
    if (want === 'full' && held) return withScore(fullFeedback(held.feedback));
    const evidence = part?.evidence ?? [];
    const patch = held && diffFeedback(held.feedback, evidence, lastFeedbackVersion + 1);
    const feedback = held && !patch ? held.feedback : { version: ++lastFeedbackVersion, items: evidence };
    const scoreKey = score ? JSON.stringify(score) : undefined;
    this.sent.set(traineeId, { feedback, ...(scoreKey ? { scoreKey } : {}) });
    if (want === 'full' || !held) return withScore(fullFeedback(feedback));
    return { ...(patch ? { feedback: patch } : {}), ...(score && scoreKey !== held.scoreKey ? { score } : {}) };
  }

  /**
   * Scores the stale trainees among `ids`, a few per pass, until `budgetMs` has run out; true once none of
   * them is stale. Lets a flush spread a whole class's scoring (after a session-wide event) over several
   * turns of the event loop instead of holding it for tens of milliseconds.
   */
  refreshWithin(ids: Iterable<string>, budgetMs: number): boolean {
    const started = performance.now();
    const todo = [...ids].filter((id) => this.stale.has(id));
    for (let i = 0; i < todo.length; i += REFRESH_CHUNK) {
      if (i > 0 && performance.now() - started >= budgetMs) return false;
      this.refresh(todo.slice(i, i + REFRESH_CHUNK));
    }
    return true;
  }

  /** Scores the stale trainees' parts again (those among `ids` when given), all in one pass. */
  private refresh(ids?: readonly string[]): void {
    const only = new Set(ids ? ids.filter((id) => this.stale.has(id)) : this.stale);
    if (only.size === 0) return;
    for (const id of only) this.stale.delete(id);
    const m = this.machine;
    // Their own events, merged back into log order: all that their cases are built from.
    const own = [...only].flatMap((id) => this.eventsOf.get(id) ?? []);
    if (only.size > 1) own.sort((a, b) => a.seq - b.seq);
    const score = this.scorer.score(own, m.catalog, m.state.rubricVersion, m.state, only);
    for (const id of only) {
      const t = score.trainees[id];
      const before = this.parts.get(id)?.evidence;
      const evidence = feedbackFor(score, m.state, id);
      this.parts.set(id, { evidence: before ? reuseUnchanged(before, evidence) : evidence, ...(t ? { summary: summaryOf(t) } : {}) });
    }
  }
}

/** A roll-up without its evidence lists (the feedback carries the items). */
export function summaryOf(t: TraineeScore): TraineeScore {
  const criteria: TraineeScore['criteria'] = {};
  for (const [id, c] of Object.entries(t.criteria)) criteria[id] = { ...c, evidence: [] };
  return { ...t, criteria };
}
