/**
 * The SQLite store on real files: migrations and their history check, the
 * append-only log (atomic batches, contiguous seqs, one client id per action),
 * the read model kept in step, and the online backup.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync, copyFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { Worker } from 'node:worker_threads';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SessionEvent } from '../../domain/events.js';
import { LogConflictError } from '../types.js';
import { backupFile } from './backup.js';
import { eventRow, EventWriter, observeWriter, sessionRowUpdate, WRITE_SQL } from './event-writer.js';
import { openSqliteStore, type SqliteStore } from './index.js';
import { listMigrations, migrate, MigrationHistoryError, MIGRATIONS_DIR } from './migrate.js';

let dir: string;
let store: SqliteStore;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'deskdrill-store-'));
  store = openSqliteStore(join(dir, 'db.sqlite'));
});
afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const created = (trainees: string[]): Extract<SessionEvent, { type: 'session.created' }> => ({
  seq: 1, type: 'session.created', t: 0, actor: { role: 'trainer', id: 'usr_t' },
  payload: { drillId: 'demo-short', contractId: 'standard', seed: 1, mode: 'training', speed: 2, rubricVersion: 'v1', trainees: trainees.map((id) => ({ id, name: id })), timeline: [], duration: 600_000 },
});
const ev = (seq: number, type: SessionEvent['type'], payload: unknown, clientId?: string, t = seq * 1000): SessionEvent =>
  ({ seq, type, t, actor: { role: 'trainee', id: 'usr_a' }, payload, ...(clientId ? { clientId } : {}) }) as SessionEvent;

async function withSession(id = 'ses_1') {
  await store.createUser({ id: 'usr_t', username: 'trainer', displayName: 'T', role: 'trainer', passwordHash: 'x' });
  await store.createUser({ id: 'usr_a', username: 'alice', displayName: 'A', role: 'trainee', passwordHash: 'x' });
  await store.createClassroom({ id: 'cls_1', name: 'C', createdBy: 'usr_t' });
  return store.createSession({ id, classroomId: 'cls_1', createdBy: 'usr_t', traineeIds: ['usr_a'], created: created(['usr_a']) }, 1000);
}

/**
 * Another thread takes the database's write lock (inserting user usr_lock) and keeps it for `ms`; resolves
 * once it holds it. `released` settles when the thread has committed and exited.
 */
async function holdWriteLock(file: string, ms: number): Promise<{ released: Promise<unknown> }> {
  const holder = new Worker(`
    const { parentPort, workerData } = require('node:worker_threads');
    const db = new (require('better-sqlite3'))(workerData.file);
    db.prepare('BEGIN IMMEDIATE').run();
    db.prepare("INSERT INTO users (id, username, display_name, role, password_hash, created_at) VALUES ('usr_lock', 'lock', 'L', 'trainee', 'x', 1)").run();
    parentPort.postMessage('locked');
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, workerData.ms);
    db.prepare('COMMIT').run();
    db.close();
  `, { eval: true, workerData: { file, ms } });
  // Listened for at once: the exit can come while the caller awaits something else.
  const released = new Promise((resolve) => holder.once('exit', resolve));
  await new Promise((resolve, reject) => { holder.once('message', resolve); holder.once('error', reject); });
  return { released };
}

