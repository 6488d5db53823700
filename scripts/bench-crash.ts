/**
 * Crash benchmark: kill -9 the real server at random moments of a loaded
 * drill, restart it on the same database, and check that nothing acknowledged
 * was lost and that what the server holds and showed is the fold of its log.
 *
 *   npm run bench:crash                                  # 100 cycles, 60 trainees in 2 sessions
 *   npm run bench:crash -- --cycles 10 --trainees 30 --interval 500 --min-run 0.3 --max-run 3 --scorer real
 *   --player mixed (default)|model|random|desk: who plays (see bench/domain-play.ts); the domain players go through the
 *   whole ticket lifecycle, so the views checked hold every kind of desk change
 *
 * Each cycle: the clients act (every `interval` ms each) for a random time, the
 * server gets SIGKILL, and (in `early-kill` of the cycles) is killed once more
 * at a random moment of its restart; then it restarts for good, the clients
 * reconnect by themselves, re-join, and retry the action that was in flight
 * when the server died with the same clientId. Then, against the log read from
 * the database:
 *  - every action ever acknowledged is in the log, with the acknowledged seq and actor;
 *  - the log is contiguous (seq 1..n, no gap);
 *  - every desk view a trainee received (push or join answer, up to the kill) equals
 *    projectForTrainee(fold(log up to its seq));
 *  - the restarted server's staff view (REST) equals projectForStaff(fold(log up to its seq)).
 * A retried action is answered `duplicate` when the dead server had stored it: it is
 * then applied once, not twice.
 *
 * The load drill is the generated one (see scripts/bench/common.ts) at speed x2
 * (a new caller per desk every two minutes: desks, and so pushes, stay of a
 * realistic size over the ~15 minutes of the run); --scorer
 * empty (default) keeps restarts short (the real scorer loads a French
 * dictionary, ~7 s): scores are derived from the log and play no part in durability.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadCatalogOrThrow } from '../server/src/catalog/load.js';
import type { SessionEvent } from '../server/src/domain/events.js';
import { projectForStaff, projectForTrainee } from '../server/src/domain/projection.js';
import { applyEvent, initialState } from '../server/src/domain/session.js';
import { openSqliteStore } from '../server/src/store/sqlite/index.js';
import { addLoadDrill, BENCH_DIR, describeEventTypes, eventTypesOf, exited, forkTs, machine, nextMessage, rng, ROOT, sleep, stats, stopChild, tempDir, benchNow } from './bench/common.js';
import { parsePlayerChoice } from './bench/domain-play.js';
import type { AckedAction, Assignment, ConnectedMessage, GoMessage, ReportMessage, StartMessage } from './bench/load-client.js';
import type { Config as ServerConfig, ReadyMessage, SetupResult } from './bench/server.js';

const { values: args } = parseArgs({
  options: {
    cycles: { type: 'string', default: '100' },
    trainees: { type: 'string', default: '60' },
    sessions: { type: 'string', default: '2' },
    interval: { type: 'string', default: '500' },
    speed: { type: 'string', default: '2' },
    'min-run': { type: 'string', default: '0.3' },
    'max-run': { type: 'string', default: '3' },
    'early-kill': { type: 'string', default: '0.1' },
    scorer: { type: 'string', default: 'empty' },
    seed: { type: 'string', default: '11' },
    player: { type: 'string', default: 'mixed' },
    out: { type: 'string' },
  },
});
const CYCLES = Number(args.cycles), N = Number(args.trainees), S = Number(args.sessions), INTERVAL = Number(args.interval), SPEED = Number(args.speed);
const MIN_RUN = Number(args['min-run']) * 1000, MAX_RUN = Number(args['max-run']) * 1000, EARLY = Number(args['early-kill']), SEED = Number(args.seed);
const DRILL_MINUTES = 600;
const PLAYER = parsePlayerChoice(args.player);
const random = rng(SEED);

const catalog = loadCatalogOrThrow();
addLoadDrill(catalog, DRILL_MINUTES, 4);

/** JSON with sorted keys: two views are equal when their canonical strings are. */
function canonical(x: unknown): string {
  return JSON.stringify(x, (_k, v: unknown) => (v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v));
}
/** What a value looks like after a trip through JSON (undefined fields dropped), canonically. */
const viaJson = (x: unknown) => canonical(JSON.parse(JSON.stringify(x)));

