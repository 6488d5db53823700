/**
 * The engine's one door to scoring. The scoring rules (server/src/domain/scoring/)
 * are written in parallel; this adapter loads them when they are present and
 * otherwise answers with empty scores, so the server runs either way. Nothing
 * else in the shell imports the scoring module.
 */
import { readdirSync } from 'node:fs';
import type { SessionEvent } from '../domain/events.js';
import type { Catalog } from '../domain/scenario.js';
import type { Evidence, SessionScore } from '../domain/scoring/types.js';
import type { SessionState } from '../domain/session.js';

export interface Scorer {
  /** False while the scoring rules are not available (scores are then empty). */
  readonly available: boolean;
  /** Rubric version new sessions are created with. */
  readonly currentVersion: string;
  /** Rubric versions a session can be (re-)scored under. */
  versions(): string[];
  score(events: readonly SessionEvent[], catalog: Catalog, rubricVersion: string): SessionScore;
  /** The evidence a trainee may see now (none in an exam until feedback is released). */
  feedback(score: SessionScore, state: Pick<SessionState, 'mode' | 'feedbackReleased'>, traineeId: string): Evidence[];
}

export const emptyScore = (rubricVersion: string): SessionScore => ({ rubricVersion, trainees: {}, evidence: [] });

export function emptyScorer(version = 'v1'): Scorer {
  return {
    available: false,
    currentVersion: version,
    versions: () => [version],
    score: (_events, _catalog, rubricVersion) => emptyScore(rubricVersion),
    feedback: () => [],
  };
}

// The shapes this adapter relies on (server/src/domain/scoring/score.ts and rubric.ts).
interface ScoreModule {
  scoreSession(events: readonly SessionEvent[], catalog: Catalog, rubric: unknown): SessionScore;
  feedbackFor(score: SessionScore, state: Pick<SessionState, 'mode' | 'feedbackReleased'>, traineeId: string): Evidence[];
}
interface RubricModule { loadRubric(version: string, dir?: string): Promise<{ version: string }>; RUBRIC_DIR: string }

export interface ScorerOptions {
  /** Rubric version for new sessions (default v1, or DESKDRILL_RUBRIC). */
  current?: string;
  rubricDir?: string;
}

/** Loads the real scorer and every rubric version found, or falls back to empty scores. */
export async function loadScorer(o: ScorerOptions = {}): Promise<Scorer> {
  const current = o.current ?? process.env.DESKDRILL_RUBRIC ?? 'v1';
  let scoring: ScoreModule;
  let rubrics: RubricModule;
  try {
    // Specifiers in variables: the modules may not exist yet in this tree.
    const scorePath = '../domain/scoring/score.js';
    const rubricPath = '../domain/scoring/rubric.js';
    scoring = await import(scorePath) as ScoreModule;
    rubrics = await import(rubricPath) as RubricModule;
    if (typeof scoring.scoreSession !== 'function' || typeof rubrics.loadRubric !== 'function') return emptyScorer(current);
  } catch {
    return emptyScorer(current);
  }
  const dir = o.rubricDir ?? rubrics.RUBRIC_DIR;
  const loaded = new Map<string, unknown>();
  for (const f of readdirSync(dir).filter((x) => /\.ya?ml$/.test(x)).sort()) {
    const version = f.replace(/\.ya?ml$/, '');
    try {
      const r = await rubrics.loadRubric(version, dir);
      loaded.set(r.version, r);
    } catch {
      // Not a rubric (the shared lexicon lives beside them).
    }
  }
  if (!loaded.has(current)) throw new Error(`rubric "${current}" not found in ${dir} (found: ${[...loaded.keys()].join(', ') || 'none'})`);
  return {
    available: true,
    currentVersion: current,
    versions: () => [...loaded.keys()],
    score(events, catalog, rubricVersion) {
      const rubric = loaded.get(rubricVersion);
      if (!rubric) return emptyScore(rubricVersion);
      return scoring.scoreSession(events, catalog, rubric);
    },
    feedback: (score, state, traineeId) => scoring.feedbackFor(score, state, traineeId),
  };
}
