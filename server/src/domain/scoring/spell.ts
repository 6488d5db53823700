/**
 * The French dictionary behind the spelling rule: nspell over dictionary-fr
 * (Hunspell data). Loading it is I/O and takes seconds, so it happens once per
 * process here and the pure rules only ever see `spell(word) => boolean`.
 */
import nspell from 'nspell';

/** True when the word is correctly spelled French. */
export type SpellCheck = (word: string) => boolean;

let loading: Promise<SpellCheck> | undefined;

/** The shared French spell-check; answers are memoised (a drill reuses the same few hundred words). */
export function loadFrenchSpellCheck(): Promise<SpellCheck> {
  loading ??= (async () => {
    // dictionary-fr reads its .aff/.dic files with a top-level await: import it lazily.
    const { default: dictionary } = await import('dictionary-fr');
    const checker = nspell(dictionary);
    return memoise((word) => checker.correct(word));
  })();
  return loading;
}

export function memoise(check: SpellCheck): SpellCheck {
  const known = new Map<string, boolean>();
  return (word) => {
    let ok = known.get(word);
    if (ok === undefined) { ok = check(word); known.set(word, ok); }
    return ok;
  };
}
