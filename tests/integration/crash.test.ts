/**
 * Crash and restart with the real server as a child process (`tsx
 * server/src/main.ts`, the same entry as `npm start`): start the demo drill,
 * act through real sockets, `kill -9` the server in the middle of a burst of
 * actions, start it again on the same database, and check that
 * - every acknowledged action is in the log, at the seq its ack gave;
 * - the state at the last seq seen before the crash is exactly the state then;
 * - the session resumes running on its clock (new callers keep arriving);
 * - clients reconnect by themselves, resynchronise from their last seq, and
 *   retrying the unacknowledged actions applies each of them once.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StaffUpdate, TraineeSnapshot, TraineeUpdate } from '../../server/src/protocol.js';
import { openSqliteStore } from '../../server/src/store/sqlite/index.js';
import { connect, http, login, unwrap, type TestClient } from './support/clients.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

interface Child { proc: ChildProcess; out: string[] }

function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.once('error', fail);
    s.listen(0, '127.0.0.1', () => { const { port } = s.address() as { port: number }; s.close(() => ok(port)); });
  });
}

/** Starts `tsx server/src/main.ts` and resolves once it listens. */
function startServerProcess(port: number, db: string): Promise<Child> {
  const proc = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
    cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, PORT: String(port), DESKDRILL_DB: db, LOG_LEVEL: 'info', NODE_ENV: 'test' },
  });
  const out: string[] = [];
  return new Promise((ok, fail) => {
    let buf = '';
    const onData = (d: Buffer) => {
      buf += d.toString();
      const lines = buf.split('\n');
      buf = lines.pop()!;
      out.push(...lines);
      if (lines.some((l) => l.includes('DeskDrill listening'))) ok({ proc, out });
    };
    proc.stdout!.on('data', onData);
    proc.stderr!.on('data', (d: Buffer) => out.push(`stderr: ${d.toString()}`));
    proc.once('exit', (code) => fail(new Error(`server exited with ${code} before listening:\n${out.join('\n')}`)));
  });
}

function killHard(c: Child): Promise<void> {
  return new Promise((ok) => {
    if (c.proc.exitCode !== null || c.proc.signalCode !== null) { ok(); return; }
    c.proc.once('exit', () => ok());
    c.proc.kill('SIGKILL');
  });
}

let dir: string, db: string, port: number, url: string;
let first: Child, second: Child | undefined;
const pw: Record<string, string> = {};
let sessionId: string;
let trainerCookie: string;
let t1: TestClient, t2: TestClient, staff: TestClient;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'deskdrill-crash-'));
  db = join(dir, 'deskdrill.db');
  port = await freePort();
  url = `http://127.0.0.1:${port}`;
  first = await startServerProcess(port, db);
  // The demo data is printed once, with its passwords, on the first start of an empty database.
  for (const l of first.out) {
    const m = /^\s+(trainee|trainer|evaluator|admin)\s+(\S+)\s+mot de passe : (\S+)/.exec(l);
    if (m) pw[m[2]!] = m[3]!;
    const s = /session (ses_[a-z0-9]+)/.exec(l);
    if (s) sessionId = s[1]!;
  }
  expect(Object.keys(pw).sort()).toEqual(['admin', 'evaluateur', 'formateur', 'stagiaire1', 'stagiaire2', 'stagiaire3']);
  expect(sessionId).toBeTruthy();
}, 120_000);

afterAll(async () => {
  for (const c of [t1, t2, staff]) c?.close();
  for (const c of [first, second]) if (c) await killHard(c);
  rmSync(dir, { recursive: true, force: true });
});

