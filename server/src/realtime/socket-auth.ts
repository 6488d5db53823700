/**
 * Handshake authentication: the socket carries the identity of the login
 * cookie. A connection without a valid login is refused before any handler runs.
 */
import { cookieFrom, hashToken } from '../access/login-sessions.js';
import type { Store } from '../store/types.js';
import type { DeskServer } from './types.js';

export function useSocketAuth(io: DeskServer, store: Store): void {
  io.use((socket, next) => {
    const token = cookieFrom(socket.handshake.headers.cookie);
    if (!token || token.length > 200) { next(new Error('auth/unauthenticated')); return; }
    const tokenHash = hashToken(token);
    store.getAuthSession(tokenHash, Date.now()).then((user) => {
      if (!user) { next(new Error('auth/unauthenticated')); return; }
      socket.data.user = user;
      socket.data.tokenHash = tokenHash;
      socket.data.loginCheckedAt = Date.now();
      socket.data.access = new Map();
      next();
    }, (e: unknown) => next(e instanceof Error ? e : new Error(String(e))));
  });
}
