/** Numbers and dates in the reader's language, for every screen (no React, no i18next instance: unit tests load it as is). */

/** Numbers are shared with the server's printable report. */
export { formatNumber, formatPercent, formatUnit } from '../../../server/src/domain/text.js';

const locale = (lang: string) => (lang === 'en' ? 'en-GB' : 'fr-FR');

/** A wall-clock moment (ms since the epoch, or an ISO string) as a short date and time: "12/03/2025 14:02", "12/03/2025, 14:02". */
export function formatDateTime(v: number | string, lang: string): string {
  return new Intl.DateTimeFormat(locale(lang), { dateStyle: 'short', timeStyle: 'short' }).format(new Date(v));
}

/** The day of a wall-clock moment, written out: "12 mars 2025", "12 March 2025". */
export function formatDay(v: number | string, lang: string): string {
  return new Intl.DateTimeFormat(locale(lang), { dateStyle: 'long' }).format(new Date(v));
}

/** The time of day of a wall-clock moment: "14:02". */
export function formatTimeOfDay(v: number | string, lang: string): string {
  return new Intl.DateTimeFormat(locale(lang), { timeStyle: 'short' }).format(new Date(v));
}
