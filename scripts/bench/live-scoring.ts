/**
 * What live scoring costs as a session ages. Plays a recorded one-hour, 30-trainee drill through the server's
 * live machine and `LiveFeedback` as the host does (batches of 1 to 7 events), flushing every 40 events (about
 * 250 ms of a busy class, the scoring thread's flush), and times each flush: the stale trainees scored again and
 * their changes since their last push. Reported per ten minutes of drill: flushes, trainees scored, ms per flush
 * and per trainee scored. The whole-hour total is the scoring thread's work for one class.
 *
 *   npx tsx scripts/bench/live-scoring.ts [--in log.json] [--out docs/benchmarks/live-scoring.json]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { loadCatalogOrThrow } from '../../server/src/catalog/load.js';
import type { SessionEvent } from '../../server/src/domain/events.js';
import { SessionMachine } from '../../server/src/domain/machine.js';
import { MINUTE } from '../../server/src/domain/sla.js';
import { flushNow } from '../../server/src/engine/feedback-source.js';
import { LiveFeedback } from '../../server/src/engine/live-feedback.js';
import { loadScorer } from '../../server/src/engine/scoring-adapter.js';
import { machine, recordHourDrill } from './common.js';

const { values: args } = parseArgs({ options: { in: { type: 'string' }, out: { type: 'string' }, every: { type: 'string', default: '40' } } });
const EVERY = Number(args.every);

async function main(): Promise<void> {
  const catalog = loadCatalogOrThrow();
  const events = args.in ? (JSON.parse(readFileSync(args.in, 'utf8')) as SessionEvent[]) : recordHourDrill(catalog);
  const scorer = await loadScorer();
  const m = new SessionMachine(catalog, events.slice(0, 3));
  const live = new LiveFeedback(() => m, scorer);
  const ids = m.state.trainees.map((t) => t.id);
  for (const id of ids) live.results(id, 'full'); // every desk joined: the pushes carry changes from now on
  const buckets = new Map<number, { flushes: number; scored: number; ms: number; maxMs: number }>();
  let stale = new Set<string>();
  let sinceFlush = 0;
  for (let i = 3, size = 1; i < events.length; i += size, size = (size % 7) + 1) {
    const batch = m.append(events.slice(i, i + size));
    for (const id of live.noteDecided(batch)) stale.add(id);
    sinceFlush += batch.length;
    if (sinceFlush < EVERY && i + size < events.length) continue;
    const t0 = performance.now();
    flushNow(live, [...stale], true);
    const ms = performance.now() - t0;
    const tenMinutes = Math.floor(m.state.now / (10 * MINUTE));
    const b = buckets.get(tenMinutes) ?? { flushes: 0, scored: 0, ms: 0, maxMs: 0 };
    b.flushes++; b.scored += stale.size; b.ms += ms; b.maxMs = Math.max(b.maxMs, ms);
    buckets.set(tenMinutes, b);
    stale = new Set();
    sinceFlush = 0;
  }
  const rows = [...buckets.entries()].sort((a, b) => a[0] - b[0]).map(([k, b]) => ({
    fromMinute: k * 10, flushes: b.flushes, traineesScored: b.scored,
    msPerFlush: +(b.ms / b.flushes).toFixed(2), maxMs: +b.maxMs.toFixed(1), msPerTraineeScored: +(b.ms / Math.max(1, b.scored)).toFixed(3), totalMs: Math.round(b.ms),
  }));
  const totalMs = rows.reduce((s, r) => s + r.totalMs, 0);
  const result = { machine: machine(), events: events.length, trainees: ids.length, flushEveryEvents: EVERY, totalMs, rows };
  if (args.out) writeFileSync(args.out, JSON.stringify(result, null, 2) + '\n');
  console.log(`live scoring of one ${ids.length}-trainee, ${events.length}-event drill, a flush every ${EVERY} events (load average ${result.machine.loadavg.join(' ')})`);
  console.log('minutes  flushes  trainees scored  ms per flush  max ms  ms per trainee scored  total ms');
  for (const r of rows) console.log(`${String(r.fromMinute).padStart(3)}-${String(r.fromMinute + 10).padEnd(4)} ${String(r.flushes).padStart(7)} ${String(r.traineesScored).padStart(16)} ${String(r.msPerFlush).padStart(13)} ${String(r.maxMs).padStart(7)} ${String(r.msPerTraineeScored).padStart(22)} ${String(r.totalMs).padStart(9)}`);
  console.log(`whole drill: ${totalMs} ms of scoring`);
}

void main();
