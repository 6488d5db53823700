/**
 * Reads the scenario files under `seeds/`, validates each with its schema and
 * cross-checks every reference. Errors name the file, the path inside it and
 * the problem, so an author can fix a scenario without reading code.
 */
import { readFileSync, readdirSync, existsSync, statSync } from 'node:fs';
import { basename, dirname, extname, join, relative, resolve } from 'node:path';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import { z } from 'zod';
import {
  AssetSchema, CategorySchema, ContractSchema, CriterionSchema, DiagnosticTestSchema, DrillSchema, IncidentSchema,
  KbArticleSchema, PersonaSchema, QuestionSchema, ResolverGroupSchema,
  type Catalog, type Drill, type Incident, type KbArticle,
} from '../domain/scenario.js';

export interface CatalogError { file: string; path: string; message: string }
export interface LoadResult { catalog: Catalog; errors: CatalogError[] }

export const DEFAULT_SEEDS_DIR = resolve(dirname(new URL(import.meta.url).pathname), '../../../seeds');

type Kind = 'contract' | 'kb' | 'incident' | 'drill' | 'groups' | 'questions' | 'tests' | 'categories' | 'personas' | 'assets' | 'criteria' | 'rubric';

/** Directories holding one item per file (id = base name), and files holding a list. */
const DIR_KINDS: Record<string, Kind> = { contracts: 'contract', kb: 'kb', incidents: 'incident', drills: 'drill', rubric: 'rubric' };
const LIST_FILES: Record<string, Kind> = {
  'resolver-groups': 'groups', questions: 'questions', tests: 'tests', categories: 'categories', personas: 'personas', assets: 'assets',
  criteria: 'criteria',
};

export function kindOf(file: string): Kind | undefined {
  const parent = basename(dirname(file));
  if (DIR_KINDS[parent]) return DIR_KINDS[parent];
  return LIST_FILES[basename(file, extname(file))];
}

const isData = (f: string) => /\.(ya?ml|json)$/i.test(f);

/** Every scenario file under a seeds directory. */
export function listSeedFiles(root: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(root).sort()) {
    const full = join(root, name);
    if (statSync(full).isDirectory()) {
      if (!DIR_KINDS[name]) continue;
      for (const f of readdirSync(full).sort()) if (isData(f)) out.push(join(full, f));
    } else if (isData(name) && LIST_FILES[basename(name, extname(name))]) {
      out.push(full);
    }
  }
  return out;
}

function zodPath(path: PropertyKey[]): string {
  return path.length ? path.map((p) => (typeof p === 'number' ? `[${p}]` : String(p))).join('.').replace(/\.\[/g, '[') : '(root)';
}

export function emptyCatalog(): Catalog {
  return { contracts: {}, groups: {}, questions: {}, tests: {}, categories: {}, personas: {}, assets: {}, kb: {}, incidents: {}, drills: {}, criteria: {} };
}

/** Parses YAML or JSON text; a syntax error becomes a CatalogError with line and column. */
function parseText(file: string, text: string, errors: CatalogError[], display: string): unknown {
  try {
    if (/\.json$/i.test(file)) return JSON.parse(text);
    return parseYaml(text, { prettyErrors: true });
  } catch (err) {
    if (err instanceof YAMLParseError) {
      const pos = err.linePos?.[0];
      errors.push({ file: display, path: pos ? `line ${pos.line}, column ${pos.col}` : '(root)', message: `not valid YAML: ${err.code}: ${err.message.split('\n')[0]}` });
    } else {
      errors.push({ file: display, path: '(root)', message: `not valid ${/\.json$/i.test(file) ? 'JSON' : 'YAML'}: ${(err as Error).message}` });
    }
    return undefined;
  }
}

function validate<T>(schema: z.ZodType<T>, data: unknown, display: string, errors: CatalogError[], prefix: PropertyKey[] = []): T | undefined {
  const parsed = schema.safeParse(data);
  if (parsed.success) return parsed.data;
  for (const issue of parsed.error.issues) {
    errors.push({ file: display, path: zodPath([...prefix, ...issue.path]), message: describeIssue(issue) });
  }
  return undefined;
}

function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_type' && /received undefined/.test(issue.message)) return `missing required field (expected ${issue.expected})`;
  if (issue.code === 'unrecognized_keys') return `unknown field${issue.keys.length > 1 ? 's' : ''}: ${issue.keys.join(', ')}`;
  return issue.message;
}

