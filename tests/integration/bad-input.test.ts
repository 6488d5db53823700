/**
 * Bad input on every socket event and every endpoint: wrong types, missing
 * fields, unknown ids, oversized strings, unknown fields. Each is answered
 * with a clear `{code, message}` error and leaves the database unchanged.
 * Text that looks like HTML is stored and sent back as plain text, and the
 * one page the server renders itself (the printable report) escapes it.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { TraineeSnapshot, TraineeUpdate } from '../../server/src/protocol.js';
import type { User } from '../../server/src/store/types.js';
import { connect, http, login, unwrap, type TestClient } from './support/clients.js';
import { startServer, type TestServer } from './support/server.js';

let srv: TestServer;
let trainer: User, evaluator: User, trainee: User;
let classroomId: string, sessionId: string, contactId: string, ticketId: string;
const cookies: Record<string, string> = {};
let tc: TestClient, ec: TestClient, sc: TestClient;
let countsBefore: Awaited<ReturnType<TestServer['app']['store']['counts']>>;
const HTML = '<script>alert("pwn")</script><img src=x onerror=alert(1)>';

beforeAll(async () => {
  // Each user here sends a hundred malformed requests in a row, far past the per-user request limit (which has
  // its own test, rate-limit.test.ts): what is checked is the answer to each one.
  srv = await startServer({ config: { requestLimit: 'off' } });
  trainer = await srv.createUser('trainer', 'trainer');
  evaluator = await srv.createUser('evaluator', 'evaluator');
  trainee = await srv.createUser('trainee', 'trainee', `Eve ${HTML}`);
  await srv.createUser('root', 'admin');
  classroomId = await srv.createClassroom('Classe', [trainer, evaluator, trainee]);
  for (const u of ['trainer', 'evaluator', 'trainee', 'root']) cookies[u] = await login(srv.url, u);
  // Speed 0.1: after the first caller, nothing is scheduled for twenty minutes, so the log only moves when we act.
  const r = await http<{ id: string }>(srv.url, 'POST', '/api/sessions', { cookie: cookies.trainer, body: { classroomId, drillId: 'demo-short', speed: 0.1, seed: 5 } });
  sessionId = r.body.id;
  [tc, ec, sc] = await Promise.all([connect(srv.url, cookies.trainer!), connect(srv.url, cookies.evaluator!), connect(srv.url, cookies.trainee!)]);
  for (const c of [tc, ec, sc]) unwrap(await c.join(sessionId));
  unwrap(await tc.control(sessionId, { type: 'session.start' }));
  const desk = await sc.deskWhen((u) => u.view.desk.contacts.length > 0);
  contactId = desk.view.desk.contacts[0]!.id;
  unwrap(await sc.act(sessionId, { type: 'contact.take', contactId }));
  const created = unwrap(await sc.act(sessionId, { type: 'ticket.create', contactId, title: 'Impression bloquée' }));
  ticketId = (await sc.deskAt(created.seq)).view.desk.contacts[0]!.ticketId!;
  unwrap(await sc.act(sessionId, { type: 'ticket.take', ticketId }));
}, 120_000);

afterAll(async () => {
  for (const c of [tc, ec, sc]) c?.close();
  await srv?.close();
});

beforeEach(async () => { countsBefore = await srv.app.store.counts(); });
const expectNothingStored = async () => expect(await srv.app.store.counts()).toEqual(countsBefore);

function expectError(res: { ok: boolean; error?: { code: string; message: string } }, code: string, label: string) {
  expect(res.ok, label).toBe(false);
  expect(res.error?.code, label).toBe(code);
  expect(typeof res.error?.message, label).toBe('string');
  expect(res.error!.message.length, label).toBeGreaterThan(5);
}

const long = (n: number) => 'x'.repeat(n);

describe('socket events', () => {
  it('session:join, session:leave, session:watch and session:unwatch refuse malformed payloads and unknown sessions', async () => {
    const cases: [unknown, string][] = [
      ['not-an-object', 'request/invalid'], [null, 'request/invalid'], [42, 'request/invalid'], [[sessionId], 'request/invalid'],
      [{}, 'request/invalid'], [{ sessionId: 42 }, 'request/invalid'], [{ sessionId: long(65) }, 'request/invalid'],
      [{ sessionId, lastSeq: -1 }, 'request/invalid'], [{ sessionId, lastSeq: 'x' }, 'request/invalid'], [{ sessionId, lastSeq: 1.5 }, 'request/invalid'],
      [{ sessionId, extra: true }, 'request/invalid'], [{ sessionId: 'ses_unknown' }, 'session/not_found'],
    ];
    for (const [payload, code] of cases) {
      expectError(await sc.request('session:join', payload), code, `join ${JSON.stringify(payload)}`);
      expectError(await tc.request('session:leave', payload), code, `leave ${JSON.stringify(payload)}`);
      for (const event of ['session:watch', 'session:unwatch']) expectError(await tc.request(event, payload), code, `${event} ${JSON.stringify(payload)}`);
    }
    const missing = await sc.request('session:join', { lastSeq: 3 });
    expect(missing.ok || missing.error.message).toMatch(/sessionId: missing required field/);
    await expectNothingStored();
  });

  it('trainee:command refuses wrong types, missing fields, oversized text and unknown ids', async () => {
    const cmd = (command: unknown, extra: Record<string, unknown> = {}) => ({ sessionId, clientId: randomUUID(), command, ...extra });
    const cases: [unknown, string, RegExp?][] = [
      [{}, 'request/invalid'],
      [{ sessionId, command: { type: 'call.greet', contactId } }, 'request/invalid', /clientId: missing/],
      [{ sessionId, clientId: 'short', command: { type: 'call.greet', contactId } }, 'request/invalid', /clientId/],
      [{ sessionId, clientId: long(65), command: { type: 'call.greet', contactId } }, 'request/invalid', /clientId/],
      [{ sessionId, clientId: 12345678, command: { type: 'call.greet', contactId } }, 'request/invalid'],
      [{ sessionId, clientId: randomUUID() }, 'request/invalid', /command: missing/],
      [cmd({ type: 'nope' }), 'request/invalid'],
      [cmd('ticket.close'), 'request/invalid'],
      [cmd({ type: 'ticket.addNote', ticketId }), 'request/invalid', /text: missing/],
      [cmd({ type: 'ticket.addNote', ticketId, text: long(4001) }), 'request/invalid', /4000/],
      [cmd({ type: 'ticket.addNote', ticketId, text: '    ' }), 'request/invalid', /empty/],
      [cmd({ type: 'ticket.addNote', ticketId, text: 42 }), 'request/invalid'],
      [cmd({ type: 'ticket.addNote', ticketId, text: 'ok', color: 'red' }), 'request/invalid', /unknown field/],
      [cmd({ type: 'ticket.create', contactId, title: long(201) }), 'request/invalid', /200/],
      [cmd({ type: 'kb.search', query: long(201) }), 'request/invalid'],
      [cmd({ type: 'ticket.escalate', ticketId, groupId: 'N2-NET', factIds: Array.from({ length: 51 }, (_, i) => `f${i}`), testIds: [], note: 'n' }), 'request/invalid'],
      [cmd({ type: 'ticket.qualify', ticketId, impact: 'high', urgency: 'high', category: 'reseau', ticketType: 'problem' }), 'request/invalid'],
      [cmd({ type: 'call.greet', contactId }, { sessionId: 'ses_unknown' }), 'session/not_found'],
      [cmd({ type: 'call.greet', contactId: 'nobody-C001' }), 'contact/not_found'],
      [cmd({ type: 'ticket.take', ticketId: 'INC-9999' }), 'ticket/not_found'],
      [cmd({ type: 'call.ask', contactId, questionId: 'q-unknown' }), 'question/unknown'],
      [cmd({ type: 'test.run', ticketId, testId: 't-unknown' }), 'test/unknown'],
      [cmd({ type: 'ticket.qualify', ticketId, impact: 'huge', urgency: 'high', category: 'reseau', ticketType: 'incident' }), 'priority/unknown_impact'],
      [cmd({ type: 'ticket.qualify', ticketId, impact: 'high', urgency: 'high', category: 'astrologie', ticketType: 'incident' }), 'ticket/unknown_category'],
      [cmd({ type: 'kb.open', articleId: 'KB-9999' }), 'kb/unknown_article'],
      [cmd({ type: 'ticket.linkAsset', ticketId, assetTag: 'PC-NOWHERE' }), 'asset/unknown'],
      [cmd({ type: 'ticket.escalate', ticketId, groupId: 'N9-NOPE', factIds: [], testIds: [], note: 'n' }), 'escalation/unknown_group'],
      [cmd({ type: 'ticket.escalate', ticketId, groupId: 'N2-NET', factIds: ['f-unknown'], testIds: [], note: 'n' }), 'escalation/unknown_fact'],
      [cmd({ type: 'ticket.close', ticketId }), 'ticket/invalid_transition'],
    ];
    for (const [payload, code, message] of cases) {
      const r = await sc.request('trainee:command', payload);
      expectError(r, code, JSON.stringify(payload).slice(0, 120));
      if (message && !r.ok) expect(r.error.message).toMatch(message);
    }
    await expectNothingStored();
  });

  it('trainer:command and evaluator:command refuse bad values and unknown ids', async () => {
    const req = (command: unknown) => ({ sessionId, clientId: randomUUID(), command });
    const trainerCases: [unknown, string][] = [
      [req({ type: 'session.setSpeed', speed: 0 }), 'request/invalid'],
      [req({ type: 'session.setSpeed', speed: 1000 }), 'request/invalid'],
      [req({ type: 'session.setSpeed', speed: 'fast' }), 'request/invalid'],
      [req({ type: 'session.setSpeed' }), 'request/invalid'],
      [req({ type: 'session.broadcast', message: long(4001) }), 'request/invalid'],
      [req({ type: 'session.broadcast' }), 'request/invalid'],
      [req({ type: 'session.explode' }), 'request/invalid'],
      [req({ type: 'session.inject', incidentId: 'no-such-incident' }), 'incident/unknown'],
      [req({ type: 'session.inject', incidentId: 'printer-spooler-stuck', traineeId: 'usr_nobody' }), 'session/unknown_trainee'],
      [req({ type: 'session.inject', incidentId: 'printer-spooler-stuck', callerId: 'nobody' }), 'persona/unknown'],
      [req({ type: 'session.message', traineeId: 'usr_nobody', message: 'hello' }), 'session/unknown_trainee'],
      [req({ type: 'session.start' }), 'session/already_started'],
      [req({ type: 'session.resume' }), 'session/not_paused'],
      [req({ type: 'session.releaseFeedback' }), 'session/not_exam'],
      [{ ...req({ type: 'session.pause' }), sessionId: 'ses_unknown' }, 'session/not_found'],
    ];
    for (const [payload, code] of trainerCases) expectError(await tc.request('trainer:command', payload), code, JSON.stringify(payload));
    const grid = (over: Record<string, unknown>) => req({ type: 'grid.override', traineeId: trainee.id, criterionId: 'TAI-CP8-C1', level: 'acquired', comment: 'vu en séance', ...over });
    const evaluatorCases: [unknown, string][] = [
      [grid({ level: 'great' }), 'request/invalid'],
      [grid({ comment: '' }), 'request/invalid'],
      [grid({ criterionId: long(81) }), 'request/invalid'],
      [grid({ traineeId: 'usr_nobody' }), 'session/unknown_trainee'],
      [{ sessionId, clientId: randomUUID() }, 'request/invalid'],
    ];
    for (const [payload, code] of evaluatorCases) expectError(await ec.request('evaluator:command', payload), code, JSON.stringify(payload));
    await expectNothingStored();
  });

  it('answers an unknown event with a clear error', async () => {
    expectError(await sc.request('admin:dropAllTables', { sessionId }), 'request/unknown_event', 'unknown event');
    await expectNothingStored();
  });

  it('ignores a request without acknowledgement callback and refuses extra arguments', async () => {
    (sc.socket as unknown as { emit: (...a: unknown[]) => void }).emit('trainee:command', { sessionId, clientId: randomUUID(), command: { type: 'ticket.addNote', ticketId, text: 'sans accusé' } });
    const extra = await new Promise<{ ok: boolean; error?: { code: string; message: string } }>((resolve) => {
      (sc.socket as unknown as { emit: (...a: unknown[]) => void }).emit('trainee:command', { sessionId, clientId: randomUUID(), command: { type: 'ticket.addNote', ticketId, text: 'x' } }, 'extra', resolve);
    });
    expectError(extra, 'request/invalid', 'extra argument');
    // Requests of one socket are handled in order: the ignored one came first.
    await expectNothingStored();
  });

  it('drops a frame larger than the limit by closing that socket, storing nothing', async () => {
    const c = await connect(srv.url, cookies.trainee!);
    const closed = new Promise<string>((resolve) => c.socket.once('disconnect', resolve));
    c.socket.emit('trainee:command', { sessionId, clientId: randomUUID(), command: { type: 'ticket.addNote', ticketId, text: long(70_000) } } as never, () => {});
    expect(await closed).toMatch(/transport (close|error)/);
    await expectNothingStored();
  });
});

describe('HTTP endpoints', () => {
  it('answer every bad request with a status and {error: {code, message}}, storing nothing', async () => {
    const t = cookies.trainer!, a = cookies.root!;
    const cases: [string, string, { body?: unknown; rawBody?: string; cookie?: string; headers?: Record<string, string> }, number, string][] = [
      ['POST', '/api/auth/login', { body: { username: 'trainee' } }, 400, 'request/invalid'],
      ['POST', '/api/auth/login', { body: { username: 42, password: 'x' } }, 400, 'request/invalid'],
      ['POST', '/api/auth/login', { body: { username: long(65), password: 'x' } }, 400, 'request/invalid'],
      ['POST', '/api/auth/login', { body: { username: 'trainee', password: 'x', admin: true } }, 400, 'request/invalid'],
      ['POST', '/api/auth/login', { rawBody: '{"username": "trainee",' }, 400, 'request/invalid'],
      ['POST', '/api/auth/login', { rawBody: 'username=trainee&password=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } }, 400, 'request/invalid'],
      ['POST', '/api/auth/login', { rawBody: JSON.stringify({ username: 'u', password: long(70_000) }) }, 413, 'request/too_large'],
      ['POST', '/api/users', { cookie: a, body: { username: 'x y', name: 'X', role: 'trainee', password: 'longenough1' } }, 400, 'request/invalid'],
      ['POST', '/api/users', { cookie: a, body: { username: 'xy', name: 'X', role: 'king', password: 'longenough1' } }, 400, 'request/invalid'],
      ['POST', '/api/users', { cookie: a, body: { username: 'xy', name: 'X', role: 'trainee', password: 'short' } }, 400, 'request/invalid'],
      ['POST', '/api/users', { cookie: a, body: { username: 'trainee', name: 'X', role: 'trainee', password: 'longenough1' } }, 409, 'user/exists'],
      ['POST', '/api/classrooms', { cookie: t, body: {} }, 400, 'request/invalid'],
      ['POST', '/api/classrooms', { cookie: t, body: { name: long(121) } }, 400, 'request/invalid'],
      ['GET', '/api/classrooms/cls_unknown', { cookie: t }, 404, 'classroom/not_found'],
      ['GET', '/api/classrooms/a%20b', { cookie: t }, 400, 'request/invalid'],
      ['POST', `/api/classrooms/${classroomId}/members`, { cookie: t, body: { userId: 'usr_nobody' } }, 404, 'user/not_found'],
      ['POST', `/api/classrooms/${classroomId}/members`, { cookie: t, body: { userId: '../etc' } }, 400, 'request/invalid'],
      ['POST', '/api/classrooms/cls_unknown/members', { cookie: t, body: { userId: trainee.id } }, 404, 'classroom/not_found'],
      ['POST', '/api/sessions', { cookie: t, body: { drillId: 'demo-short' } }, 400, 'request/invalid'],
      ['POST', '/api/sessions', { cookie: t, body: { classroomId, drillId: 'no-such-drill' } }, 422, 'drill/unknown'],
      ['POST', '/api/sessions', { cookie: t, body: { classroomId: 'cls_unknown', drillId: 'demo-short' } }, 404, 'classroom/not_found'],
      ['POST', '/api/sessions', { cookie: t, body: { classroomId, drillId: 'demo-short', speed: 0 } }, 400, 'request/invalid'],
      ['POST', '/api/sessions', { cookie: t, body: { classroomId, drillId: 'demo-short', speed: 'fast' } }, 400, 'request/invalid'],
      ['POST', '/api/sessions', { cookie: t, body: { classroomId, drillId: 'demo-short', mode: 'party' } }, 400, 'request/invalid'],
      ['POST', '/api/sessions', { cookie: t, body: { classroomId, drillId: 'demo-short', seed: -1 } }, 400, 'request/invalid'],
      ['GET', '/api/sessions/ses_unknown', { cookie: t }, 404, 'session/not_found'],
      ['GET', `/api/sessions/${sessionId}?atSeq=abc`, { cookie: t }, 400, 'request/invalid'],
      ['GET', `/api/sessions/${sessionId}?atSeq=999999`, { cookie: t }, 422, 'session/seq_out_of_range'],
      ['GET', `/api/sessions/${sessionId}?debug=1`, { cookie: t }, 400, 'request/invalid'],
      ['GET', `/api/sessions/${sessionId}/log?fromSeq=-1`, { cookie: t }, 400, 'request/invalid'],
      ['GET', `/api/sessions/${sessionId}/log?limit=999999`, { cookie: t }, 400, 'request/invalid'],
      ['POST', `/api/sessions/${sessionId}/scores`, { cookie: t, body: {} }, 400, 'request/invalid'],
      ['POST', `/api/sessions/${sessionId}/scores`, { cookie: t, body: { rubricVersion: 'v99' } }, 422, 'rubric/unknown'],
      ['GET', `/api/catalog/kb?q=${long(201)}`, { cookie: t }, 400, 'request/invalid'],
      ['GET', '/api/catalog/kb/KB-9999', { cookie: t }, 404, 'kb/not_found'],
      ['GET', '/api/catalog/assets/PC-NOWHERE', { cookie: t }, 404, 'asset/not_found'],
      ['GET', '/api/nothing-here', { cookie: t }, 404, 'route/not_found'],
      ['DELETE', `/api/sessions/${sessionId}`, { cookie: t }, 404, 'route/not_found'],
    ];
    for (const [method, path, o, status, code] of cases) {
      const r = await http<{ error: { code: string; message: string } }>(srv.url, method, path, o);
      const label = `${method} ${path.slice(0, 80)}`;
      expect(r.status, label).toBe(status);
      expect(r.headers.get('content-type'), label).toMatch(/^application\/json/);
      expect(Object.keys(r.body), label).toEqual(['error']);
      expect(r.body.error.code, label).toBe(code);
      expect(r.body.error.message.length, label).toBeGreaterThan(5);
    }
    await expectNothingStored();
  });

  it('rate-limits failed logins per address with a clear error', async () => {
    const limited = await startServer({ config: { loginRateLimit: { windowMs: 60_000, limit: 3 } } });
    try {
      await limited.createUser('u', 'trainee');
      const attempt = () => http<{ error: { code: string } }>(limited.url, 'POST', '/api/auth/login', { body: { username: 'u', password: 'nope-nope' } });
      for (let i = 0; i < 3; i++) expect((await attempt()).status).toBe(401);
      const r = await attempt();
      expect(r.status).toBe(429);
      expect(r.body.error.code).toBe('auth/rate_limited');
      // Even the right password waits for the window to pass.
      expect((await http(limited.url, 'POST', '/api/auth/login', { body: { username: 'u', password: 'correct-horse-42' } })).status).toBe(429);
    } finally {
      await limited.close();
    }
  });
});

describe('text that looks like HTML', () => {
  it('is stored and sent back exactly as typed, as JSON text', async () => {
    const ack = unwrap(await sc.act(sessionId, { type: 'ticket.addNote', ticketId, text: HTML }));
    const stored = (await srv.app.store.readLog(sessionId, ack.seq - 1, 1))[0]!;
    expect(stored.payload).toEqual({ ticketId, text: HTML });
    const desk = await sc.deskAt(ack.seq);
    expect(desk.view.desk.tickets.find((x) => x.id === ticketId)!.notes.at(-1)!.text).toBe(HTML);
    const room = await http<{ name: string }>(srv.url, 'POST', '/api/classrooms', { cookie: cookies.trainer, body: { name: HTML } });
    expect(room.status).toBe(201);
    expect(room.body.name).toBe(HTML);
    expect(room.headers.get('content-type')).toMatch(/^application\/json/);
    expect(room.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('is escaped in the printable report, the one page the server renders', async () => {
    const r = await http<string>(srv.url, 'GET', `/api/sessions/${sessionId}/report/${trainee.id}`, { cookie: cookies.evaluator });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/^text\/html/);
    expect(r.body).toContain('Eve &lt;script&gt;');
    expect(r.body).not.toContain('<script>alert');
    expect(r.headers.get('content-security-policy')).toMatch(/script-src 'self'/);
  });
});
