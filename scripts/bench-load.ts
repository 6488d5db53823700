/**
 * Load benchmark: the real DeskDrill server in its own process on loopback, N
 * real socket.io trainees (in separate client processes) spread over S drill
 * sessions, each acting on its own desk every 2 s of wall time; then, in the
 * same run, a bare socket.io + better-sqlite3 server driven by the same clients
 * at the same rate, and our latencies as a ratio to it.
 *
 *   npm run bench:load -- --trainees 200                       # one size, ~2 min
 *   npm run bench:load -- --trainees 1000 --sessions 34 --speed 10 --duration 60
 *   npm run bench:load -- --curve                             # N = 50, 200, 500, 1000, 3000 + plot (~12 min)
 *   options: --interval 2000 (ms between two actions of a trainee)  --warmup 10 (s)  --workers auto
 *            --scorer real|empty  --baseline full,normal (default) | full | normal | none  --seed 7  --out file.json  --no-plot
 *            --server-sync normal (diagnostic: the server's store without an fsync per commit; not the shipped setting)
 *            --scoring inline (live scoring on the event loop instead of the scoring thread, for comparisons)
 *            --scoring-nice 10 (the scoring thread's nice value; 0 runs it at the event loop's priority, for comparisons)
 *            --profile (CPU profile of the server's measuring window, written beside the JSON, top functions printed)
 *            --staff (one trainer watching every session's live board: staff push rate, bytes and latency)
 *            --repeat 3 (rounds per size, ours then the baselines each time; prints and stores each ratio's median)
 *            --client-nice 0 (the load clients' nice value, every thread at least, for DeskDrill and the baselines alike: 10 gives the
 *              server the CPU first, as on a classroom's server whose trainees' browsers run on their own machines)
 *            --player mixed (default)|model|random|desk (who plays: the domain's seeded players from the session state, two
 *              experts for one novice by default, see bench/domain-play.ts; or the desk player of sessions 1-11 from the trainee's view)
 *
 * Figures (measuring window = `duration` seconds after `warmup`):
 *  - ack: trainee:command sent → ack received, client side (acked after the durable write);
 *  - push: desk:update received − the server's emit time (`benchEmitAt`, bench-only field);
 *  - incident: the same for the "new caller" notice;
 *  - actions/s: acknowledged actions sent inside the window / window length;
 *  - CPU: the server process's user+system time over the window (/proc/<pid>/stat), as a share of one core;
 *  - RSS per trainee: (server RSS at the end of the window − RSS once set up, before any client) / N.
 */
import { execSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadCatalogOrThrow } from '../server/src/catalog/load.js';
import { openSqliteStore } from '../server/src/store/sqlite/index.js';
import type { SessionEvent } from '../server/src/domain/events.js';
import { BENCH_DIR, cpuShare, describeEventTypes, emptyCounters, eventTypesOf, fmtMs, forkTs, machine, nextMessage, procSample, reniceThreads, ROOT, sleep, stats, stopChild, tempDir, benchNow, type Counters, type ProcSample, type Stats } from './bench/common.js';
import { parsePlayerChoice } from './bench/domain-play.js';
import type { Assignment, ClientLoad, ConnectedMessage, GoMessage, ResultMessage, StartMessage } from './bench/load-client.js';
import { renderLatencyPlot } from './bench/plot.js';
import { StaffWatcher, type StaffResult } from './bench/staff-watcher.js';
import type { Config as ServerConfig, ReadyMessage, StatsMessage } from './bench/server.js';

const { values: args } = parseArgs({
  options: {
    trainees: { type: 'string', default: '200' },
    sessions: { type: 'string' },
    speed: { type: 'string', default: '10' },
    duration: { type: 'string' },
    warmup: { type: 'string' },
    interval: { type: 'string', default: '2000' },
    workers: { type: 'string', default: 'auto' },
    scorer: { type: 'string', default: 'real' },
    baseline: { type: 'string', default: 'full,normal' },
    'server-sync': { type: 'string', default: 'full' },
    scoring: { type: 'string', default: 'thread' },
    'scoring-nice': { type: 'string' },
    seed: { type: 'string', default: '7' },
    curve: { type: 'boolean', default: false },
    out: { type: 'string' },
    'no-plot': { type: 'boolean', default: false },
    profile: { type: 'boolean', default: false },
    staff: { type: 'boolean', default: false },
    repeat: { type: 'string', default: '1' },
    flood: { type: 'string', default: '0' },
    'request-limit': { type: 'string', default: 'default' },
    player: { type: 'string', default: 'mixed' },
    'client-nice': { type: 'string', default: '0' },
  },
});

