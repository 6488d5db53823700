/** Words the explanations use to name things (facts, articles, durations, statuses) in French and English. */
import type { Catalog, Fact, Incident } from '../../scenario.js';
import type { TicketStatus } from '../../ticket.js';

/** Lower-cases the first letter of a label used mid-sentence, unless its first word is an acronym or a name (VPN, SW-LYO-2E). */
export function midSentence(label: string): string {
  const first = label.split(/[\s:,]/)[0] ?? '';
  return /^\p{Lu}[\p{Ll}']*$/u.test(first) ? label.charAt(0).toLowerCase() + label.slice(1) : label;
}

export const factFr = (f: Fact) => midSentence(f.label.fr);
export const factEn = (f: Fact) => midSentence(f.label.en ?? f.label.fr);

export function articleName(catalog: Catalog, id: string): string {
  const a = catalog.kb[id];
  return a ? `${id} « ${a.title} »` : id;
}

export function testName(catalog: Catalog, id: string): { fr: string; en: string } {
  const t = catalog.tests[id];
  return { fr: `test « ${t?.label.fr ?? id} »`, en: `test "${t?.label.en ?? t?.label.fr ?? id}"` };
}

/** "4 min 10 s" (virtual time). */
export function duration(ms: number): string {
  const s = Math.round(ms / 1000);
  const m = Math.floor(s / 60);
  const rest = s % 60;
  if (m === 0) return `${rest} s`;
  return rest ? `${m} min ${rest} s` : `${m} min`;
}

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