interface Totals {
  cycles: number; kills: number; earlyKills: number;
  acked: number; lost: number; seqMismatch: number; duplicatesOnRetry: number;
  gaps: number; viewChecks: number; viewMismatches: number; staffChecks: number; staffMismatches: number;
  readyMs: number[]; rejoinMs: number[]; runMs: number[];
  examples: string[];
  /** The stored logs' events by type at the last check (what the players made the server store). */
  eventTypes: Record<string, number>;
}
const totals: Totals = { cycles: 0, kills: 0, earlyKills: 0, acked: 0, lost: 0, seqMismatch: 0, duplicatesOnRetry: 0, gaps: 0, viewChecks: 0, viewMismatches: 0, staffChecks: 0, staffMismatches: 0, readyMs: [], rejoinMs: [], runMs: [], examples: [], eventTypes: {} };
const allAcked = new Map<string, AckedAction>();
const note = (s: string) => { if (totals.examples.length < 20) totals.examples.push(s); console.warn(`  ! ${s}`); };

// ------------------------------------------------------------------ server lifecycle

let port = 0;
function spawnServer(db: string, setup?: ServerConfig['setup']): ChildProcess {
  const cfg: ServerConfig = { db, port, scorer: args.scorer === 'real' ? 'real' : 'empty', drillMinutes: DRILL_MINUTES, drillEvery: 4, ...(setup ? { setup } : {}) };
  return forkTs(join(BENCH_DIR, 'server.ts'), [], { BENCH_SERVER: JSON.stringify(cfg), LOG_LEVEL: 'error' });
}

async function kill9(child: ChildProcess): Promise<void> {
  child.kill('SIGKILL');
  await exited(child);
}

async function login(url: string, username: string, password: string): Promise<string> {
  const res = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  if (res.status !== 200) throw new Error(`login ${username}: HTTP ${res.status}`);
  return res.headers.get('set-cookie')!.split(';')[0]!;
}

// ------------------------------------------------------------------ verification

async function report(workers: ChildProcess[]): Promise<ReportMessage[]> {
  return Promise.all(workers.map((w) => { const p = nextMessage<ReportMessage>(w, 'report', 30_000); w.send({ type: 'report' }); return p; }));
}

async function verify(db: string, url: string, trainerCookie: string, sessions: string[], reports: ReportMessage[], cycle: number): Promise<void> {
  // The server's own view first (it keeps running): the log read afterwards holds at least its seq.
  const staffViews = await Promise.all(sessions.map(async (id) => {
    const res = await fetch(`${url}/api/sessions/${id}`, { headers: { cookie: trainerCookie } });
    if (res.status !== 200) throw new Error(`GET session ${id}: HTTP ${res.status}`);
    return (await res.json()) as { seq: number; view: unknown };
  }));
  const store = openSqliteStore(db);
  let logs: Map<string, SessionEvent[]>;
  try {
    logs = new Map(await Promise.all(sessions.map(async (id) => [id, await store.readLog(id)] as const)));
  } finally {
    await store.close();
  }
  totals.eventTypes = eventTypesOf(logs.values());
  for (const [id, log] of logs) {
    log.forEach((e, i) => { if (e.seq !== i + 1) { totals.gaps++; note(`cycle ${cycle}: session ${id} has seq ${e.seq} at position ${i + 1}`); } });
  }
  // Every acknowledged action, from every cycle so far.
  for (const r of reports) for (const a of r.acked) {
    totals.acked++;
    if (a.duplicate) totals.duplicatesOnRetry++;
    const prev = allAcked.get(a.clientId);
    if (prev && prev.seq !== a.seq) { totals.seqMismatch++; note(`cycle ${cycle}: clientId ${a.clientId} acknowledged with seq ${prev.seq} then ${a.seq}`); }
    allAcked.set(a.clientId, a);
  }
  const byClient = new Map<string, SessionEvent>();
  for (const log of logs.values()) for (const e of log) if (e.clientId) byClient.set(e.clientId, e);
  let lost = 0;
  for (const a of allAcked.values()) {
    const e = byClient.get(a.clientId);
    if (!e || e.seq !== a.seq || e.actor.id !== a.traineeId) { lost++; if (lost <= 3) note(`cycle ${cycle}: acknowledged action ${a.clientId} (seq ${a.seq}) ${e ? `stored as seq ${e.seq} by ${e.actor.id}` : 'missing from the log'}`); }
  }
  totals.lost = lost; // cumulative over all acknowledged actions: a later cycle cannot make an earlier one reappear
  // What clients were shown, and what the restarted server holds, against the fold of the log:
  // one pass over each log, comparing at each seq some view was taken at.
  for (const [i, id] of sessions.entries()) {
    const log = logs.get(id)!;
    const wanted = new Map<number, { traineeId?: string; view: unknown }[]>();
    const want = (seq: number, w: { traineeId?: string; view: unknown }) => { const l = wanted.get(seq) ?? []; l.push(w); wanted.set(seq, l); };
    for (const r of reports) for (const v of r.views) {
      if (v.sessionId !== id) continue;
      totals.viewChecks++;
      if (v.seq > log.length) { totals.viewMismatches++; note(`cycle ${cycle}: ${v.traineeId} was shown seq ${v.seq}, the log ends at ${log.length}`); } else want(v.seq, v);
    }
    const sv = staffViews[i]!;
    totals.staffChecks++;
    if (sv.seq > log.length) { totals.staffMismatches++; note(`cycle ${cycle}: server of ${id} is at seq ${sv.seq}, its log ends at ${log.length}`); } else want(sv.seq, { view: sv.view });
    const state = initialState();
    for (const e of log) {
      applyEvent(state, e, catalog);
      for (const w of wanted.get(e.seq) ?? []) {
        const expected = w.traineeId ? projectForTrainee(state, catalog, w.traineeId) : projectForStaff(state, catalog);
        if (viaJson(w.view) === viaJson(expected)) continue;
        if (w.traineeId) { totals.viewMismatches++; note(`cycle ${cycle}: desk view of ${w.traineeId} at seq ${e.seq} differs from the fold of the log`); } else { totals.staffMismatches++; note(`cycle ${cycle}: server state of ${id} at seq ${e.seq} differs from the fold of its log`); }
      }
    }
  }
}

