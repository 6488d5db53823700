/**
 * Compiled statements, kept per connection. better-sqlite3 compiles SQL on every
 * `prepare`; the request path (login check, session lookup, membership) ran
 * three of them per socket event, about 3 % of the server's CPU under load.
 */
import type Database from 'better-sqlite3';

const caches = new WeakMap<Database.Database, Map<string, Database.Statement>>();

export function prepared(db: Database.Database, sql: string): Database.Statement {
  let cache = caches.get(db);
  if (!cache) { cache = new Map(); caches.set(db, cache); }
  let stmt = cache.get(sql);
  if (!stmt) { stmt = db.prepare(sql); cache.set(sql, stmt); }
  return stmt;
}
