/**
 * A user who floods the socket (a script, a client stuck in a loop) is refused past the shipped per-user limit
 * (10 requests a second, 40 at once) with `request/rate_limited`, nothing of the refused requests is stored, the
 * limit is shared by the user's sockets, other users act as usual, and the flooder may act again once the bucket
 * has refilled; a socket that goes on flooding is closed; API requests count in the same budget. Real server, SQLite and socket.io; the default limit,
 * not a test setting. Each test floods as a trainee of its own, so one test's refusals do not count in another's.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ack, CommandAck } from '../../server/src/protocol.js';
import { CLOSE_AFTER_REFUSALS, DEFAULT_REQUEST_LIMIT } from '../../server/src/realtime/request-limit.js';
import { connect, http, login, unwrap, type TestClient } from './support/clients.js';
import { startServer, type TestServer } from './support/server.js';

let srv: TestServer;
let sessionId: string;
const cookies: Record<string, string> = {};
const clients: TestClient[] = [];
const { burst, perSecond } = DEFAULT_REQUEST_LIMIT;
const TRAINEES = ['t1', 't2', 't3', 't4', 't5'];

beforeAll(async () => {
  srv = await startServer();
  const tr = await srv.createUser('tr', 'trainer');
  const trainees = await Promise.all(TRAINEES.map((u) => srv.createUser(u, 'trainee')));
  const classroomId = await srv.createClassroom('Classe L', [tr, ...trainees]);
  for (const u of ['tr', ...TRAINEES]) cookies[u] = await login(srv.url, u);
  const r = await http<{ id: string }>(srv.url, 'POST', '/api/sessions', { cookie: cookies.tr, body: { classroomId, drillId: 'demo-short', speed: 0.1, seed: 3 } });
  sessionId = r.body.id;
  const trainer = await open('tr');
  unwrap(await trainer.control(sessionId, { type: 'session.start' }));
  trainer.close();
}, 120_000);

afterAll(async () => {
  for (const c of clients) c.close();
  await srv?.close();
});

/** A socket with `username`'s login, joined to the session. */
async function open(username: string): Promise<TestClient> {
  const c = await connect(srv.url, cookies[username]!);
  clients.push(c);
  unwrap(await c.join(sessionId));
  return c;
}

const pause = (ms: number) => new Promise((ok) => setTimeout(ok, ms));
const search = (c: TestClient, clientId = randomUUID()) => c.act(sessionId, { type: 'kb.search', query: 'imprimante' }, clientId) as Promise<Ack<CommandAck>>;
const limited = (a: Ack<unknown>) => !a.ok && a.error.code === 'request/rate_limited';

