/**
 * `npm run bench:score [-- --trainees 30 --minutes 60 --runs 10 --json]`
 *
 * Benchmarks scoring a whole session log: a one-hour drill played by 30 trainees
 * (a third model, a third careless, a third random, so the log has every kind of
 * judgement and plenty of text to spell-check). Uses the longest drill of seeds/
 * if it lasts the hour, else composes one from the library's incidents (one
 * arrival every four minutes). Generating the log and loading the French
 * dictionary are timed apart: only `scoreSession` is the figure.
 */
import { performance } from 'node:perf_hooks';
import { loadCatalogOrThrow } from '../server/src/catalog/load.js';
import { createPlayer, runDrill, type PlayerKind } from '../server/src/domain/players/index.js';
import type { Drill } from '../server/src/domain/scenario.js';
import { loadRubric } from '../server/src/domain/scoring/rubric.js';
import { scoreSession } from '../server/src/domain/scoring/score.js';

const args = process.argv.slice(2);
const num = (name: string, fallback: number) => { const i = args.indexOf(`--${name}`); return i >= 0 ? Number(args[i + 1]) : fallback; };
const traineeCount = num('trainees', 30);
const minutes = num('minutes', 60);
const runs = num('runs', 10);
const MIN = 60_000;

const catalog = loadCatalogOrThrow();
const longest = Object.values(catalog.drills).sort((a, b) => b.duration - a.duration)[0];
let drill: Drill;
if (longest && longest.duration >= minutes * MIN) {
  drill = longest;
} else {
  const incidents = Object.keys(catalog.incidents).sort();
  const arrivals = Math.floor((minutes - 10) / 4) + 1;
  drill = {
    id: 'bench-hour', title: { fr: 'Banc de mesure' }, description: { fr: 'Une heure, une arrivée toutes les quatre minutes' }, level: 'mixed',
    duration: minutes * MIN, contract: 'standard', mode: 'training',
    timeline: Array.from({ length: arrivals }, (_, i) => ({ incident: incidents[i % incidents.length]!, at: (1 + 4 * i) * MIN })),
  };
  catalog.drills[drill.id] = drill;
}

const kinds: PlayerKind[] = ['model', 'careless', 'random'];
const seats = Array.from({ length: traineeCount }, (_, i) => { const id = `t${String(i + 1).padStart(2, '0')}`; return { id, player: createPlayer(kinds[i % 3]!, 7, id) }; });

let t0 = performance.now();
const run = runDrill({ catalog, drillId: drill.id, seed: 7, seats });
const playMs = performance.now() - t0;
t0 = performance.now();
const rubric = await loadRubric('v1');
const dictionaryMs = performance.now() - t0;

const timings: number[] = [];
let evidence = 0;
for (let i = 0; i < runs + 1; i++) {
  const start = performance.now();
  const score = scoreSession(run.events, catalog, rubric);
  timings.push(performance.now() - start);
  evidence = score.evidence.length;
}
const cold = timings[0]!;
const warm = timings.slice(1).sort((a, b) => a - b);
const median = warm[Math.floor(warm.length / 2)] ?? cold;
const r1 = (x: number) => Math.round(x * 10) / 10;

const result = {
  drill: drill.id, minutes: drill.duration / MIN, trainees: traineeCount, arrivals: run.machine.state.timeline.length,
  events: run.events.length, evidence, runs,
  scoreMs: { first: r1(cold), median: r1(median), max: r1(Math.max(...warm)) },
  playMs: r1(playMs), dictionaryLoadMs: r1(dictionaryMs),
};
if (args.includes('--json')) console.log(JSON.stringify(result));
else {
  console.log(`drill ${result.drill}: ${result.minutes} min, ${result.trainees} trainees, ${result.arrivals} contacts, ${result.events} events → ${result.evidence} evidence items`);
  console.log(`scoreSession: first ${result.scoreMs.first} ms (spell-check memo empty), median ${result.scoreMs.median} ms, max ${result.scoreMs.max} ms over ${runs} runs`);
  console.log(`(not counted: playing the drill ${result.playMs} ms, loading the French dictionary ${result.dictionaryLoadMs} ms once per process)`);
}
