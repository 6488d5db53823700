/**
 * A user who floods the socket (a script, a client stuck in a loop) is refused past the shipped per-user limit
 * (10 requests a second, 40 at once) with `request/rate_limited`, nothing of the refused requests is stored, the
 * limit is shared by the user's sockets, other users act as usual, and the flooder may act again once the bucket
 * has refilled; a socket that goes on flooding is closed. Real server, SQLite and socket.io; the default limit,
 * not a test setting.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ack, CommandAck } from '../../server/src/protocol.js';
import { CLOSE_AFTER_REFUSALS, DEFAULT_REQUEST_LIMIT } from '../../server/src/realtime/request-limit.js';
import { connect, http, login, unwrap, type TestClient } from './support/clients.js';
import { startServer, type TestServer } from './support/server.js';

let srv: TestServer;
let sessionId: string;
let flooderA: TestClient, flooderB: TestClient, other: TestClient;
const { burst, perSecond } = DEFAULT_REQUEST_LIMIT;
let cookieT1: string;

beforeAll(async () => {
  srv = await startServer();
  const tr = await srv.createUser('tr', 'trainer');
  const t1 = await srv.createUser('t1', 'trainee');
  const t2 = await srv.createUser('t2', 'trainee');
  const classroomId = await srv.createClassroom('Classe L', [tr, t1, t2]);
  const [ctr, c1, c2] = await Promise.all(['tr', 't1', 't2'].map((u) => login(srv.url, u)));
  cookieT1 = c1!;
  const r = await http<{ id: string }>(srv.url, 'POST', '/api/sessions', { cookie: ctr, body: { classroomId, drillId: 'demo-short', speed: 0.1, seed: 3 } });
  sessionId = r.body.id;
  const trainer = await connect(srv.url, ctr!);
  unwrap(await trainer.join(sessionId));
  unwrap(await trainer.control(sessionId, { type: 'session.start' }));
  trainer.close();
  // Two sockets with t1's login (two tabs), one for t2.
  [flooderA, flooderB, other] = await Promise.all([connect(srv.url, c1!), connect(srv.url, c1!), connect(srv.url, c2!)]);
  // Let the joins' tokens come back before the flood.
  for (const c of [flooderA, flooderB, other]) unwrap(await c.join(sessionId));
  await new Promise((ok) => setTimeout(ok, 1_000));
}, 120_000);

afterAll(async () => {
  for (const c of [flooderA, flooderB, other]) c?.close();
  await srv?.close();
});

const search = (c: TestClient, clientId = randomUUID()) => c.act(sessionId, { type: 'kb.search', query: 'imprimante' }, clientId) as Promise<Ack<CommandAck>>;

describe('per-user request limit', () => {
  it('refuses a flood past the burst, stores none of the refused requests, and counts both of the user\'s sockets', async () => {
    const before = (await srv.app.store.readLog(sessionId)).length;
    const ids = Array.from({ length: 120 }, () => randomUUID());
    // All at once, over two sockets of the same login: one bucket.
    const answers = await Promise.all(ids.map((id, i) => search(i % 2 ? flooderB : flooderA, id)));
    const accepted = ids.filter((_, i) => answers[i]!.ok);
    const refused = answers.filter((a): a is Extract<Ack<CommandAck>, { ok: false }> => !a.ok);
    // The burst, plus what refilled while the 120 requests were being sent (well under a second here).
    expect(accepted.length).toBeGreaterThanOrEqual(burst);
    expect(accepted.length).toBeLessThan(burst + perSecond);
    expect(accepted.length + refused.length).toBe(ids.length);
    for (const r of refused) {
      expect(r.error.code).toBe('request/rate_limited');
      expect(r.error.message).toMatch(new RegExp(`at most ${perSecond} per second \\(${burst} at once\\).*retry in \\d+ ms`));
    }
    // Every accepted search is in the log once; no refused one is.
    const log = (await srv.app.store.readLog(sessionId)).slice(before);
    const stored = new Set(log.filter((e) => e.type === 'kb.searched').map((e) => e.clientId));
    expect(ids.filter((id) => stored.has(id)).sort()).toEqual([...accepted].sort());
  });

  it('leaves other users alone, and lets the flooder act again once the bucket refills', async () => {
    // Whatever refilled since: a new flood, sent in one go, ends refused (the limit is checked as each arrives).
    const again = await Promise.all(Array.from({ length: burst + 20 }, () => search(flooderA)));
    expect(again.at(-1)).toMatchObject({ ok: false, error: { code: 'request/rate_limited' } });
    // Another trainee of the same session is not slowed by it.
    unwrap(await search(other));
    // One token comes back every 1000 / perSecond ms.
    await new Promise((ok) => setTimeout(ok, (1000 / perSecond) * 3));
    unwrap(await search(flooderA));
  });

  it('applies to every request, joins included, before the payload is even read', async () => {
    // Invalid commands drain the bucket too, and a join sent right behind them is refused.
    const junk = Array.from({ length: burst + 20 }, () => flooderB.act(sessionId, { type: 'no.such.command' }));
    const join = flooderB.join(sessionId);
    const answers = await Promise.all(junk);
    expect(answers.filter((a) => !a.ok && a.error.code === 'request/invalid').length).toBeGreaterThan(0);
    expect(answers.filter((a) => !a.ok && a.error.code === 'request/rate_limited').length).toBeGreaterThan(0);
    expect(await join).toMatchObject({ ok: false, error: { code: 'request/rate_limited' } });
  });

  it(`closes a socket that goes on past ${CLOSE_AFTER_REFUSALS} refusals in a row, and only that one`, async () => {
    const closed = new Promise<string>((ok) => flooderA.socket.once('disconnect', (reason) => ok(reason)));
    // Far past the limit on one socket; the answers after the close never come (short timeout).
    const flood = Array.from({ length: burst + CLOSE_AFTER_REFUSALS + 60 }, () => flooderA.request('trainee:command', { sessionId, clientId: randomUUID(), command: { type: 'kb.search', query: 'vpn' } }, 3_000));
    expect(await closed).toBe('io server disconnect');
    const answers = await Promise.allSettled(flood);
    const refused = answers.filter((a) => a.status === 'fulfilled' && !a.value.ok && a.value.error.code === 'request/rate_limited');
    expect(refused.length).toBeGreaterThanOrEqual(CLOSE_AFTER_REFUSALS);
    // The same user's other socket, quiet meanwhile, stays; so does everyone else.
    expect(flooderB.socket.connected).toBe(true);
    unwrap(await search(other));
    // The user may come back: a new socket, and a request once a token has refilled.
    await new Promise((ok) => setTimeout(ok, (1000 / perSecond) * 3));
    const back = await connect(srv.url, cookieT1);
    try {
      unwrap(await back.join(sessionId));
      await new Promise((ok) => setTimeout(ok, (1000 / perSecond) * 2));
      unwrap(await search(back));
    } finally {
      back.close();
    }
  });
});