const CURVE = [50, 200, 500, 1000, 3000];
/** Rounds per size (ours, then the baselines, again and again): the ratios' median is less at the mercy of one noisy run. */
const REPEAT = Number(args.repeat);
const CLIENT_NICE = Number(args['client-nice']);
if (!Number.isInteger(CLIENT_NICE) || CLIENT_NICE < 0 || CLIENT_NICE > 19) throw new Error('--client-nice takes a whole number from 0 to 19');
const sizes = args.curve ? CURVE : args.trainees.split(',').map(Number);
const DURATION_S = Number(args.duration ?? (args.curve ? 20 : 60));
const WARMUP_S = Number(args.warmup ?? (args.curve ? 6 : 10));
const INTERVAL = Number(args.interval);
const SPEED = Number(args.speed);
const SEED = Number(args.seed);
const ACK_TIMEOUT = 15_000;
const baselines = args.baseline === 'none' ? [] : args.baseline.toUpperCase().split(',') as ('FULL' | 'NORMAL')[];
if (baselines.some((b) => b !== 'FULL' && b !== 'NORMAL')) throw new Error('--baseline takes full, normal, full,normal or none');
const serverSync = args['server-sync'].toUpperCase() === 'NORMAL' ? 'NORMAL' as const : undefined;
if (sizes.some((n) => !Number.isInteger(n) || n < 1)) throw new Error('--trainees takes a positive integer or a comma-separated list');
if (!Number.isInteger(REPEAT) || REPEAT < 1) throw new Error('--repeat takes a positive integer (rounds per size)');
const PLAYER = parsePlayerChoice(args.player);
/** The generated drill's spacing between two callers of a desk (virtual minutes), for the server and the domain players. */
const DRILL_EVERY = 4;

const questionIds = Object.keys(loadCatalogOrThrow().questions);

