/**
 * Joining and leaving a session's live feed. A join answers with the current
 * view, so a new or reconnecting client needs nothing else: a trainee gets a
 * fresh snapshot of their own desk; staff get the full view plus the log
 * entries after the `lastSeq` they saw (bounded: a larger gap is filled
 * through GET /api/sessions/:id/log). Staff screens that show only the
 * session's status watch it instead: a status room, no view, no staff pushes.
 */
import { ok, err } from '../domain/result.js';
import { staffJoin, traineeSnapshot } from '../engine/views.js';
import { JoinRequest, LeaveRequest, WatchRequest } from '../protocol.js';
import { ROLES } from '../store/types.js';
import { on } from './handler.js';
import { sessionRoom, staffRoom, statusRoom, traineeRoom } from './rooms.js';
import type { DeskServer, DeskSocket, RealtimeDeps } from './types.js';

export function register(_io: DeskServer, socket: DeskSocket, deps: RealtimeDeps): void {
  on(socket, deps, {
    event: 'session:join',
    roles: ROLES,
    schema: JoinRequest,
    access: 'any',
    async handle({ user, session }, req) {
      const id = req.sessionId;
      const trainee = session.access === 'trainee';
      // Join the rooms before reading the view: a batch stored in between is then pushed too (clients keep the highest seq).
      await socket.join(trainee ? [sessionRoom(id), traineeRoom(id, user.id)] : [sessionRoom(id), staffRoom(id)]);
      const update = await deps.host.read(id, (live) => trainee ? traineeSnapshot(live, user.id) : staffJoin(live, req.lastSeq));
      return update ? ok(update) : err({ code: 'session/not_found', message: `no session "${id}"` });
    },
  });

  on(socket, deps, {
    event: 'session:leave',
    roles: ROLES,
    schema: LeaveRequest,
    access: 'any',
    async handle({ user }, req) {
      const id = req.sessionId;
      await Promise.all([sessionRoom(id), staffRoom(id), statusRoom(id), traineeRoom(id, user.id)].map((r) => socket.leave(r)));
      return ok({ left: true as const });
    },
  });

  on(socket, deps, {
    event: 'session:watch',
    roles: ROLES,
    schema: WatchRequest,
    access: 'staff',
    async handle(_ctx, req) {
      const id = req.sessionId;
      // Join before reading, as a join does: a change stored in between is pushed too (clients keep the highest seq).
      await socket.join(statusRoom(id));
      const record = await deps.store.getSession(id);
      return record ? ok({ sessionId: id, seq: record.lastSeq, status: record.status, cancelled: record.cancelled }) : err({ code: 'session/not_found', message: `no session "${id}"` });
    },
  });

  on(socket, deps, {
    event: 'session:unwatch',
    roles: ROLES,
    schema: WatchRequest,
    access: 'staff',
    async handle(_ctx, req) {
      await socket.leave(statusRoom(req.sessionId));
      return ok({ left: true as const });
    },
  });
}
