/**
 * The session host over the real SQLite store: durable before acknowledged,
 * rollback by rebuilding from the log when an append fails, pushes sent only
 * after the caller has its answer, and a restarted host resuming a running
 * session at the virtual time its clock anchors give.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadCatalogOrThrow } from '../catalog/load.js';
import { MINUTE } from '../domain/sla.js';
import { openSqliteStore, type SqliteStore } from '../store/sqlite/index.js';
import type { Store } from '../store/types.js';
import { emptyScorer } from './scoring-adapter.js';
import { SessionHost } from './session-host.js';

const catalog = loadCatalogOrThrow();
const logger = pino({ level: 'silent' });
const trainer = { role: 'trainer' as const, id: 'usr_t' };
const alice = { role: 'trainee' as const, id: 'usr_a' };

let dir: string;
let store: SqliteStore;
let hosts: SessionHost[];

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'deskdrill-host-'));
  store = openSqliteStore(join(dir, 'db.sqlite'));
  hosts = [];
  await store.createUser({ id: 'usr_t', username: 't', displayName: 'T', role: 'trainer', passwordHash: 'x' });
  await store.createUser({ id: 'usr_a', username: 'a', displayName: 'Alice', role: 'trainee', passwordHash: 'x' });
  await store.createClassroom({ id: 'cls_1', name: 'C', createdBy: 'usr_t' });
});
afterEach(async () => {
  for (const h of hosts) await h.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

function host(s: Store = store, wallNow?: () => number): SessionHost {
  const h = new SessionHost({ store: s, catalog, scorer: emptyScorer(), logger, ...(wallNow ? { wallNow } : {}) });
  hosts.push(h);
  return h;
}

/** Resolves with the first contact once its arrival is handed to the store (the timer appends it just after the start). */
function firstArrival(h: SessionHost): Promise<string> {
  return new Promise((resolve) => h.onBatch(({ events }) => {
    const e = events.find((x) => x.type === 'contact.arrived');
    if (e) resolve((e.payload as { contactId: string }).contactId);
  }));
}

async function started(h: SessionHost, speed = 1) {
  const rec = await h.create({ classroomId: 'cls_1', drillId: 'demo-short', speed, seed: 4, createdBy: trainer, trainees: [{ id: 'usr_a', name: 'Alice' }] });
  if (!rec.ok) throw new Error(rec.error.message);
  const s = await h.trainerCommand(rec.value.id, trainer, 'start-000001', { type: 'session.start' });
  if (!s.ok) throw new Error(s.error.message);
  return rec.value.id;
}

