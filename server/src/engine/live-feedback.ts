/**
 * A live session's scoring half: which trainees' parts are stale, each trainee's
 * live part of the score, and what their clients were last sent of it, so a push
 * carries only changes. It reads a machine (the live one, or the scoring thread's
 * replica of it) and never writes to it.
 *
 * A trainee's part is scored again only after a stored batch concerned their desk
 * (`noteDecided`), so it is what the whole score gives them as of their last
 * change (a trainee left idle keeps it until their desk changes again; the end of
 * the drill concerns everyone).
 */
import { isDeepStrictEqual } from 'node:util';
import type { SessionEvent } from '../domain/events.js';
import type { SessionMachine } from '../domain/machine.js';
import { feedbackFor, feedbackVisible, JudgementMemo } from '../domain/scoring/score.js';
import type { Evidence, SessionScore, TraineeScore } from '../domain/scoring/types.js';
import { diffFeedback, fullFeedback, type FeedbackPatch, type HeldFeedback } from '../domain/feedback-feed.js';
import { ownerOf, type Audience } from './fanout.js';
import { emptyScore, type Scorer } from './scoring-adapter.js';

/** What a trainee's clients were last sent of their results, so later pushes carry only changes. */
interface SentResults { feedback: HeldFeedback; score?: TraineeScore }

type Explanation = Evidence['explanation'];

/** A trainee's live part of the score: the evidence they may see, and their roll-up without evidence lists. */
interface TraineePart { evidence: Evidence[]; summary?: TraineeScore }

/** A trainee's results as a push carries them (see `LiveFeedback.results`). */
export interface ResultsChange { feedback?: FeedbackPatch; score?: TraineeScore }

/**
 * Feedback versions never repeat within a process, even across a session unloaded and loaded again or a
 * scoring thread started again (it starts above the highest version the process has seen: `versionsFrom`).
 */
let lastFeedbackVersion = 0;
export const versionsFrom = (floor: number) => { lastFeedbackVersion = Math.max(lastFeedbackVersion, floor); };

export class LiveFeedback {
  private readonly parts = new Map<string, TraineePart>();
  /** Trainees whose desk changed since their part was scored. */
  private readonly stale = new Set<string>();
  /**
   * Each trainee's own events (see `ownerOf`), in log order: every event a case of theirs is built from, so
   * scoring a few desks reads their events, not the whole class's log.
   */
  private readonly eventsOf = new Map<string, SessionEvent[]>();
  private readonly sent = new Map<string, SentResults>();
  /**
   * One explanation object per wording, shared by every item that shows it: an hour into a 30-trainee class the
   * 27,000 items held carry 12,000 explanations but only 1,500 distinct French wordings (a third of the results'
   * memory). Rebuilt from the items held whenever it has doubled, so wordings no longer shown are let go.
   */
  private wordings = new Map<string, Explanation>();
  private wordingsKept = 0;
  /** Trainees whose roll-up changed since the staff last received the changed ones (`changedSummaries`). */
  private readonly summariesChanged = new Set<string>();
  /** Judgements of cases that have not changed since they were made (an hour in, most of a desk's cases). */
  private memo = new JudgementMemo();

  constructor(private readonly machine: () => SessionMachine, private readonly scorer: Scorer) {
    this.load();
  }

  /** Starts again from the machine's whole log (on creation, and after the machine was replaced). */
  load(): void {
    this.parts.clear();
    this.eventsOf.clear();
    this.sent.clear();
    this.memo = new JudgementMemo();
    const m = this.machine();
    for (const t of m.state.trainees) this.stale.add(t.id);
    this.indexOwners(m.events);
  }

  /**
   * Takes note of events the machine has just applied: the trainees whose desk they concern (their live part
   * is stale), which it returns.
   */
  noteDecided(events: readonly SessionEvent[]): string[] {
    const audience = this.indexOwners(events);
    const concerned = audience.all ? this.machine().state.trainees.map((t) => t.id) : [...audience.trainees];
    for (const id of concerned) this.stale.add(id);
    return concerned;
  }

  /** Files each event under the trainee it belongs to, and answers whom the events concern (as `audienceOf`). */
  private indexOwners(events: readonly SessionEvent[]): Audience {
    const trainees = new Set<string>();
    let all = false;
    const state = this.machine().state;
    for (const e of events) {
      const owner = ownerOf(e, state);
      if (owner === 'all') { all = true; continue; }
      if (!owner) continue;
      trainees.add(owner);
      const list = this.eventsOf.get(owner);
      if (list) list.push(e); else this.eventsOf.set(owner, [e]);
    }
    return all ? { all: true } : { all: false, trainees };
  }

  /** Live totals and levels of every trainee, evidence lists left empty (for the staff's live board). */
  liveSummary(): SessionScore {
    this.refresh();
    return this.summariesOf(this.machine().state.trainees.map((t) => t.id));
  }

