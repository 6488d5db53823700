/**
 * Replay seek benchmark: records a 1-hour, 30-trainee drill session through
 * the real SessionMachine (the autoplay players: model, careless and random
 * desks in turn), scores it with rubric v1, then measures
 * how long reaching a sequence number takes with the checkpointed replay
 * index: state at seq N + staff projection + evidence up to N, i.e. what
 * GET /api/sessions/:id/replay?seq=N computes before serialising.
 *
 *   npm run bench:replay                       # 30 trainees, 60 min, interval 500
 *   npm run bench:replay -- --trainees 30 --interval 250 --seeks 400 --out /tmp/log.json
 *   npm run bench:replay -- --in /tmp/log.json      # re-measure a recorded log
 *
 * Also times "fold + score": the whole log folded from seq 1 then scored, as a
 * re-score or a restart does it, both from memory and from a SQLite store (the
 * log appended to a temp database first, then read back with readLog).
 *
 * Uses the longest drill in seeds/drills lasting at least 60 minutes, or
 * builds a 60-minute drill from every incident in the catalogue.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { cpus, loadavg } from 'node:os';
import { loadCatalog } from '../server/src/catalog/load.js';
import type { SessionEvent } from '../server/src/domain/events.js';
import { createPlayer, runDrill, type PlayerKind } from '../server/src/domain/players/index.js';
import { ReplayIndex, staffView } from '../server/src/domain/reports/replay.js';
import { DrillSchema, type Catalog, type Drill } from '../server/src/domain/scenario.js';
import { MINUTE } from '../server/src/domain/sla.js';
import { loadRubric } from '../server/src/domain/scoring/rubric.js';
import { scoreSession } from '../server/src/domain/scoring/score.js';
import type { SessionScore } from '../server/src/domain/scoring/types.js';
import { fold } from '../server/src/domain/session.js';
import { openSqliteStore } from '../server/src/store/sqlite/index.js';

const { values: args } = parseArgs({
  options: {
    trainees: { type: 'string', default: '30' },
    minutes: { type: 'string', default: '60' },
    interval: { type: 'string', default: '500' },
    seeks: { type: 'string', default: '300' },
    seed: { type: 'string', default: '42' },
    step: { type: 'string', default: '5' },
    out: { type: 'string' },
    in: { type: 'string' },
    json: { type: 'boolean', default: false },
  },
});
const TRAINEES = Number(args.trainees), MINUTES = Number(args.minutes), INTERVAL = Number(args.interval), SEEKS = Number(args.seeks);

// ---------------------------------------------------------------- catalogue and drill

const { catalog, errors } = loadCatalog();
if (errors.length) console.warn(`catalogue: ${errors.length} error(s), first: ${errors[0]!.file} ${errors[0]!.path}: ${errors[0]!.message}`);

function pickDrill(c: Catalog): Drill {
  const long = Object.values(c.drills).filter((d) => d.duration >= MINUTES * MINUTE).sort((a, b) => b.duration - a.duration)[0];
  if (long) return long;
  const incidents = Object.keys(c.incidents).sort();
  if (!incidents.length) throw new Error('the catalogue has no incident');
  // One contact every 3 minutes per desk, cycling through every incident, with a minute of seeded jitter.
  const timeline = Array.from({ length: Math.floor(MINUTES / 3) }, (_, i) => ({ incident: incidents[i % incidents.length]!, at: i * 3, jitter: 1 }));
  const drill = { ...DrillSchema.parse({ title: { fr: `Banc d'essai ${MINUTES} min` }, description: { fr: 'Généré par bench-replay' }, level: 'mixed', duration: MINUTES, timeline }), id: 'bench-generated' };
  c.drills[drill.id] = drill;
  return drill;
}
const drill = pickDrill(catalog);

// ---------------------------------------------------------------- record with the autoplay players

/** 30 desks played by the scoring engineer's players (model, careless, random in turn) on the real SessionMachine. */
function record(): { events: SessionEvent[]; refused: number } {
  const kinds: PlayerKind[] = ['model', 'careless', 'random'];
  const seats = Array.from({ length: TRAINEES }, (_, i) => {
    const id = `t${String(i + 1).padStart(2, '0')}`;
    return { id, name: `Stagiaire ${i + 1}`, player: createPlayer(kinds[i % kinds.length]!, Number(args.seed), id) };
  });
  const run = runDrill({ catalog, drillId: drill.id, seed: Number(args.seed), seats, mode: 'exam', stepMs: Number(args.step) * 1000 });
  return { events: run.events, refused: run.refusals.length };
}

async function loadScore(): Promise<((events: readonly SessionEvent[]) => SessionScore) | undefined> {
  try {
    const rubric = await loadRubric('v1');
    return (events) => scoreSession(events, catalog, rubric);
  } catch (e) {
    console.warn(`scoring unavailable: ${(e as Error).message}`);
    return undefined;
  }
}

