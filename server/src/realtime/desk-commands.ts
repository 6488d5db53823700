/** Trainee actions on their desk: validated, stored, acknowledged with the stored seq. */
import { actorOf } from '../access/policy.js';
import { TraineeCommandRequest } from '../protocol.js';
import { on } from './handler.js';
import type { DeskServer, DeskSocket, RealtimeDeps } from './types.js';

export function register(_io: DeskServer, socket: DeskSocket, deps: RealtimeDeps): void {
  on(socket, deps, {
    event: 'trainee:command',
    roles: ['trainee'],
    schema: TraineeCommandRequest,
    access: 'trainee',
    handle: ({ user }, req) => deps.host.traineeCommand(req.sessionId, actorOf(user), req.clientId, req.command),
  });
}
