/**
 * Login, logout and "who am I". The login cookie is HTTP-only (scripts cannot
 * read it) and SameSite=Lax; failed logins are rate-limited per address.
 */
import { Router, type RequestHandler } from 'express';
import { z } from 'zod';
import { checkPassword, COOKIE_NAME, openLoginSession, SESSION_TTL_MS } from '../../access/login-sessions.js';
import type { Store, User } from '../../store/types.js';
import { HttpError } from '../errors.js';
import { parse, requireUser } from '../guards.js';

const LoginBody = z.strictObject({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(200),
});

/** The public shape of an account (never the password hash). */
export const publicUser = (u: User) => ({ id: u.id, username: u.username, name: u.displayName, role: u.role });

export interface AuthRouterDeps {
  store: Store;
  loginLimiter: RequestHandler;
  cookieSecure: boolean;
  /** Closes the sockets opened with a login that has just ended. */
  onLogout: (tokenHash: string) => void;
}

export function authRouter(d: AuthRouterDeps): Router {
  const r = Router();

  r.post('/login', d.loginLimiter, async (req, res) => {
    const body = parse(LoginBody, req.body);
    const user = await checkPassword(d.store, body.username, body.password);
    if (!user) throw new HttpError(401, 'auth/invalid_credentials', 'unknown username or wrong password');
    const { token } = await openLoginSession(d.store, user.id);
    res.cookie(COOKIE_NAME, token, { httpOnly: true, sameSite: 'lax', secure: d.cookieSecure, path: '/', maxAge: SESSION_TTL_MS });
    res.json(publicUser(user));
  });

  r.post('/logout', async (req, res) => {
    if (req.tokenHash) {
      await d.store.deleteAuthSession(req.tokenHash);
      d.onLogout(req.tokenHash);
    }
    res.clearCookie(COOKIE_NAME, { path: '/' });
    res.json({ loggedOut: true });
  });

  r.get('/me', (req, res) => {
    res.json(publicUser(requireUser(req)));
  });

  return r;
}
