/** What socket handlers get: the typed server and socket, and the shell's services. */
import type { Logger } from 'pino';
import type { Server, Socket } from 'socket.io';
import type { SessionHost } from '../engine/session-host.js';
import type { ClientToServerEvents, ServerToClientEvents } from '../protocol.js';
import type { SessionAccess } from '../access/policy.js';
import type { Store, User } from '../store/types.js';
import type { RequestLimiter } from './request-limit.js';

export interface SocketData {
  user: User;
  tokenHash: string;
  /** When the login was last read from the store (see RealtimeDeps.loginRecheckMs). */
  loginCheckedAt: number;
  /** Sessions this socket's user was granted, by id: a grant never changes (see handler.ts). */
  access: Map<string, SessionAccess>;
}
export type DeskServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
export type DeskSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

export interface RealtimeDeps {
  store: Store;
  host: SessionHost;
  logger: Logger;
  /**
   * How long a socket trusts its login before reading it again (ms). A logout closes that login's sockets at
   * once; this bounds how late an expiry is noticed, without a store read per request.
   */
  loginRecheckMs?: number;
  /** The per-user request budget, shared by every socket and the REST API (createApp builds it; none: no limit). */
  limiter?: RequestLimiter;
}

/**
 * Logins are only ended by a logout (which closes their sockets at once) or by their expiry, hours after the
 * login, so a minute's delay in noticing an expiry costs nothing; at 5 s this read was ~4 % of the event loop's
 * busy time at 1,000 trainees (docs/benchmarks-history.md, session 6).
 */
export const LOGIN_RECHECK_MS = 60_000;
