/**
 * The bare baseline bench-load compares DeskDrill with: socket.io 4 and one
 * better-sqlite3 insert per action (WAL), nothing else — no login check, no
 * validation, no domain, no projection. Same protocol shape as DeskDrill so the
 * same load client drives both: `session:join` answers a tiny view,
 * `trainee:command` inserts one row, acks `{ seq }`, then (next tick, as the
 * DeskDrill host does) pushes a `desk:update` to the sender stamped with
 * `benchEmitAt`. Acks carry `benchRecvAt` / `benchAckAt` as DeskDrill's bench server adds them.
 *
 * BENCH_BASELINE = {"db": "<file>", "synchronous": "FULL" | "NORMAL"}. FULL is
 * what DeskDrill's store uses (an fsync per commit); NORMAL is better-sqlite3's
 * WAL default, the setting of the reference figures quoted in issue 8.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import { Server } from 'socket.io';
import { stampAck, benchNow } from './common.js';

const config = JSON.parse(process.env.BENCH_BASELINE ?? '{}') as { db: string; port?: number; synchronous?: 'FULL' | 'NORMAL' };
if (!config.db) throw new Error('BENCH_BASELINE must give at least {"db": "<file>"}');

const db = new Database(config.db);
db.pragma('journal_mode = WAL');
db.pragma(`synchronous = ${config.synchronous ?? 'FULL'}`);
db.exec(`CREATE TABLE IF NOT EXISTS events (session_id TEXT NOT NULL, seq INTEGER NOT NULL, t INTEGER NOT NULL, actor_id TEXT NOT NULL,
  type TEXT NOT NULL, payload TEXT NOT NULL, client_id TEXT, PRIMARY KEY (session_id, seq)) WITHOUT ROWID`);
const insert = db.prepare('INSERT INTO events (session_id, seq, t, actor_id, type, payload, client_id) VALUES (?, ?, ?, ?, ?, ?, ?)');
const seqs = new Map<string, number>();

const http = createServer();
const io = new Server(http, { serveClient: false, maxHttpBufferSize: 64 * 1024 });

interface Req { sessionId: string; clientId: string; command: { type: string } }
io.on('connection', (socket) => {
  const user = String(socket.handshake.query.user ?? socket.id);
  socket.on('session:join', (req: { sessionId: string }, ack: (r: unknown) => void) => {
    ack({ ok: true, data: { sessionId: req.sessionId, seq: seqs.get(req.sessionId) ?? 0, view: { role: 'trainee', desk: { traineeId: user, contacts: [], tickets: [] } } } });
  });
  socket.on('trainee:command', (req: Req, ack: (r: unknown) => void) => {
    const recvAt = benchNow();
    const seq = (seqs.get(req.sessionId) ?? 0) + 1;
    seqs.set(req.sessionId, seq);
    insert.run(req.sessionId, seq, Date.now(), user, req.command.type, JSON.stringify(req.command), req.clientId);
    const answer = { ok: true, data: { seq, duplicate: false } };
    stampAck(answer, recvAt);
    ack(answer);
    setImmediate(() => {
      socket.emit('desk:update', { sessionId: req.sessionId, seq, view: { role: 'trainee', desk: { traineeId: user, contacts: [], tickets: [] } }, benchEmitAt: benchNow() } as never);
    });
  });
});

const loop = monitorEventLoopDelay({ resolution: 5 });
loop.enable();
let eluMark = performance.eventLoopUtilization();
http.listen(config.port ?? 0, '127.0.0.1', () => {
  process.send?.({ type: 'ready', port: (http.address() as AddressInfo).port, pid: process.pid, resumed: [], startupMs: 0, setupMs: 0 });
});
process.on('message', (m: { type?: string; reset?: boolean; gc?: boolean }) => {
  if (m?.type === 'stats') {
    if (m.gc) for (let i = 0; i < 2; i++) (globalThis as { gc?: () => void }).gc?.();
    process.send?.({
      type: 'stats', memory: process.memoryUsage(), elu: performance.eventLoopUtilization(eluMark).utilization,
      loopDelayMs: { p50: loop.percentile(50) / 1e6, p99: loop.percentile(99) / 1e6, max: loop.max / 1e6 }, phases: {},
    });
    if (m.reset) { loop.reset(); eluMark = performance.eventLoopUtilization(); }
  }
  if (m?.type === 'stop') { io.close(); db.close(); process.exit(0); }
});
process.on('disconnect', () => process.exit(0));
