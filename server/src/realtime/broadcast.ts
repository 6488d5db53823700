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
 *   those wait for the next scoring) and the notices;
 * - at most every STAFF_PUSH_MS per session (longer when scoring gets costly): the
 *   touched desks scored again, one `staff:update` carrying every event since
 *   the previous one (so staff updates still chain without gaps) when someone is
 *   in the staff room, and a `desk:results` for each touched trainee whose
 *   feedback or roll-up changed, carrying only the change. Flushes run through a
 *   LoopPump, one per turn of the event loop, and score a few desks per turn.
 */
import type { Logger } from 'pino';
import type { SessionEvent } from '../domain/events.js';
import { deskChanges, noticesFor } from '../engine/fanout.js';
import { LoopPump } from '../engine/loop-pump.js';
import type { BatchListener, SessionHost } from '../engine/session-host.js';
import { staffUpdate, traineePush, traineeResults } from '../engine/views.js';
import { sessionRoom, staffRoom, traineeRoom } from './rooms.js';
import type { DeskServer } from './types.js';

/** Shortest interval between two staff pushes of a session. */
export const STAFF_PUSH_MS = 250;
/**
 * The interval also stretches to this many times the last push's computing time, so a long session's
 * scoring (it folds the whole log: ~150 ms at 2,700 events) takes at most ~1/5 of the CPU.
 */
export const PUSH_COST_FACTOR = 5;

/**
 * Scoring time a flush spends per turn of the event loop before it lets other work in and carries on at the
 * pump's next turn; past MAX_FLUSH_SLICES turns it finishes at once (a class that keeps acting faster than it
 * can be scored still gets its results).
 */
export const FLUSH_SLICE_MS = 3;
const MAX_FLUSH_SLICES = 12;

interface Pending { fromSeq: number; events: SessionEvent[]; trainees: Set<string>; timer: NodeJS.Timeout | undefined; slices: number; cost: number }

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

  /** Resolves once the flush's computing part has run in the session's turn (the send waits for durability). */
  const flush = (sessionId: string): Promise<void> => {
    let computed!: () => void;
    const ran = new Promise<void>((resolve) => { computed = resolve; });
    const read = host.read(sessionId, (live) => {
      computed();
      // Taken inside the session's turn: every batch stored so far is in it, none is half-stored.
      const p = pending.get(sessionId);
      if (!p) return undefined;
      clearTimeout(p.timer);
      const started = performance.now();
      // Score the desks a few at a time; the batches stored meanwhile join this flush.
      if (!live.refreshWithin(p.trainees, FLUSH_SLICE_MS) && ++p.slices < MAX_FLUSH_SLICES) {
        p.cost += performance.now() - started;
        due(sessionId);
        return undefined;
      }
      pending.delete(sessionId);
      const m = live.machine;
      const staff = staffWatching(sessionId) ? staffUpdate(sessionId, m, p.events, p.fromSeq, live.liveSummary(), p.trainees) : undefined;
      const desks = [...p.trainees].flatMap((id) => {
        const update = traineeResults(live, id);
        return update ? [{ id, update }] : [];
      });
      cost.set(sessionId, p.cost + performance.now() - started);
      return () => {
        if (staff) io.to(staffRoom(sessionId)).emit('staff:update', staff);
        for (const d of desks) io.to(traineeRoom(sessionId, d.id)).emit('desk:results', d.update);
      };
    });
    read.then((send) => { if (send && !closed) send(); }, (e: unknown) => logger.error({ err: e, sessionId }, 'staff push failed'));
    return Promise.race([ran, read.then(() => undefined, () => undefined)]);
  };

  const listener: BatchListener = ({ sessionId, live, fromSeq, events, concerned: trainees }) => {
    const m = live.machine;
    // Built now, inside the session's turn, so each payload matches this batch exactly; sent after the ack.
    // The feedback follows with the next scored flush.
    const changes = deskChanges(events, m.state);
    const desks = trainees.map((id) => ({ id, update: traineePush(live, id, changes) }));
    const notices = noticesFor(sessionId, events, m.state, host.catalog);

    let p = pending.get(sessionId);
    if (!p) {
      const delay = Math.max(STAFF_PUSH_MS, PUSH_COST_FACTOR * (cost.get(sessionId) ?? 0));
      p = { fromSeq, events: [], trainees: new Set(), timer: setTimeout(() => due(sessionId), delay), slices: 0, cost: 0 };
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