// ---------------------------------------------------------------- fold + score, from memory and from the store

async function foldAndScore(events: SessionEvent[], score: (e: readonly SessionEvent[]) => SessionScore): Promise<{ foldMs: number; scoreMs: number; totalMs: number; fromStore: { readMs: number; foldMs: number; scoreMs: number; totalMs: number } }> {
  let t = performance.now();
  fold(events, catalog);
  const foldMs = performance.now() - t;
  t = performance.now();
  score(events);
  const scoreMs = performance.now() - t;
  const dir = mkdtempSync(join(tmpdir(), 'deskdrill-replay-'));
  const store = openSqliteStore(join(dir, 'replay.db'));
  try {
    await store.createUser({ id: 'u1', username: 'trainer', displayName: 'T', role: 'trainer', passwordHash: 'x' });
    await store.createClassroom({ id: 'c1', name: 'C', createdBy: 'u1' });
    await store.createSession({ id: 's1', classroomId: 'c1', createdBy: 'u1', traineeIds: [], created: events[0] as Extract<SessionEvent, { type: 'session.created' }> }, Date.now());
    await store.appendBatch('s1', events.slice(1), Date.now());
    t = performance.now();
    const log = await store.readLog('s1');
    const readMs = performance.now() - t;
    t = performance.now();
    fold(log, catalog);
    const foldStoreMs = performance.now() - t;
    t = performance.now();
    score(log);
    const scoreStoreMs = performance.now() - t;
    const r = (x: number) => Math.round(x);
    return { foldMs: r(foldMs), scoreMs: r(scoreMs), totalMs: r(foldMs + scoreMs), fromStore: { readMs: r(readMs), foldMs: r(foldStoreMs), scoreMs: r(scoreStoreMs), totalMs: r(readMs + foldStoreMs + scoreStoreMs) } };
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------- measure

const pct = (xs: number[], p: number) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!; };
const ms = (x: number) => `${x.toFixed(1)} ms`;

async function main() {
  let t0 = performance.now();
  const { events, refused } = args.in ? { events: JSON.parse(readFileSync(args.in, 'utf8')) as SessionEvent[], refused: 0 } : record();
  const recordMs = performance.now() - t0;
  if (args.out) writeFileSync(args.out, JSON.stringify(events));
  const last = events.at(-1)!;
  const byType = new Map<string, number>();
  for (const e of events) byType.set(e.actor.role, (byType.get(e.actor.role) ?? 0) + 1);

  const scorer = await loadScore();
  t0 = performance.now();
  const score = scorer?.(events);
  const scoreMs = performance.now() - t0;

  // Scored once above (JIT warm-up); now the timed fold + score, in memory and from the store.
  const replayed = scorer && events[0]?.type === 'session.created' ? await foldAndScore(events, scorer) : undefined;

  t0 = performance.now();
  const index = new ReplayIndex(catalog, events, { interval: INTERVAL });
  const indexMs = performance.now() - t0;
  const heapMb = process.memoryUsage().heapUsed / 1e6;

  // Targets: random seqs, the worst case for each checkpoint (just before the next one), the first and the last.
  let rng = Number(args.seed) >>> 0;
  const rand = () => { rng = (rng * 1664525 + 1013904223) >>> 0; return rng / 2 ** 32; };
  const targets: number[] = [1, last.seq];
  for (let i = 0; i < SEEKS; i++) targets.push(1 + Math.floor(rand() * last.seq));
  for (let s = index.interval - 1; s < last.seq; s += index.interval) targets.push(events[s]?.seq ?? last.seq);
  const trainees = events[0]?.type === 'session.created' ? events[0].payload.trainees.map((x) => x.id) : [];

  // What GET /api/sessions/:id/replay?seq=N&traineeId=T computes and serialises (the replay screen's request).
  const replayResponse = (seq: number, traineeId?: string) => {
    const state = index.stateAt(seq);
    const view = staffView(state, catalog, traineeId);
    const evidence = score ? score.evidence.filter((e) => e.eventSeq <= seq && (!traineeId || e.traineeId === traineeId)) : [];
    return JSON.stringify({ seq, event: index.eventAt(seq) ?? null, view, evidence }).length;
  };
  for (let i = 0; i < 10; i++) replayResponse(targets[i % targets.length]!, trainees[0]); // warm-up (JIT)
  (globalThis as { gc?: () => void }).gc?.(); // with NODE_OPTIONS=--expose-gc: start from a clean heap (recording and scoring leave garbage)

  const seekOnly: number[] = [];
  const oneDeskCpu: number[] = [];
  const oneDesk: number[] = [];
  const wholeClass: number[] = [];
  let bytesOne = 0, bytesAll = 0;
  targets.forEach((seq, k) => {
    let a = performance.now();
    index.stateAt(seq);
    seekOnly.push(performance.now() - a);
    a = performance.now();
    const cpu = process.cpuUsage();
    bytesOne = Math.max(bytesOne, replayResponse(seq, trainees[k % trainees.length]));
    oneDesk.push(performance.now() - a);
    const used = process.cpuUsage(cpu);
    oneDeskCpu.push((used.user + used.system) / 1000);
    if (k % 4 === 0) {
      a = performance.now();
      bytesAll = Math.max(bytesAll, replayResponse(seq));
      wholeClass.push(performance.now() - a);
    }
  });
  const stats = (xs: number[]) => ({ n: xs.length, p50: +pct(xs, 50).toFixed(2), p95: +pct(xs, 95).toFixed(2), max: +Math.max(...xs).toFixed(2) });
  const result = {
    drill: drill.id, drillMinutes: drill.duration / MINUTE, trainees: TRAINEES, events: events.length, lastSeq: last.seq,
    virtualEndMin: +(last.t / MINUTE).toFixed(1), traineeActions: byType.get('trainee') ?? 0, refused,
    contacts: events.filter((e) => e.type === 'contact.arrived' || e.type === 'contact.injected').length,
    tickets: events.filter((e) => e.type === 'ticket.created').length,
    interval: index.interval, checkpoints: index.checkpointCount, recordMs: Math.round(recordMs), scoreMs: score ? Math.round(scoreMs) : null,
    evidence: score?.evidence.length ?? null, foldAndScoreMs: replayed ?? null, indexBuildMs: Math.round(indexMs), heapMb: Math.round(heapMb),
    seekStateMs: stats(seekOnly),
    replayOneDeskMs: stats(oneDesk),
    /** CPU time of the same requests (all threads, GC included): what a shared, loaded machine does not distort. */
    replayOneDeskCpuMs: stats(oneDeskCpu),
    loadAverage: loadavg().map((x) => +x.toFixed(2)),
    replayWholeClassMs: stats(wholeClass),
    maxJsonKb: { oneDesk: Math.round(bytesOne / 1024), wholeClass: Math.round(bytesAll / 1024) },
  };
  if (args.json) { console.log(JSON.stringify(result, null, 2)); return; }
  console.log(`Recorded "${result.drill}" (${result.drillMinutes} min) with ${TRAINEES} trainees: ${result.events} events, ${result.contacts} contacts, ${result.tickets} tickets, ${result.traineeActions} trainee actions (${refused} refused by the engine, as players err on purpose) in ${ms(recordMs)}.`);
  console.log(score ? `Scored: ${result.evidence} evidence items in ${ms(scoreMs)}.` : 'Scoring rules not available: evidence left empty.');
  if (replayed) {
    console.log(`Fold + score of the whole log: fold ${ms(replayed.foldMs)} + score ${ms(replayed.scoreMs)} = ${ms(replayed.totalMs)}; from SQLite: read ${ms(replayed.fromStore.readMs)} + fold ${ms(replayed.fromStore.foldMs)} + score ${ms(replayed.fromStore.scoreMs)} = ${ms(replayed.fromStore.totalMs)}.`);
    console.log(replayed.fromStore.totalMs < 1000 ? '  OK: replay + score under 1 s.' : '  SLOW: replay + score took 1 s or more.');
  }
  console.log(`Replay index: ${result.checkpoints} checkpoints every ${INTERVAL} events, built in ${ms(indexMs)}, heap ${result.heapMb} MB.`);
  const line = (label: string, x: { n: number; p50: number; p95: number; max: number }) => console.log(`  ${label.padEnd(44)} p50 ${ms(x.p50).padStart(9)}  p95 ${ms(x.p95).padStart(9)}  max ${ms(x.max).padStart(9)}  (${x.n} seeks)`);
  console.log(`Seek to any sequence number (random targets plus the worst case just before each checkpoint):`);
  line('state at seq (checkpoint copy + fold)', result.seekStateMs);
  line('replay response, one desk (UI default)', result.replayOneDeskMs);
  line('  same, CPU time of the process', result.replayOneDeskCpuMs);
  line('replay response, whole class (30 desks)', result.replayWholeClassMs);
  console.log(`  load average during the run: ${result.loadAverage.join(' / ')} on ${cpus().length} CPUs`);
  console.log(`  largest JSON: one desk ${result.maxJsonKb.oneDesk} KB, whole class ${result.maxJsonKb.wholeClass} KB`);
  const worst = Math.max(result.seekStateMs.max, result.replayOneDeskMs.max);
  console.log(worst < 200 ? `OK: every seek (state and one-desk replay response) under 200 ms (worst ${ms(worst)}).` : `SLOW: a seek took ${ms(worst)}.`);
}

void main();
