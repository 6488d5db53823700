/** Random identifiers for stored records: a prefix naming the kind and 12 base-32 characters (60 bits). */
import { randomBytes } from 'node:crypto';

const ALPHABET = 'abcdefghijkmnpqrstuvwxyz23456789';

export function newId(prefix: 'usr' | 'cls' | 'ses'): string {
  const bytes = randomBytes(12);
  let s = '';
  for (const b of bytes) s += ALPHABET[b % 32];
  return `${prefix}_${s}`;
}
