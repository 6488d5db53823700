/**
 * A result line ("Reprise : action enregistrée (n° 7).") kept as a message key
 * and its parameters, translated when it is rendered: it follows a language
 * switch instead of staying in the language it was produced in.
 */
import type { TFunction } from 'i18next';

/** A parameter that is itself a message (a command's name, a level, an error code), with the text to show when the key is missing. */
export interface MessageRef { key: string; defaultValue?: string | undefined }

export interface ResultLine {
  key: string;
  params?: Record<string, string | number | MessageRef>;
  tone: 'info' | 'error';
}

export function resultLineText(n: ResultLine | undefined, t: TFunction<'staff'>): string | undefined {
  if (!n) return undefined;
  const params: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(n.params ?? {})) params[k] = typeof v === 'object' ? t(v.key, v.defaultValue !== undefined ? { defaultValue: v.defaultValue } : {}) as string : v;
  return t(n.key, params) as string;
}
