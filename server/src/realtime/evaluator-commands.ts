/** Evaluator judgements on the competency grid (kept in the log beside the computed levels). */
import { actorOf, EVALUATE_ROLES, mayEvaluate } from '../access/policy.js';
import { EvaluatorCommandRequest } from '../protocol.js';
import { on } from './handler.js';
import type { DeskServer, DeskSocket, RealtimeDeps } from './types.js';

export function register(_io: DeskServer, socket: DeskSocket, deps: RealtimeDeps): void {
  on(socket, deps, {
    event: 'evaluator:command',
    roles: EVALUATE_ROLES,
    schema: EvaluatorCommandRequest,
    access: 'staff',
    handle: async ({ user, session }, req) => mayEvaluate(user, await session.record())
      ? deps.host.evaluatorCommand(req.sessionId, actorOf(user), req.clientId, req.command)
      : { ok: false, error: { code: 'auth/forbidden', message: 'a trainer judges the competency grid once the drill has stopped' } },
  });
}
