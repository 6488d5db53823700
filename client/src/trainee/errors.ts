import type { TFunction } from 'i18next';

/** The trainee-facing text of a refusal: a translated message for known codes, else the server's own. */
export function errorText(t: TFunction, code: string, message: string): string {
  const key = `errors.codes.${code.replace(/[/.]/g, '_')}`;
  const translated = t(key, { defaultValue: '' });
  return translated || message || t('errors.unknown');
}