describe('migrations', () => {
  it('apply once, in a transaction with their record', () => {
    expect(store.migrationsApplied).toEqual(listMigrations().map((m) => m.id));
    const again = openSqliteStore(join(dir, 'db.sqlite'));
    expect(again.migrationsApplied).toEqual([]);
    void again.close();
  });

  it('refuse a database with a migration this build does not know, or an out-of-order history', () => {
    const db = new Database(join(dir, 'db.sqlite'));
    db.prepare('INSERT INTO schema_migrations (id, applied_at) VALUES (?, ?)').run('0099_from_the_future', 0);
    db.close();
    expect(() => openSqliteStore(join(dir, 'db.sqlite'))).toThrow(MigrationHistoryError);

    const other = new Database(join(dir, 'other.sqlite'));
    other.exec('CREATE TABLE schema_migrations (id TEXT PRIMARY KEY, applied_at INTEGER NOT NULL)');
    other.prepare('INSERT INTO schema_migrations VALUES (?, 0)').run('0002_later');
    expect(() => migrate(other, [{ id: '0001_init', sql: 'SELECT 1' }, { id: '0002_later', sql: 'SELECT 1' }])).toThrow(/out of order/);
    other.close();
  });

  it('leave no trace when a migration fails halfway', () => {
    const db = new Database(':memory:');
    expect(() => migrate(db, [{ id: '0001_ok', sql: 'CREATE TABLE a (x)' }, { id: '0002_bad', sql: 'CREATE TABLE b (y); INSERT INTO nowhere VALUES (1);' }])).toThrow();
    expect(db.prepare('SELECT id FROM schema_migrations').all()).toEqual([{ id: '0001_ok' }]);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'b'").all()).toEqual([]);
    db.close();
  });

  it('are numbered without gaps and never manage their own transaction', () => {
    const bad = join(dir, 'migrations');
    mkdirSync(bad);
    for (const f of readdirSync(MIGRATIONS_DIR).filter((x) => x.endsWith('.sql'))) copyFileSync(join(MIGRATIONS_DIR, f), join(bad, f));
    // Numbered after this build's own files, whatever their count.
    const id = (n: number) => String(listMigrations().length + n).padStart(4, '0');
    writeFileSync(join(bad, `${id(2)}_gap.sql`), 'SELECT 1;');
    expect(() => listMigrations(bad)).toThrow(/without gaps/);
    rmSync(join(bad, `${id(2)}_gap.sql`));
    writeFileSync(join(bad, `${id(1)}_commit.sql`), 'BEGIN TRANSACTION;\nCREATE TABLE z (x);\nCOMMIT;');
    expect(() => listMigrations(bad)).toThrow(/own transaction/);
  });
});

/** A database as an older build left it: only its first `count` migrations, a trainer usr_t and a classroom cls_1. */
function olderDatabase(count: number): Database.Database {
  const db = new Database(join(dir, 'old.sqlite'));
  migrate(db, listMigrations().slice(0, count));
  db.prepare("INSERT INTO users (id, username, display_name, role, password_hash, created_at) VALUES ('usr_t', 't', 'T', 'trainer', 'x', 1)").run();
  db.prepare("INSERT INTO classrooms (id, name, created_by, created_at) VALUES ('cls_1', 'C', 'usr_t', 1)").run();
  return db;
}

describe('migration 0002_session_cancelled', () => {
  it('marks the sessions stored before it that stopped without ever starting as cancelled, and those only', () => {
    const db = olderDatabase(1);
    const session = db.prepare(`INSERT INTO drill_sessions (id, classroom_id, drill_id, mode, speed, seed, rubric_version, status, last_seq, virtual_now, created_by, created_at, updated_at)
      VALUES (?, 'cls_1', 'demo-short', 'training', 1, 1, 'v1', ?, ?, 0, 'usr_t', 1, 1)`);
    const event = db.prepare(WRITE_SQL.insertEvent);
    const trainer = { role: 'trainer', id: 'usr_t' } as const;
    const logs: Record<string, SessionEvent['type'][]> = {
      ses_cancelled: ['session.created', 'session.stopped'],
      ses_ran: ['session.created', 'session.started', 'session.stopped'],
      ses_planned: ['session.created'],
    };
    for (const [id, types] of Object.entries(logs)) {
      session.run(id, types.at(-1) === 'session.stopped' ? 'stopped' : 'created', types.length);
      types.forEach((type, i) => event.run(...eventRow(id, { seq: i + 1, type, t: 0, actor: trainer, payload: {} } as SessionEvent, 1)));
    }
    migrate(db, listMigrations());
    expect(db.prepare('SELECT id, cancelled FROM drill_sessions ORDER BY id').all()).toEqual([
      { id: 'ses_cancelled', cancelled: 1 }, { id: 'ses_planned', cancelled: 0 }, { id: 'ses_ran', cancelled: 0 },
    ]);
    db.close();
  });
});

