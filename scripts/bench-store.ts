/**
 * Event append throughput of the real store (SqliteStore.appendBatch, whose
 * appends of one event-loop turn share one commit: isolated appends one after
 * another; 30 sessions appending at once, which it groups, as under a
 * classroom's load; then batched) against a raw better-sqlite3 insert loop on the calling
 * thread writing the same rows into a table of the same shape, in the same
 * run, as a ratio.
 *
 *   npm run bench:store
 *   npm run bench:store -- --actions 2000 --batch 100 --rounds 3 --json --out file.json   (default docs/benchmarks/store.json)
 *
 * The events are a real drill's log (model players on the real engine), cut
 * into the batches the server would append: one command and what it caused
 * (caller replies, follow-ups) per transaction. Each measurement writes to a
 * fresh database file on the same disk as the OS temp dir; rounds alternate
 * raw and store so a burst of outside disk activity hits both, and the median
 * round is kept.
 *
 * synchronous=FULL is what the server runs (an fsync per commit, durable
 * against power loss); NORMAL (better-sqlite3's WAL default: durable against a
 * process crash, not a power cut) is measured too, to show the store's own CPU
 * cost once the fsync is out of the way.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { loadCatalogOrThrow } from '../server/src/catalog/load.js';
import type { SessionEvent } from '../server/src/domain/events.js';
import { ModelPlayer } from '../server/src/domain/players/model.js';
import { runDrill } from '../server/src/domain/players/driver.js';
import { RandomPlayer } from '../server/src/domain/players/random.js';
import { openSqliteStore } from '../server/src/store/sqlite/index.js';
import { addLoadDrill, machine, ROOT, tempDir } from './bench/common.js';

const { values: args } = parseArgs({
  options: {
    actions: { type: 'string', default: '1500' },
    batch: { type: 'string', default: '100' },
    rounds: { type: 'string', default: '3' },
    json: { type: 'boolean', default: false },
    out: { type: 'string' },
  },
});
const ACTIONS = Number(args.actions), BATCH = Number(args.batch), ROUNDS = Number(args.rounds);
/** Sessions appending at once in the concurrent mode (a training centre runs many classes). */
const SESSIONS = 30;
type Sync = 'FULL' | 'NORMAL';

// ------------------------------------------------------------------ a real log, cut into per-action batches

function recordLog(): SessionEvent[] {
  const catalog = loadCatalogOrThrow();
  const drill = addLoadDrill(catalog, 180, 4);
  // Model and random trainees: realistic payloads, including refusals' absence and long notes.
  const seats = Array.from({ length: 12 }, (_, i) => ({ id: `t${i + 1}`, player: i % 2 ? new RandomPlayer(7, `t${i + 1}`) : new ModelPlayer() }));
  return runDrill({ catalog, drillId: drill.id, seed: 7, seats, stepMs: 5_000 }).events;
}

/** One batch per command: a trainee/trainer event and the system events that follow it at the same instant. */
function batchesOf(events: SessionEvent[]): SessionEvent[][] {
  const out: SessionEvent[][] = [];
  for (const e of events.slice(1)) {
    const last = out[out.length - 1];
    if (last && e.actor.role === 'system' && e.t === last[0]!.t) last.push(e);
    else out.push([e]);
  }
  return out;
}

/** Renumbers batches so they continue a log that holds only `created` (seq 1). */
function continuing(batches: SessionEvent[][], count: number): SessionEvent[][] {
  let seq = 1;
  const out: SessionEvent[][] = [];
  for (let i = 0; i < count; i++) out.push(batches[i % batches.length]!.map((e) => ({ ...e, seq: ++seq }) as SessionEvent));
  return out;
}

// ------------------------------------------------------------------ the two writers

/** Forces the synchronous level of every connection opened after it (the store opens its own with FULL). */
function forceSync(sync: Sync): () => void {
  const proto = Database.prototype as unknown as { pragma: (src: string, o?: unknown) => unknown };
  const original = proto.pragma;
  proto.pragma = function (this: unknown, src: string, o?: unknown) { return original.call(this, /^\s*synchronous\s*=/i.test(src) ? `synchronous = ${sync}` : src, o); };
  return () => { proto.pragma = original; };
}

