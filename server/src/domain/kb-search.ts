/** Knowledge-base search: accent- and case-insensitive word matching, ranked by where words hit. */
import type { Catalog, KbArticle } from './scenario.js';

export const foldText = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
const words = (s: string) => foldText(s).split(/[^a-z0-9]+/).filter((w) => w.length >= 2);

interface IndexedArticle { a: KbArticle; keys: string[]; title: string[]; body: string[] }

/**
 * Folded words of each article, computed once per catalogue: normalising every
 * article on every query was a visible share of the server's CPU under load.
 * The catalogue's `kb` record is the cache key, so a reloaded catalogue gets a fresh index.
 */
const indexes = new WeakMap<Catalog['kb'], IndexedArticle[]>();
function indexOf(kb: Catalog['kb']): IndexedArticle[] {
  let index = indexes.get(kb);
  if (!index) {
    index = Object.values(kb).map((a) => ({ a, keys: a.keywords.flatMap(words), title: words(a.title), body: words(`${a.symptoms} ${a.cause}`) }));
    indexes.set(kb, index);
  }
  return index;
}

/** Articles matching the query, best first (ties by id so results are deterministic). */
export function searchKb(catalog: Catalog, query: string, limit = 10): KbArticle[] {
  const q = [...new Set(words(query))].filter((w) => w.length >= 3 || /\d/.test(w));
  if (q.length === 0) return [];
  const scored: { a: KbArticle; score: number }[] = [];
  for (const { a, keys, title, body } of indexOf(catalog.kb)) {
    let score = 0;
    for (const w of q) {
      const hit = (list: string[]) => list.some((x) => x === w || (w.length >= 4 && x.startsWith(w)));
      if (hit(keys)) score += 3;
      if (hit(title)) score += 2;
      if (hit(body)) score += 1;
    }
    if (score > 0) scored.push({ a, score });
  }
  return scored.sort((x, y) => y.score - x.score || x.a.id.localeCompare(y.a.id)).slice(0, limit).map((x) => x.a);
}
