/**
 * The rubric: versioned data under `seeds/rubric/<version>.yaml` saying which
 * rules feed which criteria with how many points, how criteria roll up into
 * competences, and the grid thresholds. The schema and pure checks live here;
 * `loadRubric` is the only I/O (files and the French dictionary) and hands the
 * pure scorer a ready `Rubric`.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { RULE_IDS } from './rules/index.js';
import { loadFrenchSpellCheck, type SpellCheck } from './spell.js';

const CriterionId = z.string().regex(/^(TAI|TSSR)-[A-Z0-9]+-C\d+$/, 'criterion ids look like TAI-CP8-C1');
const Share = z.number().gt(0).lte(1);

export const RuleParam = z.union([z.number(), z.string(), z.boolean(), z.array(z.string())]);
export type RuleParam = z.infer<typeof RuleParam>;

export const RuleWeightsSchema = z.strictObject({
  /** Points the rule gives each criterion it feeds when fully satisfied. */
  criteria: z.record(CriterionId, z.number().positive()).refine((r) => Object.keys(r).length > 0, 'a rule feeds at least one criterion'),
  /** Tunables the rule reads (partial credit, tolerances); each rule documents its defaults. */
  params: z.record(z.string(), RuleParam).default({}),
});

export const CompetenceSchema = z.strictObject({
  id: z.string().regex(/^(TAI|TSSR)-[A-Z0-9]+$/, 'competence ids look like TAI-CP8 or TSSR-T1'),
  label: z.strictObject({ fr: z.string().min(1), en: z.string().min(1) }).optional(),
  /**
   * `all`: every incident can give evidence. `cited`: only incidents whose scenario
   * cites one of this competence's criteria (e.g. TAI-CP14 = network-access incidents).
   */
  scope: z.enum(['all', 'cited']).default('all'),
  criteria: z.array(CriterionId).min(1),
});

export const LexiconSchema = z.strictObject({
  /** Lower-case technical words the French dictionary lacks; never counted as misspelled. */
  words: z.array(z.string().min(1)).default([]),
  /** Jargon a non-technical caller should not find in a message written to them. */
  jargon: z.array(z.string().min(1)).default([]),
});
export type Lexicon = z.infer<typeof LexiconSchema>;

export const RubricFileSchema = z.strictObject({
  version: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/),
  title: z.strictObject({ fr: z.string().min(1), en: z.string().min(1) }),
  /** What changed from the previous version, for evaluators comparing re-scored sessions. */
  changes: z.string().optional(),
  grid: z.strictObject({ acquired: Share, inProgress: Share }),
  /** Lexicon file beside the rubric (kept apart so versions can share it). */
  lexicon: z.string().min(1),
  competences: z.array(CompetenceSchema).min(1),
  rules: z.record(z.string(), RuleWeightsSchema),
}).superRefine((r, ctx) => {
  if (r.grid.inProgress >= r.grid.acquired) ctx.addIssue({ code: 'custom', path: ['grid', 'inProgress'], message: 'the in-progress threshold must be below the acquired threshold' });
  const owner = new Map<string, string>();
  r.competences.forEach((c, i) => c.criteria.forEach((id, j) => {
    if (owner.has(id)) ctx.addIssue({ code: 'custom', path: ['competences', i, 'criteria', j], message: `criterion ${id} already belongs to ${owner.get(id)}` });
    owner.set(id, c.id);
  }));
  for (const [ruleId, w] of Object.entries(r.rules)) {
    if (!RULE_IDS.includes(ruleId)) ctx.addIssue({ code: 'custom', path: ['rules', ruleId], message: `unknown rule "${ruleId}" (known: ${RULE_IDS.join(', ')})` });
    for (const id of Object.keys(w.criteria)) {
      if (!owner.has(id)) ctx.addIssue({ code: 'custom', path: ['rules', ruleId, 'criteria', id], message: `criterion ${id} belongs to no competence of this rubric` });
    }
  }
});
export type RubricFile = z.infer<typeof RubricFileSchema>;
export type RuleWeights = z.infer<typeof RuleWeightsSchema>;
export type CompetenceDef = z.infer<typeof CompetenceSchema>;

/** Everything the pure scorer needs: the rubric's data, its lexicon and a dictionary lookup. */
export interface Rubric extends Omit<RubricFile, 'lexicon'> {
  lexicon: Lexicon;
  /** True when the French dictionary knows the word (already lower-cased or as written). */
  spell: SpellCheck;
}

export const RUBRIC_DIR = resolve(dirname(new URL(import.meta.url).pathname), '../../../../seeds/rubric');

export class RubricError extends Error {}

function issues(file: string, error: z.ZodError): string {
  return error.issues.map((i) => `${file}: ${i.path.length ? i.path.join('.') : '(root)'}: ${i.message}`).join('\n');
}

/** Parses and validates a rubric file (YAML); throws a RubricError naming file, path and problem. */
export function readRubricFile(path: string): RubricFile {
  const parsed = RubricFileSchema.safeParse(parseYaml(readFileSync(path, 'utf8')));
  if (!parsed.success) throw new RubricError(`invalid rubric:\n${issues(path, parsed.error)}`);
  return parsed.data;
}

export function readLexicon(path: string): Lexicon {
  const parsed = LexiconSchema.safeParse(parseYaml(readFileSync(path, 'utf8')));
  if (!parsed.success) throw new RubricError(`invalid lexicon:\n${issues(path, parsed.error)}`);
  return parsed.data;
}

/** Assembles a Rubric from already-read parts (tests pass a small fake dictionary). */
export function makeRubric(file: RubricFile, lexicon: Lexicon, spell: SpellCheck): Rubric {
  const { lexicon: _file, ...rest } = file;
  return { ...rest, lexicon: { words: lexicon.words.map((w) => w.toLowerCase()), jargon: lexicon.jargon.map((w) => w.toLowerCase()) }, spell };
}

/** Reads `<dir>/<version>.yaml` and its lexicon, and loads the French dictionary (cached after the first call). */
export async function loadRubric(version: string, dir: string = RUBRIC_DIR): Promise<Rubric> {
  if (!/^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(version)) throw new RubricError(`not a rubric version: "${version}"`);
  return loadRubricFile(join(dir, `${version}.yaml`));
}

/** `spell` defaults to the process's French dictionary (the scoring thread passes its port to it). */
export async function loadRubricFile(path: string, spell?: SpellCheck): Promise<Rubric> {
  const file = readRubricFile(path);
  const lexicon = readLexicon(join(dirname(path), file.lexicon));
  return makeRubric(file, lexicon, spell ?? await loadFrenchSpellCheck());
}
