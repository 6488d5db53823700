/** Knowledge-base search: accent- and case-insensitive word matching, ranked by where words hit. */
import type { Catalog, KbArticle } from './scenario.js';

export const foldText = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
const words = (s: string) => foldText(s).split(/[^a-z0-9]+/).filter((w) => w.length >= 2);

/** Where a word occurs in one article, as a bit mask (the ranking weighs keywords, then title, then body). */
const KEYWORD = 1, TITLE = 2, BODY = 4;
const WEIGHTS: readonly [number, number][] = [[KEYWORD, 3], [TITLE, 2], [BODY, 1]];

/** An inverted index: each folded word, the articles it occurs in (with where); the words sorted for prefix ranges. */
interface KbIndex { articles: KbArticle[]; postings: Map<string, Map<number, number>>; vocabulary: string[] }

/**
 * Built once per catalogue: scanning every article's words on every query was a visible share of the
 * server's CPU under load. The catalogue's `kb` record is the cache key, so a reloaded catalogue gets a fresh index.
 */
const indexes = new WeakMap<Catalog['kb'], KbIndex>();
function indexOf(kb: Catalog['kb']): KbIndex {
  let index = indexes.get(kb);
  if (!index) {
    const articles = Object.values(kb);
    const postings = new Map<string, Map<number, number>>();
    const note = (word: string, i: number, field: number) => {
      let at = postings.get(word);
      if (!at) postings.set(word, (at = new Map()));
      at.set(i, (at.get(i) ?? 0) | field);
    };
    articles.forEach((a, i) => {
      for (const w of a.keywords.flatMap(words)) note(w, i, KEYWORD);
      for (const w of words(a.title)) note(w, i, TITLE);
      for (const w of words(`${a.symptoms} ${a.cause}`)) note(w, i, BODY);
    });
    index = { articles, postings, vocabulary: [...postings.keys()].sort() };
    indexes.set(kb, index);
  }
  return index;
}

/** Index words that a query word hits: itself, and from four letters on every word it begins. */
function hitWords(index: KbIndex, w: string): string[] {
  if (w.length < 4) return index.postings.has(w) ? [w] : [];
  const v = index.vocabulary;
  let lo = 0, hi = v.length;
  while (lo < hi) { const mid = (lo + hi) >> 1; if (v[mid]! < w) lo = mid + 1; else hi = mid; }
  const out: string[] = [];
  for (let i = lo; i < v.length && v[i]!.startsWith(w); i++) out.push(v[i]!);
  return out;
}

/** Articles matching the query, best first (ties by id so results are deterministic). */
export function searchKb(catalog: Catalog, query: string, limit = 10): KbArticle[] {
  const q = [...new Set(words(query))].filter((w) => w.length >= 3 || /\d/.test(w));
  if (q.length === 0) return [];
  const index = indexOf(catalog.kb);
  const scores = new Map<number, number>();
  for (const w of q) {
    // Each query word counts once per field of an article, however many of its words it hits there.
    const fields = new Map<number, number>();
    for (const hit of hitWords(index, w)) for (const [i, f] of index.postings.get(hit)!) fields.set(i, (fields.get(i) ?? 0) | f);
    for (const [i, f] of fields) {
      let add = 0;
      for (const [bit, weight] of WEIGHTS) if (f & bit) add += weight;
      scores.set(i, (scores.get(i) ?? 0) + add);
    }
  }
  return [...scores].map(([i, score]) => ({ a: index.articles[i]!, score }))
    .sort((x, y) => y.score - x.score || x.a.id.localeCompare(y.a.id)).slice(0, limit).map((x) => x.a);
}
