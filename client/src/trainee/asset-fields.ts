/**
 * Names of asset (CI) fields. The server and the scoring keep the raw keys
 * ("status", "serial"…); the trainee reads and may type the translated name,
 * which is mapped back to its key before it is sent.
 */
type Translate = (key: string, options?: Record<string, unknown>) => string;

const BASE = new Set(['status', 'owner', 'location', 'site', 'model']);

/** The name shown for a field key: a translation when there is one, the key itself otherwise. */
export function assetFieldLabel(t: Translate, key: string): string {
  return t(BASE.has(key) ? `assets.${key}` : `assetField.${key}`, { defaultValue: key });
}

/** The key to send for what was typed: a known field's key when its name (or key) was typed, else the text as is. */
export function assetFieldKey(t: Translate, typed: string, keys: readonly string[]): string {
  const text = typed.trim();
  const norm = (s: string) => s.normalize('NFC').toLocaleLowerCase();
  return keys.find((k) => norm(k) === norm(text) || norm(assetFieldLabel(t, k)) === norm(text)) ?? text;
}
