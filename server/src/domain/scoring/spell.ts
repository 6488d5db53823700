/**
 * The French dictionary behind the spelling rule: nspell over dictionary-fr
 * (Hunspell data). Loading it is I/O and takes seconds, so it happens once per
 * process here and the pure rules only ever see `spell(word) => boolean`.
 */
import { Worker } from 'node:worker_threads';

/** True when the word is correctly spelled French. */
export type SpellCheck = (word: string) => boolean;

let loading: Promise<SpellCheck> | undefined;

/**
 * The shared French spell-check; answers are memoised (a drill reuses the same few hundred words).
 * The dictionary is held by a worker thread (see spell-worker.mjs) and queried synchronously:
 * the pure rules need a plain `(word) => boolean`, and a new word costs one round trip.
 */
export function loadFrenchSpellCheck(): Promise<SpellCheck> {
  loading ??= new Promise<SpellCheck>((resolve, reject) => {
    const worker = new Worker(new URL('./spell-worker.mjs', import.meta.url));
    worker.once('error', reject);
    worker.once('message', () => {
      worker.unref();
      const shared = new SharedArrayBuffer(8);
      const cell = new Int32Array(shared);
      resolve(memoise((word) => {
        Atomics.store(cell, 0, 0);
        worker.postMessage({ word, shared });
        // Bounded wait: a dead worker must not hang the server, nor may a guess slip into a score.
        if (Atomics.wait(cell, 0, 0, 5_000) === 'timed-out') throw new Error(`the French spell-check worker did not answer for "${word}"`);
        return Atomics.load(cell, 1) === 1;
      }));
    });
  });
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
