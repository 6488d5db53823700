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
  /** The rule that produced it, e.g. "qualification.impact". */
  rule: string;
  explanation: { fr: string; en: string };
}

export type GridLevel = 'acquired' | 'in_progress' | 'not_acquired';

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
