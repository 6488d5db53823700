/** The spell-check of written work: what is skipped, what is flagged, with the real French dictionary. */
import { beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { readLexicon, RUBRIC_DIR } from '../../server/src/domain/scoring/rubric.js';
import { loadFrenchSpellCheck, memoise, type SpellCheck } from '../../server/src/domain/scoring/spell.js';
import { misspelledWords, wordCount } from '../../server/src/domain/scoring/text.js';

const lexicon = new Set(readLexicon(join(RUBRIC_DIR, 'lexicon.yaml')).words);

describe('misspelledWords (pure, with a stand-in dictionary)', () => {
  const known = new Set(['le', 'poste', 'est', 'redémarré', 'la', 'file', 'vidée', 'ce', 'l', 'imprimante', 'fonctionne', 'de', 'nouveau']);
  const spell: SpellCheck = (w) => known.has(w.toLowerCase());

  it('flags unknown words once each, in order', () => {
    expect(misspelledWords('Le poste est redemaré, la file vidé, le poste est redemaré.', spell, new Set())).toEqual(['redemaré', 'vidé']);
  });

  it('skips words with capitals or digits, paths and addresses, quoted messages and the lexicon', () => {
    const text = 'Outlook et VPN sur PC-LYO-0118 : « Erreur 0x80070005 accès refusé » ; voir C:\\Windows\\spool et https://intranet.local/page. spouleur';
    expect(misspelledWords(text, spell, lexicon)).toEqual(['et', 'sur', 'voir']);
  });

  it('accepts elisions and hyphenated words when their parts are known', () => {
    expect(misspelledWords("L'imprimante fonctionne de nouveau, est-ce le poste ?", spell, new Set())).toEqual([]);
  });

  it('counts words for the structure rule', () => {
    expect(wordCount("L'imprimante fonctionne de nouveau.")).toBe(5);
    expect(wordCount(' ? ')).toBe(0);
  });

  it('memoise asks the dictionary once per word', () => {
    let calls = 0;
    const check = memoise((w) => { calls++; return w === 'ok'; });
    check('ok'); check('ok'); check('ko');
    expect(calls).toBe(2);
  });
});

describe('the real French dictionary (nspell + dictionary-fr)', () => {
  let spell: SpellCheck;
  beforeAll(async () => { spell = await loadFrenchSpellCheck(); });

  it('passes a correct technician note', () => {
    const note = "Session impossible à ouvrir depuis ce matin. Mot de passe expiré ; identité vérifiée auprès de l'utilisatrice, puis mot de passe réinitialisé. L'utilisatrice a pu se reconnecter, est-ce bien résolu ? Oui.";
    expect(misspelledWords(note, spell, lexicon)).toEqual([]);
  });

  it('flags a novice note, word by word', () => {
    expect(misspelledWords('pb resolu, jai redemarer le pc de lutilisateur', spell, lexicon)).toEqual(['pb', 'resolu', 'jai', 'redemarer', 'lutilisateur']);
  });

  it('knows the lexicon words only through the lexicon', () => {
    expect(spell('spouleur')).toBe(false);
    expect(misspelledWords('Le spouleur est relancé.', spell, lexicon)).toEqual([]);
  });
});
