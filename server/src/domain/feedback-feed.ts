/**
 * A trainee's feedback travels as patches. The list is rebuilt by every
 * scoring pass but changes only near its end (evidence comes in case arrival
 * order), so a push carries what follows the part both sides already hold
 * rather than the whole list, which grows to hundreds of kilobytes in an hour.
 *
 * Each list the server sends has a version; a patch names the version it
 * applies to (`base`), so a client that missed one or joined in between
 * notices it and asks for the whole list again instead of showing a wrong one.
 * Pure: shared by the server (diff) and the client (apply).
 */
import type { Evidence } from './scoring/types.js';

export interface FeedbackPatch {
  /** The version this patch applies to; 0: it replaces whatever the client holds. */
  base: number;
  /** The version of the list after applying it. */
  version: number;
  /** How many items of the base list to keep, from its start. */
  keep: number;
  /** Items to append after the kept ones. */
  add: Evidence[];
}

export interface HeldFeedback { version: number; items: readonly Evidence[] }

export function sameEvidence(a: Evidence, b: Evidence): boolean {
  return a === b || (a.eventSeq === b.eventSeq && a.criterionId === b.criterionId && a.rule === b.rule && a.points === b.points
    && a.max === b.max && a.traineeId === b.traineeId && a.ticketId === b.ticketId && a.contactId === b.contactId
    && a.explanation.fr === b.explanation.fr && a.explanation.en === b.explanation.en);
}

/** The patch turning `held` into `next`, or undefined when they are equal. */
export function diffFeedback(held: HeldFeedback, next: readonly Evidence[], version: number): FeedbackPatch | undefined {
  const prev = held.items;
  let keep = 0;
  const shortest = Math.min(prev.length, next.length);
  while (keep < shortest && sameEvidence(prev[keep]!, next[keep]!)) keep++;
  if (keep === prev.length && keep === next.length) return undefined;
  return { base: held.version, version, keep, add: next.slice(keep) };
}

export const fullFeedback = (held: HeldFeedback): FeedbackPatch => ({ base: 0, version: held.version, keep: 0, add: [...held.items] });

/** The list after the patch, or undefined when the patch does not apply to what is held (ask for the whole list). */
export function applyFeedbackPatch(held: HeldFeedback | undefined, p: FeedbackPatch): HeldFeedback | undefined {
  if (p.base === 0) return { version: p.version, items: p.add };
  if (!held || held.version !== p.base || p.keep > held.items.length) return undefined;
  return { version: p.version, items: [...held.items.slice(0, p.keep), ...p.add] };
}
