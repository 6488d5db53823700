/**
 * The payloads clients receive, built from a machine's state. Trainee payloads
 * come only from `projectForTrainee` (an allow-list) plus that trainee's own
 * feedback when the mode allows it; staff payloads carry the full view.
 */
import type { SessionEvent } from '../domain/events.js';
import type { SessionMachine } from '../domain/machine.js';
import { deskPart, deskPatch, projectForStaff, projectForTrainee } from '../domain/projection.js';
import type { SessionScore } from '../domain/scoring/types.js';
import type { StaffUpdate, TraineeResults, TraineeSnapshot, TraineeUpdate } from '../protocol.js';
import { deskChanges, type DeskChanges } from './fanout.js';
import type { ResultsChange } from './live-feedback.js';
import type { LiveSession } from './live-session.js';
import { emptyScore } from './scoring-adapter.js';

/**
 * A trainee's whole view with their results when the mode shows them: a join's answer, GET /api/sessions/:id.
 * Call it in the session's turn (the view is taken then); the results follow from the feedback source.
 */
export async function traineeSnapshot(live: LiveSession, traineeId: string): Promise<TraineeSnapshot> {
  const m = live.machine;
  const snapshot = { sessionId: live.id, seq: m.state.seq, view: projectForTrainee(m.state, m.catalog, traineeId) };
  // Without results if the scoring thread failed to answer: the client asks again when the next patch does not fit.
  return { ...snapshot, ...await live.feedback.full(traineeId).catch(() => ({})) };
}

/**
 * The per-batch push to a trainee (no results: the feedback cannot have changed since the last scoring): a
 * patch of the view last pushed to their clients when the batch named only some of their contacts and
 * tickets, the whole view after a session-wide event or when nothing was pushed yet (start, reload).
 * Clients that joined since hold a later view than the patch's base, which a patch still fits.
 */
export function traineePush(live: LiveSession, traineeId: string, changes: DeskChanges | 'all'): TraineeUpdate {
  const m = live.machine;
  const base = live.deskSent.get(traineeId);
  live.deskSent.set(traineeId, m.state.seq);
  const own = changes === 'all' ? undefined : changes.get(traineeId);
  if (base === undefined || !own) return { sessionId: live.id, seq: m.state.seq, view: projectForTrainee(m.state, m.catalog, traineeId) };
  return { sessionId: live.id, seq: m.state.seq, patch: deskPatch(m.state, m.catalog, traineeId, base, own.contacts, own.tickets) };
}

/** The scored push: only what changed in a trainee's feedback and roll-up since the last push. */
export function traineeResults(sessionId: string, seq: number, change: ResultsChange): TraineeResults {
  return { sessionId, seq, ...change };
}

/**
 * A staff push. `scores` is the live summary (`FeedbackSource.summary()`): the live board needs totals and
 * levels, not every evidence item (a one-hour class carries ~27,000 of them, 18 MB of JSON); the evidence is
 * served on request (scores, replay, grid). `changed` (trainee ids) makes it partial: only those desks and
 * roll-ups, the ones a batch since the previous push concerned; clients fold it into what they hold
 * (`staff-state.ts`).
 */
export function staffUpdate(sessionId: string, m: SessionMachine, events: SessionEvent[], fromSeq: number, scores: SessionScore, changed?: ReadonlySet<string>): StaffUpdate {
  if (!changed) return { sessionId, seq: m.state.seq, fromSeq, events, view: projectForStaff(m.state, m.catalog), scores };
  const trainees: SessionScore['trainees'] = {};
  for (const id of changed) { const t = scores.trainees[id]; if (t) trainees[id] = t; }
  const partial = { sessionId, seq: m.state.seq, fromSeq, events, scores: { ...scores, trainees }, partial: true as const };
  // A session-wide event may have changed every desk: those go whole. Otherwise each concerned desk sends the
  // contacts and tickets the events named (a whole desk an hour into a drill weighs ~80 KB).
  const named = deskChanges(events, m.state);
  if (named === 'all') return { ...partial, view: projectForStaff(m.state, m.catalog, changed) };
  const deskParts = [...changed].map((id) => {
    const own = named.get(id);
    return { traineeId: id, ...deskPart(m.state, m.catalog, id, own?.contacts ?? [], own?.tickets ?? [], true) };
  });
  return { ...partial, view: projectForStaff(m.state, m.catalog, new Set()), deskParts };
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

/**
 * A staff join's answer (socket join, GET /api/sessions/:id): the view and log taken in the session's turn, the
 * live summary as of the same point from the feedback source.
 */
export async function staffJoin(live: LiveSession, lastSeq: number | undefined): Promise<StaffUpdate> {
  const empty = emptyScore(live.machine.state.rubricVersion);
  const summary = live.feedback.summary();
  const update = staffJoinUpdate(live.id, live.machine, lastSeq, empty);
  // Without roll-ups if the scoring thread failed to answer: the next pushes bring those of the desks that change.
  return { ...update, scores: await summary.catch(() => empty) };
}
