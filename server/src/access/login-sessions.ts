/**
 * Login sessions: a random token in an HTTP-only cookie, stored as a SHA-256
 * hash. The same cookie authenticates REST calls and the socket handshake.
 */
import { createHash, randomBytes } from 'node:crypto';
import bcrypt from 'bcryptjs';
import type { Store, User } from '../store/types.js';

export const COOKIE_NAME = 'dd_session';
export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export async function openLoginSession(store: Store, userId: string, now = Date.now()): Promise<{ token: string; expiresAt: number }> {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = now + SESSION_TTL_MS;
  await store.createAuthSession(hashToken(token), userId, expiresAt);
  return { token, expiresAt };
}

/** The user behind a cookie token, if the login session is still valid. */
export async function userForToken(store: Store, token: string | undefined, now = Date.now()): Promise<User | undefined> {
  if (!token || token.length > 200) return undefined;
  return store.getAuthSession(hashToken(token), now);
}

/** Reads one cookie from a raw Cookie header (the socket handshake has no cookie-parser). */
export function cookieFrom(header: string | undefined, name = COOKIE_NAME): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const i = part.indexOf('=');
    if (i > 0 && part.slice(0, i).trim() === name) {
      try { return decodeURIComponent(part.slice(i + 1).trim()); } catch { return undefined; }
    }
  }
  return undefined;
}

// A hash of a random password: comparing against it when the user does not exist takes as long as a real check,
// so response times do not reveal which usernames exist.
const DUMMY_HASH = bcrypt.hashSync(randomBytes(16).toString('hex'), 10);

export async function checkPassword(store: Store, username: string, password: string): Promise<User | undefined> {
  const cred = await store.getCredentials(username);
  const match = await bcrypt.compare(password, cred?.passwordHash ?? DUMMY_HASH);
  return cred && match ? cred.user : undefined;
}

export const hashPassword = (password: string, rounds = 10) => bcrypt.hash(password, rounds);
