/**
 * The one wrapper every socket request goes through, so no handler can forget
 * a guard: it checks the user's request rate (`request-limit.ts`), that the
 * login session is still valid, the user's role, the payload (zod), the
 * user's access to the session named in it, then runs the
 * handler and answers with the Ack envelope. Handlers never see an invalid
 * payload or an unauthorised user, and never build an ack themselves.
 *
 * What the guard reads from the store is kept on the socket, so a busy desk
 * does not pay three reads per action: the login is read again after
 * `loginRecheckMs` (a logout closes the login's sockets at once), and a session
 * access once granted is kept, because it cannot change: a session's trainees
 * are fixed when it is created, classroom members are never removed, and
 * sessions are never deleted. Refusals are not kept (a trainer added to a
 * classroom later gains access).
 */
import type { z } from 'zod';
import { sessionAccess, type SessionAccess } from '../access/policy.js';
import type { Result } from '../domain/result.js';
import type { Ack, ApiError, ClientToServerEvents } from '../protocol.js';
import type { Role, SessionRecord, User } from '../store/types.js';
import { parseRequest } from '../validation.js';
import { LOGIN_RECHECK_MS, type DeskSocket, type RealtimeDeps } from './types.js';

export interface HandlerContext {
  socket: DeskSocket;
  user: User;
  /** The session named by the payload's `sessionId`, and the user's kind of access to it. */
  session: { id: string; access: SessionAccess; /** The session's row as stored now (status, …). */ record(): Promise<SessionRecord> };
}

export interface HandlerSpec<S extends z.ZodType<{ sessionId: string }>, R> {
  event: keyof ClientToServerEvents;
  roles: readonly Role[];
  schema: S;
  /** 'trainee': a participant; 'staff': trainer/evaluator of the session's classroom, or admin; 'any': either. */
  access: SessionAccess | 'any';
  handle(ctx: HandlerContext, req: z.infer<S>): Promise<Result<R, ApiError>> | Result<R, ApiError>;
}

const fail = (code: string, message: string): { ok: false; error: ApiError } => ({ ok: false, error: { code, message } });

export function on<S extends z.ZodType<{ sessionId: string }>, R>(socket: DeskSocket, deps: RealtimeDeps, spec: HandlerSpec<S, R>): void {
  if (socket.listeners(spec.event).length > 0) throw new Error(`socket event "${spec.event}" registered twice`);
  // socket.io's typed `on` wants the exact listener type of each event; the wrapper checks the arguments itself.
  (socket as unknown as { on(e: string, fn: (...args: unknown[]) => void): void }).on(spec.event, (...args: unknown[]) => {
    const ack = args[args.length - 1];
    if (typeof ack !== 'function') {
      // Without a callback the client cannot learn the outcome: refuse to act rather than act unseen.
      deps.logger.warn({ event: spec.event, user: socket.data.user.id }, 'socket request without acknowledgement callback ignored');
      return;
    }
    const reply = (res: Ack<R>) => { try { (ack as (r: Ack<R>) => void)(res); } catch { /* client gone */ } };
    const limited = overLimit(socket, deps);
    if (limited) { reply(limited); return; }
    run(socket, deps, spec, args).then(reply, (e: unknown) => {
      deps.logger.error({ err: e, event: spec.event, user: socket.data.user.id }, 'socket handler failed');
      reply(fail('internal', 'internal error; the action was not applied'));
    });
  });
}

/** The refusal for a request over the user's limit (nothing else is done for it), or undefined. */
function overLimit(socket: DeskSocket, deps: RealtimeDeps): { ok: false; error: ApiError } | undefined {
  const limiter = deps.limiter;
  const userId = socket.data.user.id;
  if (!limiter || limiter.take(userId)) return undefined;
  // A flood must not flood the log: the first refusal, then at most one line a minute per user.
  if (limiter.reportRefusal(userId)) deps.logger.warn({ user: userId, limit: limiter.limit }, 'socket requests over the per-user limit refused');
  if (limiter.closeFlooder(userId)) {
    deps.logger.warn({ user: userId, socket: socket.id }, 'closing a socket that keeps sending requests past the limit');
    // After this answer has gone.
    setImmediate(() => socket.disconnect(true));
  }
  return fail('request/rate_limited', limiter.refusalMessage(userId));
}

async function run<S extends z.ZodType<{ sessionId: string }>, R>(socket: DeskSocket, deps: RealtimeDeps, spec: HandlerSpec<S, R>, args: unknown[]): Promise<Ack<R>> {
  // The login may have ended (logout, expiry) since the handshake.
  const user = await currentUser(socket, deps);
  if (!user) {
    setImmediate(() => socket.disconnect(true));
    return fail('auth/unauthenticated', 'your login session has ended; log in again');
  }
  if (!spec.roles.includes(user.role)) return fail('auth/forbidden', `"${spec.event}" is not available to the ${user.role} role`);
  if (args.length !== 2) return fail('request/invalid', 'send exactly one payload object and an acknowledgement callback');
  const parsed = parseRequest(spec.schema, args[0]);
  if (!parsed.ok) return parsed;
  const req = parsed.value as z.infer<S>;
  const granted = await accessTo(socket, deps, user, req.sessionId);
  if (!granted.ok) return granted;
  const { access, record } = granted;
  if (spec.access !== 'any' && access !== spec.access) {
    return fail('auth/forbidden', spec.access === 'trainee' ? 'only the session\'s trainees can act on a desk' : 'only the session\'s staff can do this');
  }
  const session = { id: req.sessionId, access, record: async () => record ?? (await deps.store.getSession(req.sessionId))! };
  const r = await spec.handle({ socket, user, session }, req);
  return r.ok ? { ok: true, data: r.value } : { ok: false, error: r.error };
}

/** The socket's user while its login lasts, read again from the store once `loginRecheckMs` has passed. */
async function currentUser(socket: DeskSocket, deps: RealtimeDeps): Promise<User | undefined> {
  const now = Date.now();
  if (now - socket.data.loginCheckedAt < (deps.loginRecheckMs ?? LOGIN_RECHECK_MS)) return socket.data.user;
  const user = await deps.store.getAuthSession(socket.data.tokenHash, now);
  if (user) socket.data.loginCheckedAt = now;
  return user;
}

/** The user's access to a session: kept on the socket once granted; `record` when this call had to read it. */
async function accessTo(socket: DeskSocket, deps: RealtimeDeps, user: User, sessionId: string):
  Promise<{ ok: true; access: SessionAccess; record?: SessionRecord } | { ok: false; error: ApiError }> {
  const known = socket.data.access.get(sessionId);
  if (known) return { ok: true, access: known };
  const record = await deps.store.getSession(sessionId);
  if (!record) return fail('session/not_found', `no session "${sessionId}"`);
  const access = await sessionAccess(deps.store, user, record);
  if (!access) return fail('auth/forbidden', 'you do not take part in this session');
  socket.data.access.set(sessionId, access);
  return { ok: true, access, record };
}
