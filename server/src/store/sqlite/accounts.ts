/** Users and login sessions on SQLite. */
import type Database from 'better-sqlite3';
import type { AccountStore, Role, User } from '../types.js';
import { prepared } from './prepared.js';

interface UserRowDb { id: string; username: string; display_name: string; role: Role; created_at: number }
const toUser = (r: UserRowDb): User => ({ id: r.id, username: r.username, displayName: r.display_name, role: r.role, createdAt: r.created_at });
const USER_COLUMNS = 'id, username, display_name, role, created_at';

export function sqliteAccounts(db: Database.Database): AccountStore {
  const byId = prepared(db, `SELECT ${USER_COLUMNS} FROM users WHERE id = ?`);
  return {
    async createUser(u) {
      prepared(db, 'INSERT INTO users (id, username, display_name, role, password_hash, created_at) VALUES (?, ?, ?, ?, ?, ?)')
        .run(u.id, u.username, u.displayName, u.role, u.passwordHash, Date.now());
      return toUser(byId.get(u.id) as UserRowDb);
    },
    async getUser(id) {
      const r = byId.get(id) as UserRowDb | undefined;
      return r ? toUser(r) : undefined;
    },
    async getCredentials(username) {
      const r = prepared(db, `SELECT ${USER_COLUMNS}, password_hash FROM users WHERE username = ?`).get(username) as (UserRowDb & { password_hash: string }) | undefined;
      return r ? { user: toUser(r), passwordHash: r.password_hash } : undefined;
    },
    async listUsers() {
      return (prepared(db, `SELECT ${USER_COLUMNS} FROM users ORDER BY role, username`).all() as UserRowDb[]).map(toUser);
    },
    async countUsers() {
      return (prepared(db, 'SELECT count(*) AS n FROM users').get() as { n: number }).n;
    },
    async createAuthSession(tokenHash, userId, expiresAt) {
      prepared(db, 'INSERT INTO auth_sessions (token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)').run(tokenHash, userId, Date.now(), expiresAt);
    },
    async getAuthSession(tokenHash, now) {
      const r = prepared(db, `SELECT u.id, u.username, u.display_name, u.role, u.created_at FROM auth_sessions a JOIN users u ON u.id = a.user_id
        WHERE a.token_hash = ? AND a.expires_at > ?`).get(tokenHash, now) as UserRowDb | undefined;
      return r ? toUser(r) : undefined;
    },
    async deleteAuthSession(tokenHash) {
      prepared(db, 'DELETE FROM auth_sessions WHERE token_hash = ?').run(tokenHash);
    },
  };
}