async function storeRun(dir: string, created: SessionEvent, batches: SessionEvent[][], sync: Sync): Promise<number> {
  const restore = forceSync(sync);
  const store = openSqliteStore(join(dir, `store-${sync}-${batches.length}-${performance.now()}.db`));
  restore();
  try {
    await store.createUser({ id: 'u1', username: 'trainer', displayName: 'T', role: 'trainer', passwordHash: 'x' });
    await store.createClassroom({ id: 'c1', name: 'C', createdBy: 'u1' });
    await store.createSession({ id: 's1', classroomId: 'c1', createdBy: 'u1', traineeIds: [], created: created as Extract<SessionEvent, { type: 'session.created' }> }, Date.now());
    const t0 = performance.now();
    for (const b of batches) await store.appendBatch('s1', b, Date.now());
    return performance.now() - t0;
  } finally {
    await store.close();
  }
}

/** As the server appends: SESSIONS sessions at once, each awaiting its previous append (grouped per turn). */
async function storeRunConcurrent(dir: string, created: SessionEvent, batches: SessionEvent[][], sync: Sync): Promise<number> {
  const restore = forceSync(sync);
  const store = openSqliteStore(join(dir, `store-conc-${sync}-${batches.length}-${performance.now()}.db`));
  restore();
  try {
    await store.createUser({ id: 'u1', username: 'trainer', displayName: 'T', role: 'trainer', passwordHash: 'x' });
    await store.createClassroom({ id: 'c1', name: 'C', createdBy: 'u1' });
    const per = Math.ceil(batches.length / SESSIONS);
    const ids = Array.from({ length: SESSIONS }, (_, i) => `s${i + 1}`);
    for (const id of ids) await store.createSession({ id, classroomId: 'c1', createdBy: 'u1', traineeIds: [], created: created as Extract<SessionEvent, { type: 'session.created' }> }, Date.now());
    const t0 = performance.now();
    // Every session writes the same continuing log, so the same number of transactions as the sequential runs.
    await Promise.all(ids.map(async (id, i) => {
      for (const b of batches.slice(0, Math.min(per, batches.length - i * per))) await store.appendBatch(id, b, Date.now());
    }));
    return performance.now() - t0;
  } finally {
    await store.close();
  }
}

function rawRun(dir: string, batches: SessionEvent[][], sync: Sync): number {
  const db = new Database(join(dir, `raw-${sync}-${batches.length}-${performance.now()}.db`));
  try {
    db.pragma('journal_mode = WAL');
    db.pragma(`synchronous = ${sync}`);
    // The events table of migration 0001, without the foreign key to drill_sessions.
    db.exec(`CREATE TABLE events (session_id TEXT NOT NULL, seq INTEGER NOT NULL CHECK (seq >= 1), t INTEGER NOT NULL, wall_ms INTEGER NOT NULL,
      actor_role TEXT NOT NULL, actor_id TEXT NOT NULL, type TEXT NOT NULL, payload TEXT NOT NULL, client_id TEXT,
      PRIMARY KEY (session_id, seq), UNIQUE (session_id, client_id)) WITHOUT ROWID`);
    const insert = db.prepare('INSERT INTO events (session_id, seq, t, wall_ms, actor_role, actor_id, type, payload, client_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
    const write = db.transaction((b: SessionEvent[]) => {
      for (const e of b) insert.run('s1', e.seq, Math.round(e.t), Date.now(), e.actor.role, e.actor.id, e.type, JSON.stringify(e.payload), e.clientId ?? null);
    });
    const t0 = performance.now();
    for (const b of batches) write(b);
    return performance.now() - t0;
  } finally {
    db.close();
  }
}

// ------------------------------------------------------------------ measure

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

interface Row { sync: Sync; mode: string; transactions: number; events: number; rawTps: number; storeTps: number; rawEps: number; storeEps: number; ratio: number; rawMsPerTx: number; storeMsPerTx: number }

async function measure(dir: string, created: SessionEvent, batches: SessionEvent[][], sync: Sync, mode: string, concurrent = false): Promise<Row> {
  const events = batches.reduce((s, b) => s + b.length, 0);
  const raw: number[] = [];
  const st: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    raw.push(rawRun(dir, batches, sync));
    st.push(await (concurrent ? storeRunConcurrent : storeRun)(dir, created, batches, sync));
  }
  const rawMs = median(raw), storeMs = median(st);
  const tps = (ms: number) => Math.round((batches.length / ms) * 1000);
  const eps = (ms: number) => Math.round((events / ms) * 1000);
  return {
    sync, mode, transactions: batches.length, events, rawTps: tps(rawMs), storeTps: tps(storeMs), rawEps: eps(rawMs), storeEps: eps(storeMs),
    ratio: Math.round((rawMs / storeMs) * 100) / 100, rawMsPerTx: +(rawMs / batches.length).toFixed(3), storeMsPerTx: +(storeMs / batches.length).toFixed(3),
  };
}

