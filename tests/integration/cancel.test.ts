/**
 * A session created by mistake, cancelled from its trainer's console before it started (`session.stop` on a
 * planned session), with the real server, SQLite and socket.io: the trainee waiting on its desk is told it was
 * cancelled, every list says so, an exam has nothing to publish, and the reports of an empty session still answer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Notice } from '../../server/src/protocol.js';
import { classroomServer, connect, http, unwrap, type TestClient } from './support/clients.js';
import type { TestServer } from './support/server.js';

let srv: TestServer;
let trainer: TestClient, alice: TestClient;
let trainerCookie: string, aliceCookie: string, aliceId: string;
let sessionId: string, classroomId: string;

beforeAll(async () => {
  ({ srv, classroomId, aliceId, trainerCookie, aliceCookie } = await classroomServer());
  const created = await http<{ id: string }>(srv.url, 'POST', '/api/sessions', { cookie: trainerCookie, body: { classroomId, drillId: 'demo-short', mode: 'exam' } });
  expect(created.status).toBe(201);
  sessionId = created.body.id;
  [trainer, alice] = await Promise.all([connect(srv.url, trainerCookie), connect(srv.url, aliceCookie)]);
  for (const c of [trainer, alice]) unwrap(await c.join(sessionId));
}, 120_000);

afterAll(async () => {
  for (const c of [trainer, alice]) c?.close();
  await srv?.close();
});

type Listed = { id: string; status: string; cancelled: boolean };
const listed = async (cookie: string) => (await http<Listed[]>(srv.url, 'GET', '/api/sessions', { cookie })).body.find((s) => s.id === sessionId);

describe('a planned session cancelled by its trainer', () => {
  it('is cancelled, not finished: the waiting trainee is told so and every list says so', async () => {
    expect(await listed(aliceCookie)).toMatchObject({ status: 'created', cancelled: false });
    const told = alice.waitFor<Notice>('notice', (n) => n.kind === 'session');
    const onDesk = alice.deskWhen((u) => u.view.session.status === 'stopped');
    unwrap(await trainer.control(sessionId, { type: 'session.stop' }));
    expect((await onDesk).view.session).toMatchObject({ status: 'stopped', cancelled: true });
    expect(await told).toMatchObject({ code: 'session.cancelled', text: 'Session annulée' });
    for (const cookie of [trainerCookie, aliceCookie]) expect(await listed(cookie)).toMatchObject({ status: 'stopped', cancelled: true });
    expect(await srv.app.store.getSession(sessionId)).toMatchObject({ status: 'stopped', cancelled: true });
  });

  it('cannot start, and an exam that did not take place has no results to publish', async () => {
    const start = await trainer.control(sessionId, { type: 'session.start' });
    expect(!start.ok && start.error.code).toBe('session/already_started');
    const release = await trainer.control(sessionId, { type: 'session.releaseFeedback' });
    expect(!release.ok && release.error.code).toBe('session/cancelled');
  });

  it('still answers every report of its empty log, and is not offered for comparison', async () => {
    for (const path of ['replay', 'replay/log', 'grid', 'timeseries', 'compare', 'export.csv', 'export.xapi.json', `report/${aliceId}`]) {
      const r = await http(srv.url, 'GET', `/api/sessions/${sessionId}/${path}`, { cookie: trainerCookie });
      expect(r.status, path).toBe(200);
    }
    const grid = await http<{ rows: { traineeId: string; cells: { evidence: unknown[] }[] }[] }>(srv.url, 'GET', `/api/sessions/${sessionId}/grid`, { cookie: trainerCookie });
    expect(grid.body.rows.map((r) => r.traineeId)).toEqual([aliceId]);
    expect(grid.body.rows[0]!.cells.flatMap((c) => c.evidence)).toEqual([]);
    const other = await http<{ id: string }>(srv.url, 'POST', '/api/sessions', { cookie: trainerCookie, body: { classroomId, drillId: 'demo-short' } });
    const compare = await http<{ candidates: { id: string }[] }>(srv.url, 'GET', `/api/sessions/${other.body.id}/compare`, { cookie: trainerCookie });
    expect(compare.body.candidates.map((c) => c.id)).not.toContain(sessionId);
  });
});
