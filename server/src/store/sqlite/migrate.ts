/**
 * Numbered SQL migrations (`migrations/NNNN_name.sql`), applied in order at
 * start-up. Each file runs inside a transaction together with the row that
 * records it, so a failed migration leaves no trace. A database whose history
 * does not match this build's files (an id this build does not know, or a gap)
 * is refused: running on it could corrupt data written by another version.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type Database from 'better-sqlite3';

export const MIGRATIONS_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'migrations');

export interface Migration { id: string; sql: string }

const NAME = /^(\d{4})_[a-z0-9_]+\.sql$/;

export function listMigrations(dir: string = MIGRATIONS_DIR): Migration[] {
  const files = readdirSync(dir).filter((f) => f.endsWith('.sql')).sort();
  const out: Migration[] = [];
  for (const f of files) {
    if (!NAME.test(f)) throw new Error(`migration file "${f}" must be named NNNN_lower_snake_name.sql`);
    const sql = readFileSync(join(dir, f), 'utf8');
    // The runner owns the transaction; a COMMIT inside a file would record a half-applied migration.
    if (/^\s*(BEGIN\s*(TRANSACTION|IMMEDIATE|DEFERRED|EXCLUSIVE)?\s*;|COMMIT\b|END\s+TRANSACTION)/im.test(sql)) throw new Error(`migration ${f} must not open or commit its own transaction`);
    out.push({ id: f.replace(/\.sql$/, ''), sql });
  }
  out.forEach((m, i) => {
    if (Number(m.id.slice(0, 4)) !== i + 1) throw new Error(`migrations must be numbered 0001, 0002, … without gaps; found ${m.id} at position ${i + 1}`);
  });
  return out;
}

export class MigrationHistoryError extends Error {
  constructor(message: string) { super(message); this.name = 'MigrationHistoryError'; }
}

/** Applies pending migrations; returns the ids applied now. */
export function migrate(db: Database.Database, migrations: Migration[] = listMigrations()): string[] {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (id TEXT PRIMARY KEY, applied_at INTEGER NOT NULL)');
  const applied = (db.prepare('SELECT id FROM schema_migrations ORDER BY id').all() as { id: string }[]).map((r) => r.id);
  const known = migrations.map((m) => m.id);
  applied.forEach((id, i) => {
    if (!known.includes(id)) throw new MigrationHistoryError(`database has migration "${id}" that this build does not know: it was written by a newer or different version`);
    if (known[i] !== id) throw new MigrationHistoryError(`database migration history is out of order: expected "${known[i]}" at position ${i + 1}, found "${id}"`);
  });
  const pending = migrations.slice(applied.length);
  const record = db.prepare('INSERT INTO schema_migrations (id, applied_at) VALUES (?, ?)');
  for (const m of pending) {
    db.transaction(() => { db.exec(m.sql); record.run(m.id, Date.now()); })();
  }
  return pending.map((m) => m.id);
}
