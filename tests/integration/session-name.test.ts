/**
 * A session's name and start time, with the real server, SQLite and socket.io: the trainer names a session when
 * creating it (trimmed, at most 80 characters, a too-long name refused naming the field), and every list, view and
 * report that names the session says it; the trainee's list says when the drill started.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionSummary } from '../../server/src/protocol.js';
import { classroomServer, connect, http, unwrap, type TestClient } from './support/clients.js';
import type { TestServer } from './support/server.js';

const NAME = 'BTS SIO groupe B — matin';
let srv: TestServer;
let trainer: TestClient | undefined;
let trainerCookie: string, aliceCookie: string, aliceId: string, classroomId: string;

beforeAll(async () => {
  ({ srv, classroomId, aliceId, trainerCookie, aliceCookie } = await classroomServer());
}, 120_000);

afterAll(async () => {
  trainer?.close();
  await srv?.close();
});

const create = (body: Record<string, unknown>) => http<{ id: string; name?: string; error?: { code: string; message: string } }>(srv.url, 'POST', '/api/sessions', { cookie: trainerCookie, body: { classroomId, drillId: 'demo-short', ...body } });
const listed = async (cookie: string, id: string) => (await http<SessionSummary[]>(srv.url, 'GET', '/api/sessions', { cookie })).body.find((s) => s.id === id);

describe('naming a session', () => {
  it('refuses a name over 80 characters, or blank, naming the field, and creates nothing', async () => {
    const before = (await srv.app.store.counts()).sessions;
    const long = await create({ name: 'x'.repeat(81) });
    expect(long.status).toBe(400);
    expect(long.body.error).toEqual({ code: 'request/invalid', message: 'name: the session name is limited to 80 characters' });
    const blank = await create({ name: '   ' });
    expect(blank.status).toBe(400);
    expect(blank.body.error?.message).toMatch(/^name: /);
    expect((await srv.app.store.counts()).sessions).toBe(before);
  });

  it('keeps the trimmed name, and every list, view and report of the session says it', async () => {
    const made = await create({ name: `  ${NAME}  ` });
    expect(made.status).toBe(201);
    expect(made.body.name).toBe(NAME);
    const id = made.body.id;
    expect(await srv.app.store.readLog(id)).toMatchObject([{ type: 'session.created', payload: { name: NAME } }]);
    for (const cookie of [trainerCookie, aliceCookie]) expect(await listed(cookie, id)).toMatchObject({ name: NAME });

    trainer = await connect(srv.url, trainerCookie);
    expect(unwrap(await trainer.join(id))).toMatchObject({ view: { session: { name: NAME } } });
    const desk = await http<{ view: { session: { name?: string } } }>(srv.url, 'GET', `/api/sessions/${id}`, { cookie: aliceCookie });
    expect(desk.body.view.session.name).toBe(NAME);

    const other = await create({});
    expect(other.body).not.toHaveProperty('name');
    expect(await listed(trainerCookie, other.body.id)).not.toHaveProperty('name');
    const compare = await http<{ candidates: { id: string; name?: string }[] }>(srv.url, 'GET', `/api/sessions/${other.body.id}/compare`, { cookie: trainerCookie });
    expect(compare.body.candidates.find((c) => c.id === id)).toMatchObject({ name: NAME });

    for (const lang of ['fr', 'en']) {
      const report = await http<string>(srv.url, 'GET', `/api/sessions/${id}/report/${aliceId}?lang=${lang}`, { cookie: trainerCookie });
      expect(report.status).toBe(200);
      expect(report.body, lang).toContain(NAME);
    }
  });

  it('tells the trainee when the drill started, once it has', async () => {
    const made = await create({});
    const id = made.body.id;
    expect(await listed(aliceCookie, id)).not.toHaveProperty('startedAt');
    trainer ??= await connect(srv.url, trainerCookie);
    unwrap(await trainer.join(id));
    const before = Date.now();
    unwrap(await trainer.control(id, { type: 'session.start' }));
    const started = (await listed(aliceCookie, id))!.startedAt!;
    expect(started).toBeGreaterThanOrEqual(before);
    expect(started).toBeLessThanOrEqual(Date.now());
    const log = await srv.app.store.readLog(id);
    expect(log.find((e) => e.type === 'session.started')).toMatchObject({ payload: { wallMs: started } });
    expect(await listed(trainerCookie, id)).toMatchObject({ startedAt: started });
  });
});
