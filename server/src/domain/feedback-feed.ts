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

/** Same item key (`evidenceKey`) without building the key strings. */
const sameKey = (a: Evidence, b: Evidence) =>
  (a.contactId ?? a.ticketId ?? '') === (b.contactId ?? b.ticketId ?? '') && a.rule === b.rule && a.criterionId === b.criterionId;

/**
 * Pairs each item of `next` with the item of `prev` under the same key, if any, and returns the items of
 * `prev` left unpaired, by key. Both lists come from scoring passes in the same order (cases, then rules,
 * then criteria), so the walk pairs them position by position while the keys line up and keys only the rest
 * (a case that gained or lost items): live scoring does this after every few actions, and keying whole lists
 * was a large share of what it allocated. Keys are unique within a list, so no walked key reappears later.
 */
function pairByKey(prev: readonly Evidence[], next: readonly Evidence[], visit: (was: Evidence | undefined, k: number) => void): Map<string, Evidence> {
  let i = 0;
  for (; i < prev.length && i < next.length && sameKey(prev[i]!, next[i]!); i++) visit(prev[i], i);
  const rest = new Map<string, Evidence>();
  for (let k = i; k < prev.length; k++) rest.set(evidenceKey(prev[k]!), prev[k]!);
  for (let k = i; k < next.length; k++) {
    const key = evidenceKey(next[k]!);
    visit(rest.get(key), k);
    rest.delete(key);
  }
  return rest;
}

/** The patch turning `held` into `next`, or undefined when they hold the same items. */
export function diffFeedback(held: HeldFeedback, next: readonly Evidence[], version: number): FeedbackPatch | undefined {
  const set: Evidence[] = [];
  const gone = pairByKey(held.items, next, (was, k) => { if (!was || !sameEvidence(was, next[k]!)) set.push(next[k]!); });
  const drop = [...gone.keys()];
  if (set.length === 0 && drop.length === 0) return undefined;
  return { base: held.version, version, set, drop };
}

export const fullFeedback = (held: HeldFeedback): FeedbackPatch => ({ base: 0, version: held.version, set: [...held.items], drop: [] });

/**
 * The list after the patch, or undefined when the patch does not apply to what is held (ask for the whole list).
 * A patch older than the list held (its version is not above it) is already in it: a server's versions only grow,
 * so a whole list sent after a patch includes it, even when the patch arrives late (a join's answer overtaking a
 * push). A whole list always applies (a restarted server numbers its lists again from 1).
 */
export function applyFeedbackPatch(held: HeldFeedback | undefined, p: FeedbackPatch): HeldFeedback | undefined {
  if (p.base === 0) return { version: p.version, items: p.set };
  if (held && p.version <= held.version) return held;
  if (!held || held.version !== p.base) return undefined;
  // A Map keeps the position of a key that is set again: changed items stay where they were.
  const items = new Map(held.items.map((e) => [evidenceKey(e), e]));
  for (const e of p.set) items.set(evidenceKey(e), e);
  for (const k of p.drop) items.delete(k);
  return { version: p.version, items: [...items.values()] };
}
