/** Trainer control of a session: start, pause, resume, speed, stop, inject, broadcast, message, release feedback. */
import { actorOf, CONTROL_ROLES } from '../access/policy.js';
import { TrainerCommandRequest } from '../protocol.js';
import { on } from './handler.js';
import type { DeskServer, DeskSocket, RealtimeDeps } from './types.js';

export function register(_io: DeskServer, socket: DeskSocket, deps: RealtimeDeps): void {
  on(socket, deps, {
    event: 'trainer:command',
    roles: CONTROL_ROLES,
    schema: TrainerCommandRequest,
    access: 'staff',
    handle: ({ user }, req) => deps.host.trainerCommand(req.sessionId, actorOf(user), req.clientId, req.command),
  });
}
