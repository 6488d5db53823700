/**
 * Small helpers shared by the bench scripts: percentiles, a clock shared by
 * processes on this machine, /proc readings of another process, spawning a
 * TypeScript entry in its own Node process, and the generated load drill.
 * No dependencies beyond the repository's own.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import type { SessionEvent } from '../../server/src/domain/events.js';
import { createPlayer, runDrill, type PlayerKind } from '../../server/src/domain/players/index.js';
import { DrillSchema, type Catalog, type Drill } from '../../server/src/domain/scenario.js';
import { MINUTE } from '../../server/src/domain/sla.js';
import { lowerPriorityOf } from '../../server/src/engine/thread-priority.js';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const BENCH_DIR = dirname(fileURLToPath(import.meta.url));

/**
 * Milliseconds on the machine's monotonic clock (CLOCK_MONOTONIC: since boot, sub-millisecond). Every process on the
 * machine reads the same clock, so a time stamped by the server and read by a client process can be subtracted.
 * Not `performance.timeOrigin + performance.now()`: each process fixes its time origin from the wall clock when it
 * starts, and a wall clock stepped between two processes' starts offsets one from the other (runs on 2026-12-03 had
 * a client 47–330 ms ahead of its server, so pushes seemed to take that long). The monotonic clock is never stepped.
 */
export const benchNow = (): number => Number(process.hrtime.bigint()) / 1e6;

/** Bench-only times on an action's ack: when the server received the command and when the ack left (`benchNow`, ms). */
export interface AckStamps { benchRecvAt?: number; benchAckAt?: number }
export function stampAck(answer: unknown, recvAt: number): void {
  if (answer && typeof answer === 'object') Object.assign(answer as AckStamps, { benchRecvAt: recvAt, benchAckAt: benchNow() });
}

export interface Stats { n: number; p50: number; p95: number; p99: number; max: number; mean: number }

export function stats(xs: ArrayLike<number>): Stats {
  const n = xs.length;
  if (n === 0) return { n: 0, p50: NaN, p95: NaN, p99: NaN, max: NaN, mean: NaN };
  const s = Float64Array.from(xs).sort();
  const at = (p: number) => s[Math.min(n - 1, Math.max(0, Math.ceil((p / 100) * n) - 1))]!;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += s[i]!;
  const r = (x: number) => Math.round(x * 1000) / 1000;
  return { n, p50: r(at(50)), p95: r(at(95)), p99: r(at(99)), max: r(s[n - 1]!), mean: r(sum / n) };
}

export const fmtMs = (x: number) => (Number.isFinite(x) ? (x < 10 ? x.toFixed(2) : x < 100 ? x.toFixed(1) : x.toFixed(0)) : '–');

// ------------------------------------------------------------------ /proc

const CLK_TCK = 100; // getconf CLK_TCK on Linux x86-64 and arm64

export interface ProcSample { at: number; cpuMs: number; rssKb: number; /** Main thread: time runnable but waiting for a CPU (other processes had it). */ runqWaitMs: number }

/** CPU time (user + system, ms), resident memory and run-queue wait of a process, read from /proc. */
export function procSample(pid: number): ProcSample {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name (field 2) may hold spaces: count fields after its closing parenthesis.
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(f[11]) + Number(f[12]); // utime, stime (fields 14 and 15)
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const rss = /VmRSS:\s+(\d+) kB/.exec(status);
  // schedstat of the main thread (the event loop): ns on a CPU, ns waiting on a run queue, timeslices.
  let runqWaitMs = NaN;
  try { runqWaitMs = Number(readFileSync(`/proc/${pid}/task/${pid}/schedstat`, 'utf8').split(' ')[1]) / 1e6; } catch { /* no schedstats */ }
  return { at: benchNow(), cpuMs: (ticks * 1000) / CLK_TCK, rssKb: rss ? Number(rss[1]) : NaN, runqWaitMs };
}

