/**
 * `npm run scenarios:stats [-- --json]`: coverage of the scenario library —
 * incidents per domain, per criterion (every criterion of seeds/criteria.yaml,
 * zero included) and per drill.
 */
import { loadCatalog, formatError } from '../server/src/catalog/load.js';

const json = process.argv.includes('--json');
const { catalog, errors } = loadCatalog();
if (errors.length) {
  for (const e of errors) console.error(formatError(e));
  process.exit(1);
}

const incidents = Object.values(catalog.incidents);
const perDomain: Record<string, number> = {};
const perCriterion: Record<string, number> = Object.fromEntries(Object.keys(catalog.criteria ?? {}).map((id) => [id, 0]));
for (const inc of incidents) {
  perDomain[inc.domain] = (perDomain[inc.domain] ?? 0) + 1;
  for (const c of new Set(inc.criteria)) perCriterion[c] = (perCriterion[c] ?? 0) + 1;
}
const perDrill = Object.fromEntries(Object.values(catalog.drills).map((d) => {
  const calls = d.timeline.reduce((n, e) => n + (e.repeat?.count ?? 1), 0);
  return [d.id, { title: d.title.fr, level: d.level, mode: d.mode, minutes: d.duration / 60_000, calls, incidents: new Set(d.timeline.map((e) => e.incident)).size }];
}));
const resolution = { l1: 0, escalate: 0, request: 0 };
for (const inc of incidents) {
  if (inc.truth.type === 'request') resolution.request++;
  resolution[inc.truth.resolution.level]++;
}
const underCovered = Object.entries(perCriterion).filter(([, n]) => n < 2).map(([id]) => id);

if (json) {
  console.log(JSON.stringify({ incidents: incidents.length, drills: Object.keys(catalog.drills).length, kbArticles: Object.keys(catalog.kb).length, perDomain, perCriterion, perDrill, resolution, underCovered }));
} else {
  const table = (title: string, rows: [string, string | number][]) => {
    console.log(`\n${title}`);
    const w = Math.max(...rows.map(([k]) => k.length), 4);
    for (const [k, v] of rows) console.log(`  ${k.padEnd(w)}  ${v}`);
  };
  console.log(`${incidents.length} incidents, ${Object.keys(catalog.drills).length} drills, ${Object.keys(catalog.kb).length} KB articles`);
  console.log(`resolution: ${resolution.l1} at level 1, ${resolution.escalate} escalated, ${resolution.request} service requests`);
  table('Incidents per domain', Object.entries(perDomain).sort());
  table('Incidents per criterion', Object.entries(perCriterion).map(([k, v]) => [k, v < 2 ? `${v}  ← fewer than 2` : v]));
  table('Drills', Object.entries(perDrill).map(([k, d]) => [k, `${d.level}, ${d.mode}, ${d.minutes} min, ${d.calls} calls over ${d.incidents} incidents`]));
  if (underCovered.length) console.log(`\ncriteria exercised by fewer than two incidents: ${underCovered.join(', ')}`);
}
