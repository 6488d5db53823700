/** The rubric as versioned data: loading, validation errors that name the problem, and the shipped versions. */
import { mkdtempSync, readFileSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { readRubricFile, RUBRIC_DIR, RubricError } from '../../server/src/domain/scoring/rubric.js';
import { RULE_IDS } from '../../server/src/domain/scoring/rules/index.js';
import { CRITERIA } from '../../server/src/domain/reports/criteria.js';

const v1Path = join(RUBRIC_DIR, 'v1.yaml');

/** Writes a modified copy of v1 (and its lexicon) to a temp dir and reads it back. */
function readVariant(change: (data: Record<string, unknown>) => void): () => unknown {
  const dir = mkdtempSync(join(tmpdir(), 'rubric-'));
  const data = parse(readFileSync(v1Path, 'utf8')) as Record<string, unknown>;
  change(data);
  writeFileSync(join(dir, 'v9.yaml'), stringify(data));
  copyFileSync(join(RUBRIC_DIR, 'lexicon.yaml'), join(dir, 'lexicon.yaml'));
  return () => readRubricFile(join(dir, 'v9.yaml'));
}

describe('shipped rubrics', () => {
  const v1 = readRubricFile(v1Path);
  const v2 = readRubricFile(join(RUBRIC_DIR, 'v2.yaml'));

  it('v1 weighs every registered rule, each feeding criteria of criteria.md', () => {
    expect(Object.keys(v1.rules).sort()).toEqual([...RULE_IDS].sort());
    for (const w of Object.values(v1.rules)) for (const id of Object.keys(w.criteria)) expect(CRITERIA[id], id).toBeDefined();
  });

  it('v1 covers every criterion of criteria.md in its competences', () => {
    expect(v1.competences.flatMap((c) => c.criteria).sort()).toEqual(Object.keys(CRITERIA).sort());
  });

  it('v2 differs from v1 only in the writing.spelling weights', () => {
    expect(v2.version).toBe('v2');
    expect(v2.changes).toMatch(/writing\.spelling/);
    const { version: _a, title: _b, changes: _c, rules: r1, ...rest1 } = v1;
    const { version: _d, title: _e, changes: _f, rules: r2, ...rest2 } = v2;
    expect(rest2).toEqual(rest1);
    for (const id of RULE_IDS) {
      if (id === 'writing.spelling') continue;
      expect(r2[id]).toEqual(r1[id]);
    }
    expect(r2['writing.spelling']!.params).toEqual(r1['writing.spelling']!.params);
    for (const [c, w] of Object.entries(r1['writing.spelling']!.criteria)) expect(r2['writing.spelling']!.criteria[c]).toBe(2 * w);
  });
});

describe('docs/scoring.md', () => {
  it('documents every rule of the registry in its rules table', () => {
    const doc = readFileSync(join(RUBRIC_DIR, '../../docs/scoring.md'), 'utf8');
    const documented = [...doc.matchAll(/^\| `([a-z]+\.[A-Za-z0-9]+)` \|/gm)].map((m) => m[1]);
    expect(documented.sort()).toEqual([...RULE_IDS].sort());
  });
});

describe('rubric validation names the file, the path and the problem', () => {
  it('rejects an unknown rule', () => {
    const read = readVariant((d) => { (d.rules as Record<string, unknown>)['listening.telepathy'] = { criteria: { 'TAI-CP8-C2': 1 } }; });
    expect(read).toThrow(RubricError);
    expect(read).toThrow(/v9\.yaml: rules\.listening\.telepathy: unknown rule "listening\.telepathy"/);
  });

  it('rejects a criterion that belongs to no competence', () => {
    const read = readVariant((d) => { (d.rules as Record<string, { criteria: Record<string, number> }>)['intake.ticket']!.criteria['TAI-CP9-C1'] = 1; });
    expect(read).toThrow(/rules\.intake\.ticket\.criteria\.TAI-CP9-C1: criterion TAI-CP9-C1 belongs to no competence/);
  });

  it('rejects a criterion listed in two competences, and inverted thresholds', () => {
    const twice = readVariant((d) => { (d.competences as { criteria: string[] }[])[1]!.criteria.push('TAI-CP8-C1'); });
    expect(twice).toThrow(/criterion TAI-CP8-C1 already belongs to TAI-CP8/);
    const inverted = readVariant((d) => { d.grid = { acquired: 0.5, inProgress: 0.8 }; });
    expect(inverted).toThrow(/grid\.inProgress: the in-progress threshold must be below the acquired threshold/);
  });

  it('rejects malformed weights', () => {
    const read = readVariant((d) => { (d.rules as Record<string, { criteria: Record<string, number> }>)['intake.ticket']!.criteria['TAI-CP8-C4'] = -1; });
    expect(read).toThrow(/rules\.intake\.ticket\.criteria\.TAI-CP8-C4/);
  });
});
