/**
 * Errors over HTTP: every failure is answered `{error: {code, message}}` with
 * a status that matches the code. Internal errors are logged with their stack
 * and reported to the client without details.
 */
import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from 'pino';
import type { ApiError } from '../protocol.js';

export class HttpError extends Error {
  constructor(readonly status: number, readonly code: string, message: string) { super(message); this.name = 'HttpError'; }
}

/** Status for an error code coming from the domain or the engine. */
export function statusFor(code: string): number {
  if (code === 'request/invalid') return 400;
  if (code === 'auth/unauthenticated') return 401;
  if (code.startsWith('auth/')) return 403;
  if (code.endsWith('/not_found')) return 404;
  if (code.endsWith('/unknown') || code.includes('/unknown_')) return 422;
  if (code === 'store/unavailable') return 503;
  return 409;
}

export const fromApiError = (e: ApiError) => new HttpError(statusFor(e.code), e.code, e.message);

export const errorBody = (code: string, message: string) => ({ error: { code, message } });

export const apiNotFound: RequestHandler = (req, res) => {
  res.status(404).json(errorBody('route/not_found', `no API endpoint ${req.method} ${req.path}`));
};

export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (e: unknown, req, res, _next) => {
    if (e instanceof HttpError) { res.status(e.status).json(errorBody(e.code, e.message)); return; }
    // Errors raised by body-parser carry a status and a type.
    const bp = e as { status?: number; type?: string; message?: string };
    if (bp?.type === 'entity.too.large') { res.status(413).json(errorBody('request/too_large', 'the request body is too large')); return; }
    if (bp?.type === 'entity.parse.failed') { res.status(400).json(errorBody('request/invalid', 'the request body is not valid JSON')); return; }
    if (typeof bp?.status === 'number' && bp.status >= 400 && bp.status < 500) { res.status(bp.status).json(errorBody('request/invalid', bp.message ?? 'bad request')); return; }
    logger.error({ err: e, method: req.method, url: req.originalUrl }, 'request failed');
    if (res.headersSent) return;
    res.status(500).json(errorBody('internal', 'internal error'));
  };
}
