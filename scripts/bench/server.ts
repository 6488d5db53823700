/**
 * The DeskDrill server as the benchmarks run it: the real `createApp` in its own
 * process (so /proc figures are the server's alone), on loopback, with a temp
 * database. Started by bench-load and bench-crash with `forkTs`; configured by
 * the BENCH_SERVER environment variable (JSON, see `Config`), talks over IPC:
 *
 *   → { type: 'ready', port, pid, resumed, startupMs, setup? }   once listening (and set up)
 *   ← { type: 'stats' }   → { type: 'stats', ... }                 memory, event loop, time per phase
 *   ← { type: 'profile', action: 'start' | 'stop', file? } → { type: 'profiled' }   CPU profile of a window (main thread),
 *                                                      and its allocations beside it with BENCH_ALLOC_PROFILE=1
 *   ← { type: 'stop' }                                             closes cleanly and exits
 *
 * Bench-only instrumentation, production code unchanged:
 *  - every `desk:update` and `notice` the server broadcasts gets a `benchEmitAt`
 *    field (wall clock, ms, sub-ms) set just before socket.io encodes it, so a
 *    client process can compute emit → receive latency (same clock on one machine);
 *  - every `trainee:command` ack gets `benchRecvAt` (the socket event reached the
 *    server) and `benchAckAt` (the ack left), so the client splits its round trip;
 *  - time spent scoring, preparing pushes (batch listeners), appending to the
 *    store and inside socket.io emits is summed per phase, for the report.
 */
import { writeFileSync } from 'node:fs';
import { writeHeapSnapshot } from 'node:v8';
import { Session as InspectorSession } from 'node:inspector';
import { monitorEventLoopDelay, performance, PerformanceObserver } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import pino from 'pino';
import { createApp, type App } from '../../server/src/app.js';
import { hashPassword } from '../../server/src/access/login-sessions.js';
import { loadCatalogOrThrow } from '../../server/src/catalog/load.js';
import type { SessionHost } from '../../server/src/engine/session-host.js';
import { emptyScorer, loadScorer, type Scorer } from '../../server/src/engine/scoring-adapter.js';
import { newId } from '../../server/src/ids.js';
import type { ThreadHeap } from '../../server/src/engine/scoring-thread.js';
import { observeWriter } from '../../server/src/store/sqlite/event-writer.js';
import { addLoadDrill, LOAD_DRILL_ID, stampAck, benchNow } from './common.js';

export interface SetupSpec {
  trainees: number;
  sessions: number;
  /** Drill speed factor (virtual time runs `speed` times faster than the wall clock). */
  speed: number;
  seed: number;
  /** A drill id of the catalogue, or the generated load drill (default). */
  drill?: string;
  mode?: 'training' | 'exam';
}

export interface Config {
  db: string;
  port?: number;
  scorer?: 'real' | 'empty';
  /** Length and spacing (virtual minutes) of the generated load drill. */
  drillMinutes?: number;
  drillEvery?: number;
  /** Accounts, classrooms and started sessions to create before answering 'ready'. */
  setup?: SetupSpec;
  /**
   * Diagnostic only: run the store with this `synchronous` level instead of the
   * shipped FULL (NORMAL: no fsync per commit; survives kill -9, not a power cut).
   */
  synchronous?: 'NORMAL';
  /** Live scoring on the event loop instead of the scoring thread (for comparisons). */
  scoringInline?: boolean;
  /** The per-user socket request limit: the app's default, or none (`--request-limit off`). */
  requestLimit?: 'off';
  /** The scoring thread's nice value (default: the app's, 10; 0 runs it at the event loop's priority). */
  scoringNice?: number;
}

export interface SetupResult {
  password: string;
  trainer: { id: string; username: string };
  sessions: { id: string; trainees: { id: string; username: string }[] }[];
}

export interface ReadyMessage { type: 'ready'; port: number; pid: number; resumed: string[]; startupMs: number; setupMs: number; setup?: SetupResult }

export interface PhaseTotals { count: number; ms: number; maxMs: number }
export interface StatsMessage {
  type: 'stats';
  memory: NodeJS.MemoryUsage;
  loopDelayMs: { p50: number; p99: number; max: number };
  /** Event loop utilisation since the last reset (0–1). */
  elu: number;
  /** The scoring thread's, when live scoring runs on it. */
  scoringElu?: number;
  /** The scoring thread's V8 heap (`memory`'s heap figures are the main thread's). */
  scoringHeap?: ThreadHeap;
  phases: Record<string, PhaseTotals>;
  /** Distributions inside the server: a trainee command from its arrival at the host to its answer, and its wait for its session's turn. */
  latencies: Record<string, { n: number; p50: number; p99: number; max: number }>;
}

