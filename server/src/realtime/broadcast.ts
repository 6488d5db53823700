/**
 * Pushes after each stored batch. This is the projection boundary: a trainee
 * room only ever receives `projectForTrainee` of its own desk (plus feedback
 * when the mode allows it) and notices addressed to it; raw events, the
 * timeline and scores go to the staff room only.
 *
 * Two speeds, because scoring and the staff view cost in proportion to the
 * whole session while a desk view costs in proportion to one desk:
 * - at once, after the ack: the desk push of each trainee a batch touched (a
 *   patch of the view their clients hold, or the whole view; without results:
 *   those wait for the next scoring), the notices, and the new status to the status room after a start,
 *   pause, resume or stop;
 * - at most every STAFF_PUSH_MS per session (longer when scoring gets costly): the
 *   touched desks scored again, one `staff:update` carrying every event since
 *   the previous one (so staff updates still chain without gaps) when someone is
 *   in the staff room, and a `desk:results` for each touched trainee whose
 *   feedback or roll-up changed, carrying only the change. Flushes run through a
 *   LoopPump, one per turn of the event loop; the scoring itself runs on the
 *   scoring thread (`FeedbackSource`), and the pushes go when its answer is back.
 */
import type { Logger } from 'pino';
import type { SessionEvent } from '../domain/events.js';
import { deskChanges, noticesFor } from '../engine/fanout.js';
import type { FlushAnswer } from '../engine/feedback-source.js';
import { LoopPump } from '../engine/loop-pump.js';
import { emptyScore } from '../engine/scoring-adapter.js';
import type { BatchListener, SessionHost } from '../engine/session-host.js';
import { staffUpdate, traineePush, traineeResults } from '../engine/views.js';
import { sessionRoom, staffRoom, statusRoom, traineeRoom } from './rooms.js';
import type { DeskServer } from './types.js';

/** Shortest interval between two staff pushes of a session. */
export const STAFF_PUSH_MS = 250;
/**
 * The interval also stretches to this many times the last push's computing time, so a long session's
 * scoring (it folds the whole log: ~150 ms at 2,700 events) takes at most ~1/5 of the CPU.
 */
export const PUSH_COST_FACTOR = 5;

/** The events that change a session's status (pushed alone to its status room). */
const STATUS_EVENTS: ReadonlySet<SessionEvent['type']> = new Set(['session.started', 'session.paused', 'session.resumed', 'session.stopped']);

interface Pending { fromSeq: number; events: SessionEvent[]; trainees: Set<string>; timer: NodeJS.Timeout | undefined }

export interface Broadcaster { listener: BatchListener; close(): void }

export function broadcaster(io: DeskServer, host: SessionHost, logger: Logger): Broadcaster {
  const pending = new Map<string, Pending>();
  /** Per session, how long its last staff push took to compute (ms). */
  const cost = new Map<string, number>();
  let closed = false;
  // Nobody in the staff room: no staff view to build (a trainer who joins later gets a whole one).
  const staffWatching = (sessionId: string) => (io.sockets.adapter.rooms.get(staffRoom(sessionId))?.size ?? 0) > 0;

  // Flush timers falling due together run one per loop iteration, not all in one timers phase.
  const pump = new LoopPump((sessionId, e) => logger.error({ err: e, sessionId }, 'staff push failed'));
  const due = (sessionId: string) => pump.add(sessionId, () => flush(sessionId));

  /**
   * Takes the pending batches in the session's turn: the staff view is built there and the results are asked
   * there, so both are as of the same point of the log; they are sent once that point is committed and the
   * scores have come back. Resolves once the turn's part has run (the pump then moves on).
   */
  const flush = (sessionId: string): Promise<void> => {
    let taken!: () => void;
    const ran = new Promise<void>((resolve) => { taken = resolve; });
    const read = host.read(sessionId, (live) => {
      taken();
      const p = pending.get(sessionId);
      if (!p) return undefined;
      clearTimeout(p.timer);
      pending.delete(sessionId);
      const started = performance.now();
      const m = live.machine;
      const watching = staffWatching(sessionId);
      const scored = live.feedback.flush([...p.trainees], watching);
      // Its roll-ups come with the thread's answer (only those that changed since the last staff push).
      const staff = watching ? staffUpdate(sessionId, m, p.events, p.fromSeq, emptyScore(m.state.rubricVersion), p.trainees) : undefined;
      const built = performance.now() - started;
      const { seq } = m.state;
      return scored.catch((e: unknown): FlushAnswer => {
        // The staff update still goes (its events chain); trainees whose results are lost rejoin on the next patch.
        logger.error({ err: e, sessionId }, 'live scoring failed');
        return { desks: [], computeMs: 0 };
      }).then((answer) => {
        cost.set(sessionId, built + answer.computeMs);
        return { answer, staff, seq };
      });
    });
    // Sent at the loop's next check phase: a join answered in the same turn (its whole list may be later than
    // this flush's patches, which then no longer apply) goes out first; a patch that arrives late is ignored.
    read.then((r) => setImmediate(() => {
      if (!r || closed) return;
      const { answer, staff, seq } = r;
      if (staff) io.to(staffRoom(sessionId)).emit('staff:update', answer.summary ? { ...staff, scores: answer.summary } : staff);
      for (const d of answer.desks) io.to(traineeRoom(sessionId, d.id)).emit('desk:results', traineeResults(sessionId, seq, d.change));
    }), (e: unknown) => logger.error({ err: e, sessionId }, 'staff push failed'));
    return Promise.race([ran, read.then(() => undefined, () => undefined)]);
  };

  const listener: BatchListener = ({ sessionId, live, fromSeq, events, concerned: trainees }) => {
    const m = live.machine;
    // Built now, inside the session's turn, so each payload matches this batch exactly; sent after the ack.
    // The feedback follows with the next scored flush.
    const changes = deskChanges(events, m.state);
    const desks = trainees.map((id) => ({ id, update: traineePush(live, id, changes) }));
    const notices = noticesFor(sessionId, events, m.state, host.catalog);
    const status = events.some((e) => STATUS_EVENTS.has(e.type)) ? { sessionId, seq: m.state.seq, status: m.state.status, cancelled: m.state.cancelled } : undefined;

    let p = pending.get(sessionId);
    if (!p) {
      const delay = Math.max(STAFF_PUSH_MS, PUSH_COST_FACTOR * (cost.get(sessionId) ?? 0));
      p = { fromSeq, events: [], trainees: new Set(), timer: setTimeout(() => due(sessionId), delay) };
      pending.set(sessionId, p);
    }
    p.events.push(...events);
    for (const id of trainees) p.trainees.add(id);
    if (events.some((e) => e.type === 'session.stopped' || e.type === 'feedback.released')) {
      // The end of a drill (or released exam feedback) is shown with its scores at once.
      clearTimeout(p.timer);
      p.timer = setTimeout(() => due(sessionId), 0);
    }

    return () => {
      for (const d of desks) io.to(traineeRoom(sessionId, d.id)).emit('desk:update', d.update);
      for (const n of notices) {
        if (n.to === 'all') io.to(sessionRoom(sessionId)).emit('notice', n.notice);
        else io.to(traineeRoom(sessionId, n.to)).to(staffRoom(sessionId)).emit('notice', n.notice);
      }
      if (status) io.to(statusRoom(sessionId)).emit('session:status', status);
    };
  };

  return {
    listener,
    close() {
      closed = true;
      pump.stop();
      for (const p of pending.values()) clearTimeout(p.timer);
      pending.clear();
    },
  };
}
