/**
 * Request guards: the logged-in user from the session cookie, role checks, and
 * zod parsing of bodies, queries and ids. Routes call these first; each throws
 * an HttpError the error middleware turns into `{error: {code, message}}`.
 */
import type { Request, RequestHandler } from 'express';
import { z } from 'zod';
import { COOKIE_NAME, hashToken } from '../access/login-sessions.js';
import type { Logger } from 'pino';
import type { RequestLimiter } from '../realtime/request-limit.js';
import type { Role, Store, User } from '../store/types.js';
import { parseRequest } from '../validation.js';
import { errorBody, HttpError } from './errors.js';

declare module 'express-serve-static-core' {
  interface Request { user?: User; tokenHash?: string }
}

/** Attaches the user of a valid login cookie (if any); never refuses by itself. */
export function authenticate(store: Store): RequestHandler {
  return async (req, _res, next) => {
    const token = (req.cookies as Record<string, unknown> | undefined)?.[COOKIE_NAME];
    if (typeof token === 'string' && token.length > 0 && token.length <= 200) {
      const tokenHash = hashToken(token);
      const user = await store.getAuthSession(tokenHash, Date.now());
      if (user) { req.user = user; req.tokenHash = tokenHash; }
    }
    next();
  };
}

/**
 * A logged-in user's API requests count in the same per-user budget as their socket requests (`request-limit.ts`):
 * over it, 429 `request/rate_limited` with Retry-After, before any route runs. Anonymous requests pass (failed
 * logins have a limit of their own).
 */
export function limitPerUser(limiter: RequestLimiter | undefined, logger: Logger): RequestHandler {
  return (req, res, next) => {
    const id = req.user?.id;
    if (!limiter || id === undefined || limiter.take(id)) { next(); return; }
    if (limiter.reportRefusal(id)) logger.warn({ user: id, limit: limiter.limit }, 'API requests over the per-user limit refused');
    res.set('Retry-After', String(Math.max(1, Math.ceil(limiter.waitMs(id) / 1000))));
    res.status(429).json(errorBody('request/rate_limited', limiter.refusalMessage(id)));
  };
}

export function requireUser(req: Request): User {
  if (!req.user) throw new HttpError(401, 'auth/unauthenticated', 'log in first');
  return req.user;
}

export function requireRole(req: Request, roles: readonly Role[]): User {
  const user = requireUser(req);
  if (!roles.includes(user.role)) throw new HttpError(403, 'auth/forbidden', `not available to the ${user.role} role`);
  return user;
}

export function parse<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const r = parseRequest(schema, input);
  if (!r.ok) throw new HttpError(400, r.error.code, r.error.message);
  return r.value;
}

/** Ids in URLs: bounded and plain, so nothing odd reaches a query or a log line. */
export const IdParam = z.string().min(1).max(80).regex(/^[A-Za-z0-9_.-]+$/, 'ids use letters, digits, "-", "_" and "."');
export const param = (req: Request, name: string) => parse(IdParam, req.params[name]);