const config = JSON.parse(process.env.BENCH_SERVER ?? '{}') as Config;
if (!config.db) throw new Error('BENCH_SERVER must give at least {"db": "<file>"}');
const started = performance.now();

// ------------------------------------------------------------------ phase timing

const phases: Record<string, PhaseTotals> = {};
const add = (name: string, ms: number) => { const p = (phases[name] ??= { count: 0, ms: 0, maxMs: 0 }); p.count++; p.ms += ms; if (ms > p.maxMs) p.maxMs = ms; };
const samples: Record<string, number[]> = {};
const sample = (name: string, ms: number) => { (samples[name] ??= []).push(ms); };
function distribution(xs: number[]) {
  const s = [...xs].sort((a, b) => a - b);
  const at = (q: number) => Math.round((s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? 0) * 1000) / 1000;
  return { n: s.length, p50: at(0.5), p99: at(0.99), max: at(1) };
}
function timed<A extends unknown[], R>(name: string, fn: (...a: A) => R): (...a: A) => R {
  return (...a: A) => { const t = performance.now(); try { return fn(...a); } finally { add(name, performance.now() - t); } };
}

function timedScorer(s: Scorer): Scorer {
  return { ...s, available: s.available, currentVersion: s.currentVersion, versions: () => s.versions(), score: timed('score', s.score.bind(s)) };
}

/** Stamps pushes with their emit time and sums the time spent inside socket.io's emit per event name. */
function instrumentBroadcasts(app: App): void {
  const proto = Object.getPrototypeOf(app.io.to('bench:probe')) as { emit: (ev: string, ...args: unknown[]) => boolean };
  const original = proto.emit;
  // Diagnostic (session 14): BENCH_DROP_EMIT=desk:results skips those pushes, to size what one more write per action costs.
  const dropped = new Set(process.env.BENCH_DROP_EMIT?.split(',') ?? []);
  proto.emit = function (this: unknown, ev: string, ...args: unknown[]) {
    const payload = args[0];
    if (dropped.has(ev)) return true;
    if ((ev === 'desk:update' || ev === 'notice' || ev === 'staff:update') && payload && typeof payload === 'object') (payload as { benchEmitAt?: number }).benchEmitAt = benchNow();
    const t = performance.now();
    try { return original.call(this, ev, ...args); } finally { add(`emit ${ev}`, performance.now() - t); }
  };
}

/** Times the host's batch listeners (building views, staff update, notices) and the store's appends. */
function instrumentHost(app: App): void {
  const host = app.host as unknown as { listeners: ((b: unknown) => (() => void) | void)[] };
  host.listeners = host.listeners.map((l) => (b: unknown) => {
    const t = performance.now();
    const send = l(b);
    add('prepare pushes', performance.now() - t);
    return send ? () => { const t2 = performance.now(); send(); add('send pushes', performance.now() - t2); } : send;
  });
  // A trainee command inside the server, and how long it waited for its session's turn (commands of one session run one at a time).
  const h = app.host as unknown as { traineeCommand: (...a: unknown[]) => Promise<unknown>; queue: { run: (key: string, job: () => unknown) => Promise<unknown> } };
  const command = h.traineeCommand.bind(app.host);
  h.traineeCommand = async (...a) => { const t = performance.now(); try { return await command(...a); } finally { sample('trainee command in the host', performance.now() - t); } };
  const run = h.queue.run.bind(h.queue);
  h.queue.run = (key, job) => { const t = performance.now(); return run(key, () => { sample('wait for the session\'s turn', performance.now() - t); return job(); }); };
  // The same command from the socket event to its ack (guard, validation and the host): what the server adds to the client's round trip.
  app.io.on('connection', (socket) => {
    socket.use((packet, next) => {
      const ack = packet[packet.length - 1];
      if (packet[0] === 'trainee:command' && typeof ack === 'function') {
        const t = performance.now();
        const recvAt = benchNow();
        packet[packet.length - 1] = (...r: unknown[]) => {
          sample('trainee command in the server (socket event → ack)', performance.now() - t);
          stampAck(r[0], recvAt);
          return (ack as (...x: unknown[]) => unknown)(...r);
        };
      }
      next();
    });
  });
  const store = app.store as { appendBatch: App['store']['appendBatch'] };
  const append = store.appendBatch.bind(app.store);
  // The append's wait split: the group commit itself (fsync included, on the event loop) and the rest (waiting for the turn's end).
  observeWriter((commitMs, batches) => { sample('group commit (fsync included)', commitMs); sample('batches per group commit', batches); });
  store.appendBatch = async (...a) => { const t = performance.now(); try { await append(...a); } finally { const ms = performance.now() - t; add('store append wait (to the turn\'s end + group commit)', ms); sample('store append wait', ms); } };
}

