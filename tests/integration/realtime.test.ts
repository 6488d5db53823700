/**
 * The socket protocol's guarantees, end to end: acknowledgements carry the
 * stored seq and arrive before the push they cause; a retried action is
 * applied once; concurrent actions get one contiguous order; pause, speed,
 * inject, broadcast and message behave live; a staff screen can follow the
 * status alone; a client that comes back gets exactly what it missed (staff)
 * or a fresh snapshot (trainee).
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Notice, SessionStatusUpdate, StaffUpdate, TraineeSnapshot, TraineeUpdate } from '../../server/src/protocol.js';
import { sessionRoom, staffRoom, statusRoom } from '../../server/src/realtime/rooms.js';
import type { User } from '../../server/src/store/types.js';
import { connect, http, login, unwrap, type TestClient } from './support/clients.js';
import { startServer, type TestServer } from './support/server.js';

let srv: TestServer;
let trainee1: User, trainee2: User;
let sessionId: string;
let tc: TestClient, c1: TestClient, c2: TestClient;
const cookies: Record<string, string> = {};
let contactId: string, ticketId: string;

beforeAll(async () => {
  srv = await startServer();
  const tr = await srv.createUser('tr', 'trainer');
  trainee1 = await srv.createUser('t1', 'trainee', 'Tom One');
  trainee2 = await srv.createUser('t2', 'trainee', 'Tia Two');
  const ev = await srv.createUser('ev', 'evaluator', 'Eva Juge');
  const classroomId = await srv.createClassroom('Classe R', [tr, trainee1, trainee2, ev]);
  for (const u of ['tr', 't1', 't2', 'ev']) cookies[u] = await login(srv.url, u);
  const r = await http<{ id: string }>(srv.url, 'POST', '/api/sessions', { cookie: cookies.tr, body: { classroomId, drillId: 'demo-short', speed: 0.1, seed: 9 } });
  sessionId = r.body.id;
  [tc, c1, c2] = await Promise.all([connect(srv.url, cookies.tr!), connect(srv.url, cookies.t1!), connect(srv.url, cookies.t2!)]);
  for (const c of [tc, c1, c2]) unwrap(await c.join(sessionId));
}, 120_000);

afterAll(async () => {
  for (const c of [tc, c1, c2]) c?.close();
  await srv?.close();
});

describe('acknowledgements', () => {
  it('a trainer retry is applied once (the second start is a duplicate, not a refusal)', async () => {
    const clientId = randomUUID();
    const first = unwrap(await tc.control(sessionId, { type: 'session.start' }, clientId));
    const again = unwrap(await tc.control(sessionId, { type: 'session.start' }, clientId));
    expect(again).toEqual({ seq: first.seq, duplicate: true });
    const log = await srv.app.store.readLog(sessionId);
    expect(log.filter((e) => e.type === 'session.started')).toHaveLength(1);
    expect(log[first.seq - 1]!.clientId).toBe(clientId);
  });

  it('carry the stored seq and arrive before the push they cause', async () => {
    const desk = c1.lastDesk!.view.desk.contacts.length ? c1.lastDesk! : await c1.deskWhen((u) => u.view.desk.contacts.length > 0);
    contactId = desk.view.desk.contacts[0]!.id;
    const ack = unwrap(await c1.act(sessionId, { type: 'contact.take', contactId }));
    const stored = (await srv.app.store.readLog(sessionId, ack.seq - 1, 1))[0]!;
    expect(stored).toMatchObject({ seq: ack.seq, type: 'contact.taken', actor: { role: 'trainee', id: trainee1.id } });
    await c1.deskAt(ack.seq);
    const ackAt = c1.received.findIndex((m) => m.event === 'ack:trainee:command' && (m.payload as { data?: { seq: number } }).data?.seq === ack.seq);
    const pushAt = c1.received.findIndex((m) => m.event === 'desk:update' && (m.payload as TraineeUpdate).seq >= ack.seq);
    expect(ackAt).toBeGreaterThanOrEqual(0);
    expect(ackAt).toBeLessThan(pushAt);
  });

  it('a retried trainee action (same clientId) is applied once and answered with the original seq', async () => {
    const clientId = randomUUID();
    const command = { type: 'ticket.create', contactId, title: 'Impression bloquée' };
    const first = unwrap(await c1.act(sessionId, command, clientId));
    const before = (await srv.app.store.counts()).events;
    const retry = unwrap(await c1.act(sessionId, command, clientId));
    expect(retry).toEqual({ seq: first.seq, duplicate: true });
    expect((await srv.app.store.counts()).events).toBe(before);
    ticketId = (await c1.deskAt(first.seq)).view.desk.contacts[0]!.ticketId!;
    // Another user cannot reuse that id (it would otherwise learn the seq of someone else's action).
    const stolen = await c2.act(sessionId, { type: 'kb.search', query: 'imprimante' }, clientId);
    expect(stolen).toMatchObject({ ok: false, error: { code: 'command/client_id_taken' } });
  });

  it('concurrent actions from two trainees get one contiguous order', async () => {
    unwrap(await c1.act(sessionId, { type: 'ticket.take', ticketId }));
    const from = (await srv.app.store.counts()).events;
    const sends = Array.from({ length: 15 }, (_, i) => [
      c1.act(sessionId, { type: 'ticket.addNote', ticketId, text: `note ${i}` }),
      c2.act(sessionId, { type: 'kb.search', query: `imprimante ${i}` }),
    ]).flat();
    const acks = (await Promise.all(sends)).map(unwrap);
    const seqs = acks.map((a) => a.seq).sort((a, b) => a - b);
    expect(new Set(seqs).size).toBe(30);
    const log = await srv.app.store.readLog(sessionId);
    expect(log.map((e) => e.seq)).toEqual(log.map((_, i) => i + 1));
    expect(log.length).toBeGreaterThanOrEqual(from + 30);
    // Each trainee's notes keep the order they were sent in.
    const lastOfT1 = Math.max(...acks.filter((_, i) => i % 2 === 0).map((a) => a.seq));
    const notes = (await c1.deskAt(lastOfT1)).view.desk.tickets[0]!.notes.map((n) => n.text);
    expect(notes).toEqual(Array.from({ length: 15 }, (_, i) => `note ${i}`));
  });
});

describe('live control', () => {
  it('pause refuses desk actions and freezes the clock; resume and speed changes reach every desk', async () => {
    const paused = c1.deskWhen((u) => u.view.session.status === 'paused');
    unwrap(await tc.control(sessionId, { type: 'session.pause' }));
    const p = await paused;
    expect(p.view.session.clock.running).toBe(false);
    const refused = await c1.act(sessionId, { type: 'ticket.addNote', ticketId, text: 'pendant la pause' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'session/paused' } });

    const resumed = c2.deskWhen((u) => u.view.session.status === 'running');
    unwrap(await tc.control(sessionId, { type: 'session.resume' }));
    const r = await resumed;
    expect(r.view.session.clock.anchorVirtual).toBe(p.view.session.clock.anchorVirtual);

    const faster = c2.deskWhen((u) => u.view.session.clock.speed === 0.5);
    unwrap(await tc.control(sessionId, { type: 'session.setSpeed', speed: 0.5 }));
    await faster;
  });

  it('a staff screen that watches the status gets each change and nothing of the staff feed; trainees cannot watch', async () => {
    const ev = await connect(srv.url, cookies.ev!);
    try {
      expect(unwrap(await ev.request<SessionStatusUpdate>('session:watch', { sessionId }))).toMatchObject({ sessionId, status: 'running' });
      const paused = ev.next<SessionStatusUpdate>('session:status', (u) => u.status === 'paused');
      const pause = unwrap(await tc.control(sessionId, { type: 'session.pause' }));
      expect(await paused).toEqual({ sessionId, seq: pause.seq, status: 'paused', cancelled: false });
      const resumed = ev.next<SessionStatusUpdate>('session:status', (u) => u.status === 'running');
      const resume = unwrap(await tc.control(sessionId, { type: 'session.resume' }));
      expect(await resumed).toEqual({ sessionId, seq: resume.seq, status: 'running', cancelled: false });
      // The staff feed went on meanwhile (the trainer got the resume), notices too: none of it reached the watcher.
      await tc.waitFor<StaffUpdate>('staff:update', (u) => u.seq >= resume.seq);
      unwrap(await ev.request('session:unwatch', { sessionId }));
      expect(ev.received.filter((m) => !m.event.startsWith('ack:')).map((m) => m.event)).toEqual(['session:status', 'session:status']);
      const rooms = srv.app.io.sockets.sockets.get(ev.socket.id!)!.rooms;
      expect([staffRoom(sessionId), sessionRoom(sessionId), statusRoom(sessionId)].filter((r) => rooms.has(r))).toEqual([]);
      // Once unwatched, no more status: the answer to a later request comes after anything pushed before it.
      unwrap(await tc.control(sessionId, { type: 'session.pause' }));
      unwrap(await tc.control(sessionId, { type: 'session.resume' }));
      unwrap(await ev.request('session:unwatch', { sessionId }));
      expect(ev.received.filter((m) => m.event === 'session:status')).toHaveLength(2);
      expect(await c1.request('session:watch', { sessionId })).toMatchObject({ ok: false, error: { code: 'auth/forbidden' } });
    } finally {
      ev.close();
    }
  });

  it('inject a caller to one trainee, a major incident to all, a private message to one', async () => {
    const injected = c2.next<Notice>('notice', (n) => n.kind === 'contact');
    const inj = unwrap(await tc.control(sessionId, { type: 'session.inject', incidentId: 'compta-network-down', traineeId: trainee2.id }));
    expect((await injected).seq).toBe(inj.seq);
    const d2 = await c2.deskAt(inj.seq);
    expect(d2.view.desk.contacts.some((c) => c.id === `${trainee2.id}-X${inj.seq}`)).toBe(true);

    const major = [c1, c2, tc].map((c) => c.next<Notice>('notice', (n) => n.kind === 'broadcast'));
    unwrap(await tc.control(sessionId, { type: 'session.broadcast', message: 'Coupure réseau générale au siège', major: true }));
    for (const n of await Promise.all(major)) expect(n.text).toBe('Incident majeur : Coupure réseau générale au siège');

    const privateMsg = c2.next<Notice>('notice', (n) => n.kind === 'message');
    const msg = unwrap(await tc.control(sessionId, { type: 'session.message', traineeId: trainee2.id, message: 'Pense à qualifier' }));
    expect((await privateMsg).text).toBe('Pense à qualifier');
    // Trainee 1 then makes a request: anything pushed to them for that message would have arrived before its answer.
    unwrap(await c1.join(sessionId));
    expect(c1.received.some((m) => m.event === 'notice' && (m.payload as Notice).seq === msg.seq)).toBe(false);
    expect(JSON.stringify(c1.lastDesk)).not.toContain('Pense à qualifier');
  });

  it('staff pushes chain without gaps (each update starts where the previous ended) and catch up with the log', async () => {
    // Two actions, the second only once the first has reached the staff view: at least two pushes, whatever the machine's speed.
    for (const text of ['chaîne 1', 'chaîne 2']) {
      const r = unwrap(await c1.act(sessionId, { type: 'ticket.addNote', ticketId, text }));
      await tc.waitFor<StaffUpdate>('staff:update', (u) => u.seq >= r.seq);
    }
    const end = (await srv.app.store.getSession(sessionId))!.lastSeq;
    await tc.waitFor<StaffUpdate>('staff:update', (u) => u.seq >= end);
    const ups = tc.received.filter((m) => m.event === 'staff:update').map((m) => m.payload as StaffUpdate);
    // Staff pushes are coalesced (at most one per 250 ms per session), never dropped.
    expect(ups.length).toBeGreaterThanOrEqual(2);
    expect(ups.length).toBeLessThan(end);
    // Live pushes are partial: a note on one trainee's ticket sends that desk's changed ticket, not the whole class.
    expect(ups.some((u) => u.partial && u.view.desks.length === 0 && u.deskParts?.length === 1 && u.deskParts[0]!.tickets.some((t) => t.id === ticketId) && u.view.session.trainees.length > 1)).toBe(true);
    const all = ups.flatMap((u) => u.events.map((e) => e.seq));
    expect(all).toEqual(Array.from({ length: ups.at(-1)!.seq - ups[0]!.fromSeq }, (_, k) => ups[0]!.fromSeq + k + 1));
    for (let i = 1; i < ups.length; i++) {
      expect(ups[i]!.fromSeq).toBe(ups[i - 1]!.seq);
      expect(ups[i]!.events.map((e) => e.seq)).toEqual(Array.from({ length: ups[i]!.seq - ups[i]!.fromSeq }, (_, k) => ups[i]!.fromSeq + k + 1));
    }
  });
});

describe('coming back', () => {
  it('a staff client that reconnects with its last seq gets exactly the events it missed', async () => {
    const lastSeq = tc.lastSeq;
    tc.close();
    for (let i = 0; i < 5; i++) unwrap(await c1.act(sessionId, { type: 'ticket.addNote', ticketId, text: `absent ${i}` }));
    const back = await connect(srv.url, cookies.tr!);
    try {
      const u = unwrap(await back.join(sessionId, lastSeq)) as StaffUpdate;
      expect(u.fromSeq).toBe(lastSeq);
      expect(u.events.map((e) => e.seq)).toEqual(Array.from({ length: u.seq - lastSeq }, (_, k) => lastSeq + k + 1));
      expect(u.events.filter((e) => e.type === 'ticket.noteAdded').map((e) => (e.payload as { text: string }).text)).toEqual(['absent 0', 'absent 1', 'absent 2', 'absent 3', 'absent 4']);
      // The REST log fills larger gaps, page by page.
      const page = await http<{ events: { seq: number }[] }>(srv.url, 'GET', `/api/sessions/${sessionId}/log?fromSeq=${lastSeq}&limit=2`, { cookie: cookies.tr });
      expect(page.body.events.map((e) => e.seq)).toEqual([lastSeq + 1, lastSeq + 2]);
    } finally {
      back.close();
    }
  });

  it('a trainee that reconnects gets a fresh snapshot of their desk', async () => {
    c2.close();
    unwrap(await c1.act(sessionId, { type: 'ticket.addNote', ticketId, text: 'pendant la déconnexion de t2' }));
    const back = await connect(srv.url, cookies.t2!);
    try {
      const u = unwrap(await back.join(sessionId, 3)) as TraineeSnapshot;
      const rest = await http<TraineeSnapshot>(srv.url, 'GET', `/api/sessions/${sessionId}`, { cookie: cookies.t2 });
      expect(u.seq).toBe(rest.body.seq);
      expect(u.view).toEqual(rest.body.view);
      expect(u.view.desk.contacts.map((c) => c.id)).toContain(`${trainee2.id}-C001`);
    } finally {
      back.close();
    }
  });
});