  /**
   * A trainee's results as a push carries them: 'full' gives the whole feedback list last sent (scoring it
   * on first use) and the roll-up, for a join; 'changes' brings the score up to date and gives only what
   * changed since the last push, nothing when nothing did. Empty while the mode hides feedback.
   */
  results(traineeId: string, want: 'full' | 'changes'): ResultsChange {
    if (!feedbackVisible(this.machine().state)) return {};
    const held = this.sent.get(traineeId);
    if (!held || want === 'changes') this.refresh();
    const part = this.parts.get(traineeId);
    const score = part?.summary;
    const withScore = (feedback: FeedbackPatch) => ({ feedback, ...(score ? { score } : {}) });
    if (want === 'full' && held) return withScore(fullFeedback(held.feedback));
    const evidence = part?.evidence ?? [];
    const patch = held && diffFeedback(held.feedback, evidence, lastFeedbackVersion + 1);
    const feedback = held && !patch ? held.feedback : { version: ++lastFeedbackVersion, items: evidence };
    this.sent.set(traineeId, { feedback, ...(score ? { score } : {}) });
    if (want === 'full' || !held) return withScore(fullFeedback(feedback));
    return { ...(patch ? { feedback: patch } : {}), ...(score && score !== held.score && !isDeepStrictEqual(score, held.score) ? { score } : {}) };
  }

  /** Scores the stale trainees' parts again (those among `ids` when given), all in one pass. */
  refresh(ids?: Iterable<string>): void {
    const only = new Set(ids ? [...ids].filter((id) => this.stale.has(id)) : this.stale);
    if (only.size === 0) return;
    for (const id of only) this.stale.delete(id);
    const m = this.machine();
    // Their own events, merged back into log order: all that their cases are built from.
    const own = [...only].flatMap((id) => this.eventsOf.get(id) ?? []);
    if (only.size > 1) own.sort((a, b) => a.seq - b.seq);
    const score = this.scorer.score(own, m.catalog, m.state.rubricVersion, m.state, only, this.memo);
    for (const id of only) {
      const t = score.trainees[id];
      const was = this.parts.get(id);
      const evidence = this.shareWordings(feedbackFor(score, m.state, id));
      let summary = t ? summaryOf(t) : undefined;
      // An unchanged roll-up keeps its object: the thread's answers then carry it once, and staff only changes.
      if (summary && was?.summary && isDeepStrictEqual(summary, was.summary)) summary = was.summary;
      else this.summariesChanged.add(id);
      // Unchanged items are already the objects held: the scorer's memo keeps them from pass to pass.
      this.parts.set(id, { evidence, ...(summary ? { summary } : {}) });
    }
  }

  /** Points freshly scored items (this pass's own objects) at the shared explanation of their wording. */
  private shareWordings(items: Evidence[]): Evidence[] {
    for (const e of items) {
      const known = this.wordings.get(e.explanation.fr);
      if (known === e.explanation) continue;
      if (!known) this.wordings.set(e.explanation.fr, e.explanation);
      else if (known.en === e.explanation.en) e.explanation = known;
    }
    if (this.wordings.size > Math.max(1024, 2 * this.wordingsKept)) {
      this.wordings = new Map();
      for (const held of [...this.parts.values()].map((p) => p.evidence).concat([...this.sent.values()].map((x) => [...x.feedback.items]))) {
        for (const e of held) if (!this.wordings.has(e.explanation.fr)) this.wordings.set(e.explanation.fr, e.explanation);
      }
      this.wordingsKept = this.wordings.size;
    }
    return items;
  }

  /**
   * The roll-ups that changed since the last call, bringing stale desks up to date first: what a partial staff
   * push carries (every console holds the others already, from its join or an earlier push).
   */
  changedSummaries(): SessionScore {
    this.refresh();
    const changed = this.summariesOf(this.summariesChanged);
    this.summariesChanged.clear();
    return changed;
  }

  /** These trainees' current roll-ups, evidence lists left empty. */
  private summariesOf(ids: Iterable<string>): SessionScore {
    const score = emptyScore(this.machine().state.rubricVersion);
    for (const id of ids) {
      const summary = this.parts.get(id)?.summary;
      if (summary) score.trainees[id] = summary;
    }
    return score;
  }

  /** A trainee's live evidence as the next push would carry it (tests compare it with the whole score). */
  evidenceOf(traineeId: string): readonly Evidence[] | undefined {
    return this.parts.get(traineeId)?.evidence;
  }
}

/** A roll-up without its evidence lists (the feedback carries the items). */
export function summaryOf(t: TraineeScore): TraineeScore {
  const criteria: TraineeScore['criteria'] = {};
  for (const [id, c] of Object.entries(t.criteria)) criteria[id] = { ...c, evidence: [] };
  return { ...t, criteria };
}