// ------------------------------------------------------------------ set-up

async function setup(app: App, spec: SetupSpec): Promise<SetupResult> {
  const { store, host } = app;
  const password = 'bench-password-42';
  const hash = await hashPassword(password, 4);
  const trainer = await store.createUser({ id: newId('usr'), username: 'bench-trainer', displayName: 'Formateur bench', role: 'trainer', passwordHash: hash });
  const sessions: SetupResult['sessions'] = [];
  const per = Math.ceil(spec.trainees / spec.sessions);
  let n = 0;
  for (let s = 0; s < spec.sessions && n < spec.trainees; s++) {
    const classroom = await store.createClassroom({ id: newId('cls'), name: `Bench ${s + 1}`, createdBy: trainer.id });
    await store.addMember(classroom.id, trainer.id);
    const trainees: { id: string; username: string; name: string }[] = [];
    for (let i = 0; i < per && n < spec.trainees; i++, n++) {
      const username = `bench-t${String(n + 1).padStart(4, '0')}`;
      const u = await store.createUser({ id: newId('usr'), username, displayName: `Stagiaire ${n + 1}`, role: 'trainee', passwordHash: hash });
      await store.addMember(classroom.id, u.id);
      trainees.push({ id: u.id, username, name: u.displayName });
    }
    const created = await host.create({
      classroomId: classroom.id, drillId: spec.drill ?? LOAD_DRILL_ID, createdBy: { role: 'trainer', id: trainer.id },
      trainees: trainees.map((t) => ({ id: t.id, name: t.name })), speed: spec.speed, seed: spec.seed + s, ...(spec.mode ? { mode: spec.mode } : {}),
    });
    if (!created.ok) throw new Error(`session ${s + 1}: ${created.error.message}`);
    const start = await (host as SessionHost).trainerCommand(created.value.id, { role: 'trainer', id: trainer.id }, `bench-start-${s}-${Date.now()}`, { type: 'session.start' });
    if (!start.ok) throw new Error(`start session ${s + 1}: ${start.error.message}`);
    sessions.push({ id: created.value.id, trainees: trainees.map(({ id, username }) => ({ id, username })) });
  }
  return { password, trainer: { id: trainer.id, username: trainer.username }, sessions };
}

// ------------------------------------------------------------------ CPU profile of the measuring window

let inspector: InspectorSession | undefined;
const post = (method: string, params?: object) => new Promise<unknown>((ok, fail) => inspector!.post(method, params, (e, r) => (e ? fail(e) : ok(r))));

async function profile(m: { action: 'start' | 'stop'; file?: string }): Promise<void> {
  if (m.action === 'start') {
    inspector = new InspectorSession();
    inspector.connect();
    await post('Profiler.enable');
    await post('Profiler.setSamplingInterval', { interval: 500 });
    await post('Profiler.start');
    // BENCH_ALLOC_PROFILE=1: also sample what the window allocates, collected objects included (what feeds the GC).
    // BENCH_ALLOC_PROFILE=survivors leaves out what died young: what the scavenges copied and promoted.
    if (process.env.BENCH_ALLOC_PROFILE) await post('HeapProfiler.startSampling', { samplingInterval: 32_768, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: process.env.BENCH_ALLOC_PROFILE !== 'survivors' });
    return;
  }
  if (!inspector) return;
  const { profile: p } = await post('Profiler.stop') as { profile: unknown };
  if (m.file) writeFileSync(m.file, JSON.stringify(p));
  if (process.env.BENCH_ALLOC_PROFILE) {
    const { profile: h } = await post('HeapProfiler.stopSampling') as { profile: unknown };
    if (m.file) writeFileSync(m.file.replace(/\.cpuprofile$/, '.heapprofile'), JSON.stringify(h));
  }
  inspector.disconnect();
  inspector = undefined;
}

// ------------------------------------------------------------------ main