describe('migration 0003_session_name_started', () => {
  it('gives the sessions stored before it the start time their log records, and no name', () => {
    const db = olderDatabase(2);
    const session = db.prepare(`INSERT INTO drill_sessions (id, classroom_id, drill_id, mode, speed, seed, rubric_version, status, last_seq, virtual_now, created_by, created_at, updated_at)
      VALUES (?, 'cls_1', 'demo-short', 'training', 1, 1, 'v1', 'created', ?, 0, 'usr_t', 1, 1)`);
    const event = db.prepare(WRITE_SQL.insertEvent);
    const trainer = { role: 'trainer', id: 'usr_t' } as const;
    const logs: Record<string, [SessionEvent['type'], unknown][]> = {
      ses_planned: [['session.created', created(['usr_a']).payload]],
      ses_ran: [['session.created', created(['usr_a']).payload], ['session.started', { wallMs: 7_000 }], ['session.paused', { wallMs: 8_000 }], ['session.resumed', { wallMs: 9_000 }]],
    };
    for (const [id, log] of Object.entries(logs)) {
      session.run(id, log.length);
      log.forEach(([type, payload], i) => event.run(...eventRow(id, { seq: i + 1, type, t: 0, actor: trainer, payload } as SessionEvent, 1)));
    }
    migrate(db, listMigrations());
    expect(db.prepare('SELECT id, name, started_at FROM drill_sessions ORDER BY id').all()).toEqual([
      { id: 'ses_planned', name: null, started_at: null }, { id: 'ses_ran', name: null, started_at: 7_000 },
    ]);
    db.close();
  });
});