/** Share of one core used between two samples (1 = one core fully busy). */
export const cpuShare = (a: ProcSample, b: ProcSample) => (b.cpuMs - a.cpuMs) / Math.max(1, b.at - a.at);

export function machine(): { cores: number; cpu: string; memGb: number; node: string; loadavg: number[] } {
  const c = cpus();
  return { cores: c.length, cpu: c[0]?.model ?? '?', memGb: Math.round(totalmem() / 2 ** 30), node: process.version, loadavg: loadavg().map((x) => Math.round(x * 100) / 100) };
}

// ------------------------------------------------------------------ processes

/**
 * Sets every thread of process `pid` to nice `nice` at least (Linux keeps a nice value per thread, so `setPriority(pid)`
 * alone would leave the threads the process has started: V8's, libuv's, workers'); a thread already lower, as the
 * domain players' thread at 19, stays there. Call it once the process has started its threads. Returns the nice values
 * found afterwards, or undefined where there is no /proc.
 */
export function reniceThreads(pid: number, nice: number): number[] | undefined {
  let tids: string[];
  try { tids = readdirSync(`/proc/${pid}/task`); } catch { return undefined; }
  const after: number[] = [];
  for (const tid of tids.map(Number)) {
    const now = lowerPriorityOf(tid, nice);
    if (now !== undefined) after.push(now); // else the thread has ended meanwhile
  }
  return after;
}

/** Runs a TypeScript file in its own Node process (tsx loader) with an IPC channel. */
export function forkTs(file: string, args: string[] = [], env: Record<string, string> = {}, execArgv: string[] = []): ChildProcess {
  return fork(file, args, {
    cwd: ROOT,
    execArgv: ['--import', 'tsx', ...execArgv],
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
}

/** Resolves with the first IPC message of `type` from a child (rejects if it exits first or after `timeoutMs`). */
export function nextMessage<T extends { type: string }>(child: ChildProcess, type: string, timeoutMs = 120_000): Promise<T> {
  return new Promise((ok, fail) => {
    const timer = setTimeout(() => { cleanup(); fail(new Error(`no "${type}" message from pid ${child.pid} within ${timeoutMs} ms`)); }, timeoutMs);
    const onMessage = (m: unknown) => { if ((m as { type?: string })?.type === type) { cleanup(); ok(m as T); } };
    const onExit = (code: number | null, signal: string | null) => { cleanup(); fail(new Error(`pid ${child.pid} exited (${signal ?? code}) before sending "${type}"`)); };
    const cleanup = () => { clearTimeout(timer); child.off('message', onMessage); child.off('exit', onExit); };
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}

export function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((ok) => child.once('exit', () => ok()));
}

/** Asks a child to stop, then kills it if it has not exited within `graceMs`. */
export async function stopChild(child: ChildProcess, graceMs = 10_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  try { child.send({ type: 'stop' }); } catch { /* channel closed */ }
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited(child);
  clearTimeout(timer);
}

export function tempDir(prefix: string): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), `deskdrill-${prefix}-`));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export const sleep = (ms: number) => new Promise<void>((ok) => setTimeout(ok, ms));

// ------------------------------------------------------------------ seeded randomness (mulberry32)

export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// ------------------------------------------------------------------ the load drill

export const LOAD_DRILL_ID = 'bench-load';

/**
 * A drill for load runs, generated from the catalogue so it exists whatever the
 * seeds hold: every incident in turn, one new contact per desk every `every`
 * virtual minutes (with a minute of seeded jitter), for `minutes`. Deterministic:
 * the same arguments give the same drill, so a restarted server replays the
 * same sessions.
 */
