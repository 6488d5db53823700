/**
 * What a scoring rule is: a small pure function judging one case and returning
 * at most one judgement (a share of the rule's points, the event it rests on, and
 * why, in French and English). The scorer turns a judgement into one evidence item
 * per criterion the rubric lets the rule feed. A rule that does not apply to a case
 * returns nothing, so the case's maximum stays fair.
 *
 * Timing convention, so live feedback never judges too early: good evidence is
 * given as soon as it exists; a judgement about something missing waits for the
 * moment the chance has passed (the ticket was escalated or resolved, the call
 * ended, the ticket closed) or for the end of the session (`ctx.final`).
 */
import type { Catalog, Contract } from '../scenario.js';
import type { SessionState } from '../session.js';
import type { CaseView } from './case.js';
import type { RuleParam } from './rubric.js';
import type { SpellCheck } from './spell.js';

export interface Judgement {
  /** Share of the rule's points earned, 0..1. */
  fraction: number;
  eventSeq: number;
  fr: string;
  en: string;
}

/**
 * What a rule may look at besides its case. Live scoring keeps a case's judgement until the case changes, unless
 * the rule read `state`, `endSeq` or `casesOf` to reach it (the moment, or other cases): those are judged again
 * each time (`JudgementMemo` in score.ts). The rest is fixed for a session.
 */
export interface RuleContext {
  /** The session now (its clock, its other parts): a judgement that reads it is of the moment. */
  state: SessionState;
  catalog: Catalog;
  /** The session's service contract (fixed at creation). */
  contract: Contract;
  /** The session has stopped: whatever was not done will not be done. */
  final: boolean;
  /** Sequence number of the last event (the session end when final). */
  endSeq: number;
  params: Readonly<Record<string, RuleParam>>;
  spell: SpellCheck;
  lexicon: ReadonlySet<string>;
  jargon: ReadonlySet<string>;
  /** All cases of a trainee, in arrival order (rules about recurrence and major incidents look across tickets). */
  casesOf(traineeId: string): readonly CaseView[];
}

export interface Rule {
  id: string;
  /** One line for docs/scoring.md and the evaluator's legend. */
  summary: string;
  judge(c: CaseView, ctx: RuleContext): Judgement | undefined;
}

export const judged = (fraction: number, eventSeq: number, fr: string, en: string): Judgement =>
  ({ fraction: Math.max(0, Math.min(1, fraction)), eventSeq, fr, en });

export function numParam(ctx: RuleContext, name: string, fallback: number): number {
  const v = ctx.params[name];
  return typeof v === 'number' ? v : fallback;
}

export function listParam(ctx: RuleContext, name: string, fallback: string[]): string[] {
  const v = ctx.params[name];
  return Array.isArray(v) ? v : fallback;
}

/** "a, b and c" / "a, b et c". */
export function listFr(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} et ${items[items.length - 1]}`;
}
export function listEn(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** The moment a missing action can be judged: the given event if it happened, else the session end when final. */
export function deadline(ev: { seq: number } | undefined, ctx: RuleContext): number | undefined {
  return ev?.seq ?? (ctx.final ? ctx.endSeq : undefined);
}
