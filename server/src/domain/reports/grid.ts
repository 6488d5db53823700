/**
 * The competency grid: per trainee and criterion, the level computed by the
 * rubric, the evidence behind it and the evaluator's latest confirmation or
 * override (an event; the computed value is kept beside it, never replaced).
 */
import type { GridLevel } from '../events.js';
import type { SessionState } from '../session.js';
import type { Evidence, SessionScore } from '../scoring/types.js';
import { compareCriteria, criterionInfo } from './criteria.js';

export interface GridJudgement { seq: number; level: GridLevel; comment: string; by: string; /** Display name of the evaluator, when known. */ byName?: string }

export interface GridCell {
  criterionId: string;
  competenceId: string;
  points: number;
  max: number;
  /** Level computed by the rubric (undefined when no evidence was produced). */
  computed?: GridLevel;
  evidence: Evidence[];
  /** Latest evaluator judgement, if any; `confirmed` when it equals the computed level. */
  judgement?: GridJudgement & { confirmed: boolean };
  /** Every judgement recorded, oldest first. */
  history: GridJudgement[];
  /** What the training file keeps: the evaluator's level when given, else the computed one. */
  final?: GridLevel;
}

export interface GridRow { traineeId: string; name: string; points: number; max: number; cells: GridCell[] }

export function buildGrid(
  score: SessionScore,
  trainees: readonly { id: string; name: string }[],
  overrides: SessionState['overrides'],
  /** Display names of evaluators by user id. */
  names: Record<string, string> = {},
): GridRow[] {
  return trainees.map((tr) => {
    const ts = score.trainees[tr.id];
    const ids = new Set<string>(Object.keys(ts?.criteria ?? {}));
    for (const o of overrides) if (o.traineeId === tr.id) ids.add(o.criterionId);
    const cells = [...ids].sort(compareCriteria).map((criterionId): GridCell => {
      const cs = ts?.criteria[criterionId];
      const history = overrides.filter((o) => o.traineeId === tr.id && o.criterionId === criterionId)
        .map((o): GridJudgement => ({ seq: o.seq, level: o.level, comment: o.comment, by: o.by, ...(names[o.by] ? { byName: names[o.by] } : {}) }))
        .sort((a, b) => a.seq - b.seq);
      const last = history[history.length - 1];
      const cell: GridCell = {
        criterionId, competenceId: criterionInfo(criterionId).competenceId,
        points: cs?.points ?? 0, max: cs?.max ?? 0,
        evidence: [...(cs?.evidence ?? [])].sort((a, b) => a.eventSeq - b.eventSeq),
        history,
      };
      if (cs) cell.computed = cs.level;
      if (last) cell.judgement = { ...last, confirmed: last.level === cs?.level };
      const final = last?.level ?? cs?.level;
      if (final) cell.final = final;
      return cell;
    });
    return { traineeId: tr.id, name: tr.name, points: ts?.points ?? 0, max: ts?.max ?? 0, cells };
  });
}