export function addLoadDrill(catalog: Catalog, minutes: number, every = 4): Drill {
  const incidents = Object.keys(catalog.incidents).sort();
  if (!incidents.length) throw new Error('the catalogue has no incident');
  const timeline = Array.from({ length: Math.max(1, Math.floor(minutes / every)) }, (_, i) => ({ incident: incidents[i % incidents.length]!, at: i * every, jitter: 1 }));
  const drill = {
    ...DrillSchema.parse({ title: { fr: `Charge ${minutes} min` }, description: { fr: 'Généré par les scripts de bench' }, level: 'mixed', duration: minutes, mode: 'training', timeline }),
    id: LOAD_DRILL_ID,
  };
  catalog.drills[drill.id] = drill;
  return drill;
}

/**
 * A one-hour drill played by 30 autoplay trainees (model, careless and random in turn), in training mode: the
 * class an hour in that the session-age and session-memory diagnostics measure.
 */
export function recordHourDrill(catalog: Catalog): SessionEvent[] {
  const drill = Object.values(catalog.drills).find((d) => d.duration >= 60 * MINUTE) ?? addLoadDrill(catalog, 60, 3);
  const kinds: PlayerKind[] = ['model', 'careless', 'random'];
  const seats = Array.from({ length: 30 }, (_, i) => ({ id: `t${String(i + 1).padStart(2, '0')}`, player: createPlayer(kinds[i % 3]!, 42, `t${i + 1}`) }));
  return runDrill({ catalog, drillId: drill.id, seed: 42, seats, mode: 'training', stepMs: 5_000 }).events;
}

/** What a load client counts (bench:load, bench:crash). */
export interface Counters {
  sent: number; acked: number; duplicates: number; refused: number; ackErrors: number; ackTimeouts: number;
  skippedBusy: number; skippedStale: number; skippedOffline: number; pushes: number; notices: number; disconnects: number; connectErrors: number;
  pushBytesSampled: number; pushesSampled: number;
  /** Flooding trainees: commands sent, answered ok, refused as over the request limit, refused otherwise. */
  floodSent: number; floodAcked: number; floodLimited: number; floodRefused: number;
  /** Flooding sockets closed by the server, and their commands left unanswered by the close. */
  floodClosed: number; floodLost: number;
  /** `--player model|random|mixed`: commands chosen by the domain players, and turns where they would wait (the desk player acted). */
  domainCommands: number; deskFallbacks: number;
  /** Turns where the players' thread failed to answer (the desk player acted); a fault of the bench, not of the server. */
  domainErrors: number;
}

export const emptyCounters = (): Counters => ({
  sent: 0, acked: 0, duplicates: 0, refused: 0, ackErrors: 0, ackTimeouts: 0, skippedBusy: 0, skippedStale: 0, skippedOffline: 0, pushes: 0, notices: 0,
  disconnects: 0, connectErrors: 0, pushBytesSampled: 0, pushesSampled: 0, floodSent: 0, floodAcked: 0, floodLimited: 0, floodRefused: 0, floodClosed: 0,
  floodLost: 0, domainCommands: 0, deskFallbacks: 0, domainErrors: 0,
});

/** The ticket lifecycle's steps: what a run's players made the server store (bench:load, bench:crash). */
const LIFECYCLE = ['ticket.created', 'ticket.qualified', 'ticket.fixApplied', 'ticket.escalated', 'ticket.resolved', 'ticket.closed', 'problem.created', 'kb.written'] as const;

/** Events by type, over some stored logs. */
export function eventTypesOf(logs: Iterable<readonly SessionEvent[]>): Record<string, number> {
  const types: Record<string, number> = {};
  for (const log of logs) for (const e of log) types[e.type] = (types[e.type] ?? 0) + 1;
  return types;
}

/** "N events of K types; ticket.created a, ticket.qualified b, …" */
export function describeEventTypes(types: Record<string, number>): string {
  const total = Object.values(types).reduce((a, b) => a + b, 0);
  return `${total} events of ${Object.keys(types).length} types; ${LIFECYCLE.map((t) => `${t} ${types[t] ?? 0}`).join(', ')}`;
}
