/**
 * What a class's drill keeps in the server's memory, part by part, an hour in
 * (bench:load reports memory per trainee after a minute of play; this says what
 * it is made of). On one 30-trainee, one-hour drill (recorded with the autoplay
 * players) it measures the heap added by:
 *  - the log (the events, as parsed from SQLite);
 *  - the folded state (SessionMachine);
 *  - the LiveSession's indexes (applied client ids, each trainee's own events);
 *  - the live results of every trainee (their evidence, roll-up and what their
 *    clients were last sent), as after each trainee's first push, and the share
 *    of it that live scoring's judgement memo holds.
 *
 *   node --expose-gc --import tsx scripts/bench/session-memory.ts [--out docs/benchmarks/session-memory.json]
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { loadCatalogOrThrow } from '../../server/src/catalog/load.js';
import type { SessionEvent } from '../../server/src/domain/events.js';
import { SessionMachine } from '../../server/src/domain/machine.js';
import { loadScorer } from '../../server/src/engine/scoring-adapter.js';
import { LiveFeedback } from '../../server/src/engine/live-feedback.js';
import { LiveSession } from '../../server/src/engine/live-session.js';
import type { SessionRecord } from '../../server/src/store/types.js';
import { machine, recordHourDrill } from './common.js';

const { values: args } = parseArgs({ options: { out: { type: 'string' } } });
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc --import tsx');

/** Heap in use after two full collections. */
function heap(): number {
  gc!(); gc!();
  return process.memoryUsage().heapUsed;
}

async function main(): Promise<void> {
  const catalog = loadCatalogOrThrow();
  const scorer = await loadScorer();
  const json = JSON.stringify(recordHourDrill(catalog));
  const trainees = 30;
  // A first pass, thrown away, so that compiled code and lazily built caches are not counted below.
  { const wm = new SessionMachine(catalog, JSON.parse(json) as SessionEvent[]); new LiveSession({ id: 'w' } as SessionRecord, wm, scorer); const warm = new LiveFeedback(() => wm, scorer); for (const t of wm.state.trainees) warm.results(t.id, 'full'); }
  const h0 = heap();
  // Parsed afresh, as the server reads a log from SQLite: nothing shared with the recording.
  const events = JSON.parse(json) as SessionEvent[];
  const h1 = heap();
  const m = new SessionMachine(catalog, events);
  const h2 = heap();
  // The main thread's part (client ids) and the live feedback's (per-trainee event index; on the scoring thread in the server).
  const live = new LiveSession({ id: 's' } as SessionRecord, m, scorer, () => ({ noted() {}, reloaded() {}, flush: () => Promise.reject(new Error('unused')), full: () => Promise.reject(new Error('unused')), summary: () => Promise.reject(new Error('unused')), dispose() {} }));
  const feedback = new LiveFeedback(() => m, scorer);
  const h3 = heap();
  for (const t of m.state.trainees) feedback.results(t.id, 'full');
  const h4 = heap();
  // The judgement memo's share of the live results: what dropping it frees (a private field, reached for this measure only).
  (feedback as unknown as { memo?: unknown }).memo = undefined;
  const h5 = heap();
  void live; // kept alive until here
  const actions = events.filter((e) => e.actor.role === 'trainee').length;
  const part = (name: string, bytes: number) => ({ part: name, mb: +(bytes / 2 ** 20).toFixed(2), kbPerTrainee: Math.round(bytes / 1024 / trainees), bytesPerEvent: Math.round(bytes / events.length) });
  const parts = [
    part('log (events)', h1 - h0),
    part('folded state', h2 - h1),
    part('applied client ids and per-trainee event index', h3 - h2),
    part('live results (evidence, roll-ups, last sent)', h4 - h3),
    part('  of which the judgement memo (session 11)', h4 - h5),
    part('total', h4 - h0),
  ];
  const result = { machine: machine(), trainees, events: events.length, traineeActions: actions, jsonKb: Math.round(json.length / 1024), parts };
  console.log(`one ${trainees}-trainee class, one hour: ${events.length} events (${actions} trainee actions), log JSON ${result.jsonKb} KB`);
  for (const p of parts) console.log(`  ${p.part.padEnd(50)} ${String(p.mb).padStart(7)} MB  ${String(p.kbPerTrainee).padStart(5)} KB per trainee  ${String(p.bytesPerEvent).padStart(5)} B per event`);
  if (args.out) writeFileSync(args.out, JSON.stringify(result, null, 2) + '\n');
  process.exit(0);
}

main().catch((e: unknown) => { console.error(e); process.exit(1); });