async function main(): Promise<void> {
  const m = machine();
  const log = recordLog();
  const perAction = batchesOf(log);
  const created = log[0]!;
  const tmp = tempDir('store');
  try {
    const rows: Row[] = [];
    for (const sync of ['FULL', 'NORMAL'] as Sync[]) {
      // NORMAL commits are ~50x cheaper: write more so each round lasts long enough to measure.
      const n = sync === 'FULL' ? ACTIONS : ACTIONS * 10;
      const single = continuing(perAction, n);
      rows.push(await measure(tmp.dir, created, single, sync, 'per action'));
      rows.push(await measure(tmp.dir, created, single, sync, `per action, ${SESSIONS} sessions at once`, true));
      // Batched: ten times the events, so that there are enough transactions to time.
      const flat = continuing(perAction, n * 10).flat();
      const batched: SessionEvent[][] = [];
      for (let i = 0; i < flat.length; i += BATCH) batched.push(flat.slice(i, i + BATCH));
      rows.push(await measure(tmp.dir, created, batched, sync, `batched ×${BATCH}`));
    }
    const result = {
      machine: m, disk: 'OS temp dir (same device as the repository)', rounds: ROUNDS,
      log: { events: log.length, perActionBatches: perAction.length, eventsPerAction: +(log.length / perAction.length).toFixed(2), payloadBytesAvg: Math.round(log.reduce((s, e) => s + JSON.stringify(e.payload).length, 0) / log.length) },
      rows,
      target: { perActionFullRatio: rows[0]!.ratio, perActionConcurrentFullRatio: rows[1]!.ratio, metConcurrent: rows[1]!.ratio >= 0.5, metSequential: rows[0]!.ratio >= 0.5 },
    };
    const file = args.out ?? join(ROOT, 'docs/benchmarks/store.json');
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify(result, null, 2) + '\n');
    if (args.json) { console.log(JSON.stringify(result, null, 2)); return; }
    console.log(`bench:store on ${m.cores} cores, Node ${m.node}, load average ${m.loadavg.join(' ')}; median of ${ROUNDS} alternating rounds`);
    console.log(`log: ${result.log.events} events of a real drill, ${result.log.eventsPerAction} events per action on average, payload ~${result.log.payloadBytesAvg} B`);
    console.log('sync    mode                           transactions  raw tx/s   store tx/s  raw ev/s   store ev/s  store/raw  ms/tx raw → store');
    for (const r of rows) {
      console.log(`${r.sync.padEnd(7)} ${r.mode.padEnd(30)} ${String(r.transactions).padStart(12)} ${String(r.rawTps).padStart(9)} ${String(r.storeTps).padStart(12)} ${String(r.rawEps).padStart(9)} ${String(r.storeEps).padStart(12)} ${(r.ratio * 100).toFixed(0).padStart(8)} %  ${r.rawMsPerTx} → ${r.storeMsPerTx}`);
    }
    console.log(`results: ${file}`);
    console.log(`durable per-action append: ${(rows[1]!.ratio * 100).toFixed(0)} % of the raw insert loop with ${SESSIONS} sessions appending at once (as the server does), ${(rows[0]!.ratio * 100).toFixed(0)} % for isolated appends one after another (target ≥ 50 %).`);
  } finally {
    tmp.remove();
  }
}

void main();
