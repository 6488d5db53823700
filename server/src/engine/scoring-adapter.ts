/**
 * The engine's one door to scoring: loads the rubric versions and exposes
 * score/feedback behind a small interface, so the host and the tests can use
 * the real rules or an empty scorer (tests that do not look at scores skip
 * loading the French dictionary, which takes seconds).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { SessionEvent } from '../domain/events.js';
import type { Catalog } from '../domain/scenario.js';
import type { SessionScore } from '../domain/scoring/types.js';
import { loadRubricFile, RUBRIC_DIR, RubricFileSchema, type Rubric } from '../domain/scoring/rubric.js';
import { scoreSession, type JudgementMemo } from '../domain/scoring/score.js';
import type { SessionState } from '../domain/session.js';
import type { RubricDescription } from '../protocol.js';
import type { SpellCheck } from '../domain/scoring/spell.js';

export interface Scorer {
  /** False while the scoring rules are not available (scores are then empty). */
  readonly available: boolean;
  /** Rubric version new sessions are created with. */
  readonly currentVersion: string;
  /** Rubric versions a session can be (re-)scored under. */
  versions(): string[];
  /**
   * `state`, when given, must be the fold of exactly these events (the live machine's): it saves a second fold.
   * `only` scores those trainees alone (what the whole score gives them, for a fraction of the work); with
   * `only` and `state`, `events` may be just those trainees' own events (`ownerOf`), in log order. A `memo`
   * kept by the caller for one session spares judging again what has not changed since its last pass.
   */
  score(events: readonly SessionEvent[], catalog: Catalog, rubricVersion: string, state?: SessionState, only?: ReadonlySet<string>, memo?: JudgementMemo): SessionScore;
  /** What a rubric version grades, for labelling grids: public, holds no answer key. */
  describe(version: string): RubricDescription | undefined;
  /** Where the rules were loaded from, so another thread can load the same ones (absent: nothing to load). */
  readonly source?: ScorerSource;
}

/** The options another thread passes to `loadScorer` for the same rules. */
export interface ScorerSource { current: string; rubricDir: string }

export const emptyScore = (rubricVersion: string): SessionScore => ({ rubricVersion, trainees: {}, evidence: [] });

export function emptyScorer(version = 'v1'): Scorer {
  return {
    available: false,
    currentVersion: version,
    versions: () => [version],
    score: (_events, _catalog, rubricVersion) => emptyScore(rubricVersion),
    describe: () => undefined,
  };
}

export interface ScorerOptions {
  /** Rubric version for new sessions (default v1, or DESKDRILL_RUBRIC). */
  current?: string;
  rubricDir?: string;
  /** The spell-check the rules use (default: the process's French dictionary). */
  spell?: SpellCheck;
}

/** Loads every rubric version in the rubric directory (the French dictionary once for all). */
export async function loadScorer(o: ScorerOptions = {}): Promise<Scorer> {
  const current = o.current ?? process.env.DESKDRILL_RUBRIC ?? 'v1';
  const dir = o.rubricDir ?? RUBRIC_DIR;
  const loaded = new Map<string, Rubric>();
  for (const f of readdirSync(dir).filter((x) => /\.ya?ml$/.test(x)).sort()) {
    const path = join(dir, f);
    // The shared lexicon lives beside the rubrics: only files with a rubric's shape are versions.
    if (!RubricFileSchema.safeParse(parseYaml(readFileSync(path, 'utf8'))).success) continue;
    const r = await loadRubricFile(path, o.spell);
    loaded.set(r.version, r);
  }
  if (!loaded.has(current)) throw new Error(`rubric "${current}" not found in ${dir} (found: ${[...loaded.keys()].join(', ') || 'none'})`);
  return {
    available: true,
    currentVersion: current,
    source: { current, rubricDir: dir },
    versions: () => [...loaded.keys()],
    score(events, catalog, rubricVersion, state, only, memo) {
      const rubric = loaded.get(rubricVersion);
      return rubric ? scoreSession(events, catalog, rubric, state, only, memo) : emptyScore(rubricVersion);
    },
    describe(version) {
      const r = loaded.get(version);
      if (!r) return undefined;
      return {
        version: r.version, title: r.title, ...(r.changes ? { changes: r.changes } : {}), grid: r.grid,
        competences: r.competences.map((c) => ({ id: c.id, ...(c.label ? { label: c.label } : {}), criteria: c.criteria })),
      };
    },
  };
}