describe('event log', () => {
  it('stores the creation event and the read model together', async () => {
    const rec = await withSession();
    expect(rec).toMatchObject({ id: 'ses_1', status: 'created', lastSeq: 1, speed: 2, traineeIds: ['usr_a'] });
    expect(await store.readLog('ses_1')).toEqual([created(['usr_a'])]);
  });

  it('appends a batch atomically and keeps the read model in step', async () => {
    await withSession();
    await store.appendBatch('ses_1', [
      { seq: 2, type: 'session.started', t: 0, actor: { role: 'trainer', id: 'usr_t' }, payload: { wallMs: 5 } },
      ev(3, 'contact.arrived', { contactId: 'usr_a-C001' }),
      ev(4, 'contact.taken', { contactId: 'usr_a-C001' }, 'client-id-0001'),
    ], 2000);
    const rec = (await store.getSession('ses_1'))!;
    expect(rec).toMatchObject({ status: 'running', lastSeq: 4, virtualNow: 4000, updatedAt: 2000 });
    const log = await store.readLog('ses_1', 2);
    expect(log.map((e) => e.seq)).toEqual([3, 4]);
    expect(log[1]!.clientId).toBe('client-id-0001');
    expect(await store.readLog('ses_1', 0, 2)).toHaveLength(2);
  });

  it('records a session stopped before it started as cancelled, one stopped after it ran as not', async () => {
    await withSession();
    await store.createSession({ id: 'ses_2', classroomId: 'cls_1', createdBy: 'usr_t', traineeIds: ['usr_a'], created: created(['usr_a']) }, 1000);
    const trainer = { role: 'trainer', id: 'usr_t' } as const;
    await store.appendBatch('ses_1', [{ seq: 2, type: 'session.stopped', t: 0, actor: trainer, payload: { reason: 'trainer' } }], 2000);
    await store.appendBatch('ses_2', [
      { seq: 2, type: 'session.started', t: 0, actor: trainer, payload: { wallMs: 5 } },
      { seq: 3, type: 'session.stopped', t: 1000, actor: trainer, payload: { reason: 'trainer' } },
    ], 2000);
    expect(await store.getSession('ses_1')).toMatchObject({ status: 'stopped', cancelled: true });
    expect(await store.getSession('ses_2')).toMatchObject({ status: 'stopped', cancelled: false });
    expect((await store.listSessions()).map((s) => [s.id, s.cancelled])).toEqual(expect.arrayContaining([['ses_1', true], ['ses_2', false]]));
  });

  it('keeps the name its creation gave a session, and the wall time its drill started at', async () => {
    await withSession();
    const named = created(['usr_a']);
    named.payload.name = 'BTS SIO groupe B — matin';
    await store.createSession({ id: 'ses_2', classroomId: 'cls_1', createdBy: 'usr_t', traineeIds: ['usr_a'], created: named }, 1000);
    const trainer = { role: 'trainer', id: 'usr_t' } as const;
    expect(await store.getSession('ses_2')).toMatchObject({ name: 'BTS SIO groupe B — matin' });
    expect(await store.getSession('ses_2')).not.toHaveProperty('startedAt');
    // The start's own wall time (its clock anchor), not the append's; a later resume does not move it.
    await store.appendBatch('ses_2', [{ seq: 2, type: 'session.started', t: 0, actor: trainer, payload: { wallMs: 1_500 } }], 2000);
    await store.appendBatch('ses_2', [
      { seq: 3, type: 'session.paused', t: 1000, actor: trainer, payload: { wallMs: 2_500 } },
      { seq: 4, type: 'session.resumed', t: 1000, actor: trainer, payload: { wallMs: 3_500 } },
    ], 4000);
    const rows = await store.listSessions();
    expect(rows.find((s) => s.id === 'ses_2')).toMatchObject({ name: 'BTS SIO groupe B — matin', startedAt: 1_500, status: 'running' });
    const unnamed = rows.find((s) => s.id === 'ses_1')!;
    expect(unnamed).not.toHaveProperty('name');
    expect(unnamed).not.toHaveProperty('startedAt');
  });

  it('refuses a batch that does not continue the log, writing none of it', async () => {
    await withSession();
    await expect(store.appendBatch('ses_1', [ev(2, 'contact.arrived', { contactId: 'c' }), ev(4, 'contact.taken', { contactId: 'c' })], 1)).rejects.toBeInstanceOf(LogConflictError);
    await expect(store.appendBatch('ses_1', [ev(1, 'contact.arrived', { contactId: 'c' })], 1)).rejects.toBeInstanceOf(LogConflictError);
    expect((await store.getSession('ses_1'))!.lastSeq).toBe(1);
    expect(await store.readLog('ses_1')).toHaveLength(1);
  });

  it('refuses a second event with the same client id in a session, writing none of the batch', async () => {
    await withSession();
    await store.appendBatch('ses_1', [ev(2, 'kb.searched', { query: 'a', results: [] }, 'same-client-id')], 1);
    await expect(store.appendBatch('ses_1', [ev(3, 'kb.searched', { query: 'b', results: [] }), ev(4, 'kb.searched', { query: 'c', results: [] }, 'same-client-id')], 1)).rejects.toThrow(/UNIQUE/);
    expect((await store.readLog('ses_1')).map((e) => e.seq)).toEqual([1, 2]);
  });

  it('commits appends that arrive together in one group, rejecting only the batch that fails', async () => {
    await withSession('ses_1');
    await store.createSession({ id: 'ses_2', classroomId: 'cls_1', createdBy: 'usr_t', traineeIds: ['usr_a'], created: created(['usr_a']) }, 1000);
    await store.createSession({ id: 'ses_3', classroomId: 'cls_1', createdBy: 'usr_t', traineeIds: ['usr_a'], created: created(['usr_a']) }, 1000);
    // Benchmarks observe each group commit (its time, fsync included, and its batches).
    const commits: { commitMs: number; batches: number }[] = [];
    observeWriter((commitMs, batches) => commits.push({ commitMs, batches }));
    const outcomes = Promise.allSettled([
      store.appendBatch('ses_1', [ev(2, 'kb.searched', { query: 'a', results: [] }, 'group-id-0001')], 5),
      // Does not continue ses_2's log (seq 3 after 1): refused alone, none of it written.
      store.appendBatch('ses_2', [ev(2, 'kb.searched', { query: 'b', results: [] }), ev(4, 'kb.searched', { query: 'c', results: [] })], 5),
      store.appendBatch('ses_3', [ev(2, 'kb.searched', { query: 'd', results: [] }), ev(3, 'kb.searched', { query: 'e', results: [] })], 5),
    ]);
    // Nothing is written (or acknowledged) before the group commits.
    expect((await store.getSession('ses_1'))!.lastSeq).toBe(1);
    const [a, b, c] = await outcomes;
    observeWriter(undefined);
    // One group: ses_1's and ses_3's batches (ses_2's is refused on this side, where each session's head is kept).
    expect(commits).toHaveLength(1);
    expect(commits[0]!.batches).toBe(2);
    expect(commits[0]!.commitMs).toBeGreaterThan(0);
    expect(a.status).toBe('fulfilled');
    expect(b.status === 'rejected' && b.reason).toBeInstanceOf(LogConflictError);
    expect(c.status).toBe('fulfilled');
    expect((await store.readLog('ses_1')).map((e) => e.seq)).toEqual([1, 2]);
    expect((await store.readLog('ses_2')).map((e) => e.seq)).toEqual([1]);
    expect((await store.readLog('ses_3')).map((e) => e.seq)).toEqual([1, 2, 3]);
    expect((await store.getSession('ses_3'))!.lastSeq).toBe(3);
  });

  it('interleaves group commits with the connection\'s other writes (accounts, new sessions)', async () => {
    await withSession('ses_0');
    const ids = Array.from({ length: 30 }, (_, i) => `ses_${i + 1}`);
    for (const id of ids) await store.createSession({ id, classroomId: 'cls_1', createdBy: 'usr_t', traineeIds: ['usr_a'], created: created(['usr_a']) }, 1000);
    const appends: Promise<void>[] = [];
    for (let k = 0; k < 20; k++) {
      for (const id of ids) appends.push(store.appendBatch(id, [ev(2 + k, 'kb.searched', { query: `q${k}`, results: [] })], 5));
      // Meanwhile this connection keeps writing (as accounts, scores and new sessions do) before the appends' group commits.
      for (let u = 0; u < 25; u++) await store.createUser({ id: `usr_${k}_${u}`, username: `u${k}_${u}`, displayName: 'U', role: 'trainee', passwordHash: 'x' });
      await store.createSession({ id: `ses_new_${k}`, classroomId: 'cls_1', createdBy: 'usr_t', traineeIds: ['usr_a'], created: created(['usr_a']) }, 1000);
    }
    const outcomes = await Promise.allSettled(appends);
    expect(outcomes.filter((o) => o.status === 'rejected').map((o) => String((o as PromiseRejectedResult).reason))).toEqual([]);
    for (const id of ids) expect((await store.getSession(id))!.lastSeq).toBe(21);
  });

  it('waits for another connection\'s write lock (busy_timeout) instead of failing the group', async () => {
    await withSession();
    // As a second process (a backup restore, a seed) could.
    const holder = await holdWriteLock(join(dir, 'db.sqlite'), 300);
    const started = performance.now();
    await store.appendBatch('ses_1', [ev(2, 'kb.searched', { query: 'a', results: [] })], 5);
    expect(performance.now() - started).toBeGreaterThan(100);
    await holder.released;
    expect((await store.readLog('ses_1')).map((e) => e.seq)).toEqual([1, 2]);
    expect(await store.getUser('usr_lock')).toBeDefined();
  });

  it('rejects every append of a group whose transaction cannot run, storing none of them', async () => {
    await withSession('ses_1');
    await store.createSession({ id: 'ses_2', classroomId: 'cls_1', createdBy: 'usr_t', traineeIds: ['usr_a'], created: created(['usr_a']) }, 1000);
    // A writer of its own on a connection that gives up on a busy database after 20 ms.
    const db = new Database(join(dir, 'db.sqlite'));
    db.pragma('busy_timeout = 20');
    const writer = new EventWriter(db);
    const batch = (sessionId: string) => ({
      sessionId, afterSeq: 1, rows: [eventRow(sessionId, ev(2, 'kb.searched', { query: 'a', results: [] }), 5)],
      next: sessionRowUpdate(sessionId, { status: 'created', cancelled: false, lastSeq: 2, virtualNow: 2000, speed: 1, startedAt: null }, 5),
    });
    const holder = await holdWriteLock(join(dir, 'db.sqlite'), 300);
    const outcomes = await Promise.allSettled([writer.append(batch('ses_1')), writer.append(batch('ses_2'))]);
    await holder.released;
    expect(outcomes.map((o) => o.status === 'rejected' && String(o.reason))).toEqual([expect.stringMatching(/locked|busy/i), expect.stringMatching(/locked|busy/i)]);
    expect((await store.readLog('ses_1')).map((e) => e.seq)).toEqual([1]);
    expect((await store.readLog('ses_2')).map((e) => e.seq)).toEqual([1]);
    // The writer is not stuck: once the lock is free, the same batches commit.
    await writer.append(batch('ses_1'));
    expect((await store.readLog('ses_1')).map((e) => e.seq)).toEqual([1, 2]);
    await writer.close();
    db.close();
  });

  it('commits waiting appends when closed', async () => {
    await withSession();
    const pending = store.appendBatch('ses_1', [ev(2, 'kb.searched', { query: 'a', results: [] })], 5);
    await store.close();
    await pending;
    store = openSqliteStore(join(dir, 'db.sqlite'));
    expect((await store.readLog('ses_1')).map((e) => e.seq)).toEqual([1, 2]);
  });

  it('is append-only: the database itself refuses updates and deletes of events', async () => {
    await withSession();
    await store.close();
    const db = new Database(join(dir, 'db.sqlite'));
    expect(() => db.prepare("UPDATE events SET payload = '{}' WHERE seq = 1").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM events').run()).toThrow(/append-only/);
    db.close();
    store = openSqliteStore(join(dir, 'db.sqlite'));
  });

  it('lists sessions by classroom, trainee and status', async () => {
    await withSession();
    expect((await store.listSessions({ traineeId: 'usr_a' })).map((s) => s.id)).toEqual(['ses_1']);
    expect(await store.listSessions({ traineeId: 'usr_t' })).toEqual([]);
    expect((await store.listSessions({ classroomIds: ['cls_1'], statuses: ['created'] })).map((s) => s.id)).toEqual(['ses_1']);
    expect(await store.listSessions({ classroomIds: [] })).toEqual([]);
    expect(await store.listSessions({ statuses: ['running'] })).toEqual([]);
  });
});

describe('accounts and scores', () => {
  it('finds users case-insensitively and expires login sessions', async () => {
    await withSession();
    expect((await store.getCredentials('ALICE'))!.user.id).toBe('usr_a');
    await store.createAuthSession('hash1', 'usr_a', 10_000);
    expect((await store.getAuthSession('hash1', 9_999))!.id).toBe('usr_a');
    expect(await store.getAuthSession('hash1', 10_000)).toBeUndefined();
    await store.deleteAuthSession('hash1');
    expect(await store.getAuthSession('hash1', 0)).toBeUndefined();
  });

  it('keeps re-scores beside the original, even within one millisecond', async () => {
    await withSession();
    const score = { rubricVersion: 'v1', trainees: {}, evidence: [] };
    const a = await store.saveScore({ sessionId: 'ses_1', rubricVersion: 'v1', computedAt: 50, lastSeq: 1, score });
    const b = await store.saveScore({ sessionId: 'ses_1', rubricVersion: 'v1', computedAt: 50, lastSeq: 1, score });
    expect([a.computedAt, b.computedAt]).toEqual([50, 51]);
    expect((await store.listScores('ses_1')).length).toBe(2);
  });
});

describe('backup', () => {
  it('copies a live database with the online backup API', async () => {
    await withSession();
    const dest = join(dir, 'backup.sqlite');
    const r = await backupFile(join(dir, 'db.sqlite'), dest);
    expect(r.pages).toBeGreaterThan(0);
    const copy = openSqliteStore(dest);
    expect(await copy.readLog('ses_1')).toEqual(await store.readLog('ses_1'));
    await copy.close();
    await expect(backupFile(join(dir, 'db.sqlite'), dest)).rejects.toThrow(/already exists/);
  });

  it('runs as `npm run db:backup -- <file>` against DESKDRILL_DB', async () => {
    await withSession();
    const dest = join(dir, 'cli-backup.sqlite');
    const out = execFileSync('npx', ['tsx', 'scripts/db-backup.ts', dest], { env: { ...process.env, DESKDRILL_DB: join(dir, 'db.sqlite') }, encoding: 'utf8' });
    expect(out).toMatch(/backup of .* written to/);
    const copy = openSqliteStore(dest);
    expect((await copy.getSession('ses_1'))!.lastSeq).toBe(1);
    await copy.close();
  }, 60_000);
});
