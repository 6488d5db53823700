/**
 * Who may do what, against the real server: a trainee acts only on their own
 * desk and only in their sessions, never with trainer or evaluator powers; a
 * trainer or evaluator sees only their own classrooms; logins end cleanly.
 */
import Database from 'better-sqlite3';
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionSummary, TraineeSnapshot, TraineeUpdate } from '../../server/src/protocol.js';
import type { User } from '../../server/src/store/types.js';
import { connect, http, login, unwrap, type TestClient } from './support/clients.js';
import { startServer, type TestServer } from './support/server.js';

let srv: TestServer;
let t1: User, t2: User, e1: User, a1: User, a2: User, b1: User;
let roomA: string, roomB: string, sessionA: string, sessionB: string;
const cookies: Record<string, string> = {};
const sockets: Record<string, TestClient> = {};

async function createSession(cookie: string, classroomId: string): Promise<string> {
  const r = await http<{ id: string }>(srv.url, 'POST', '/api/sessions', { cookie, body: { classroomId, drillId: 'demo-short', speed: 1, seed: 3 } });
  expect(r.status).toBe(201);
  return r.body.id;
}

beforeAll(async () => {
  srv = await startServer();
  t1 = await srv.createUser('t1', 'trainer');
  t2 = await srv.createUser('t2', 'trainer');
  e1 = await srv.createUser('e1', 'evaluator');
  a1 = await srv.createUser('a1', 'trainee');
  a2 = await srv.createUser('a2', 'trainee');
  b1 = await srv.createUser('b1', 'trainee');
  await srv.createUser('root', 'admin');
  roomA = await srv.createClassroom('Classe A', [t1, e1, a1, a2]);
  roomB = await srv.createClassroom('Classe B', [t2, b1]);
  for (const u of ['t1', 't2', 'e1', 'a1', 'a2', 'b1', 'root']) cookies[u] = await login(srv.url, u);
  sessionA = await createSession(cookies.t1!, roomA);
  sessionB = await createSession(cookies.t2!, roomB);
  for (const u of ['t1', 't2', 'e1', 'a1', 'a2', 'b1']) sockets[u] = await connect(srv.url, cookies[u]!);
  unwrap(await sockets.t1!.join(sessionA));
  unwrap(await sockets.t1!.control(sessionA, { type: 'session.start' }));
}, 120_000);

afterAll(async () => {
  for (const s of Object.values(sockets)) s.close();
  await srv?.close();
});

const eventsBy = async (sessionId: string, userId: string) => (await srv.app.store.readLog(sessionId)).filter((e) => e.actor.id === userId).length;