/** The server code measured: the commit, and the server files changed since (the tree is shared). */
const git = (() => {
  const sh = (c: string) => { try { return execSync(c, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trimEnd(); } catch { return ''; } };
  return { commit: sh('git rev-parse --short HEAD') || 'unknown', dirty: sh('git status --porcelain -- server').split('\n').filter(Boolean).map((l) => l.slice(3)) };
})();

export interface RunResult {
  target: 'deskdrill' | 'baseline';
  synchronous: 'FULL' | 'NORMAL';
  trainees: number;
  sessions: number;
  connected: number;
  connectFailures: number;
  connectMs: number;
  ack: Stats;
  /** The ack's round trip split with the server's stamps (client clocks and server clock are the same machine's). */
  ackParts?: { toServer: Stats; inServer: Stats; toClient: Stats };
  push: Stats;
  incident: Stats;
  actionsPerSec: number;
  /** Commands sent in the window that the drill's rules refused (answered, not stored), per second. */
  refusedPerSec: number;
  offeredPerSec: number;
  counters: Counters;
  refusals: Record<string, number>;
  errors: Record<string, number>;
  errorCount: number;
  /** Acknowledged actions missing from the log (or stored under another seq), checked after the server stopped. */
  lost: number | null;
  /** DeskDrill runs: the stored log's events by type (the sessions of acknowledged actions, whole run). */
  eventTypes?: Record<string, number>;
  ackedTotal: number;
  cpu: { shareOfCore: number; perTraineePct: number; msPerAction: number; /** Share of the window the event loop was runnable but waiting for a CPU. */ runqWaitShare: number };
  rss: { idleMb: number; connectedMb: number; endMb: number; maxMb: number; perTraineeKb: number; heapPerTraineeKb: number };
  /** Per trainee, end minus idle, after a full collection (KB): V8's reserved heap, the live heap, memory outside it (Buffers, native). */
  memoryPerTraineeKb?: { heapTotal: number; heapUsed: number; external: number; arrayBuffers: number; mainThreadHeapUsed?: number; scoringThreadHeapUsed?: number };
  server: { startupMs: number; setupMs: number; heapUsedMb: number; loopDelayMs: StatsMessage['loopDelayMs']; elu: number; scoringElu?: number; phases: StatsMessage['phases']; latencies: StatsMessage['latencies'] };
  /** Each client process over the window (CPU share of a core, event-loop delay in ms). */
  clients: ClientLoad[];
  pushBytesAvg: number;
  /** With --staff: one trainer watching every session's live board. */
  staff?: StaffResult;
  loadavgBefore: number[];
  loadavgAfter: number[];
  profile?: { file: string; top: { share: number; fn: string }[]; stretches: BusyStretches[] };
}

/** Acknowledged actions missing from the stored log, and what the log holds (events by type, whole run). */
async function lostActions(db: string, acked: [string, string, number][]): Promise<{ lost: number; eventTypes: Record<string, number> }> {
  const store = openSqliteStore(db);
  try {
    const logs = new Map<string, SessionEvent[]>();
    for (const [sessionId] of acked) if (!logs.has(sessionId)) logs.set(sessionId, await store.readLog(sessionId));
    const bySession = new Map([...logs].map(([id, log]) => [id, new Map(log.filter((e) => e.clientId).map((e) => [e.clientId!, e.seq]))]));
    return { lost: acked.filter(([sessionId, clientId, seq]) => bySession.get(sessionId)!.get(clientId) !== seq).length, eventTypes: eventTypesOf(logs.values()) };
  } finally {
    await store.close();
  }
}

async function command(child: ChildProcess, msg: object, reply: string): Promise<void> {
  const p = nextMessage(child, reply, 60_000);
  child.send(msg);
  await p;
}

const outFile = () => args.out ?? join(ROOT, 'docs/benchmarks', args.curve ? 'load-curve.json' : `load-${sizes.join('-')}.json`);

function splitAssignments<T>(xs: T[], parts: number): T[][] {
  const out: T[][] = Array.from({ length: parts }, () => []);
  xs.forEach((x, i) => out[i % parts]!.push(x));
  return out.filter((p) => p.length);
}

async function statsOf(server: ChildProcess, o: { reset?: boolean; gc?: boolean } = {}): Promise<StatsMessage> {
  const p = nextMessage<StatsMessage>(server, 'stats', 30_000);
  server.send({ type: 'stats', ...o });
  return p;
}

async function run(target: 'deskdrill' | 'baseline', n: number, sessions: number, baselineSync: 'FULL' | 'NORMAL' = 'FULL'): Promise<RunResult> {
  const tmp = tempDir(`load-${target}-${n}`);
  const db = join(tmp.dir, 'bench.db');
  const loadavgBefore = machine().loadavg;
  const drillMinutes = Math.ceil(((WARMUP_S + DURATION_S + 120) * SPEED) / 60) + 10;
  let server: ChildProcess;
  if (target === 'deskdrill') {
    const cfg: ServerConfig = { db, scorer: args.scorer === 'empty' ? 'empty' : 'real', drillMinutes, drillEvery: DRILL_EVERY, setup: { trainees: n, sessions, speed: SPEED, seed: SEED }, ...(serverSync ? { synchronous: serverSync } : {}), ...(args.scoring === 'inline' ? { scoringInline: true } : {}), ...(args['scoring-nice'] !== undefined ? { scoringNice: Number(args['scoring-nice']) } : {}), ...(args['request-limit'] === 'off' ? { requestLimit: 'off' as const } : {}) };
    server = forkTs(join(BENCH_DIR, 'server.ts'), [], { BENCH_SERVER: JSON.stringify(cfg), LOG_LEVEL: 'warn' }, ['--expose-gc', ...(process.env.BENCH_SERVER_NODE_FLAGS ? process.env.BENCH_SERVER_NODE_FLAGS.split(' ') : [])]);
  } else {
    server = forkTs(join(BENCH_DIR, 'baseline-server.ts'), [], { BENCH_BASELINE: JSON.stringify({ db, synchronous: baselineSync }) }, ['--expose-gc']);
  }
  const workers: ChildProcess[] = [];
  try {
    const ready = await nextMessage<ReadyMessage>(server, 'ready', 300_000);
    const pid = ready.pid;
    const url = `http://127.0.0.1:${ready.port}`;
    const assignments: Assignment[] = ready.setup
      ? ready.setup.sessions.flatMap((s) => s.trainees.map((t) => ({ username: t.username, traineeId: t.id, sessionId: s.id })))
      : Array.from({ length: n }, (_, i) => ({ username: `b${i}`, traineeId: `b${i}`, sessionId: `s${i % sessions}` }));
    const idleStats = await statsOf(server, { gc: true });
    const idleMem = bothHeaps(idleStats);
    const idleHeap = idleMem.heapUsed;
    await sleep(1500); // let the allocator hand freed pages back before reading RSS
    const idle = procSample(pid);

    // --flood K: K of the trainees, spread over the sessions, are runaway clients (measured apart, see load-client.ts).
    const floods = Math.min(n, Number(args.flood));
    for (let j = 0; j < floods; j++) assignments[Math.floor((j * n) / floods)]!.flood = true;
    const nWorkers = args.workers === 'auto' ? Math.max(1, Math.ceil(n / 1500)) : Number(args.workers);
    const parts = splitAssignments(assignments, nWorkers);
    const connected = await Promise.all(parts.map(async (part, i) => {
      const w = forkTs(join(BENCH_DIR, 'load-client.ts'));
      workers.push(w);
      const p = nextMessage<ConnectedMessage>(w, 'connected', 600_000);
      const start: StartMessage = {
        type: 'start', url, target, mode: 'load', password: ready.setup?.password ?? '', assignments: part, seed: SEED * 100 + i,
        questionIds, ackTimeoutMs: ACK_TIMEOUT, connectConcurrency: 32,
        ...(target === 'deskdrill' && PLAYER !== 'desk' ? { domain: { db, drillMinutes, drillEvery: DRILL_EVERY, players: PLAYER, seed: SEED } } : {}),
      };
      w.send(start);
      return p;
    }));
    // --client-nice: once connected, every thread the clients started is there (sockets' loop, V8's, libuv's, the players').
    if (CLIENT_NICE) for (const w of workers) reniceThreads(w.pid!, CLIENT_NICE);
    const connectMs = Math.max(...connected.map((c) => c.ms));
    const connectFailures = connected.reduce((a, c) => a + c.failed, 0);
    for (const c of connected) if (c.errors.length) console.warn(`  connect errors: ${c.errors.join('; ')}`);
    // --staff: a trainer's console open on every session, as in a centre where trainers watch their classes.
    let watcher: StaffWatcher | undefined;
    if (args.staff && target === 'deskdrill' && ready.setup) {
      watcher = new StaffWatcher(url, ready.setup.trainer.username, ready.setup.password, ready.setup.sessions.map((s) => s.id));
      await watcher.connect();
    }
    await sleep(1000);
    const connectedSample = procSample(pid);

    const startAt = benchNow() + 1000;
    const go: GoMessage = { type: 'go', startAt, intervalMs: INTERVAL, measureFrom: startAt + WARMUP_S * 1000, measureTo: startAt + (WARMUP_S + DURATION_S) * 1000, endAt: startAt + (WARMUP_S + DURATION_S) * 1000 + 1000 };
    const results = workers.map((w) => nextMessage<ResultMessage>(w, 'result', (WARMUP_S + DURATION_S + 60) * 1000 + ACK_TIMEOUT));
    for (const w of workers) w.send(go);
    watcher?.measure(go.measureFrom, go.measureTo);

    let maxRss = connectedSample.rssKb;
    const rssTimer = setInterval(() => { try { maxRss = Math.max(maxRss, procSample(pid).rssKb); } catch { /* gone */ } }, 1000);
    await sleep(go.measureFrom - benchNow());
    await statsOf(server, { reset: true });
    const profiling = args.profile && target === 'deskdrill';
    if (profiling) await command(server, { type: 'profile', action: 'start' }, 'profiled');
    const a: ProcSample = procSample(pid);
    await sleep(go.measureTo - benchNow());
    const b: ProcSample = procSample(pid);
    let profileFile: string | undefined;
    if (profiling) {
      profileFile = outFile().replace(/\.json$/, `-server-${n}.cpuprofile`);
      mkdirSync(dirname(profileFile), { recursive: true });
      await command(server, { type: 'profile', action: 'stop', file: profileFile }, 'profiled');
    }
    const st = await statsOf(server);
    clearInterval(rssTimer);
    // Memory with everyone still connected, after a full collection (the clients act until endAt, a second later).
    const endStats = await statsOf(server, { gc: true });
    const endMem = bothHeaps(endStats);
    const endHeap = endMem.heapUsed;
    await sleep(1500);
    const endRss = procSample(pid).rssKb;
    const rs = await Promise.all(results);
    const staff = watcher?.result();
    watcher?.close();

    const counters = rs.reduce<Counters>((acc, r) => { for (const k of Object.keys(acc) as (keyof Counters)[]) acc[k] += r.counters[k]; return acc; }, emptyCounters());
    const merge = (k: 'refusals' | 'errors') => rs.reduce<Record<string, number>>((acc, r) => { for (const [c, v] of Object.entries(r[k])) acc[c] = (acc[c] ?? 0) + v; return acc; }, {});
    const ackedInWindow = rs.reduce((s, r) => s + r.ackedInWindow, 0);
    const refusedInWindow = rs.reduce((s, r) => s + r.refusedInWindow, 0);
    // Durability under load: stop everything, then look for every acknowledged action in the stored log.
    await Promise.all(workers.map((w) => stopChild(w, 3000)));
    await stopChild(server, 30_000);
    const ackedAll = rs.flatMap((r) => r.acked);
    const stored = target === 'deskdrill' ? await lostActions(db, ackedAll) : null;
    const lost = stored?.lost ?? null;
    /** Growth from idle to the end of the window, in KB per trainee. */
    const kbPerTrainee = (endBytes: number, idleBytes: number) => Math.round((endBytes - idleBytes) / 1024 / n);
    const perTrainee = (k: 'heapTotal' | 'heapUsed' | 'external' | 'arrayBuffers') => kbPerTrainee(endMem[k], idleMem[k]);
    const share = cpuShare(a, b);
    const actionsPerSec = ackedInWindow / DURATION_S;
    return {
      target, synchronous: target === 'baseline' ? baselineSync : serverSync ?? 'FULL', trainees: n, sessions, connected: n - connectFailures, connectFailures, connectMs,
      ack: stats(rs.flatMap((r) => r.ack)),
      ackParts: { toServer: stats(rs.flatMap((r) => r.ackParts.toServer)), inServer: stats(rs.flatMap((r) => r.ackParts.inServer)), toClient: stats(rs.flatMap((r) => r.ackParts.toClient)) },
      push: stats(rs.flatMap((r) => r.push)), incident: stats(rs.flatMap((r) => r.incident)),
      actionsPerSec: Math.round(actionsPerSec * 10) / 10, refusedPerSec: Math.round((refusedInWindow / DURATION_S) * 10) / 10, offeredPerSec: Math.round(((n - floods) * 1000 / INTERVAL) * 10) / 10,
      counters, refusals: merge('refusals'), errors: merge('errors'),
      // Every error the clients counted (ack timeouts and errors, disconnects, pushes that did not fit, failed joins).
      errorCount: connectFailures + Object.values(merge('errors')).reduce((a, b) => a + b, 0),
      lost, ackedTotal: ackedAll.length, ...(stored ? { eventTypes: stored.eventTypes } : {}),
      cpu: { shareOfCore: round(share, 3), perTraineePct: round((share * 100) / n, 4), msPerAction: round((b.cpuMs - a.cpuMs) / Math.max(1, ackedInWindow), 3), runqWaitShare: round((b.runqWaitMs - a.runqWaitMs) / (b.at - a.at), 3) },
      rss: { idleMb: mb(idle.rssKb), connectedMb: mb(connectedSample.rssKb), endMb: mb(endRss), maxMb: mb(maxRss), perTraineeKb: Math.round((endRss - idle.rssKb) / n), heapPerTraineeKb: kbPerTrainee(endHeap, idleHeap) },
      memoryPerTraineeKb: {
        heapTotal: perTrainee('heapTotal'), heapUsed: perTrainee('heapUsed'), external: perTrainee('external'), arrayBuffers: perTrainee('arrayBuffers'),
        // The live heap's split between the event loop and the scoring thread (both hold a session's log and state).
        ...(endStats.scoringHeap && idleStats.scoringHeap ? {
          scoringThreadHeapUsed: kbPerTrainee(endStats.scoringHeap.heapUsed, idleStats.scoringHeap.heapUsed),
          mainThreadHeapUsed: kbPerTrainee(endStats.memory.heapUsed, idleStats.memory.heapUsed),
        } : {}),
      },
      server: { startupMs: ready.startupMs, setupMs: ready.setupMs, heapUsedMb: Math.round(st.memory.heapUsed / 2 ** 20), loopDelayMs: mapVals(st.loopDelayMs, (x) => round(x, 2)), elu: round(st.elu, 3), ...(st.scoringElu !== undefined ? { scoringElu: round(st.scoringElu, 3) } : {}), phases: st.phases, latencies: st.latencies ?? {} },
      clients: rs.map((r) => r.client),
      pushBytesAvg: counters.pushesSampled ? Math.round(counters.pushBytesSampled / counters.pushesSampled) : 0,
      ...(staff ? { staff } : {}),
      loadavgBefore, loadavgAfter: machine().loadavg,
      ...(profileFile ? { profile: { file: profileFile, top: topFunctions(profileFile), stretches: busyStretches(profileFile) } } : {}),
    };
  } finally {
    await Promise.all(workers.map((w) => stopChild(w, 3000)));
    await stopChild(server, 15_000);
    tmp.remove();
  }
}

const round = (x: number, d: number) => Math.round(x * 10 ** d) / 10 ** d;
const mb = (kb: number) => Math.round(kb / 1024);
const mapVals = <T extends Record<string, number>>(o: T, f: (x: number) => number) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, f(v)])) as T;

