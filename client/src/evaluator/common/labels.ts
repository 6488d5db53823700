/**
 * Pure helpers for the staff screens: catalogue labels instead of raw ids,
 * numbers in the reader's language, and French elision of "de".
 * No React and no i18next instance here, so unit tests can load them as is.
 */
import { formatNumber, formatPercent, formatUnit } from '../../i18n/numbers.js';
import { frenchTypography } from '../../i18n/typography.js';

export { formatNumber, formatPercent, formatUnit };

export type Loc = { fr: string; en?: string | undefined };
const pick = (v: Loc | undefined, lang: string): string | undefined => (v ? (lang === 'en' && v.en ? v.en : v.fr) : undefined);

/** Labels by id, per kind of catalogue entry, already in the reader's language. */
export interface StaffLabels {
  /** User ids (trainees, trainers, evaluators) → display name. */
  people: Record<string, string>;
  questions: Record<string, string>;
  tests: Record<string, string>;
  groups: Record<string, string>;
  categories: Record<string, string>;
  causes: Record<string, string>;
  facts: Record<string, string>;
  impact: Record<string, string>;
  urgency: Record<string, string>;
  priority: Record<string, string>;
}

export const emptyLabels = (): StaffLabels => ({ people: {}, questions: {}, tests: {}, groups: {}, categories: {}, causes: {}, facts: {}, impact: {}, urgency: {}, priority: {} });

/** The reference catalogue as GET /api/catalog serves it (only the parts the staff screens label with). */
export interface CatalogLabelsSource {
  questions?: { id: string; text: Loc }[];
  tests?: { id: string; label: Loc }[];
  categories?: { id: string; label: Loc }[];
  groups?: { id: string; name: Loc | string }[];
  contracts?: Record<string, { impact?: { id: string; label: Loc }[]; urgency?: { id: string; label: Loc }[]; priorities?: Record<string, { label: Loc }> }>;
}

/** Contacts as the staff view carries them: the causes offered and the facts revealed, with their labels. */
export interface ContactLabelsSource { causes?: { id: string; label: Loc }[]; facts?: { id: string; label: Loc }[] }

const byId = (l: { id: string; label: Loc }[] | undefined, lang: string) => Object.fromEntries((l ?? []).map((x) => [x.id, pick(x.label, lang) ?? x.id]));

export function catalogLabels(cat: CatalogLabelsSource | undefined, contractId: string | undefined, lang: string, into: StaffLabels = emptyLabels()): StaffLabels {
  if (!cat) return into;
  Object.assign(into.questions, byId(cat.questions?.map((q) => ({ id: q.id, label: q.text })), lang));
  Object.assign(into.tests, byId(cat.tests, lang));
  Object.assign(into.categories, byId(cat.categories, lang));
  for (const g of cat.groups ?? []) into.groups[g.id] = typeof g.name === 'string' ? g.name : pick(g.name, lang) ?? g.id;
  const contract = contractId ? cat.contracts?.[contractId] : undefined;
  if (contract) {
    Object.assign(into.impact, byId(contract.impact, lang));
    Object.assign(into.urgency, byId(contract.urgency, lang));
    for (const [id, p] of Object.entries(contract.priorities ?? {})) into.priority[id] = pick(p.label, lang) ?? id;
  }
  return into;
}

/** Adds the cause and fact labels carried by contacts of a staff view. */
export function contactLabels(contacts: Iterable<ContactLabelsSource>, lang: string, into: StaffLabels): StaffLabels {
  for (const c of contacts) {
    Object.assign(into.causes, byId(c.causes, lang));
    Object.assign(into.facts, byId(c.facts, lang));
  }
  return into;
}

/**
 * Contact ids embed the trainee's user id ("usr_abc-C001"): the part after it
 * is what a reader needs ("C001"). Ticket ids ("INC-0003") are kept.
 */
export function shortId(id: string): string {
  const m = /^usr_[A-Za-z0-9_]+-(.+)$/.exec(id);
  return m ? m[1]! : id;
}

/** Does French elide "de" before this word? Vowels, mute h, "y" before a consonant (Yves, not Yann). */
const H_ASPIRE = /^h(a(ch|ll|m|nd|ng|r|ut)|ér[io]|ibou|ock|oll|ong|ors|ub|uit|url)/i;
export function elides(word: string): boolean {
  const w = word.trim();
  const first = w.charAt(0).toLowerCase();
  if (!first) return false;
  if ('aeiouàâäéèêëîïôöùûüœæ'.includes(first)) return true;
  if (first === 'h') return !H_ASPIRE.test(w);
  if (first === 'y') return !'aeiouéèê'.includes(w.charAt(1).toLowerCase()) && w.length > 1;
  return false;
}

/** "de Bruno" / "d'Alice": French "de" before a name, elided when it must be. */
export function deName(name: string): string {
  return elides(name) ? `d'${name}` : `de ${name}`;
}

const NBSP_NARROW = '\u202f';


/** "5,83 / 9" or "0,5/1" (points over the maximum). */
export function formatScore(points: number, max: number, lang: string, spaced = true, digits = 2): string {
  return `${formatNumber(points, lang, digits)}${spaced ? ' / ' : '/'}${formatNumber(max, lang, digits)}`;
}

/** The separator between a series name and its value in chart tooltips: "Score: 80%" / "Score : 80 %". */
export function tooltipSeparator(lang: string): string {
  return lang === 'en' ? ': ' : `${NBSP_NARROW}: `;
}

/** French typography for text built in code (no-op in English). */
export function typo(text: string, lang: string): string {
  return lang === 'en' ? text : frenchTypography(text);
}

/**
 * How a session is named: the trainer's name for it when they gave one (« BTS SIO groupe B — matin »), with the
 * drill's title beside it (`drill`); otherwise the drill's title alone, as before names existed.
 */
export function sessionNaming(name: string | undefined, drillTitle: string): { label: string; drill: string | undefined } {
  return name ? { label: name, drill: drillTitle } : { label: drillTitle, drill: undefined };
}

/** The status to show for a session: one stopped before it ever started was cancelled (`sessionStatus.cancelled`). */
export const sessionStatusKey = (s: { status: string; cancelled?: boolean | undefined }): string => (s.cancelled ? 'cancelled' : s.status);