describe('per-user request limit', () => {
  it('refuses a flood past the burst, stores none of the refused requests, counts both of the user\'s sockets, and lets others and then the flooder act', async () => {
    // Two sockets with t1's login (two tabs), one for t2; the joins' tokens come back first.
    const [tabA, tabB, other] = [await open('t1'), await open('t1'), await open('t2')];
    await pause(1_000);
    const before = (await srv.app.store.readLog(sessionId)).length;
    const ids = Array.from({ length: 120 }, () => randomUUID());
    const answers = await Promise.all(ids.map((id, i) => search(i % 2 ? tabB : tabA, id)));
    const accepted = ids.filter((_, i) => answers[i]!.ok);
    const refused = answers.filter((a): a is Extract<Ack<CommandAck>, { ok: false }> => !a.ok);
    // The burst, plus what refilled while the 120 requests were being read (well under a second; two allowed).
    expect(accepted.length).toBeGreaterThanOrEqual(burst);
    expect(accepted.length).toBeLessThanOrEqual(burst + 2 * perSecond);
    expect(accepted.length + refused.length).toBe(ids.length);
    for (const r of refused) {
      expect(r.error.code).toBe('request/rate_limited');
      expect(r.error.message).toMatch(new RegExp(`at most ${perSecond} per second \\(${burst} at once\\).*retry in \\d+ ms`));
    }
    // Every accepted search is in the log once; no refused one is.
    const log = (await srv.app.store.readLog(sessionId)).slice(before);
    const stored = new Set(log.filter((e) => e.type === 'kb.searched').map((e) => e.clientId));
    expect(ids.filter((id) => stored.has(id)).sort()).toEqual([...accepted].sort());
    // Another trainee of the same session is not slowed by it.
    unwrap(await search(other));
    // One token comes back every 1000 / perSecond ms.
    await pause((1000 / perSecond) * 3);
    unwrap(await search(tabA));
  });

  it('applies to every request, joins included, before the payload is even read', async () => {
    const c = await open('t3');
    // Invalid commands drain the bucket too, and a join sent right behind them is refused.
    const junk = Array.from({ length: burst + 20 }, () => c.act(sessionId, { type: 'no.such.command' }));
    const join = c.join(sessionId);
    const answers = await Promise.all(junk);
    expect(answers.filter((a) => !a.ok && a.error.code === 'request/invalid').length).toBeGreaterThan(0);
    expect(answers.filter(limited).length).toBeGreaterThan(0);
    expect(limited(await join)).toBe(true);
  });

  it(`closes a socket that piles up ${CLOSE_AFTER_REFUSALS} refusals, and only that one`, async () => {
    const [flooder, quietTab, other] = [await open('t4'), await open('t4'), await open('t2')];
    const closed = new Promise<string>((ok, fail) => {
      flooder.socket.once('disconnect', (reason) => ok(reason));
      setTimeout(() => fail(new Error('the flooding socket was not closed')), 15_000);
    });
    // Far past the limit on one socket; the answers after the close never come (short timeout).
    const flood = Array.from({ length: burst + CLOSE_AFTER_REFUSALS + 60 }, () => flooder.request('trainee:command', { sessionId, clientId: randomUUID(), command: { type: 'kb.search', query: 'vpn' } }, 3_000));
    expect(await closed).toBe('io server disconnect');
    const answers = await Promise.allSettled(flood);
    expect(answers.filter((a) => a.status === 'fulfilled' && limited(a.value)).length).toBeGreaterThanOrEqual(CLOSE_AFTER_REFUSALS);
    // The same user's other socket, quiet meanwhile, stays; so does everyone else.
    expect(quietTab.socket.connected).toBe(true);
    unwrap(await search(other));
    // The user may come back: a new socket, and a request once a token has refilled.
    await pause((1000 / perSecond) * 3);
    const back = await open('t4');
    await pause((1000 / perSecond) * 2);
    unwrap(await search(back));
  });

  it('counts API requests in the same budget: 429 request/rate_limited with Retry-After, and the socket refused too', async () => {
    const socket = await open('t5');
    await pause(1_000);
    const burstStarted = performance.now();
    const answers = await Promise.all(Array.from({ length: burst + 20 }, () => http<{ error?: { code: string; message: string } }>(srv.url, 'GET', '/api/sessions', { cookie: cookies.t5 })));
    const ok = answers.filter((a) => a.status === 200);
    const refused = answers.filter((a) => a.status === 429);
    expect(ok.length).toBeGreaterThanOrEqual(burst - 1);
    expect(ok.length).toBeLessThanOrEqual(burst + 2 * perSecond);
    expect(ok.length + refused.length).toBe(answers.length);
    for (const r of refused) {
      expect(r.body.error?.code).toBe('request/rate_limited');
      expect(r.body.error?.message).toMatch(/retry in \d+ ms/);
      expect(Number(r.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    }
    // The same user's socket draws on the same budget: searches sent at once, more than the bucket can have refilled
    // since the burst began (on a busy machine the HTTP burst itself takes a few refills), find it empty; a budget of
    // its own would hold `burst` of them.
    const refilled = Math.ceil(((performance.now() - burstStarted) / 1000) * perSecond);
    expect(refilled + 2).toBeLessThan(burst);
    const fromSocket = await Promise.all(Array.from({ length: refilled + 2 }, () => search(socket)));
    expect(fromSocket.some(limited)).toBe(true);
    // Others are not limited, and anonymous requests are not counted (failed logins have their own limit).
    expect((await http(srv.url, 'GET', '/api/sessions', { cookie: cookies.t2 })).status).toBe(200);
    expect((await http(srv.url, 'GET', '/api/sessions')).status).toBe(401);
    await pause((1000 / perSecond) * 3);
    expect((await http(srv.url, 'GET', '/api/sessions', { cookie: cookies.t5 })).status).toBe(200);
  });
});