function line(r: RunResult): string {
  return [
    `${r.target}${r.target === 'baseline' || r.synchronous !== 'FULL' ? `/${r.synchronous.toLowerCase()}` : ''}`.padEnd(16), String(r.trainees).padStart(5),
    `ack p50 ${fmtMs(r.ack.p50)} p95 ${fmtMs(r.ack.p95)} p99 ${fmtMs(r.ack.p99)}`,
    `push p50 ${fmtMs(r.push.p50)} p95 ${fmtMs(r.push.p95)} p99 ${fmtMs(r.push.p99)}`,
    `${r.actionsPerSec}${r.refusedPerSec ? ` (+${r.refusedPerSec} refused)` : ''}/${r.offeredPerSec} act/s`, `cpu ${(r.cpu.shareOfCore * 100).toFixed(0)}% (waited ${(r.cpu.runqWaitShare * 100).toFixed(0)}%)`, `rss ${r.rss.endMb} MB (+${r.rss.perTraineeKb} KB rss, +${r.rss.heapPerTraineeKb} KB heap /trainee)`, `errors ${r.errorCount}`, ...(r.lost !== null ? [`lost ${r.lost}/${r.ackedTotal}`] : []),
  ].join('  ');
}

/** `baseline` is the first baseline run (the comparison the targets use); `baselines` all of them. */
export interface SizeResult {
  trainees: number; sessions: number; deskdrill: RunResult; baseline?: RunResult; baselines: RunResult[]; ratio?: Record<string, number>;
  /** With --repeat K > 1: every round (the fields above are the first round's), and each ratio's median over the rounds. */
  rounds?: { deskdrill: RunResult; baselines: RunResult[]; ratio?: Record<string, number> }[];
  ratioMedian?: Record<string, number>;
}

