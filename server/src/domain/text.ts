/**
 * Text in the reader's language, shared by the client's screens and the
 * server's printable report (pure: no i18next, no DOM), so both follow the
 * same French typography and number formats.
 */

/**
 * French typography: a narrow no-break space before « : ; ! ? » and inside
 * guillemets, so translators can type plain spaces in the JSON files.
 */
export function frenchTypography(text: string): string {
  return text
    .replace(/ ([:;!?»])/g, '\u202f$1')
    .replace(/« /g, '«\u202f');
}

/**
 * Picks the text of a `{fr, en?}` value (scenario content written by authors) for `lang` (falls back to
 * French). French text goes through the same typography as the UI strings: authors type plain spaces before
 * « : ; ! ? » and inside guillemets.
 */
export function localized(value: { fr: string; en?: string | undefined } | undefined, lang: string): string {
  if (!value) return '';
  return lang === 'en' && value.en ? value.en : frenchTypography(value.fr);
}

/** A number in the reader's language: "5,83" in French, "5.83" in English (at most `digits` decimals; French groups with a narrow no-break space). */
export function formatNumber(n: number, lang: string, digits = 2): string {
  return new Intl.NumberFormat(lang === 'en' ? 'en-GB' : 'fr-FR', { maximumFractionDigits: digits }).format(n).replace(/\u00a0/g, '\u202f');
}

const NNBSP = '\u202f';

/** A number with its unit: "1,05 min" with a narrow no-break space in French, "1.05 min" in English (percentages: formatPercent). */
export function formatUnit(n: number, unit: string, lang: string, digits = 2): string {
  if (unit === '%') return formatPercent(n, lang, digits);
  return `${formatNumber(n, lang, digits)}${lang === 'en' ? ' ' : NNBSP}${unit}`;
}

/** A percentage: "83 %" with a narrow no-break space in French, "83%" in English. */
export function formatPercent(n: number, lang: string, digits = 2): string {
  return `${formatNumber(n, lang, digits)}${lang === 'en' ? '' : NNBSP}%`;
}
