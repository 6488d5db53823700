/** Words the explanations use to name things (facts, articles, durations, statuses) in French and English. */
import type { Catalog, Fact, Incident } from '../../scenario.js';
import { formatNumber, formatUnit } from '../../text.js';
import type { TicketStatus } from '../../ticket.js';

/** Lower-cases the first letter of a label used mid-sentence ("Full-screen page" too), unless its first word is an acronym or a name (VPN, SW-LYO-2E, Wi-Fi). */
export function midSentence(label: string): string {
  const first = label.split(/[\s:,]/)[0] ?? '';
  return /^\p{Lu}[\p{Ll}'-]*$/u.test(first) ? label.charAt(0).toLowerCase() + label.slice(1) : label;
}

export const factFr = (f: Fact) => midSentence(f.label.fr);
export const factEn = (f: Fact) => midSentence(f.label.en ?? f.label.fr);

/** A name quoted in English prose: “…” (French uses « … », whose inner spaces the screens narrow). */
export const quoteEn = (text: string) => `“${text}”`;

/** A KB article by id and title: KB-0003 « … » / KB-0003 “…”. */
export function articleName(catalog: Catalog, id: string): { fr: string; en: string } {
  const a = catalog.kb[id];
  return a ? { fr: `${id} « ${a.title} »`, en: `${id} ${quoteEn(a.title)}` } : { fr: id, en: id };
}

/** A test by its label: test « … » / test “…” (`bare`: without the word, in a list already about tests). */
export function testName(catalog: Catalog, id: string, bare = false): { fr: string; en: string } {
  const t = catalog.tests[id];
  const word = bare ? '' : 'test ';
  return { fr: `${word}« ${t?.label.fr ?? id} »`, en: `${word}${quoteEn(t?.label.en ?? t?.label.fr ?? id)}` };
}

/**
 * A span of virtual time, to the second: "4 min 10 s", and in hours from an hour on ("24 h", "1 h 30 min"),
 * as contract targets are read; numbers and units through the shared formatter (« 1 500 h », "1,500 h").
 */
export function duration(ms: number): { fr: string; en: string } {
  const total = Math.round(ms / 1000);
  const parts: [number, string][] = [[Math.floor(total / 3600), 'h'], [Math.floor((total % 3600) / 60), 'min'], [total % 60, 's']];
  const shown = parts.filter(([n]) => n > 0);
  const text = (lang: string) => (shown.length ? shown : [[0, 's'] as [number, string]]).map(([n, unit]) => formatUnit(n, unit, lang, 0)).join(' ');
  return { fr: text('fr'), en: text('en') };
}

/** A count in each language ("1 440" with a narrow no-break space, "1,440"). */
export const count = (n: number) => ({ fr: formatNumber(n, 'fr', 0), en: formatNumber(n, 'en', 0) });

const STATUS: Record<TicketStatus, { fr: string; en: string }> = {
  new: { fr: 'nouveau', en: 'new' },
  in_progress: { fr: 'en cours', en: 'in progress' },
  pending: { fr: 'en attente', en: 'pending' },
  escalated: { fr: 'escaladé', en: 'escalated' },
  resolved: { fr: 'résolu', en: 'resolved' },
  closed: { fr: 'clos', en: 'closed' },
  cancelled: { fr: 'annulé', en: 'cancelled' },
};
export const statusName = (s: TicketStatus) => STATUS[s];

export function callerName(catalog: Catalog, callerId: string): string {
  return catalog.personas[callerId]?.name ?? callerId;
}

export const requiredFacts = (inc: Incident) => inc.facts.filter((f) => f.required);
export const relevantTests = (inc: Incident) => inc.tests.filter((t) => t.relevant).map((t) => t.test);