/** Our figures over the first baseline's, as the targets compare them. */
function ratioOf(ours: RunResult, base: RunResult): Record<string, number> {
  return {
    ackP50: round(ours.ack.p50 / base.ack.p50, 2), ackP99: round(ours.ack.p99 / base.ack.p99, 2),
    pushP50: round(ours.push.p50 / base.push.p50, 2), pushP99: round(ours.push.p99 / base.push.p99, 2),
    rssPerTrainee: round(ours.rss.perTraineeKb / Math.max(1, base.rss.perTraineeKb), 2),
  };
}

const median = (xs: number[]) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2; };
const fmtRatio = (r: Record<string, number>) => `ack p50 x${r.ackP50} p99 x${r.ackP99}  push p50 x${r.pushP50} p99 x${r.pushP99}  memory/trainee x${r.rssPerTrainee}`;

async function main(): Promise<void> {
  const m = machine();
  console.log(`bench:load on ${m.cores} cores (${m.cpu}), ${m.memGb} GB, Node ${m.node}, load average ${m.loadavg.join(' ')}`);
  console.log(`each trainee acts every ${INTERVAL} ms; warm-up ${WARMUP_S} s, measured ${DURATION_S} s; drill speed x${SPEED}; player ${PLAYER}; scorer ${args.scorer};${CLIENT_NICE ? ` load clients at nice ${CLIENT_NICE};` : ''} server synchronous=${serverSync ?? 'FULL'}; baselines synchronous=${baselines.join(',') || 'none'}`);
  console.log(`server code: ${git.commit}${git.dirty.length ? ` + uncommitted changes in ${git.dirty.join(', ')}` : ''}`);
  const out: SizeResult[] = [];
  const t0 = Date.now();
  for (const n of sizes) {
    const sessions = Number(args.sessions ?? Math.ceil(n / 30));
    const rounds: NonNullable<SizeResult['rounds']> = [];
    for (let k = 1; k <= REPEAT; k++) {
      if (REPEAT > 1) console.log(`round ${k} of ${REPEAT}`);
      const trial: (typeof rounds)[number] = { deskdrill: await run('deskdrill', n, sessions), baselines: [] };
      console.log(line(trial.deskdrill));
      for (const sync of baselines) {
        const b = await run('baseline', n, sessions, sync);
        console.log(line(b));
        trial.baselines.push(b);
      }
      const base = trial.baselines[0];
      if (base) {
        trial.ratio = ratioOf(trial.deskdrill, base);
        console.log(`  ratio to baseline (synchronous=${base.synchronous}): ${fmtRatio(trial.ratio)}`);
      }
      rounds.push(trial);
    }
    // The single-run fields are the first round's, so readers of earlier results (the plot, the docs) are unchanged.
    const first = rounds[0]!;
    const ours = first.deskdrill;
    const size: SizeResult = {
      trainees: n, sessions, deskdrill: ours, baselines: first.baselines,
      ...(first.baselines[0] ? { baseline: first.baselines[0] } : {}), ...(first.ratio ? { ratio: first.ratio } : {}),
    };
    if (rounds.length > 1) {
      size.rounds = rounds;
      const ratios = rounds.flatMap((r) => (r.ratio ? [r.ratio] : []));
      if (ratios.length) {
        size.ratioMedian = Object.fromEntries(Object.keys(ratios[0]!).map((k) => [k, round(median(ratios.map((r) => r[k]!)), 2)]));
        console.log(`  median of ${ratios.length} rounds: ${fmtRatio(size.ratioMedian)}`);
      }
    }
    const phases = Object.entries(ours.server.phases).sort((a, b) => b[1].ms - a[1].ms)
      .map(([k, v]) => `${k} ${(v.ms / DURATION_S / 10).toFixed(1)}% (${(v.ms / Math.max(1, v.count)).toFixed(2)} ms × ${v.count}, max ${v.maxMs.toFixed(0)})`);
    console.log(`  server time by phase (share of the window; mean × count, max ms): ${phases.join(', ')}`);
    const lat = Object.entries(ours.server.latencies).map(([k, v]) => `${k} p50 ${fmtMs(v.p50)} p99 ${fmtMs(v.p99)} max ${fmtMs(v.max)}`);
    if (lat.length) console.log(`  inside the server: ${lat.join('; ')}`);
    for (const r of [ours, ...size.baselines]) if (r.ackParts) { const p = r.ackParts; console.log(`  ack split (${r.target}${r.target === 'baseline' ? `/${r.synchronous.toLowerCase()}` : ''}): client → server p50 ${fmtMs(p.toServer.p50)} p99 ${fmtMs(p.toServer.p99)}; in the server p50 ${fmtMs(p.inServer.p50)} p99 ${fmtMs(p.inServer.p99)}; server → client p50 ${fmtMs(p.toClient.p50)} p99 ${fmtMs(p.toClient.p99)} ms`); }
    for (const r of [ours, ...size.baselines]) console.log(`  client processes (${r.target}${r.target === 'baseline' ? `/${r.synchronous.toLowerCase()}` : ''}): ${r.clients.map((c) => `cpu ${(c.cpuShare * 100).toFixed(0)}%${c.loopBusy !== undefined ? ` (sockets' loop ${c.loopBusy} busy${c.oracleBusy !== undefined ? `, players' thread ${c.oracleBusy}` : ''})` : ''}, loop delay p50 ${fmtMs(c.loopDelayP50)} p99 ${fmtMs(c.loopDelayP99)} max ${fmtMs(c.loopDelayMax)} ms`).join('; ')}`);
    if (ours.staff) console.log(`  staff: one trainer watching ${ours.staff.sessions} sessions: ${ours.staff.updates} staff updates (${ours.staff.updatesPerSec}/s, ${ours.staff.kbPerSec} KB/s), latency p50 ${fmtMs(ours.staff.latency.p50)} p99 ${fmtMs(ours.staff.latency.p99)} ms${ours.staff.errors.length ? `, errors ${ours.staff.errors.join('; ')}` : ''}`);
    if (ours.memoryPerTraineeKb) { const m = ours.memoryPerTraineeKb; console.log(`  memory per trainee after a full collection: V8 heap reserved +${m.heapTotal} KB, live +${m.heapUsed} KB${m.mainThreadHeapUsed !== undefined ? ` (event loop +${m.mainThreadHeapUsed}, scoring thread +${m.scoringThreadHeapUsed})` : ''}, outside the heap +${m.external} KB (array buffers +${m.arrayBuffers} KB)`); }
    console.log(`  event loop utilisation ${ours.server.elu}${ours.server.scoringElu !== undefined ? `, scoring thread ${ours.server.scoringElu}` : ' (live scoring on the event loop)'}`);
    console.log(`  event loop delay p50 ${ours.server.loopDelayMs.p50} p99 ${ours.server.loopDelayMs.p99} max ${ours.server.loopDelayMs.max} ms; push payload ~${ours.pushBytesAvg} B; refusals ${JSON.stringify(ours.refusals)}; errors ${JSON.stringify(ours.errors)}`);
    if (ours.eventTypes) console.log(`  stored log: ${describeEventTypes(ours.eventTypes)}`);
    if (ours.counters.domainCommands || ours.counters.deskFallbacks) console.log(`  players (${PLAYER}): ${ours.counters.domainCommands} commands chosen by the domain players, ${ours.counters.deskFallbacks} turns where they would wait (the desk player acted), ${ours.counters.refused} refused by the drill's rules${ours.counters.domainErrors ? `, ${ours.counters.domainErrors} turns where their thread failed (the desk player acted)` : ''}`);
    if (ours.counters.floodSent) { const c = ours.counters; console.log(`  flood: ${args.flood} runaway trainee(s) sent ${c.floodSent} commands (${Math.round(c.floodSent / (WARMUP_S + DURATION_S))}/s over the run): ${c.floodAcked} applied, ${c.floodLimited} refused as over the request limit, ${c.floodRefused} refused otherwise, closed by the server ${c.floodClosed} time(s) (${c.floodLost} left unanswered); the figures above are the other trainees'`); }
    if (ours.profile) {
      console.log(`  server CPU profile of the window (${ours.profile.file}), top self time:\n${ours.profile.top.slice(0, 15).map((x) => `    ${x.share.toFixed(1).padStart(5)}%  ${x.fn}`).join('\n')}`);
      console.log(`  event loop's busy stretches: ${ours.profile.stretches.map((s) => `> ${s.overMs} ms: ${s.count}, ${s.totalMs} ms in all, sampled running ${Math.round((100 * s.sampledMs) / Math.max(1, s.totalMs))} % (GC ${s.gcMs} ms)`).join('; ')}`);
    }
    out.push(size);
  }
  const result = {
    machine: m, git, startedAt: new Date(t0).toISOString(), wallSeconds: Math.round((Date.now() - t0) / 1000),
    options: { intervalMs: INTERVAL, warmupS: WARMUP_S, durationS: DURATION_S, speed: SPEED, scorer: args.scorer, player: PLAYER, clientNice: CLIENT_NICE, serverSynchronous: serverSync ?? 'FULL', baselineSynchronous: baselines[0] ?? null, seed: SEED,
      // The diagnostic settings of the environment, so a file says how it was run.
      droppedEmits: process.env.BENCH_DROP_EMIT ?? null, serverNodeFlags: process.env.BENCH_SERVER_NODE_FLAGS ?? null },
    sizes: out,
  };
  const file = outFile();
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(result, null, 2) + '\n');
  console.log(`results: ${file}`);
  if (out.length > 1 && !args['no-plot']) {
    const png = file.replace(/\.json$/, '.png');
    await renderLatencyPlot(result, png);
    console.log(`plot: ${png}`);
  }
  console.log(`done in ${result.wallSeconds} s`);
}

/** The server's memory with the scoring thread's V8 heap added to the main thread's (both are in the RSS). */
function bothHeaps(st: StatsMessage): NodeJS.MemoryUsage {
  const h = st.scoringHeap;
  return h ? { ...st.memory, heapTotal: st.memory.heapTotal + h.heapTotal, heapUsed: st.memory.heapUsed + h.heapUsed } : st.memory;
}

/** Functions by self time in a CPU profile (Chrome .cpuprofile format), as shares of the sampled time. */
function topFunctions(file: string, count = 40): { share: number; fn: string }[] {
  const p = JSON.parse(readFileSync(file, 'utf8')) as { nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[]; samples: number[]; timeDeltas: number[] };
  const self = new Map<number, number>();
  p.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (p.timeDeltas[i] ?? 0)));
  const byFn = new Map<string, number>();
  let total = 0;
  for (const n of p.nodes) {
    const us = self.get(n.id) ?? 0;
    total += us;
    const url = n.callFrame.url.replace(/^file:\/\//, '').replace(ROOT + '/', '');
    const key = `${n.callFrame.functionName || '(anonymous)'} ${url}${url ? `:${n.callFrame.lineNumber + 1}` : ''}`;
    byFn.set(key, (byFn.get(key) ?? 0) + us);
  }
  return [...byFn].sort((a, b) => b[1] - a[1]).slice(0, count).map(([fn, us]) => ({ share: round((us / Math.max(1, total)) * 100, 2), fn }));
}

