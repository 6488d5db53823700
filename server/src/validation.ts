/**
 * One way to turn a zod failure into the API's error shape, for HTTP bodies
 * and socket payloads alike: code `request/invalid` and a message naming each
 * offending field, so a client developer sees what to fix.
 */
import type { z } from 'zod';
import { err, ok, type Result } from './domain/result.js';
import type { ApiError } from './protocol.js';

export function describeIssues(error: z.ZodError): string {
  return error.issues.slice(0, 5).map((i) => {
    const path = i.path.length ? i.path.map(String).join('.') : '(payload)';
    if (i.code === 'invalid_type' && i.input === undefined) return `${path}: missing required field`;
    if (i.code === 'unrecognized_keys') return `${path}: unknown field${i.keys.length > 1 ? 's' : ''} ${i.keys.join(', ')}`;
    return `${path}: ${i.message}`;
  }).join('; ') + (error.issues.length > 5 ? ` (and ${error.issues.length - 5} more)` : '');
}

export function parseRequest<S extends z.ZodType>(schema: S, input: unknown): Result<z.infer<S>, ApiError> {
  const r = schema.safeParse(input);
  return r.success ? ok(r.data) : err({ code: 'request/invalid', message: describeIssues(r.error) });
}