describe('a trainee', () => {
  it('cannot act on another trainee\'s contact or ticket', async () => {
    const a2s = sockets.a2!;
    const joined = unwrap(await a2s.join(sessionA)) as TraineeSnapshot;
    // The first caller arrives when the drill starts: already in the join answer, or pushed just after.
    const desk = joined.view.desk.contacts.length ? joined : await a2s.deskWhen((u) => u.view.desk.contacts.length > 0);
    const contactId = desk.view.desk.contacts[0]!.id;
    unwrap(await a2s.act(sessionA, { type: 'contact.take', contactId }));
    const created = unwrap(await a2s.act(sessionA, { type: 'ticket.create', contactId, title: 'Ticket de a2' }));
    const ticketId = (await a2s.deskAt(created.seq)).view.desk.contacts[0]!.ticketId!;

    const a1s = sockets.a1!;
    unwrap(await a1s.join(sessionA));
    const before = await eventsBy(sessionA, a1.id);
    const attempts: [unknown, string][] = [
      [{ type: 'call.greet', contactId }, 'contact/not_found'],
      [{ type: 'ticket.take', ticketId }, 'ticket/not_found'],
      [{ type: 'ticket.addNote', ticketId, text: 'intrusion' }, 'ticket/not_found'],
      [{ type: 'ticket.qualify', ticketId, impact: 'high', urgency: 'high', category: 'reseau', ticketType: 'incident' }, 'ticket/not_found'],
      [{ type: 'ticket.close', ticketId }, 'ticket/not_found'],
      [{ type: 'problem.create', title: 'Vol', ticketIds: [ticketId] }, 'ticket/not_found'],
      [{ type: 'kb.search', ticketId, query: 'imprimante' }, 'ticket/not_found'],
    ];
    for (const [command, code] of attempts) {
      const r = await a1s.act(sessionA, command);
      expect(r.ok, JSON.stringify(command)).toBe(false);
      if (!r.ok) expect(r.error.code).toBe(code);
    }
    expect(await eventsBy(sessionA, a1.id)).toBe(before);
    // And a1's own desk never showed a2's ticket.
    expect(a1s.received.some((m) => JSON.stringify(m.payload).includes(ticketId) && m.event === 'desk:update')).toBe(false);
  });

  it('cannot join, read or act in a session of another classroom', async () => {
    const s = sockets.a1!;
    const join = await s.join(sessionB);
    expect(join).toMatchObject({ ok: false, error: { code: 'auth/forbidden' } });
    const act = await s.act(sessionB, { type: 'contact.take', contactId: 'x' });
    expect(act).toMatchObject({ ok: false, error: { code: 'auth/forbidden' } });
    expect((await http(srv.url, 'GET', `/api/sessions/${sessionB}`, { cookie: cookies.a1 })).status).toBe(403);
    const list = await http<SessionSummary[]>(srv.url, 'GET', '/api/sessions', { cookie: cookies.a1 });
    expect(list.body.map((x) => x.id)).toEqual([sessionA]);
    // Even the list of their own session names only themselves, and leaves out the session's event count.
    expect(list.body[0]!.trainees.map((x) => x.id)).toEqual([a1.id]);
    expect(list.body[0]).not.toHaveProperty('lastSeq');
    // What tells two sessions apart: who opened it and when, its mode and status.
    expect(list.body[0]).toMatchObject({ createdBy: { id: t1.id, name: t1.displayName }, mode: 'training', status: 'running', createdAt: expect.any(Number) });
    const staff = await http<SessionSummary[]>(srv.url, 'GET', '/api/sessions', { cookie: cookies.t1 });
    expect(staff.body.find((x) => x.id === sessionA)).toMatchObject({ lastSeq: expect.any(Number), createdBy: { id: t1.id, name: t1.displayName } });
  });

  it('gets a desk view, never the staff view, when joining their own session', async () => {
    const r = unwrap(await sockets.a1!.join(sessionA)) as TraineeSnapshot;
    expect(r.view.role).toBe('trainee');
    expect(r.view.desk.traineeId).toBe(a1.id);
  });

  it('cannot send trainer or evaluator events', async () => {
    const s = sockets.a1!;
    for (const command of [{ type: 'session.pause' }, { type: 'session.stop' }, { type: 'session.inject', incidentId: 'printer-spooler-stuck' }, { type: 'session.releaseFeedback' }]) {
      expect(await s.control(sessionA, command)).toMatchObject({ ok: false, error: { code: 'auth/forbidden' } });
    }
    const grid = await s.request('evaluator:command', { sessionId: sessionA, clientId: 'c-grid-0001', command: { type: 'grid.override', traineeId: a1.id, criterionId: 'TAI-CP8-C1', level: 'acquired', comment: 'moi-même' } });
    expect(grid).toMatchObject({ ok: false, error: { code: 'auth/forbidden' } });
    expect(await eventsBy(sessionA, a1.id)).toBe(0);
  });

  it('cannot call staff endpoints', async () => {
    const c = cookies.a1!;
    const forbidden: [string, string, unknown?][] = [
      ['POST', '/api/sessions', { classroomId: roomA, drillId: 'demo-short' }],
      ['GET', `/api/sessions/${sessionA}/log`],
      ['GET', `/api/sessions/${sessionA}/scores`],
      ['POST', `/api/sessions/${sessionA}/scores`, { rubricVersion: 'v1' }],
      ['GET', `/api/sessions/${sessionA}?atSeq=1`],
      ['GET', `/api/sessions/${sessionA}?since=0`],
      ['GET', `/api/sessions/${sessionA}/replay?seq=1`],
      ['GET', `/api/sessions/${sessionA}/grid`],
      ['GET', `/api/sessions/${sessionA}/export.csv`],
      ['GET', `/api/sessions/${sessionA}/report/${a1.id}`],
      ['GET', '/api/catalog/drills'],
      ['GET', '/api/catalog/incidents'],
      ['GET', '/api/catalog/personas'],
      ['GET', '/api/users'],
      ['POST', '/api/users', { username: 'newbie', name: 'N', role: 'trainee', password: 'longenough1' }],
      ['POST', '/api/classrooms', { name: 'Ma classe' }],
      ['GET', `/api/classrooms/${roomA}`],
      ['POST', `/api/classrooms/${roomA}/members`, { userId: b1.id }],
    ];
    for (const [method, path, body] of forbidden) {
      const r = await http<{ error: { code: string } }>(srv.url, method, path, { cookie: c, ...(body ? { body } : {}) });
      expect(r.status, `${method} ${path}`).toBe(403);
      expect(r.body.error.code).toBe('auth/forbidden');
    }
  });

  it('reads the public reference data but no incident', async () => {
    const r = await http<Record<string, unknown>>(srv.url, 'GET', '/api/catalog', { cookie: cookies.a1 });
    expect(r.status).toBe(200);
    expect(Object.keys(r.body).sort()).toEqual(['categories', 'contracts', 'groups', 'questions', 'tests']);
    expect(JSON.stringify(r.body)).not.toContain('resolveMinutes');
  });
});