describe('SessionHost', () => {
  it('rolls back to the stored log when an append fails, and a retry then applies once', async () => {
    let failNext = false;
    // Fails the next append, in order as the real store's writer would: only once the appends before it have settled
    // (an injected failure that overtook an earlier commit still in flight made the rebuild read a log without it).
    let previous: Promise<unknown> = Promise.resolve();
    const flaky: Store = {
      ...store,
      appendBatch: (id, events, wall) => {
        const failing = failNext;
        failNext = false;
        const p = failing ? previous.then(() => { throw new Error('disk full'); }) : store.appendBatch(id, events, wall);
        previous = p.catch(() => undefined);
        return p;
      },
    };
    const h = host(flaky);
    const arrived = firstArrival(h);
    const id = await started(h);
    const contactId = await arrived;
    failNext = true;
    const refused = await h.traineeCommand(id, alice, 'take-0000001', { type: 'contact.take', contactId: contactId! });
    expect(refused).toEqual({ ok: false, error: { code: 'store/unavailable', message: expect.stringMatching(/nothing was applied/) } });
    // Memory equals disk again: the contact is not taken.
    expect(await h.read(id, (l) => l.machine.state.contacts[contactId!]!.takenAt)).toBeUndefined();
    expect(await h.read(id, (l) => l.machine.state.seq)).toBe((await store.getSession(id))!.lastSeq);
    const retry = await h.traineeCommand(id, alice, 'take-0000001', { type: 'contact.take', contactId: contactId! });
    expect(retry).toMatchObject({ ok: true, value: { duplicate: false } });
    const again = await h.traineeCommand(id, alice, 'take-0000001', { type: 'contact.take', contactId: contactId! });
    expect(again).toEqual({ ok: true, value: { seq: retry.ok ? retry.value.seq : -1, duplicate: true } });
  });

  it('decides a session\'s next command while the previous commit runs, and answers each only once committed, in order', async () => {
    // A store whose commits wait for the test to release them, one at a time, in order.
    const gates: (() => void)[] = [];
    let holding = false;
    const gated: Store = {
      ...store,
      appendBatch: (id, events, wall) => {
        if (!holding) return store.appendBatch(id, events, wall);
        return new Promise<void>((resolve, reject) => gates.push(() => { store.appendBatch(id, events, wall).then(resolve, reject); }));
      },
    };
    const h = host(gated);
    const id = await started(h);
    holding = true;
    const answered: string[] = [];
    const first = h.traineeCommand(id, alice, 'kb-00000001', { type: 'kb.search', query: 'vpn' }).then((r) => { answered.push('first'); return r; });
    const second = h.traineeCommand(id, alice, 'kb-00000002', { type: 'kb.search', query: 'imprimante' }).then((r) => { answered.push('second'); return r; });
    const read = h.read(id, (l) => l.machine.state.seq).then((seq) => { answered.push('read'); return seq; });
    // Both batches reach the store although the first is not committed: the second did not wait for it.
    for (let i = 0; i < 50 && gates.length < 2; i++) await new Promise((r) => setTimeout(r, 5));
    expect(gates.length).toBe(2);
    await new Promise((r) => setTimeout(r, 20));
    expect(answered).toEqual([]);
    expect((await store.getSession(id))!.lastSeq).toBeLessThan(h['live'].get(id)!.machine.state.seq);
    gates.shift()!();
    const a = await first;
    expect(answered).toEqual(['first']);
    gates.shift()!();
    const b = await second;
    const seen = await read;
    expect(answered).toEqual(['first', 'second', 'read']);
    expect(a.ok && b.ok && b.value.seq > a.value.seq).toBe(true);
    // The read saw both commands, and answered once they were on disk.
    expect(seen).toBe(b.ok ? b.value.seq : -1);
    expect((await store.getSession(id))!.lastSeq).toBe(seen);
  });

  it('fails every command whose batch followed a failed one, rebuilds from the log once, then applies retries once', async () => {
    const gates: (() => void)[] = [];
    let mode: 'pass' | 'hold-then-fail' = 'pass';
    const flaky: Store = {
      ...store,
      appendBatch: (id, events, wall) => {
        if (mode === 'pass') return store.appendBatch(id, events, wall);
        mode = 'pass';
        // This batch never reaches the disk; the ones decided after it go to the real store meanwhile.
        return new Promise<void>((_resolve, reject) => gates.push(() => reject(new Error('disk full'))));
      },
    };
    const h = host(flaky);
    const id = await started(h);
    const before = (await store.getSession(id))!.lastSeq;
    mode = 'hold-then-fail';
    const first = h.traineeCommand(id, alice, 'kb-00000011', { type: 'kb.search', query: 'vpn' });
    const second = h.traineeCommand(id, alice, 'kb-00000012', { type: 'kb.search', query: 'wifi' });
    for (let i = 0; i < 50 && gates.length < 1; i++) await new Promise((r) => setTimeout(r, 5));
    gates.shift()!();
    const failed = { ok: false, error: { code: 'store/unavailable', message: expect.stringMatching(/nothing was applied/) } };
    expect(await first).toEqual(failed);
    expect(await second).toEqual(failed);
    // Memory equals disk again, and nothing of either command was stored.
    expect((await store.getSession(id))!.lastSeq).toBe(before);
    expect(await h.read(id, (l) => l.machine.state.seq)).toBe(before);
    const retried = [await h.traineeCommand(id, alice, 'kb-00000011', { type: 'kb.search', query: 'vpn' }), await h.traineeCommand(id, alice, 'kb-00000012', { type: 'kb.search', query: 'wifi' })];
    expect(retried.map((r) => r.ok && !r.value.duplicate)).toEqual([true, true]);
    const log = await store.readLog(id);
    expect(log.filter((e) => e.clientId === 'kb-00000011' || e.clientId === 'kb-00000012').map((e) => e.clientId)).toEqual(['kb-00000011', 'kb-00000012']);
    expect(log.map((e) => e.seq)).toEqual(log.map((_, i) => i + 1));
  });

  it('answers the caller before any listener sends its push', async () => {
    const h = host();
    const order: string[] = [];
    h.onBatch(({ events }) => { order.push(`prepare ${events.at(-1)!.seq}`); return () => order.push(`send ${events.at(-1)!.seq}`); });
    const arrived = firstArrival(h);
    const id = await started(h);
    const contactId = await arrived;
    await new Promise((resolve) => setImmediate(resolve));
    const r = await h.traineeCommand(id, alice, 'take-0000002', { type: 'contact.take', contactId: contactId! });
    order.push(`answered ${r.ok ? r.value.seq : -1}`);
    await new Promise((resolve) => setImmediate(resolve));
    const seq = r.ok ? r.value.seq : -1;
    // The timer's earlier batch (the arrival) may still be on its way out when the command is decided; what
    // matters is the command's own order, and that pushes leave in log order.
    expect(order.filter((x) => x.endsWith(` ${seq}`))).toEqual([`prepare ${seq}`, `answered ${seq}`, `send ${seq}`]);
    const sent = order.filter((x) => x.startsWith('send ')).map((x) => Number(x.slice(5)));
    expect(sent).toEqual([...sent].sort((a, b) => a - b));
    expect(sent.at(-1)).toBe(seq);
  });

  it('after a restart, resumes a running session at the virtual time its clock anchors give', async () => {
    let wall = 1_000_000;
    const h1 = host(store, () => wall);
    const id = await started(h1, 10);
    await h1.close();
    // The process was down for 30 s of wall time: at x10 the drill is 5 virtual minutes further on.
    wall += 30_000;
    const h2 = host(store, () => wall);
    expect(await h2.resumeAll()).toEqual([id]);
    const planned = await h2.read(id, (l) => l.machine.state.timeline.filter((a) => a.at <= 5 * MINUTE));
    // The catch-up tick runs at once (it was overdue); wait for it through the session's queue.
    for (let i = 0; i < 50 && (await h2.read(id, (l) => l.machine.state.nextArrival))! < planned!.length; i++) await new Promise((r) => setTimeout(r, 10));
    const log = await store.readLog(id);
    const arrivals = log.filter((e) => e.type === 'contact.arrived');
    expect(arrivals.map((e) => [(e.payload as { contactId: string }).contactId, e.t])).toEqual(planned!.map((a) => [a.contactId, a.at]));
    expect((await store.getSession(id))!.virtualNow).toBeLessThanOrEqual(5 * MINUTE);
    // Past the drill's duration, the catch-up ends it at exactly its duration.
    const duration = (await h2.read(id, (l) => l.machine.state.duration))!;
    await h2.close();
    wall += duration / 10;
    const h3 = host(store, () => wall);
    await h3.resumeAll();
    for (let i = 0; i < 50 && (await store.getSession(id))!.status !== 'stopped'; i++) await new Promise((r) => setTimeout(r, 10));
    const end = (await store.readLog(id)).at(-1)!;
    expect(end).toMatchObject({ type: 'session.stopped', t: duration, payload: { reason: 'ended' } });
  });

  it('stores a drill\'s final score before close() returns, even when the stop came just before', async () => {
    // A slow disk for scores: storing one takes a while after the stop is acknowledged.
    const slow: Store = { ...store, saveScore: async (x) => { await new Promise((r) => setTimeout(r, 50)); return store.saveScore(x); } };
    const h = host(slow);
    const id = await started(h);
    expect((await h.trainerCommand(id, trainer, 'stop-close-0001', { type: 'session.stop' })).ok).toBe(true);
    await h.close();
    expect((await store.listScores(id)).map((x) => x.lastSeq)).toEqual([(await store.getSession(id))!.lastSeq]);
  });

  it('does not unload a stopped session while one of its judgements is being committed', async () => {
    const gates: (() => void)[] = [];
    let holding = false;
    const gated: Store = {
      ...store,
      appendBatch: (id, events, wall) => (holding
        ? new Promise<void>((resolve, reject) => gates.push(() => { store.appendBatch(id, events, wall).then(resolve, reject); }))
        : store.appendBatch(id, events, wall)),
    };
    const h = host(gated);
    const ids: string[] = [];
    for (let i = 0; i < 32; i++) {
      const id = await started(h);
      expect((await h.trainerCommand(id, trainer, `stop-${i}-000000`, { type: 'session.stop' })).ok).toBe(true);
      ids.push(id);
    }
    holding = true;
    const judged = h.evaluatorCommand(ids[0]!, trainer, 'grid-000000001', { type: 'grid.override', traineeId: 'usr_a', criterionId: 'TAI-CP8-C1', level: 'acquired', comment: 'Vu en direct.' });
    for (let i = 0; i < 50 && gates.length < 1; i++) await new Promise((r) => setTimeout(r, 5));
    holding = false;
    // Every other stopped session is used after it: the judged one is now the least recently used.
    for (const id of ids.slice(1)) await h.read(id, () => undefined);
    const id33 = await started(h);
    expect((await h.trainerCommand(id33, trainer, 'stop-33-000000', { type: 'session.stop' })).ok).toBe(true);
    // 33 stopped sessions, one over the limit (unloading follows the stored final score): the next least recently used goes instead.
    const loaded = (h as unknown as { live: Map<string, unknown> }).live;
    for (let i = 0; i < 100 && loaded.has(ids[0]!) && loaded.has(ids[1]!); i++) await new Promise((r) => setTimeout(r, 10));
    expect(loaded.has(ids[0]!)).toBe(true);
    expect(loaded.has(ids[1]!)).toBe(false);
    gates.shift()!();
    expect(await judged).toMatchObject({ ok: true, value: { duplicate: false } });
    expect((await store.readLog(ids[0]!)).at(-1)!.type).toBe('grid.overridden');
  });

  it('keeps only the most recently used stopped sessions in memory, folding others again on demand', async () => {
    const h = host();
    const ids: string[] = [];
    for (let i = 0; i < 34; i++) {
      const id = await started(h);
      expect((await h.trainerCommand(id, trainer, `stop-${i}-000000`, { type: 'session.stop' })).ok).toBe(true);
      ids.push(id);
    }
    // The oldest stopped sessions were unloaded as later ones stopped: reading one folds it again, then keeps it.
    const first = await h.read(ids[0]!, (l) => l);
    expect(await h.read(ids[0]!, (l) => l)).toBe(first);
    // Using 33 others makes it the least recently used: unloaded, and folded again on the next read.
    for (const id of ids.slice(1)) await h.read(id, () => undefined);
    const again = await h.read(ids[0]!, (l) => l);
    expect(again).not.toBe(first);
    expect(again!.machine.events).toEqual(first!.machine.events);
  });
});
