/**
 * What a trainee's desk holds after the updates received so far: the latest
 * view, the whole feedback list rebuilt from patches, and the last roll-up.
 * Shared by the browser client and the test clients. Pure.
 */
import { applyFeedbackPatch } from './domain/feedback-feed.js';
import type { TraineeView } from './domain/projection.js';
import type { Evidence, TraineeScore } from './domain/scoring/types.js';
import type { TraineeResults, TraineeUpdate } from './protocol.js';

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
 * patches chain by version, not by seq. `desk:results` pushes (no view) bring results only. Returns undefined when the patch does not fit the list held (an
 * update was missed): the caller joins again and receives the whole list.
 */
export function applyTraineeUpdate(prev: DeskState | undefined, u: TraineeUpdate | TraineeResults): DeskState | undefined {
  // Results alone (no view) need a desk to attach to; the join that makes one carries them whole.
  const view = 'view' in u ? u.view : undefined;
  if (!view && !prev) return undefined;
  const newer = view !== undefined && (!prev || u.seq >= prev.seq);
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
