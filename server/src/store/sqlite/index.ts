/**
 * The SQLite implementation of the Store: one better-sqlite3 connection in WAL
 * mode, migrated at open. This directory is the only code that knows SQL.
 */
import type { Store } from '../types.js';
import { sqliteAccounts } from './accounts.js';
import { sqliteClassrooms, sqliteScores } from './classrooms.js';
import { sqliteEventLog } from './event-log.js';
import { migrate } from './migrate.js';
import { openDatabase } from './open.js';
import { prepared } from './prepared.js';

export interface SqliteStore extends Store { readonly file: string; readonly migrationsApplied: string[] }

export function openSqliteStore(file: string): SqliteStore {
  const db = openDatabase(file);
  let migrationsApplied: string[];
  try {
    migrationsApplied = migrate(db);
  } catch (e) {
    db.close();
    throw e;
  }
  const { closeWriter, ...eventLog } = sqliteEventLog(db);
  const count = (table: string) => (prepared(db, `SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  return {
    file,
    migrationsApplied,
    ...eventLog,
    ...sqliteAccounts(db),
    ...sqliteClassrooms(db),
    ...sqliteScores(db),
    async counts() {
      return {
        users: count('users'), classrooms: count('classrooms'), sessions: count('drill_sessions'),
        events: count('events'), scores: count('scores'), authSessions: count('auth_sessions'),
      };
    },
    async backup(dest) {
      // SQLite's online backup API copies a consistent snapshot page by page while writers continue.
      const r = await db.backup(dest);
      return { pages: r.totalPages };
    },
    async close() {
      if (!db.open) return;
      await closeWriter();
      db.close();
    },
  };
}
