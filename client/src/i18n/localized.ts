/** Scenario content (`{fr, en?}` values written by authors) in the reader's language. */
import { frenchTypography } from './typography.js';

/**
 * Picks the text of a `{fr, en?}` value for `lang` (falls back to French).
 * French text goes through the same typography as the UI strings: authors
 * type plain spaces before « : ; ! ? » and inside guillemets.
 */
export function localized(value: { fr: string; en?: string | undefined } | undefined, lang: string): string {
  if (!value) return '';
  return lang === 'en' && value.en ? value.en : frenchTypography(value.fr);
}