/** The profile's sampling interval (scripts/bench/server.ts). */
const PROFILE_INTERVAL_US = 500;

export interface BusyStretches { overMs: number; count: number; totalMs: number; sampledMs: number; gcMs: number }

/**
 * The event loop's busy stretches (runs of samples with no idle sample between them) longer than 10, 20 and 40 ms:
 * how many, their total length, and how much of it the profiler found the thread running (samples × interval;
 * the rest it was off a CPU: waiting for one, or blocked in a system call such as the fsync), GC included.
 */
function busyStretches(file: string): BusyStretches[] {
  const p = JSON.parse(readFileSync(file, 'utf8')) as { nodes: { id: number; callFrame: { functionName: string } }[]; samples: number[]; timeDeltas: number[]; startTime: number };
  const kind = new Map(p.nodes.map((n) => [n.id, n.callFrame.functionName]));
  const stretches: { ms: number; samples: number; gc: number }[] = [];
  let t = p.startTime;
  let open: { start: number; samples: number; gc: number } | undefined;
  p.samples.forEach((id, i) => {
    t += p.timeDeltas[i] ?? 0;
    if (kind.get(id) === '(idle)') {
      if (open) stretches.push({ ms: (t - open.start) / 1000, samples: open.samples, gc: open.gc });
      open = undefined;
      return;
    }
    open ??= { start: t, samples: 0, gc: 0 };
    open.samples++;
    if (kind.get(id) === '(garbage collector)') open.gc++;
  });
  return [10, 20, 40].map((overMs) => {
    const long = stretches.filter((s) => s.ms > overMs);
    const sum = (f: (s: (typeof long)[number]) => number) => Math.round(long.reduce((a, s) => a + f(s), 0));
    return { overMs, count: long.length, totalMs: sum((s) => s.ms), sampledMs: sum((s) => (s.samples * PROFILE_INTERVAL_US) / 1000), gcMs: sum((s) => (s.gc * PROFILE_INTERVAL_US) / 1000) };
  });
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.stack ?? e.message : e);
  process.exit(1);
});
