import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { loadCatalog, formatError } from '../../server/src/catalog/load.js';
import { fixtureCatalog } from './domain-fixture.js';

/** Writes the fixture catalogue as a seeds directory, in the same layout as seeds/. */
function writeSeeds(root: string) {
  const c = fixtureCatalog();
  for (const d of ['contracts', 'kb', 'incidents', 'drills']) mkdirSync(join(root, d), { recursive: true });
  writeFileSync(join(root, 'contracts/standard.yaml'), stringify(c.contracts.standard));
  writeFileSync(join(root, 'resolver-groups.yaml'), stringify(Object.values(c.groups)));
  writeFileSync(join(root, 'questions.yaml'), stringify(Object.values(c.questions)));
  writeFileSync(join(root, 'tests.yaml'), stringify(Object.values(c.tests)));
  writeFileSync(join(root, 'categories.yaml'), stringify(Object.values(c.categories)));
  writeFileSync(join(root, 'personas.yaml'), stringify(Object.values(c.personas)));
  writeFileSync(join(root, 'assets.yaml'), stringify(Object.values(c.assets)));
  for (const a of Object.values(c.kb)) writeFileSync(join(root, `kb/${a.id}.yaml`), stringify(a));
  for (const { id, ...inc } of Object.values(c.incidents)) writeFileSync(join(root, `incidents/${id}.yaml`), stringify(inc));
  for (const { id, ...d } of Object.values(c.drills)) writeFileSync(join(root, `drills/${id}.yaml`), stringify({ ...d, at: undefined, timeline: d.timeline.map((e) => ({ ...e, at: e.at / 60_000, ...(e.jitter ? { jitter: e.jitter / 60_000 } : {}) })), duration: d.duration / 60_000 }));
  return c;
}

let root: string;
beforeEach(() => { root = mkdtempSync(join(tmpdir(), 'dd-seeds-')); writeSeeds(root); });
afterEach(() => rmSync(root, { recursive: true, force: true }));

const incidentYaml = (patch: (inc: Record<string, any>) => void) => {
  const { id: _id, ...inc } = structuredClone(fixtureCatalog().incidents.printer) as Record<string, any>;
  patch(inc);
  return stringify(inc);
};
const errorsFor = (file: string, text: string) => {
  const path = join(root, file);
  writeFileSync(path, text);
  return loadCatalog(root).errors.map(formatError).filter((e) => e.includes(file));
};

describe('scenario checker', () => {
  it('accepts the fixture library as written', () => {
    const { errors, catalog } = loadCatalog(root);
    expect(errors).toEqual([]);
    expect(Object.keys(catalog.incidents).sort()).toEqual(['printer', 'vpn']);
    expect(catalog.drills.mini!.timeline[1]!.at).toBe(3 * 60_000);
  });

  it('rejects a missing field, naming it', () => {
    const errs = errorsFor('incidents/printer.yaml', incidentYaml((i) => delete i.opening));
    expect(errs).toEqual([expect.stringMatching(/incidents\/printer\.yaml: opening: missing required field/)]);
  });

  it('rejects an unknown resolver group', () => {
    const errs = errorsFor('incidents/printer.yaml', incidentYaml((i) => { i.truth.resolution = { level: 'escalate', group: 'N2-NETWORK' }; }));
    expect(errs).toEqual([expect.stringMatching(/truth\.resolution\.group: unknown resolver group "N2-NETWORK" \(did you mean "N2-NET"\?\)/)]);
  });

  it('rejects a fact referenced but not defined', () => {
    const errs = errorsFor('incidents/printer.yaml', incidentYaml((i) => { i.tests[0].reveals = ['toner']; }));
    expect(errs).toEqual([expect.stringMatching(/tests\[0\]\.reveals\[0\]: fact "toner" is referenced but not defined/)]);
  });

  it('rejects a drill naming an unknown incident', () => {
    const errs = errorsFor('drills/mini.yaml', stringify({ title: { fr: 'x' }, description: { fr: 'y' }, level: 'TAI', duration: 30, timeline: [{ incident: 'printr', at: 1 }] }));
    expect(errs).toEqual([expect.stringMatching(/drills\/mini\.yaml: timeline\[0\]\.incident: unknown incident "printr"/)]);
  });

  it('rejects an impact outside the scale', () => {
    const errs = errorsFor('incidents/printer.yaml', incidentYaml((i) => { i.truth.impact = 'critical'; }));
    expect(errs).toEqual([expect.stringMatching(/truth\.impact: impact "critical" is outside the scale of contract "standard" \(high, medium, low\)/)]);
  });

  it('rejects a file that is not valid YAML, with its position', () => {
    const errs = errorsFor('incidents/printer.yaml', 'title: { fr: "ouvert\nchannel: [phone');
    expect(errs).toHaveLength(1);
    expect(errs[0]).toMatch(/incidents\/printer\.yaml: line \d+, column \d+: not valid YAML/);
    expect(errorsFor('kb/KB-0009.json', '{"title": "x",')[0]).toMatch(/not valid JSON/);
  });

  it('rejects unknown fields and wrong types', () => {
    const errs = errorsFor('incidents/printer.yaml', incidentYaml((i) => { i.chanel = 'phone'; i.facts[0].required = 'yes'; }));
    expect(errs.join('\n')).toMatch(/\(root\): unknown field: chanel/);
    expect(errs.join('\n')).toMatch(/facts\[0\]\.required: .*boolean/);
  });

  it('the CLI prints file: path: message and exits 1; exits 0 on a sound library', () => {
    const cli = (args: string[]) => {
      try { return { code: 0, out: execFileSync('npx', ['tsx', 'scripts/scenarios-check.ts', '--seeds', root, ...args], { encoding: 'utf8', stdio: 'pipe' }) }; }
      catch (e) { const x = e as { status: number; stderr: string }; return { code: x.status, out: x.stderr }; }
    };
    expect(cli([])).toMatchObject({ code: 0, out: expect.stringContaining('scenarios ok: 2 incidents, 1 drills') });
    const bad = join(root, 'incidents/vpn.yaml');
    writeFileSync(bad, incidentYaml((i) => { i.caller = 'nobody'; }));
    const r = cli([bad]);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/incidents\/vpn\.yaml: caller: unknown persona "nobody"/);
  });
});