async function main(): Promise<void> {
  if (config.synchronous) {
    const proto = Database.prototype as unknown as { pragma: (src: string, o?: unknown) => unknown };
    const original = proto.pragma;
    const level = config.synchronous;
    proto.pragma = function (this: unknown, src: string, o?: unknown) { return original.call(this, /^\s*synchronous\s*=/i.test(src) ? `synchronous = ${level}` : src, o); };
  }
  const catalog = loadCatalogOrThrow();
  addLoadDrill(catalog, config.drillMinutes ?? 240, config.drillEvery ?? 4);
  const scorer = timedScorer(config.scorer === 'empty' ? emptyScorer() : await loadScorer());
  const app = await createApp({
    dbFile: config.db, port: config.port ?? 0, host: '127.0.0.1', catalog, scorer,
    logger: pino({ level: process.env.LOG_LEVEL ?? 'warn' }),
    bcryptRounds: 4,
    // Hundreds of logins from one address: the limiter only counts failures, but keep it out of the way.
    loginRateLimit: { windowMs: 60_000, limit: 1_000_000 },
    ...(config.scoringInline ? { scoringThread: false } : {}),
    ...(config.scoringNice !== undefined ? { scoringThreadNice: config.scoringNice } : {}),
    ...(config.requestLimit ? { requestLimit: config.requestLimit } : {}),
  });
  instrumentBroadcasts(app);
  instrumentHost(app);
  const startupMs = performance.now() - started;
  const t = performance.now();
  const setupResult = config.setup ? await setup(app, config.setup) : undefined;
  const ready: ReadyMessage = { type: 'ready', port: app.port, pid: process.pid, resumed: app.resumed, startupMs: Math.round(startupMs), setupMs: Math.round(performance.now() - t), ...(setupResult ? { setup: setupResult } : {}) };

  // Garbage-collection pauses, as a phase of their own (the real scorer keeps a large dictionary on the heap).
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) add(`gc ${(e as unknown as { detail?: { kind?: number } }).detail?.kind === 1 ? 'minor' : 'major/other'}`, e.duration);
  }).observe({ entryTypes: ['gc'] });
  const loop = monitorEventLoopDelay({ resolution: 5 });
  loop.enable();
  let eluMark = performance.eventLoopUtilization();
  let scoringMark = app.scoring?.eventLoopUtilization();
  process.on('message', async (m: { type?: string; reset?: boolean; gc?: boolean }) => {
    if (m?.type === 'stats') {
      // With --expose-gc, a full collection first so heap figures compare across runs (the scoring thread's too).
      if (m.gc) for (let i = 0; i < 2; i++) (globalThis as { gc?: () => void }).gc?.();
      if (m.gc && process.env.BENCH_HEAP_SNAPSHOT) writeHeapSnapshot(`${process.env.BENCH_HEAP_SNAPSHOT}/${Date.now()}.heapsnapshot`);
      const scoringHeap = await app.scoring?.heap(m.gc ?? false);
      const elu = performance.eventLoopUtilization(eluMark);
      const msg: StatsMessage = {
        type: 'stats', memory: process.memoryUsage(), elu: elu.utilization, ...(scoringHeap ? { scoringHeap } : {}),
        ...(app.scoring ? { scoringElu: app.scoring.eventLoopUtilization(scoringMark).utilization } : {}),
        loopDelayMs: { p50: loop.percentile(50) / 1e6, p99: loop.percentile(99) / 1e6, max: loop.max / 1e6 },
        phases: structuredClone(phases),
        latencies: Object.fromEntries(Object.entries(samples).map(([k, xs]) => [k, distribution(xs)])),
      };
      process.send?.(msg);
      if (m.reset) { loop.reset(); eluMark = performance.eventLoopUtilization(); scoringMark = app.scoring?.eventLoopUtilization(); for (const k of Object.keys(phases)) delete phases[k]; for (const k of Object.keys(samples)) delete samples[k]; }
    }
    if (m?.type === 'profile') void profile(m as { action: 'start' | 'stop'; file?: string }).then(() => process.send?.({ type: 'profiled' }));
    if (m?.type === 'stop') void app.close().finally(() => process.exit(0));
  });
  process.on('disconnect', () => { void app.close().finally(() => process.exit(0)); });
  process.send?.(ready);
}

main().catch((e: unknown) => {
  process.stderr.write(`bench server failed: ${e instanceof Error ? e.stack ?? e.message : String(e)}\n`);
  process.exit(1);
});
