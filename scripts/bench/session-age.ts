/**
 * How the cost of the server's periodic staff push grows with the age of a
 * session. bench:load runs young sessions (a minute or two of drill), so this
 * measures, on one 30-trainee session cut at increasing ages:
 *  - the whole-log work (score the whole log, project the whole staff view,
 *    serialise it): what a join or a stored score costs, and what every flush
 *    cost before session 2;
 *  - the live flush as the broadcaster now does it after ~250 ms of a busy
 *    class (the last 40 events): score the trainees they concerned, build the
 *    partial staff update (their desks and roll-ups) and the feedback patches;
 *  - a trainee's join answer (whole feedback) and the per-action desk push
 *    (the view alone).
 *
 *   npx tsx scripts/bench/session-age.ts                          # records a 60-min, 30-trainee drill first (~20 s)
 *   npx tsx scripts/bench/session-age.ts --in /tmp/log.json       # a log saved by `npm run bench:replay -- --out`
 *
 * "core share" is the flush time divided by the broadcaster's interval (read
 * from the code: STAFF_PUSH_MS, stretched to PUSH_COST_FACTOR × the flush's cost
 * when the code has it): what one busy classroom costs the server at that age,
 * however few actions it sends. A centre runs many classrooms at once.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { loadCatalogOrThrow } from '../../server/src/catalog/load.js';
import type { SessionEvent } from '../../server/src/domain/events.js';
import { SessionMachine } from '../../server/src/domain/machine.js';
import { createPlayer, runDrill, type PlayerKind } from '../../server/src/domain/players/index.js';
import { MINUTE } from '../../server/src/domain/sla.js';
import { loadScorer } from '../../server/src/engine/scoring-adapter.js';
import { LiveSession } from '../../server/src/engine/live-session.js';
import { deskChanges } from '../../server/src/engine/fanout.js';
import { staffUpdate, traineePush, traineeSnapshot } from '../../server/src/engine/views.js';
import { flushNow } from '../../server/src/engine/feedback-source.js';
import { LiveFeedback } from '../../server/src/engine/live-feedback.js';
import type { SessionRecord } from '../../server/src/store/types.js';
import * as broadcast from '../../server/src/realtime/broadcast.js';
import { machine, recordHourDrill } from './common.js';

const { values: args } = parseArgs({ options: { in: { type: 'string' }, out: { type: 'string' }, repeat: { type: 'string', default: '5' } } });
const catalog = loadCatalogOrThrow();
const flushMs = (broadcast as { STAFF_PUSH_MS?: number }).STAFF_PUSH_MS ?? 250;
/** If the broadcaster stretches its interval to a multiple of the last flush's cost, that multiple. */
const costFactor = (broadcast as { PUSH_COST_FACTOR?: number }).PUSH_COST_FACTOR;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main(): Promise<void> {
  const events = args.in ? (JSON.parse(readFileSync(args.in, 'utf8')) as SessionEvent[]) : recordHourDrill(catalog);
  const scorer = await loadScorer();
  const rubric = (events[0]?.type === 'session.created' && events[0].payload.rubricVersion) || scorer.currentVersion;
  const end = events.at(-1)!.t;
  const rows: Record<string, number>[] = [];
  for (const minutes of [5, 15, 30, 45, 60]) {
    const cut = events.filter((e) => e.t <= Math.min(end, minutes * MINUTE));
    const m = new SessionMachine(catalog, cut);
    // The server's own objects, so the desk push is built exactly as after an action (last computed score).
    const live = new LiveSession({ id: 's' } as SessionRecord, m, scorer);
    const feedback = new LiveFeedback(() => m, scorer);
    const recent = cut.slice(-40); // about 250 ms of a busy classroom's events
    const times = { score: [] as number[], view: [] as number[], json: [] as number[], desk: [] as number[] };
    let bytes = 0, deskBytes = 0;
    for (let r = 0; r < Number(args.repeat); r++) {
      let t = performance.now();
      const score = r === 0 ? live.scores() : scorer.score(m.events, catalog, rubric);
      times.score.push(performance.now() - t);
      t = performance.now();
      const u = staffUpdate('s', m, recent, cut.length - recent.length, feedback.liveSummary());
      times.view.push(performance.now() - t);
      t = performance.now();
      bytes = JSON.stringify(u).length;
      times.json.push(performance.now() - t);
      t = performance.now();
      deskBytes = JSON.stringify(await traineeSnapshot(live, 't01')).length;
      times.desk.push(performance.now() - t);
    }
    const flush = median(times.score) + median(times.view) + median(times.json);
    // The live flush: the session as it stood ~250 ms earlier, everyone scored, then the last 40 events arrive.
    const before = new SessionMachine(catalog, cut.slice(0, -recent.length));
    const liveBefore = new LiveSession({ id: 's' } as SessionRecord, before, scorer);
    const feedbackBefore = new LiveFeedback(() => before, scorer);
    feedbackBefore.liveSummary();
    for (const id of before.state.trainees.map((x) => x.id)) feedbackBefore.results(id, 'full');
    const appended = before.append(recent);
    const touched = new Set(liveBefore.noteDecided(appended));
    feedbackBefore.noteDecided(appended);
    let t0 = performance.now();
    const answer = flushNow(feedbackBefore, [...touched], true);
    const partial = staffUpdate('s', before, appended, cut.length - recent.length, answer.summary!, touched);
    const patches = answer.desks.map((d) => d.change);
    const staffBytes = JSON.stringify(partial).length;
    const patchBytes = patches.reduce((n, u) => n + JSON.stringify(u.feedback ?? null).length + JSON.stringify(u.score ?? null).length, 0);
    const liveBytes = staffBytes + patchBytes;
    const liveFlushMs = performance.now() - t0;
    t0 = performance.now();
    // One action's push: a patch of the view its trainee's clients last received (just before the action).
    const last = appended.slice(-1);
    const changes = deskChanges(last, before.state);
    const pushed = changes === 'all' ? 't01' : [...changes.keys()][0] ?? 't01';
    liveBefore.deskSent.set(pushed, before.state.seq - last.length);
    const actionPush = JSON.stringify(traineePush(liveBefore, pushed, changes)).length;
    const actionPushMs = performance.now() - t0;
    rows.push({
      minutes, events: cut.length, scoreMs: +median(times.score).toFixed(1), staffViewMs: +median(times.view).toFixed(1), serialiseMs: +median(times.json).toFixed(1),
      flushMs: +flush.toFixed(1), staffUpdateKb: Math.round(bytes / 1024), coreShareAtFlushRate: +(flush / flushMs).toFixed(2),
      adaptiveIntervalMs: Math.round(Math.max(flushMs, (costFactor ?? 0) * flush)), coreShareAdaptive: +(flush / Math.max(flushMs, (costFactor ?? 0) * flush)).toFixed(2),
      deskPushMs: +median(times.desk).toFixed(2), deskPushKb: +(deskBytes / 1024).toFixed(1),
      liveTouched: touched.size, liveFlushMs: +liveFlushMs.toFixed(1), liveFlushKb: Math.round(liveBytes / 1024),
      liveStaffKb: Math.round(staffBytes / 1024), liveFeedbackKb: Math.round(patchBytes / 1024),
      actionPushMs: +actionPushMs.toFixed(2), actionPushKb: +(actionPush / 1024).toFixed(1),
    });
  }
  const result = { machine: machine(), staffPushMs: flushMs, pushCostFactor: costFactor ?? null, trainees: 30, rows };
  if (args.out) writeFileSync(args.out, JSON.stringify(result, null, 2) + '\n');
  console.log(`one 30-trainee session; staff pushes at most every ${flushMs} ms per session${costFactor ? `, or ${costFactor}x the last flush's cost if longer` : ''} (load average ${result.machine.loadavg.join(' ')})`);
  console.log('whole-log work (a join, a stored score; every flush before session 2):');
  console.log(`age min  events  score ms  staff view ms  serialise ms  total ms  staff:update KB  core share @${flushMs} ms  interval → core share  trainee join ms (KB)`);
  for (const r of rows) {
    console.log(`${String(r.minutes).padStart(7)} ${String(r.events).padStart(7)} ${String(r.scoreMs).padStart(9)} ${String(r.staffViewMs).padStart(14)} ${String(r.serialiseMs).padStart(13)} ${String(r.flushMs).padStart(9)} ${String(r.staffUpdateKb).padStart(16)} ${String(r.coreShareAtFlushRate).padStart(16)}  ${String(r.adaptiveIntervalMs).padStart(8)} ms → ${r.coreShareAdaptive}  ${r.deskPushMs} (${r.deskPushKb})`);
  }
  console.log('live, as the server now does it (the last 40 events of the cut, ~250 ms of a busy class):');
  console.log('age min  trainees concerned  flush ms  flush KB = partial staff update + desk:results (feedback & roll-up patches)  per-action desk push ms (KB)');
  for (const r of rows) console.log(`${String(r.minutes).padStart(7)} ${String(r.liveTouched).padStart(19)} ${String(r.liveFlushMs).padStart(9)} ${String(r.liveFlushKb).padStart(9)} = ${String(r.liveStaffKb).padStart(5)} + ${String(r.liveFeedbackKb).padStart(5)}  ${String(r.actionPushMs).padStart(50)} (${r.actionPushKb})`);
}

void main();
