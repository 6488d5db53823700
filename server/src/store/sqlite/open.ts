/**
 * Opens the SQLite database with the settings the durability promise rests on.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';

export function openDatabase(file: string): Database.Database {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  // WAL lets readers (views, backups) run beside the writer.
  db.pragma('journal_mode = WAL');
  // FULL: each commit fsyncs the WAL, so an acknowledged action survives a power cut, not only a process
  // crash (NORMAL would be enough for kill -9 but may lose the last commits on power loss). The event log's
  // commits are grouped (event-writer.ts): one fsync for all the appends of a turn of the event loop.
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  return db;
}
