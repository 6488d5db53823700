/**
 * What a trainee's desk holds after the updates received so far: the latest
 * view, the whole feedback list rebuilt from patches, and the last roll-up.
 * Shared by the browser client and the test clients. Pure.
 */
import { applyFeedbackPatch } from './domain/feedback-feed.js';
import type { DeskPatch, SlaView, TraineeView } from './domain/projection.js';
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

/**
 * A view with a desk patch applied: header and small lists replaced, contacts and tickets replaced by id
 * (new ones appended, in the patch's order: creation order). A ticket the patch leaves out has not changed
 * but its running SLA clocks went on with virtual time, as the server would project them now.
 */
export function patchView(held: TraineeView, p: DeskPatch): TraineeView {
  const ran = p.session.now - held.session.now;
  const advance = (sla: SlaView): SlaView => (sla.paused || sla.stopped || ran === 0 ? sla : { ...sla, elapsed: sla.elapsed + ran });
  const ticketsIn = new Map(p.tickets.map((t) => [t.id, t]));
  const contactsIn = new Map(p.contacts.map((c) => [c.id, c]));
  const tickets = held.desk.tickets.map((t) => {
    const fresh = ticketsIn.get(t.id);
    if (fresh) { ticketsIn.delete(t.id); return fresh; }
    return { ...t, sla: { response: advance(t.sla.response), resolution: advance(t.sla.resolution) } };
  });
  const contacts = held.desk.contacts.map((c) => {
    const fresh = contactsIn.get(c.id);
    if (fresh) { contactsIn.delete(c.id); return fresh; }
    return c;
  });
  return {
    role: 'trainee',
    session: p.session,
    desk: {
      traineeId: held.desk.traineeId,
      contacts: [...contacts, ...contactsIn.values()],
      tickets: [...tickets, ...ticketsIn.values()],
      problems: p.problems, articles: p.articles, assetChanges: p.assetChanges,
    },
  };
}
