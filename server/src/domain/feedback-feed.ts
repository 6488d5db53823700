/**
 * A trainee's feedback travels as patches. Each scoring pass rebuilds the
 * list, but from one pass to the next only a few items change: those of the
 * cases the trainee just worked on, and judgements that follow the clock (an
 * open ticket's "not resolved after 3 h 10 min"), wherever they sit in the
 * list. So a push carries the items that are new or changed, by key, and the
 * keys that are gone, rather than the whole list (hundreds of kilobytes after
 * an hour).
 *
 * Each list the server sends has a version; a patch names the version it
 * applies to (`base`), so a client that missed one or joined in between
 * notices it and asks for the whole list again instead of showing a wrong one.
 * Pure: shared by the server (diff) and the client (apply).
 */
import type { Evidence } from './scoring/types.js';

export interface FeedbackPatch {
  /** The version this patch applies to; 0: `set` is the whole list and replaces whatever the client holds. */
  base: number;
  /** The version of the list after applying it. */
  version: number;
  /** Items new or changed since the base version (replaced in place by key, new ones appended). */
  set: Evidence[];
  /** Keys (`evidenceKey`) of the items gone since the base version. */
  drop: string[];
}

export interface HeldFeedback { version: number; items: readonly Evidence[] }

/** A rule judges a case once and fans out per criterion: contact, rule and criterion name an item. */
export const evidenceKey = (e: Evidence) => `${e.contactId ?? e.ticketId ?? ''}|${e.rule}|${e.criterionId}`;

export function sameEvidence(a: Evidence, b: Evidence): boolean {
  return a === b || (a.eventSeq === b.eventSeq && a.criterionId === b.criterionId && a.rule === b.rule && a.points === b.points
    && a.max === b.max && a.traineeId === b.traineeId && a.ticketId === b.ticketId && a.contactId === b.contactId
    && a.explanation.fr === b.explanation.fr && a.explanation.en === b.explanation.en);
}

/** The patch turning `held` into `next`, or undefined when they hold the same items. */
export function diffFeedback(held: HeldFeedback, next: readonly Evidence[], version: number): FeedbackPatch | undefined {
  const before = new Map(held.items.map((e) => [evidenceKey(e), e]));
  const set: Evidence[] = [];
  for (const e of next) {
    const key = evidenceKey(e);
    const old = before.get(key);
    if (!old || !sameEvidence(old, e)) set.push(e);
    before.delete(key);
  }
  const drop = [...before.keys()];
  if (set.length === 0 && drop.length === 0) return undefined;
  return { base: held.version, version, set, drop };
}

export const fullFeedback = (held: HeldFeedback): FeedbackPatch => ({ base: 0, version: held.version, set: [...held.items], drop: [] });

/** The list after the patch, or undefined when the patch does not apply to what is held (ask for the whole list). */
export function applyFeedbackPatch(held: HeldFeedback | undefined, p: FeedbackPatch): HeldFeedback | undefined {
  if (p.base === 0) return { version: p.version, items: p.set };
  if (!held || held.version !== p.base) return undefined;
  // A Map keeps the position of a key that is set again: changed items stay where they were.
  const items = new Map(held.items.map((e) => [evidenceKey(e), e]));
  for (const e of p.set) items.set(evidenceKey(e), e);
  for (const k of p.drop) items.delete(k);
  return { version: p.version, items: [...items.values()] };
}