describe('a trainer', () => {
  it('cannot see another trainer\'s classroom or its sessions', async () => {
    const c = cookies.t2!;
    const list = await http<{ id: string }[]>(srv.url, 'GET', '/api/classrooms', { cookie: c });
    expect(list.body.map((x) => x.id)).toEqual([roomB]);
    for (const [method, path, body] of [
      ['GET', `/api/classrooms/${roomA}`],
      ['POST', `/api/classrooms/${roomA}/members`, { userId: b1.id }],
      ['POST', '/api/sessions', { classroomId: roomA, drillId: 'demo-short' }],
      ['GET', `/api/sessions/${sessionA}`],
      ['GET', `/api/sessions/${sessionA}/log`],
      ['GET', `/api/sessions/${sessionA}/scores`],
      ['GET', `/api/sessions/${sessionA}/grid`],
      ['GET', `/api/sessions/${sessionA}/replay?seq=1`],
    ] as [string, string, unknown?][]) {
      const r = await http(srv.url, method, path, { cookie: c, ...(body ? { body } : {}) });
      expect(r.status, `${method} ${path}`).toBe(403);
    }
    const sessions = await http<{ id: string }[]>(srv.url, 'GET', '/api/sessions', { cookie: c });
    expect(sessions.body.map((x) => x.id)).toEqual([sessionB]);
    const s = sockets.t2!;
    expect(await s.join(sessionA)).toMatchObject({ ok: false, error: { code: 'auth/forbidden' } });
    expect(await s.control(sessionA, { type: 'session.pause' })).toMatchObject({ ok: false, error: { code: 'auth/forbidden' } });
    expect(s.received.some((m) => m.event === 'staff:update' || m.event === 'desk:update')).toBe(false);
  });

  it('sees their own classroom with its members, and can only create trainee accounts', async () => {
    const r = await http<{ members: { userId: string }[] }>(srv.url, 'GET', `/api/classrooms/${roomA}`, { cookie: cookies.t1 });
    expect(r.status).toBe(200);
    expect(r.body.members.map((m) => m.userId).sort()).toEqual([t1.id, e1.id, a1.id, a2.id].sort());
    const trainer = await http(srv.url, 'POST', '/api/users', { cookie: cookies.t1, body: { username: 'boss', name: 'Boss', role: 'admin', password: 'longenough1' } });
    expect(trainer.status).toBe(403);
    const trainee = await http<{ id: string; role: string }>(srv.url, 'POST', '/api/users', { cookie: cookies.t1, body: { username: 'newbie', name: 'Nouveau', role: 'trainee', password: 'longenough1' } });
    expect(trainee.status).toBe(201);
    const added = await http(srv.url, 'POST', `/api/classrooms/${roomA}/members`, { cookie: cookies.t1, body: { userId: trainee.body.id } });
    expect(added.status).toBe(201);
  });

  it('judges the grid only once the drill has stopped, and an evaluator cannot drive the session', async () => {
    const grid = { sessionId: sessionA, command: { type: 'grid.override', traineeId: a1.id, criterionId: 'TAI-CP8-C1', level: 'acquired', comment: 'ok' } };
    expect((await srv.app.store.getSession(sessionA))!.status).not.toBe('stopped');
    expect(await sockets.t1!.request('evaluator:command', { ...grid, clientId: 'grid-by-trainer-1' })).toMatchObject({ ok: false, error: { code: 'auth/forbidden', message: expect.stringContaining('once the drill has stopped') } });
    expect(await sockets.e1!.control(sessionA, { type: 'session.pause' })).toMatchObject({ ok: false, error: { code: 'auth/forbidden' } });
    const ok = await sockets.e1!.request<{ seq: number }>('evaluator:command', { ...grid, clientId: 'grid-by-evaluator-1' });
    expect(ok.ok).toBe(true);
    // After the drill, the trainer may act as the juror.
    expect((await sockets.t1!.control(sessionA, { type: 'session.stop' })).ok).toBe(true);
    expect(await sockets.t1!.request('evaluator:command', { ...grid, clientId: 'grid-by-trainer-2' })).toMatchObject({ ok: true });
  });
});

