/**
 * The one place the client talks REST. Every call goes through `request`,
 * which sends the session cookie, unwraps the server's Ack envelope
 * ({ok, data} | {ok:false, error}) and turns failures into ApiRequestError.
 */
import type { ApiError } from '../../../server/src/protocol.js';

export class ApiRequestError extends Error {
  constructor(readonly status: number, readonly code: string, message: string) {
    super(message);
    this.name = 'ApiRequestError';
  }
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export async function request<T>(method: Method, path: string, body?: unknown, signal?: AbortSignal): Promise<T> {
  let res: Response;
  try {
    res = await fetch(`/api${path}`, {
      method,
      credentials: 'same-origin',
      headers: body === undefined ? { Accept: 'application/json' } : { Accept: 'application/json', 'Content-Type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      ...(signal ? { signal } : {}),
    });
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new ApiRequestError(0, 'network/unreachable', (e as Error).message);
  }
  const text = await res.text();
  let json: unknown;
  try { json = text ? JSON.parse(text) : undefined; } catch { json = undefined; }
  const envelope = json as { ok?: boolean; data?: T; error?: ApiError } | undefined;
  if (!res.ok || envelope?.ok === false) {
    const e = envelope?.error;
    throw new ApiRequestError(res.status, e?.code ?? `http/${res.status}`, e?.message ?? (res.statusText || 'request failed'));
  }
  if (envelope && typeof envelope === 'object' && 'ok' in envelope && envelope.ok === true) return envelope.data as T;
  return json as T;
}

export const get = <T>(path: string, signal?: AbortSignal) => request<T>('GET', path, undefined, signal);
export const post = <T>(path: string, body?: unknown) => request<T>('POST', path, body ?? {});
