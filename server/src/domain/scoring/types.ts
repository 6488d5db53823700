/**
 * The scoring contract: rules turn a session log into evidence items citing the
 * criteria of ../shared/criteria.md; roll-ups aggregate them per criterion,
 * competence and trainee. Shared with the client (feedback, grids, replay).
 */
export interface Evidence {
  criterionId: string;
  traineeId: string;
  /** Points earned (0..max). */
  points: number;
  max: number;
  /** The event the judgement rests on (links into the replay). */
  eventSeq: number;
  ticketId?: string;
  /** The contact (call, mail) the judgement is about; set even when no ticket was opened. */
  contactId?: string;
  /** The rule that produced it, e.g. "qualification.impact". */
  rule: string;
  explanation: { fr: string; en: string };
}

export type GridLevel = 'acquired' | 'in_progress' | 'not_acquired';

/** The evaluator's words for the grid levels. */
export const GRID_LABELS: Record<GridLevel, { fr: string; en: string }> = {
  acquired: { fr: 'acquis', en: 'acquired' },
  in_progress: { fr: "en cours d'acquisition", en: 'in progress' },
  not_acquired: { fr: 'non acquis', en: 'not acquired' },
};

export interface CriterionScore { criterionId: string; points: number; max: number; level: GridLevel; evidence: Evidence[] }
export interface CompetenceScore { competenceId: string; points: number; max: number; level: GridLevel; criteria: string[] }
export interface TraineeScore {
  traineeId: string;
  points: number;
  max: number;
  criteria: Record<string, CriterionScore>;
  competences: Record<string, CompetenceScore>;
}
export interface SessionScore { rubricVersion: string; trainees: Record<string, TraineeScore>; evidence: Evidence[] }

/** One cell of a trainee's competency grid: the computed level, the evaluator's override if any, and the evidence behind it. */
export interface GridCell {
  criterionId: string;
  competenceId: string;
  points: number;
  max: number;
  computed: GridLevel;
  /** The level shown: the override when an evaluator set one, else the computed level. */
  level: GridLevel;
  override?: { level: GridLevel; comment: string; by: string; seq: number };
  evidenceSeqs: number[];
}
export interface GridRow { competenceId: string; points: number; max: number; level: GridLevel; cells: GridCell[] }
export interface CompetencyGrid { traineeId: string; rubricVersion: string; rows: GridRow[] }
