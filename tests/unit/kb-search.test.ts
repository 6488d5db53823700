import { describe, expect, it } from 'vitest';
import { loadCatalogOrThrow } from '../../server/src/catalog/load.js';
import { searchKb } from '../../server/src/domain/kb-search.js';
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
});