const LIST_SCHEMAS = {
  groups: ResolverGroupSchema, questions: QuestionSchema, tests: DiagnosticTestSchema,
  categories: CategorySchema, personas: PersonaSchema, assets: AssetSchema, criteria: CriterionSchema,
} as const;

interface Source { file: string; display: string; line?: Map<string, string> }

/**
 * Loads a seeds directory. `overlay` files replace or add files of the same kind
 * (used by `scenarios:check <file>` to check a file in the context of the library).
 */
export function loadCatalog(root: string = DEFAULT_SEEDS_DIR, overlay: string[] = []): LoadResult {
  const errors: CatalogError[] = [];
  const catalog = emptyCatalog();
  const cwd = process.cwd();
  const overlayAbs = overlay.map((f) => resolve(f));
  const overlayNames = new Set(overlayAbs.map((f) => `${kindOf(f)}:${basename(f, extname(f))}`));
  const files = listSeedFiles(root).filter((f) => !overlayNames.has(`${kindOf(f)}:${basename(f, extname(f))}`));
  files.push(...overlayAbs);
  const origin: Record<string, Source> = {};

  for (const file of files) {
    const display = relative(cwd, file) || file;
    const kind = kindOf(file);
    if (!existsSync(file)) { errors.push({ file: display, path: '(root)', message: 'file not found' }); continue; }
    if (!kind) { errors.push({ file: display, path: '(root)', message: 'not a scenario file: put it in seeds/{contracts,kb,incidents,drills}/ or name it resolver-groups, questions, tests, categories, personas or assets' }); continue; }
    if (kind === 'rubric') continue; // validated by the scoring module
    const data = parseText(file, readFileSync(file, 'utf8'), errors, display);
    if (data === undefined) continue;
    const id = basename(file, extname(file));
    const src: Source = { file, display };
    if (kind === 'contract') {
      const c = validate(ContractSchema, data, display, errors);
      if (c) { catalog.contracts[id] = c; origin[`contract:${id}`] = src; }
    } else if (kind === 'kb') {
      const a = validate(KbArticleSchema, data, display, errors);
      if (a) { const art: KbArticle = { ...a, id: a.id ?? id }; catalog.kb[art.id] = art; origin[`kb:${art.id}`] = src; }
    } else if (kind === 'incident') {
      const inc = validate(IncidentSchema, data, display, errors);
      if (inc) { catalog.incidents[id] = { ...inc, id }; origin[`incident:${id}`] = src; }
    } else if (kind === 'drill') {
      const d = validate(DrillSchema, data, display, errors);
      if (d) { catalog.drills[id] = { ...d, id }; origin[`drill:${id}`] = src; }
    } else {
      if (!Array.isArray(data)) { errors.push({ file: display, path: '(root)', message: 'expected a list of items' }); continue; }
      const schema = LIST_SCHEMAS[kind] as z.ZodType<{ id?: string; tag?: string }>;
      const target = (catalog[kind] ??= {}) as Record<string, unknown>;
      data.forEach((item, i) => {
        const v = validate(schema, item, display, errors, [i]);
        if (!v) return;
        const key = (v.id ?? v.tag) as string;
        if (target[key]) errors.push({ file: display, path: `[${i}]`, message: `duplicate id "${key}"` });
        target[key] = v;
        origin[`${kind}:${key}`] = src;
      });
    }
  }

  crossCheck(catalog, origin, errors);
  return { catalog, errors };
}

