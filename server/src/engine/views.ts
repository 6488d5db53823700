/**
 * The payloads clients receive, built from a machine's state. Trainee payloads
 * come only from `projectForTrainee` (an allow-list) plus that trainee's own
 * feedback when the mode allows it; staff payloads carry the full view.
 */
import type { SessionEvent } from '../domain/events.js';
import type { SessionMachine } from '../domain/machine.js';
import { projectForStaff, projectForTrainee } from '../domain/projection.js';
import type { SessionScore } from '../domain/scoring/types.js';
import type { SessionState } from '../domain/session.js';
import type { StaffUpdate, TraineeUpdate } from '../protocol.js';
import type { LiveSession } from './live-session.js';

/** Training mode shows feedback right after each action; an exam withholds it until the trainer releases it. */
export const feedbackVisible = (s: SessionState) => s.mode === 'training' || s.feedbackReleased;

/** A trainee's push: their desk, and their own feedback and roll-up only when the mode shows them (`fresh: false`: last computed score). */
export function traineeUpdate(live: LiveSession, traineeId: string, fresh = true): TraineeUpdate {
  const m = live.machine;
  const own = feedbackVisible(m.state) ? live.ownResults(traineeId, fresh) : { feedback: [] };
  return {
    sessionId: live.id,
    seq: m.state.seq,
    view: projectForTrainee(m.state, m.catalog, traineeId),
    ...own,
  };
}

/**
 * The live board needs totals and levels, not every evidence item: a one-hour
 * class carries ~27,000 of them, listed twice (18 MB of JSON). Live pushes get
 * this summary; the evidence is served on request (scores, replay, grid).
 */
export function scoreSummary(score: SessionScore): SessionScore {
  const trainees: SessionScore['trainees'] = {};
  for (const [id, t] of Object.entries(score.trainees)) {
    const criteria: typeof t.criteria = {};
    for (const [cid, c] of Object.entries(t.criteria)) criteria[cid] = { ...c, evidence: [] };
    trainees[id] = { ...t, criteria };
  }
  return { ...score, trainees, evidence: [] };
}

export function staffUpdate(sessionId: string, m: SessionMachine, events: SessionEvent[], fromSeq: number, scores: SessionScore): StaffUpdate {
  return { sessionId, seq: m.state.seq, fromSeq, events, view: projectForStaff(m.state, m.catalog), scores: scoreSummary(scores) };
}

/** Most log entries sent with a staff join; older ones come from the REST log. */
export const MAX_RESYNC_EVENTS = 2000;
/** Log entries sent to a staff client that has seen nothing yet (the view already holds the state). */
export const INITIAL_EVENTS = 200;

export function staffJoinUpdate(sessionId: string, m: SessionMachine, lastSeq: number | undefined, scores: StaffUpdate['scores']): StaffUpdate {
  const seq = m.state.seq;
  const from = lastSeq !== undefined ? Math.max(Math.min(lastSeq, seq), seq - MAX_RESYNC_EVENTS) : Math.max(0, seq - INITIAL_EVENTS);
  // The machine's log is contiguous from seq 1, so entry i holds seq i + 1.
  return staffUpdate(sessionId, m, m.events.slice(from), from, scores);
}
