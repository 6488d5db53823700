/** Numbers in the reader's language, for every screen (no React, no i18next instance: unit tests load it as is). */

/** A number in the reader's language: "5,83" in French, "5.83" in English (at most `digits` decimals; French groups with a narrow no-break space). */
export function formatNumber(n: number, lang: string, digits = 2): string {
  return new Intl.NumberFormat(lang === 'en' ? 'en-GB' : 'fr-FR', { maximumFractionDigits: digits }).format(n).replace(/\u00a0/g, '\u202f');
}