describe('logins', () => {
  it('refuse unauthenticated requests and sockets', async () => {
    for (const path of ['/api/auth/me', '/api/sessions', '/api/classrooms', '/api/catalog', `/api/sessions/${sessionA}`]) {
      const r = await http<{ error: { code: string } }>(srv.url, 'GET', path);
      expect(r.status, path).toBe(401);
      expect(r.body.error.code).toBe('auth/unauthenticated');
    }
    for (const cookie of [undefined, 'dd_session=forged-token']) {
      const s = io(srv.url, { transports: ['websocket'], reconnection: false, forceNew: true, ...(cookie ? { extraHeaders: { cookie } } : {}) });
      const err = await new Promise<Error>((resolve) => s.once('connect_error', resolve));
      expect(err.message).toBe('auth/unauthenticated');
      s.close();
    }
  });

  it('end at logout: the cookie stops working and that login\'s sockets are closed', async () => {
    const cookie = await login(srv.url, 'b1');
    const s = await connect(srv.url, cookie);
    const closed = new Promise<string>((resolve) => s.socket.once('disconnect', resolve));
    const out = await http(srv.url, 'POST', '/api/auth/logout', { cookie });
    expect(out.status).toBe(200);
    expect(out.headers.get('set-cookie')).toMatch(/dd_session=;/);
    expect(await closed).toBe('io server disconnect');
    expect((await http(srv.url, 'GET', '/api/auth/me', { cookie })).status).toBe(401);
    // Another login of the same user is unaffected.
    expect((await http(srv.url, 'GET', '/api/auth/me', { cookie: cookies.b1 })).status).toBe(200);
  });

  it('notice an expired login on the socket once it is read again, and close that socket', async () => {
    // A second server whose sockets read their login again on every request (the default re-reads it every 60 s).
    const strict = await startServer({ config: { loginRecheckMs: 0 } });
    try {
      await strict.createUser('x1', 'trainee');
      const cookie = await login(strict.url, 'x1');
      const s = await connect(strict.url, cookie);
      expect((await s.join('ses_none')).ok).toBe(false);
      const closed = new Promise<string>((resolve) => s.socket.once('disconnect', resolve));
      // The login expires in the store (no logout: nothing closes the socket but the guard).
      const db = new Database(strict.dbFile);
      db.prepare('UPDATE auth_sessions SET expires_at = 0').run();
      db.close();
      expect(await s.join('ses_none')).toEqual({ ok: false, error: { code: 'auth/unauthenticated', message: 'your login session has ended; log in again' } });
      expect(await closed).toBe('io server disconnect');
    } finally {
      await strict.close();
    }
  });

  it('trust a socket\'s login for a minute between store reads (an expiry is noticed late; a logout is not)', async () => {
    const u = await srv.createUser('x2', 'trainee');
    const s = await connect(srv.url, await login(srv.url, 'x2'));
    try {
      expect(await s.join('ses_none')).toMatchObject({ ok: false, error: { code: 'session/not_found' } });
      const db = new Database(srv.dbFile);
      db.prepare('UPDATE auth_sessions SET expires_at = 0 WHERE user_id = ?').run(u.id);
      db.close();
      // Read at the handshake less than a minute ago: the guard does not read it again for this request.
      expect(await s.join('ses_none')).toMatchObject({ ok: false, error: { code: 'session/not_found' } });
      expect(s.socket.connected).toBe(true);
    } finally {
      s.close();
    }
  });

  it('keep a session access once granted, but not a refusal: a trainer added to the classroom later gets in', async () => {
    const late = await srv.createUser('t3', 'trainer');
    const s = await connect(srv.url, await login(srv.url, 't3'));
    try {
      expect(await s.join(sessionA)).toMatchObject({ ok: false, error: { code: 'auth/forbidden' } });
      await srv.app.store.addMember(roomA, late.id);
      expect((await s.join(sessionA)).ok).toBe(true);
      // Granted on this socket: its staff rights still hold on the next request, and a trainee's action is still refused.
      expect(await s.act(sessionA, { type: 'kb.search', query: 'vpn' })).toMatchObject({ ok: false, error: { code: 'auth/forbidden' } });
      expect((await s.join(sessionA)).ok).toBe(true);
    } finally {
      s.close();
    }
  });

  it('set an HTTP-only cookie, and refuse a wrong password with one clear error', async () => {
    const ok = await http(srv.url, 'POST', '/api/auth/login', { body: { username: 'a1', password: 'correct-horse-42' } });
    expect(ok.headers.get('set-cookie')).toMatch(/HttpOnly/);
    expect(ok.headers.get('set-cookie')).toMatch(/SameSite=Lax/);
    for (const body of [{ username: 'a1', password: 'wrong-password' }, { username: 'nobody', password: 'whatever-1' }]) {
      const r = await http(srv.url, 'POST', '/api/auth/login', { body });
      expect(r.status).toBe(401);
      expect(r.body).toEqual({ error: { code: 'auth/invalid_credentials', message: 'unknown username or wrong password' } });
    }
  });
});