describe('kill -9 and restart', () => {
  it('loses no acknowledged action, restores the state, resumes the drill and resynchronises clients', async () => {
    trainerCookie = await login(url, 'formateur', pw.formateur);
    [staff, t1, t2] = await Promise.all([
      connect(url, trainerCookie, { reconnection: true }),
      connect(url, await login(url, 'stagiaire1', pw.stagiaire1), { reconnection: true }),
      connect(url, await login(url, 'stagiaire2', pw.stagiaire2), { reconnection: true }),
    ]);
    for (const c of [staff, t1, t2]) unwrap(await c.join(sessionId));
    unwrap(await staff.control(sessionId, { type: 'session.setSpeed', speed: 5 }));
    unwrap(await staff.control(sessionId, { type: 'session.start' }));

    // Each trainee takes the first caller and opens a ticket.
    const tickets: string[] = [];
    for (const c of [t1, t2]) {
      const d = c.lastDesk!.view.desk.contacts.length ? c.lastDesk! : await c.deskWhen((u) => u.view.desk.contacts.length > 0);
      const contactId = d.view.desk.contacts[0]!.id;
      unwrap(await c.act(sessionId, { type: 'contact.take', contactId }));
      unwrap(await c.act(sessionId, { type: 'call.greet', contactId }));
      const created = unwrap(await c.act(sessionId, { type: 'ticket.create', contactId, title: 'Impression bloquée' }));
      const ticketId = (await c.deskAt(created.seq)).view.desk.contacts[0]!.ticketId!;
      unwrap(await c.act(sessionId, { type: 'ticket.take', ticketId }));
      unwrap(await c.act(sessionId, { type: 'ticket.qualify', ticketId, impact: 'low', urgency: 'medium', category: 'impression', ticketType: 'incident' }));
      tickets.push(ticketId);
    }

    // The state as staff saw it, at a known seq.
    const before = await http<StaffUpdate>(url, 'GET', `/api/sessions/${sessionId}`, { cookie: trainerCookie });
    expect(before.status).toBe(200);
    expect(before.body.view.session.status).toBe('running');

    // A burst of notes from both trainees; the server dies as soon as some are acknowledged.
    const burst = Array.from({ length: 40 }, (_, i) => ({ client: i % 2 ? t2 : t1, ticketId: tickets[i % 2]!, clientId: randomUUID(), text: `note ${i}` }));
    const acked = new Map<string, number>();
    let killed: Promise<void> | undefined;
    const sends = burst.map((b) => b.client.act(sessionId, { type: 'ticket.addNote', ticketId: b.ticketId, text: b.text }, b.clientId).then((a) => {
      if (a.ok) acked.set(b.clientId, a.data.seq);
      if (acked.size >= 8) killed ??= killHard(first);
    }, () => { /* no answer: the server died first */ }));
    await Promise.race([Promise.all(sends), new Promise((r) => setTimeout(r, 20_000))]);
    await (killed ??= killHard(first));
    const ackedAtKill = new Map(acked);
    expect(ackedAtKill.size).toBeGreaterThanOrEqual(8);

    second = await startServerProcess(port, db);
    expect(second.out.some((l) => l.includes('resumed open drill sessions') && l.includes(sessionId))).toBe(true);
    // No demo data on a database that has users.
    expect(second.out.some((l) => l.includes('mot de passe'))).toBe(false);

    // Every acknowledged action is in the log, at the seq its ack gave.
    const store = openSqliteStore(db);
    try {
      const log = await store.readLog(sessionId);
      expect(log.map((e) => e.seq)).toEqual(log.map((_, i) => i + 1));
      for (const [clientId, seq] of ackedAtKill) {
        expect(log[seq - 1], `ack ${seq}`).toMatchObject({ seq, type: 'ticket.noteAdded', clientId });
      }
    } finally {
      await store.close();
    }

    // The state at the last seq seen before the crash is exactly the state then.
    const replay = await http<{ seq: number; view: StaffUpdate['view'] }>(url, 'GET', `/api/sessions/${sessionId}?atSeq=${before.body.seq}`, { cookie: trainerCookie });
    expect(replay.status).toBe(200);
    expect(replay.body.view).toEqual(before.body.view);

    // Clients reconnect by themselves; each rejoins from its last seq.
    for (const c of [staff, t1, t2]) if (!c.socket.connected) await new Promise<void>((ok) => c.socket.once('connect', () => ok()));
    const staffSaw = staff.lastSeq;
    const staffBack = unwrap(await staff.join(sessionId, staffSaw)) as StaffUpdate;
    // Staff get exactly the events after the last one they saw (including those stored in the last instants before the crash).
    expect(staffBack.fromSeq).toBe(staffSaw);
    expect(staffBack.events.map((e) => e.seq)).toEqual(Array.from({ length: staffBack.seq - staffSaw }, (_, k) => staffSaw + k + 1));
    for (const c of [t1, t2]) {
      const u = unwrap(await c.join(sessionId, c.lastSeq)) as TraineeSnapshot;
      expect(u.seq).toBeGreaterThanOrEqual(Math.max(0, ...[...ackedAtKill.values()]));
    }

    // Retrying the whole burst with the same client ids applies each note exactly once.
    for (const b of burst) {
      const a = unwrap(await b.client.act(sessionId, { type: 'ticket.addNote', ticketId: b.ticketId, text: b.text }, b.clientId));
      if (ackedAtKill.has(b.clientId)) expect(a).toEqual({ seq: ackedAtKill.get(b.clientId), duplicate: true });
    }
    const after = await http<StaffUpdate>(url, 'GET', `/api/sessions/${sessionId}`, { cookie: trainerCookie });
    for (const [i, ticketId] of tickets.entries()) {
      const notes = after.body.view.desks.flatMap((d) => d.tickets).find((t) => t.id === ticketId)!.notes.map((n) => n.text);
      expect(notes.sort()).toEqual(burst.filter((_, k) => k % 2 === i).map((b) => b.text).sort());
    }

    // The drill resumed on its own clock: same anchors, and the next caller arrives.
    expect(after.body.view.session.status).toBe('running');
    expect(after.body.view.session.clock).toEqual(before.body.view.session.clock);
    const next = await t1.deskWhen((u) => u.view.desk.contacts.length >= 2, 90_000);
    expect(next.view.desk.contacts[1]!.arrivedAt).toBe(2 * 60_000);
  }, 240_000);

  it('shuts down gracefully on SIGTERM', async () => {
    const exited = new Promise<number | null>((ok) => second!.proc.once('exit', (code) => ok(code)));
    second!.proc.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(second!.out.some((l) => l.includes('shutting down'))).toBe(true);
  }, 60_000);
});
