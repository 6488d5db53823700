import { describe, expect, it } from 'vitest';
import { loadCatalogOrThrow } from '../../server/src/catalog/load.js';
import { foldText, searchKb } from '../../server/src/domain/kb-search.js';
import type { Catalog, KbArticle } from '../../server/src/domain/scenario.js';
import { fixtureCatalog } from './domain-fixture.js';

describe('knowledge-base search', () => {
  const c = fixtureCatalog();

  it('ignores accents and case, and ranks keyword hits above body hits', () => {
    expect(searchKb(c, 'BOURRAGE').map((a) => a.id)).toEqual(['KB-0001']);
    expect(searchKb(c, 'pilote corrompu').map((a) => a.id)[0]).toBe('KB-0002');
    // "imprimante" is a keyword of both: ties are broken by id, so results are deterministic.
    expect(searchKb(c, 'imprimânte').map((a) => a.id)).toEqual(['KB-0001', 'KB-0002']);
  });

  it('matches word prefixes of four letters or more, and nothing for empty or tiny queries', () => {
    expect(searchKb(c, 'bourr').map((a) => a.id)).toEqual(['KB-0001']);
    expect(searchKb(c, 'de la')).toEqual([]);
    expect(searchKb(c, 'zzzz')).toEqual([]);
  });

  it('in the library, the first keyword of every L1 article finds that article among the first results', () => {
    const lib = loadCatalogOrThrow();
    for (const inc of Object.values(lib.incidents)) {
      const r = inc.truth.resolution;
      const target = r.kbArticles[0];
      if (!target) continue;
      const query = lib.kb[target]!.keywords[0] ?? lib.kb[target]!.title;
      expect(searchKb(lib, query).slice(0, 3).map((a) => a.id), `${inc.id}: "${query}"`).toContain(target);
    }
  });

  it('in the library, gives exactly what scanning every article\'s words gives, for every word and prefix of the base', () => {
    const lib = loadCatalogOrThrow();
    const vocabulary = new Set<string>();
    for (const a of Object.values(lib.kb)) for (const w of words(`${a.title} ${a.keywords.join(' ')} ${a.symptoms} ${a.cause}`)) vocabulary.add(w);
    const queries = [...vocabulary].flatMap((w) => [w, w.slice(0, 3), w.slice(0, 4), w.slice(0, 6)]);
    // Pairs of words too, so scores add up across query words.
    const list = [...vocabulary];
    for (let i = 0; i + 7 < list.length; i += 7) queries.push(`${list[i]} ${list[i + 7]!.slice(0, 5)}`, `${list[i]!.toUpperCase()} et ${list[i + 3]}`);
    expect(queries.length).toBeGreaterThan(1000);
    for (const q of queries) expect(searchKb(lib, q, 20).map((a) => a.id), q).toEqual(scanSearch(lib, q, 20).map((a) => a.id));
  });
});

const words = (s: string) => foldText(s).split(/[^a-z0-9]+/).filter((w) => w.length >= 2);

const foldedOf = new WeakMap<Catalog, { a: KbArticle; keys: string[]; title: string[]; body: string[] }[]>();
const folded = (c: Catalog) => foldedOf.get(c) ?? foldedOf.set(c, Object.values(c.kb).map((a) => ({ a, keys: a.keywords.flatMap(words), title: words(a.title), body: words(`${a.symptoms} ${a.cause}`) }))).get(c)!;

/** The reference: every article's words scanned for every query word (what the index must reproduce). */
function scanSearch(catalog: Catalog, query: string, limit: number): KbArticle[] {
  const q = [...new Set(words(query))].filter((w) => w.length >= 3 || /\d/.test(w));
  const hit = (list: string[], w: string) => list.some((x) => x === w || (w.length >= 4 && x.startsWith(w)));
  const scored: { a: KbArticle; score: number }[] = [];
  for (const { a, keys, title, body } of folded(catalog)) {
    let score = 0;
    for (const w of q) score += (hit(keys, w) ? 3 : 0) + (hit(title, w) ? 2 : 0) + (hit(body, w) ? 1 : 0);
    if (score > 0) scored.push({ a, score });
  }
  return scored.sort((x, y) => y.score - x.score || x.a.id.localeCompare(y.a.id)).slice(0, limit).map((x) => x.a);
}
