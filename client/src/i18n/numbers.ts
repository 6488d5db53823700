/** Numbers and dates in the reader's language, for every screen (no React, no i18next instance: unit tests load it as is). */

const locale = (lang: string) => (lang === 'en' ? 'en-GB' : 'fr-FR');

/** A number in the reader's language: "5,83" in French, "5.83" in English (at most `digits` decimals; French groups with a narrow no-break space). */
export function formatNumber(n: number, lang: string, digits = 2): string {
  return new Intl.NumberFormat(locale(lang), { maximumFractionDigits: digits }).format(n).replace(/\u00a0/g, '\u202f');
}

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
