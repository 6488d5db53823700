/**
 * Pure text checks for written work: which words of a note the dictionary
 * rejects, and what a note's parts look like. Words a spell-checker cannot fairly
 * judge are skipped: anything with a capital or a digit (Outlook, VPN, PC-LYO-0118,
 * 0x80070005), paths and addresses, text quoted verbatim (error messages are
 * copied, not written), and the lower-case technical lexicon of the rubric.
 */
import type { SpellCheck } from './spell.js';

const QUOTED = /«[^»]*»|"[^"]*"|“[^”]*”/g;
/** Tokens: letters with inner apostrophes or hyphens; everything else separates words. */
const WORD = /[\p{L}\p{N}_./\\@:]+(?:['’-][\p{L}\p{N}_./\\@:]+)*/gu;
const ELISION = /^(?:l|d|j|m|n|s|t|c|qu|jusqu|lorsqu|puisqu|quoiqu)'/;

function isSkipped(word: string): boolean {
  return /[\p{Lu}\p{N}]/u.test(word) || /[_./\\@:]/.test(word);
}

function wordIsKnown(word: string, spell: SpellCheck, lexicon: ReadonlySet<string>): boolean {
  if (lexicon.has(word) || spell(word)) return true;
  const bare = word.replace(ELISION, '');
  if (bare !== word && (bare.length === 0 || lexicon.has(bare) || spell(bare))) return true;
  // "est-ce", "a-t-il": every part correct is enough.
  if (word.includes('-')) return word.split('-').every((part) => part.length === 0 || part === 't' || lexicon.has(part) || spell(part));
  return false;
}

/** Misspelled words of a text, in order of first appearance, each once. */
export function misspelledWords(text: string, spell: SpellCheck, lexicon: ReadonlySet<string>): string[] {
  const out: string[] = [];
  const unquoted = text.replace(QUOTED, ' ');
  for (const match of unquoted.matchAll(WORD)) {
    // Sentence punctuation glued to a word is not part of it; dots inside a token (a path, a host name) are.
    const word = match[0].replace(/’/g, "'").replace(/[.:]+$/, '').replace(/^['-]+|['-]+$/g, '');
    if (word.length < 2 || isSkipped(word)) continue;
    if (!wordIsKnown(word, spell, lexicon) && !out.includes(word)) out.push(word);
  }
  return out;
}

/** Count of words (for "is this part of the note more than a shrug?"). */
export function wordCount(text: string): number {
  return (text.match(/[\p{L}\p{N}]+/gu) ?? []).length;
}

/** Lower-cased words, accents kept, for jargon matching. */
export function lowerWords(text: string): string[] {
  return (text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []);
}
