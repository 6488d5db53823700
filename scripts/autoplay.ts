/**
 * `npm run autoplay -- --drill <id> --player model|careless|random [--seed N] [--json]
 *   [--rubric v1] [--trainees N] [--step SECONDS] [--seeds DIR] [--explain]`
 *
 * Plays a drill from seeds/ on the real engine (SessionMachine) with a scripted
 * player, scores the log and prints the score per criterion and in total. With
 * `--json`, prints one JSON object: {drill, player, seed, rubric, total, max,
 * percent, criteria: {<id>: {points, max}}, competences, refusals}. `--explain`
 * lists every judgement below full marks with its explanation.
 */
import { DEFAULT_SEEDS_DIR, loadCatalogOrThrow } from '../server/src/catalog/load.js';
import { DEFAULT_STEP_MS } from '../server/src/domain/players/driver.js';
import { PLAYER_KINDS, createPlayer, runDrill, type PlayerKind } from '../server/src/domain/players/index.js';
import { loadRubric } from '../server/src/domain/scoring/rubric.js';
import { scoreSession } from '../server/src/domain/scoring/score.js';
import { GRID_LABELS } from '../server/src/domain/scoring/types.js';

function usage(message: string): never {
  console.error(`${message}\nusage: npm run autoplay -- --drill <id> --player ${PLAYER_KINDS.join('|')} [--seed N] [--json] [--rubric v1] [--trainees N] [--step SECONDS] [--seeds DIR] [--explain]`);
  process.exit(2);
}

const args = process.argv.slice(2);
const opt = (name: string) => { const i = args.indexOf(`--${name}`); return i >= 0 ? args[i + 1] : undefined; };
const drillId = opt('drill') ?? usage('missing --drill');
const kind = (opt('player') ?? usage('missing --player')) as PlayerKind;
if (!PLAYER_KINDS.includes(kind)) usage(`unknown player "${kind}"`);
const seed = Number(opt('seed') ?? 1);
const trainees = Number(opt('trainees') ?? 1);
const stepMs = opt('step') ? Number(opt('step')) * 1000 : DEFAULT_STEP_MS;
if (!Number.isInteger(seed) || !Number.isInteger(trainees) || trainees < 1 || !(stepMs > 0)) usage('--seed and --trainees are integers, --step a positive number of seconds');
const json = args.includes('--json');

const catalog = loadCatalogOrThrow(opt('seeds') ?? DEFAULT_SEEDS_DIR);
if (!catalog.drills[drillId]) usage(`unknown drill "${drillId}" (known: ${Object.keys(catalog.drills).join(', ')})`);
const rubric = await loadRubric(opt('rubric') ?? 'v1');

const seats = Array.from({ length: trainees }, (_, i) => { const id = `trainee-${i + 1}`; return { id, player: createPlayer(kind, seed, id) }; });
const run = runDrill({ catalog, drillId, seed, seats, stepMs });
const score = scoreSession(run.events, catalog, rubric);

// Several trainees: sum them (each plays the same drill, so this is their combined record).
const criteria: Record<string, { points: number; max: number }> = {};
const competences: Record<string, { points: number; max: number }> = {};
let total = 0;
let max = 0;
for (const t of Object.values(score.trainees)) {
  total += t.points; max += t.max;
  for (const c of Object.values(t.criteria)) { const x = (criteria[c.criterionId] ??= { points: 0, max: 0 }); x.points += c.points; x.max += c.max; }
  for (const c of Object.values(t.competences)) { const x = (competences[c.competenceId] ??= { points: 0, max: 0 }); x.points += c.points; x.max += c.max; }
}
const r2 = (x: number) => Math.round(x * 100) / 100;
const percent = max > 0 ? r2((total / max) * 100) : 0;

if (json) {
  console.log(JSON.stringify({
    drill: drillId, player: kind, seed, rubric: rubric.version, trainees, events: run.events.length,
    total: r2(total), max: r2(max), percent,
    criteria: Object.fromEntries(Object.entries(criteria).map(([k, v]) => [k, { points: r2(v.points), max: r2(v.max) }])),
    competences: Object.fromEntries(Object.entries(competences).map(([k, v]) => [k, { points: r2(v.points), max: r2(v.max) }])),
    refusals: run.refusals.length,
  }));
} else {
  console.log(`drill ${drillId} · player ${kind} · seed ${seed} · rubric ${rubric.version} · ${run.events.length} events`);
  for (const t of Object.values(score.trainees)) {
    console.log(`\n${t.traineeId}: ${t.points} / ${t.max} (${t.max ? Math.round((t.points / t.max) * 100) : 0} %)`);
    for (const comp of Object.values(t.competences)) {
      console.log(`  ${comp.competenceId.padEnd(10)} ${String(comp.points).padStart(6)} / ${String(comp.max).padEnd(6)} ${GRID_LABELS[comp.level].fr}`);
      for (const id of comp.criteria) {
        const c = t.criteria[id]!;
        console.log(`    ${id.padEnd(12)} ${String(c.points).padStart(6)} / ${String(c.max).padEnd(6)} ${GRID_LABELS[c.level].fr}`);
      }
    }
  }
  if (args.includes('--explain')) {
    const lost = score.evidence.filter((e) => e.points < e.max);
    console.log(`\n${lost.length} evidence item(s) below full marks:`);
    const seen = new Set<string>();
    for (const e of lost) {
      const key = `${e.traineeId}|${e.rule}|${e.contactId}`;
      if (seen.has(key)) continue;
      seen.add(key);
      console.log(`  ${e.traineeId} ${e.ticketId ?? e.contactId} #${e.eventSeq} ${e.rule}: ${e.explanation.fr}`);
    }
  }
  if (run.refusals.length) {
    console.log(`\n${run.refusals.length} refused command(s):`);
    for (const r of run.refusals.slice(0, 10)) console.log(`  ${r.traineeId} ${r.command.type}: ${r.code}: ${r.message}`);
  }
  console.log(`\ntotal ${r2(total)} / ${r2(max)} (${percent} %)`);
}