function crossCheck(c: Catalog, origin: Record<string, Source>, errors: CatalogError[]): void {
  const where = (key: string) => origin[key]?.display ?? key;
  const unknown = (file: string, path: string, what: string, id: string, known: Record<string, unknown>) => {
    if (!known[id]) errors.push({ file, path, message: `unknown ${what} "${id}"${suggest(id, Object.keys(known))}` });
  };
  const standard = c.contracts['standard'];

  for (const [id, inc] of Object.entries(c.incidents)) {
    const f = where(`incident:${id}`);
    unknown(f, 'caller', 'persona', inc.caller, c.personas);
    const criteria = c.criteria ?? {};
    if (Object.keys(criteria).length) inc.criteria.forEach((id, i) => unknown(f, `criteria[${i}]`, 'criterion', id, criteria));
    if (inc.asset) unknown(f, 'asset', 'asset', inc.asset, c.assets);
    const factIds = new Set(inc.facts.map((x) => x.id));
    const seen = new Set<string>();
    inc.facts.forEach((fact, i) => {
      if (seen.has(fact.id)) errors.push({ file: f, path: `facts[${i}].id`, message: `duplicate fact "${fact.id}"` });
      seen.add(fact.id);
      fact.revealedBy.forEach((q, j) => unknown(f, `facts[${i}].revealedBy[${j}]`, 'question', q, c.questions));
    });
    inc.tests.forEach((t, i) => {
      unknown(f, `tests[${i}].test`, 'diagnostic test', t.test, c.tests);
      t.reveals.forEach((r, j) => { if (!factIds.has(r)) errors.push({ file: f, path: `tests[${i}].reveals[${j}]`, message: `fact "${r}" is referenced but not defined in facts` }); });
    });
    inc.facts.forEach((fact, i) => {
      const byTest = inc.tests.some((t) => t.reveals.includes(fact.id));
      if (fact.revealedBy.length === 0 && !byTest) errors.push({ file: f, path: `facts[${i}]`, message: `fact "${fact.id}" can never be revealed: no question or test reveals it` });
    });
    const t = inc.truth;
    unknown(f, 'truth.category', 'category', t.category, c.categories);
    if (!inc.causes.some((x) => x.id === t.rootCause)) errors.push({ file: f, path: 'truth.rootCause', message: `root cause "${t.rootCause}" is not one of causes` });
    if (t.resolution.level === 'escalate') unknown(f, 'truth.resolution.group', 'resolver group', t.resolution.group, c.groups);
    t.resolution.kbArticles.forEach((a, j) => unknown(f, `truth.resolution.kbArticles[${j}]`, 'KB article', a, c.kb));
    if (t.assetUpdate && !inc.asset) errors.push({ file: f, path: 'truth.assetUpdate', message: 'an asset update needs the incident asset' });
    if (standard) checkScale(f, inc, standard.impact.map((l) => l.id), standard.urgency.map((l) => l.id), errors, 'standard');
  }

  for (const [id, d] of Object.entries(c.drills)) {
    const f = where(`drill:${id}`);
    const contract = c.contracts[d.contract];
    if (!contract) errors.push({ file: f, path: 'contract', message: `unknown contract "${d.contract}"${suggest(d.contract, Object.keys(c.contracts))}` });
    d.timeline.forEach((e, i) => {
      const inc = c.incidents[e.incident];
      if (!inc) errors.push({ file: f, path: `timeline[${i}].incident`, message: `unknown incident "${e.incident}"${suggest(e.incident, Object.keys(c.incidents))}` });
      if (e.caller) unknown(f, `timeline[${i}].caller`, 'persona', e.caller, c.personas);
      if (e.at > d.duration) errors.push({ file: f, path: `timeline[${i}].at`, message: 'arrives after the end of the drill' });
      if (inc && contract && d.contract !== 'standard') checkScale(where(`incident:${e.incident}`), inc, contract.impact.map((l) => l.id), contract.urgency.map((l) => l.id), errors, d.contract);
    });
  }
}

function checkScale(file: string, inc: Incident, impact: string[], urgency: string[], errors: CatalogError[], contract: string) {
  if (!impact.includes(inc.truth.impact)) errors.push({ file, path: 'truth.impact', message: `impact "${inc.truth.impact}" is outside the scale of contract "${contract}" (${impact.join(', ')})` });
  if (!urgency.includes(inc.truth.urgency)) errors.push({ file, path: 'truth.urgency', message: `urgency "${inc.truth.urgency}" is outside the scale of contract "${contract}" (${urgency.join(', ')})` });
}

function suggest(id: string, known: string[]): string {
  const close = known.filter((k) => k.toLowerCase().includes(id.toLowerCase()) || id.toLowerCase().includes(k.toLowerCase())).slice(0, 3);
  return close.length ? ` (did you mean ${close.map((k) => `"${k}"`).join(' or ')}?)` : '';
}

/** Loads and throws on any error: for the server and scripts that need a sound catalogue. */
export function loadCatalogOrThrow(root: string = DEFAULT_SEEDS_DIR): Catalog {
  const { catalog, errors } = loadCatalog(root);
  if (errors.length) throw new Error(`scenario catalogue has ${errors.length} error(s):\n${errors.map(formatError).join('\n')}`);
  return catalog;
}

export const formatError = (e: CatalogError) => `${e.file}: ${e.path}: ${e.message}`;

export type { Drill };
