/**
 * `npx tsx scripts/load-test.ts [--trainees 30] [--actions 30] [--think 1000] [--empty-scorer]`
 *
 * Starts the real server in this process (temporary SQLite file, real scorer
 * unless --empty-scorer), opens one session of `demo-short` for N trainees,
 * and has each trainee's socket send notes on their ticket, waiting a random
 * think time (0.5–1.5 × --think ms) between actions. Prints ack latencies
 * (from emit to durable ack) and throughput. The clients run in the same
 * process and share its CPU, so figures are an upper bound on server cost.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { io, type Socket } from 'socket.io-client';
import { hashPassword } from '../server/src/access/login-sessions.js';
import { createApp } from '../server/src/app.js';
import { emptyScorer } from '../server/src/engine/scoring-adapter.js';
import { newId } from '../server/src/ids.js';
import type { Ack, CommandAck, TraineeUpdate } from '../server/src/protocol.js';

const arg = (name: string, fallback: number) => { const i = process.argv.indexOf(`--${name}`); return i > 0 ? Number(process.argv[i + 1]) : fallback; };
const N = arg('trainees', 30), ACTIONS = arg('actions', 30), THINK = arg('think', 1000);

const dir = mkdtempSync(join(tmpdir(), 'deskdrill-load-'));
const app = await createApp({ dbFile: join(dir, 'load.db'), port: 0, host: '127.0.0.1', logger: pino({ level: 'warn' }), bcryptRounds: 4, ...(process.argv.includes('--empty-scorer') ? { scorer: emptyScorer() } : {}) });
const password = 'load-test-password';
const user = async (username: string, role: 'trainer' | 'trainee') => app.store.createUser({ id: newId('usr'), username, displayName: username, role, passwordHash: await hashPassword(password, 4) });
const trainer = await user('trainer', 'trainer');
const trainees = await Promise.all(Array.from({ length: N }, (_, i) => user(`trainee${i}`, 'trainee')));
const room = await app.store.createClassroom({ id: newId('cls'), name: 'Charge', createdBy: trainer.id });
for (const u of [trainer, ...trainees]) await app.store.addMember(room.id, u.id);
const created = await app.host.create({ classroomId: room.id, drillId: 'demo-short', speed: 0.1, seed: 1, createdBy: { role: 'trainer', id: trainer.id }, trainees: trainees.map((t) => ({ id: t.id, name: t.username })) });
if (!created.ok) throw new Error(created.error.message);
const sessionId = created.value.id;

async function login(username: string): Promise<string> {
  const r = await fetch(`${app.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  return r.headers.get('set-cookie')!.split(';')[0]!;
}
const send = <T>(s: Socket, event: string, payload: unknown) => new Promise<Ack<T>>((ok) => s.emit(event, payload, ok));
const unwrap = <T>(a: Ack<T>): T => { if (!a.ok) throw new Error(`${a.error.code}: ${a.error.message}`); return a.data; };
const connect = async (username: string) => {
  const s = io(app.url, { transports: ['websocket'], extraHeaders: { cookie: await login(username) }, forceNew: true });
  await new Promise<void>((ok, fail) => { s.once('connect', () => ok()); s.once('connect_error', fail); });
  return s;
};

const staff = await connect('trainer');
unwrap(await send(staff, 'session:join', { sessionId }));
const sockets = await Promise.all(trainees.map((t) => connect(t.username)));
for (const s of sockets) unwrap(await send(s, 'session:join', { sessionId }));
unwrap(await send(staff, 'trainer:command', { sessionId, clientId: randomUUID(), command: { type: 'session.start' } }));
const act = (s: Socket, command: unknown) => send<CommandAck>(s, 'trainee:command', { sessionId, clientId: randomUUID(), command }).then(unwrap);

// Each trainee takes their first caller and opens a ticket.
const tickets = await Promise.all(sockets.map(async (s, i) => {
  const contactId = `${trainees[i]!.id}-C001`;
  while (!(await app.host.read(sessionId, (l) => l.machine.state.contacts[contactId]))) await new Promise((r) => setTimeout(r, 20));
  await act(s, { type: 'contact.take', contactId });
  await act(s, { type: 'ticket.create', contactId, title: 'Impression bloquée' });
  const view = unwrap(await send<TraineeUpdate>(s, 'session:join', { sessionId }));
  const ticketId = view.view.desk.contacts[0]!.ticketId!;
  await act(s, { type: 'ticket.take', ticketId });
  return ticketId;
}));

const latencies: number[] = [];
const t0 = performance.now();
await Promise.all(sockets.map(async (s, i) => {
  for (let k = 0; k < ACTIONS; k++) {
    const a = performance.now();
    await act(s, { type: 'ticket.addNote', ticketId: tickets[i], text: `Note ${k} : service redémarré, impression relancée avec l'utilisatrice.` });
    latencies.push(performance.now() - a);
    if (THINK > 0) await new Promise((r) => setTimeout(r, THINK * (0.5 + Math.random())));
  }
}));
const wall = performance.now() - t0;
latencies.sort((a, b) => a - b);
const q = (p: number) => Math.round(latencies[Math.floor(p * (latencies.length - 1))]! * 10) / 10;
console.log(JSON.stringify({
  trainees: N, actions: latencies.length, thinkMs: THINK, scorer: app.host.scorer.available ? 'real' : 'empty',
  events: (await app.store.counts()).events, wallMs: Math.round(wall), actionsPerSecond: Math.round(latencies.length / wall * 1000),
  ackMs: { p50: q(0.5), p95: q(0.95), p99: q(0.99), max: q(1) },
}));
for (const s of [staff, ...sockets]) s.close();
await app.close();
rmSync(dir, { recursive: true, force: true });
