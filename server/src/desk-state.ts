/**
 * What a trainee's desk holds after the updates received so far: the latest
 * view, the whole feedback list rebuilt from patches, and the last roll-up.
 * Shared by the browser client and the test clients. Pure.
 */
import { applyFeedbackPatch } from './domain/feedback-feed.js';
import { TICKET_GROWING_LISTS, type ContactDelta, type ContactView, type DeskPatch, type TicketDelta, type TicketView, type TraineeView } from './domain/projection.js';
import type { Evidence, TraineeScore } from './domain/scoring/types.js';
import type { TraineeResults, TraineeUpdate } from './protocol.js';
import { applyDeskPart } from './view-time.js';

export interface DeskState {
  sessionId: string;
  seq: number;
  view: TraineeView;
  feedback: readonly Evidence[];
  /** Version of the feedback list held (0 before any list arrived). */
  feedbackVersion: number;
  score?: TraineeScore | undefined;
}

/**
 * Folds one update in. An older view (lower seq) is not shown again, but its feedback patch still applies:
 * patches chain by version, not by seq. `desk:results` pushes (no view) bring results only. Returns
 * undefined when an update does not fit what is held (one was missed: a desk patch based on a later view, a
 * feedback patch on another version, anything before the first view): the caller joins again and receives
 * the whole view and list.
 */
export function applyTraineeUpdate(prev: DeskState | undefined, u: TraineeUpdate | TraineeResults): DeskState | undefined {
  const patch = 'patch' in u ? u.patch : undefined;
  let view = 'view' in u ? u.view : undefined;
  // Results or a patch need a desk to attach to; the join that makes one carries them whole.
  if (!prev && !view) return undefined;
  const newer = (view !== undefined || patch !== undefined) && (!prev || u.seq > prev.seq || (view !== undefined && u.seq === prev.seq));
  if (newer && patch) {
    if (patch.base > prev!.seq) return undefined;
    view = patchView(prev!.view, patch);
    if (!view) return undefined;
  }
  if (!newer && !u.feedback && !u.score) return prev;
  let feedback = prev?.feedback ?? [];
  let feedbackVersion = prev?.feedbackVersion ?? 0;
  if (u.feedback) {
    const held = applyFeedbackPatch(prev && prev.feedbackVersion > 0 ? { version: prev.feedbackVersion, items: prev.feedback } : undefined, u.feedback);
    if (!held) return undefined;
    feedback = held.items;
    feedbackVersion = held.version;
  }
  return {
    sessionId: u.sessionId,
    seq: newer ? u.seq : prev!.seq,
    view: newer ? view! : prev!.view,
    feedback,
    feedbackVersion,
    score: u.score ?? prev?.score,
  };
}

export type FeedOutcome = 'changed' | 'unchanged' | 'held' | 'gap';

/**
 * A trainee's desk as one client holds it, with the rule every client needs around joins: a push can overtake
 * the answer of a join in flight (its whole feedback list may be later than the push's patch), so pushes that
 * arrive meanwhile are held and folded after the answer. An outcome 'gap' means an update did not fit what is
 * held (one was missed): the caller joins again. Used by the browser and the bench's load clients.
 */
export class DeskFeed {
  desk: DeskState | undefined;
  private held: (TraineeUpdate | TraineeResults)[] | undefined;

  /** A join was sent: pushes wait for its answer. */
  joining(): void {
    this.held ??= [];
  }

  /** The join failed: pushes are folded as they come again. */
  joinFailed(): void {
    this.held = undefined;
  }

  /** The join's answer, then the pushes held meanwhile; stops at the first that does not fit. */
  joined(answer: TraineeUpdate): FeedOutcome {
    const waited = this.held ?? [];
    this.held = undefined;
    let outcome = this.fold(answer);
    for (const u of waited) {
      if (outcome === 'gap') break;
      const o = this.fold(u);
      if (o !== 'unchanged') outcome = o;
    }
    return outcome;
  }

  /** A push (`desk:update`, `desk:results`): held while a join is in flight, folded otherwise. */
  take(u: TraineeUpdate | TraineeResults): FeedOutcome {
    if (this.held) { this.held.push(u); return 'held'; }
    return this.fold(u);
  }

  private fold(u: TraineeUpdate | TraineeResults): FeedOutcome {
    const next = applyTraineeUpdate(this.desk, u);
    if (!next) return 'gap';
    if (next === this.desk) return 'unchanged';
    this.desk = next;
    return 'changed';
  }
}

/**
 * A view with a desk patch applied: header and small lists replaced, contacts and tickets replaced by id
 * (new ones appended; a delta merged into the contact or ticket held), the tickets left out moved on to the
 * header's virtual time (`view-time.ts`). Undefined when a delta names a contact or ticket the view does not hold.
 */
function patchView(held: TraineeView, p: DeskPatch): TraineeView | undefined {
  const contacts = withDeltas(held.desk.contacts, p.contacts, (was, d: ContactDelta) => mergeContact(was, d, p.base));
  const tickets = withDeltas(held.desk.tickets, p.tickets, (was, d: TicketDelta) => mergeTicket(was, d, p.base));
  if (!contacts || !tickets) return undefined;
  return { role: 'trainee', session: p.session, desk: applyDeskPart(held.desk, { ...p, contacts, tickets }, p.session.now - held.session.now) };
}

/** A patch's items, each delta merged into the held item of its id; undefined when one names an item not held. */
function withDeltas<V extends { id: string }, D extends { id: string; delta: true }>(held: readonly V[], sent: readonly (V | D)[], merge: (was: V, d: D) => V): V[] | undefined {
  const out: V[] = [];
  for (const x of sent) {
    if (!('delta' in x)) { out.push(x); continue; }
    const was = held.find((h) => h.id === x.id);
    if (!was) return undefined;
    out.push(merge(was, x));
  }
  return out;
}

/** A held ticket with a delta applied: every field from the delta, each growing list's items up to the base then the delta's. */
function mergeTicket(was: TicketView, d: TicketDelta, base: number): TicketView {
  const { delta: _delta, ...merged } = d;
  for (const k of TICKET_GROWING_LISTS) {
    (merged[k] as { seq: number }[]) = [...(was[k] as { seq: number }[]).filter((x) => x.seq <= base), ...(d[k] as { seq: number }[])];
  }
  return merged;
}

/** A held contact with a delta applied: its lines up to the base, then the delta's (the view may be later than the base). */
function mergeContact(was: ContactView, d: ContactDelta, base: number): ContactView {
  const { delta: _delta, transcript, ...changed } = d;
  return { ...was, ...changed, transcript: [...was.transcript.filter((l) => l.seq <= base), ...transcript] };
}