// ------------------------------------------------------------------ main

async function main(): Promise<void> {
  const m = machine();
  console.log(`bench:crash on ${m.cores} cores, Node ${m.node}, load average ${m.loadavg.join(' ')}: ${CYCLES} kill -9 cycles, ${N} trainees in ${S} sessions acting every ${INTERVAL} ms, players ${PLAYER}, scorer ${args.scorer}`);
  const tmp = tempDir('crash');
  const db = join(tmp.dir, 'crash.db');
  const t0 = Date.now();
  let server = spawnServer(db, { trainees: N, sessions: S, speed: SPEED, seed: SEED });
  const workers: ChildProcess[] = [];
  try {
    const ready = await nextMessage<ReadyMessage>(server, 'ready', 300_000);
    port = ready.port;
    const url = `http://127.0.0.1:${port}`;
    const setup = ready.setup as SetupResult;
    const sessions = setup.sessions.map((s) => s.id);
    const trainerCookie = await login(url, setup.trainer.username, setup.password);
    const assignments: Assignment[] = setup.sessions.flatMap((s) => s.trainees.map((t) => ({ username: t.username, traineeId: t.id, sessionId: s.id })));
    const parts = [assignments.filter((_, i) => i % 2 === 0), assignments.filter((_, i) => i % 2 === 1)].filter((p) => p.length);
    await Promise.all(parts.map(async (part, i) => {
      const w = forkTs(join(BENCH_DIR, 'load-client.ts'));
      workers.push(w);
      const p = nextMessage<ConnectedMessage>(w, 'connected', 120_000);
      const start: StartMessage = { type: 'start', url, target: 'deskdrill', mode: 'crash', password: setup.password, assignments: part, seed: SEED * 10 + i, questionIds: Object.keys(catalog.questions), ackTimeoutMs: 10_000, connectConcurrency: 16,
        ...(PLAYER !== 'desk' ? { domain: { db, drillMinutes: DRILL_MINUTES, drillEvery: 4, players: PLAYER, seed: SEED } } : {}) };
      w.send(start);
      const c = await p;
      if (c.failed) throw new Error(`${c.failed} clients could not connect: ${c.errors.join('; ')}`);
    }));
    const startAt = benchNow() + 500;
    const go: GoMessage = { type: 'go', startAt, intervalMs: INTERVAL, measureFrom: startAt, measureTo: startAt + 24 * 3600_000, endAt: startAt + 24 * 3600_000 };
    for (const w of workers) w.send(go);

    for (let cycle = 1; cycle <= CYCLES; cycle++) {
      const run = MIN_RUN + random() * (MAX_RUN - MIN_RUN);
      totals.runMs.push(run);
      await sleep(run);
      await kill9(server);
      totals.kills++;
      if (random() < EARLY) {
        // Killed again while restarting: opening the database, replaying the log, or just listening.
        server = spawnServer(db);
        await sleep(50 + random() * 2500);
        await kill9(server);
        totals.kills++;
        totals.earlyKills++;
      }
      const restartAt = benchNow();
      server = spawnServer(db);
      const r = await nextMessage<ReadyMessage>(server, 'ready', 120_000);
      totals.readyMs.push(benchNow() - restartAt);
      if (r.resumed.length !== sessions.length) note(`cycle ${cycle}: ${r.resumed.length} of ${sessions.length} sessions resumed`);
      // Wait until every client is back in its session (they reconnect with a short back-off).
      let reports: ReportMessage[] = [];
      const readyAt = benchNow();
      const collected: ReportMessage[] = [];
      for (;;) {
        reports = await report(workers);
        collected.push(...reports);
        if (reports.reduce((s, x) => s + x.connected, 0) === N && reports.every((x) => x.inDoubt === 0)) break;
        if (benchNow() - readyAt > 30_000) { note(`cycle ${cycle}: clients not all back after 30 s`); break; }
        await sleep(100);
      }
      totals.rejoinMs.push(benchNow() - readyAt);
      await verify(db, `http://127.0.0.1:${port}`, trainerCookie, sessions, collected, cycle);
      totals.cycles = cycle;
      if (cycle % 10 === 0 || cycle === CYCLES) {
        console.log(`  cycle ${String(cycle).padStart(3)}: ${totals.acked} acknowledged, ${totals.lost} lost, ${totals.duplicatesOnRetry} retried-and-already-stored, views ${totals.viewChecks - totals.viewMismatches}/${totals.viewChecks} equal to the log, server state ${totals.staffChecks - totals.staffMismatches}/${totals.staffChecks}`);
      }
    }
    // A last report and check with the server alive, then a clean stop.
    await sleep(1000);
    await verify(db, `http://127.0.0.1:${port}`, trainerCookie, sessions, await report(workers), CYCLES + 1);
  } finally {
    await Promise.all(workers.map((w) => stopChild(w, 3000)));
    await stopChild(server, 15_000);
    tmp.remove();
  }
  const result = {
    machine: m, options: { cycles: CYCLES, trainees: N, sessions: S, intervalMs: INTERVAL, speed: SPEED, runSeconds: [MIN_RUN / 1000, MAX_RUN / 1000], earlyKillShare: EARLY, scorer: args.scorer, player: PLAYER, seed: SEED },
    wallSeconds: Math.round((Date.now() - t0) / 1000),
    cycles: totals.cycles, kills: totals.kills, earlyKills: totals.earlyKills,
    acknowledged: allAcked.size, lost: totals.lost, seqMismatches: totals.seqMismatch, retriedAlreadyStored: totals.duplicatesOnRetry, logGaps: totals.gaps,
    viewChecks: totals.viewChecks, viewMismatches: totals.viewMismatches, serverStateChecks: totals.staffChecks, serverStateMismatches: totals.staffMismatches,
    restartToReadyMs: stats(totals.readyMs), readyToAllClientsBackMs: stats(totals.rejoinMs),
    eventTypes: totals.eventTypes,
    examples: totals.examples,
  };
  const ok = result.lost === 0 && result.seqMismatches === 0 && result.logGaps === 0 && result.viewMismatches === 0 && result.serverStateMismatches === 0;
  const file = args.out ?? join(ROOT, 'docs/benchmarks/crash.json');
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(result, null, 2) + '\n');
  console.log(`${result.cycles} cycles, ${result.kills} kill -9 (${result.earlyKills} during a restart): ${result.acknowledged} actions acknowledged, ${result.lost} lost; ${result.retriedAlreadyStored} in-flight actions retried after a crash were found already stored and applied once.`);
  console.log(`views shown to trainees equal to the fold of the log: ${result.viewChecks - result.viewMismatches}/${result.viewChecks}; restarted server state equal to the fold of the log: ${result.serverStateChecks - result.serverStateMismatches}/${result.serverStateChecks}; log gaps: ${result.logGaps}.`);
  console.log(`stored: ${describeEventTypes(result.eventTypes)}.`);
  console.log(`restart → ready p50 ${result.restartToReadyMs.p50.toFixed(0)} ms, max ${result.restartToReadyMs.max.toFixed(0)} ms; ready → all ${N} clients back p50 ${result.readyToAllClientsBackMs.p50.toFixed(0)} ms, max ${result.readyToAllClientsBackMs.max.toFixed(0)} ms. (${result.wallSeconds} s)`);
  console.log(ok ? 'OK: nothing acknowledged was lost, and every state checked equals the replayed log.' : 'FAILED: see the lines marked "!" above.');
  console.log(`results: ${file}`);
  process.exit(ok ? 0 : 1);
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.stack ?? e.message : e);
  process.exit(1);
});
