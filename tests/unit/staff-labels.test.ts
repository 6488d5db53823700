/**
 * Staff screens' text helpers, with the real locale files: French elision of
 * "de", numbers in the reader's language, event descriptions that name
 * catalogue entries and people instead of showing ids, and the staff wording
 * of session modes and statuses aligned on the trainee's.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import i18next, { type PostProcessorModule, type TFunction } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import type { SessionEvent } from '../../server/src/domain/events.js';
import { frenchTypography } from '../../client/src/i18n/typography.js';
import { actorName, cancellingStops, describeEvent } from '../../client/src/evaluator/common/events.js';
import { localized } from '../../client/src/i18n/localized.js';
import { catalogLabels, contactLabels, deName, elides, emptyLabels, formatNumber, formatPercent, formatScore, formatUnit, shortId, tooltipSeparator } from '../../client/src/evaluator/common/labels.js';
import { resultLineText } from '../../client/src/evaluator/common/result-line.js';
import { realCatalog } from '../integration/support/server.js';

const LOCALES = join(import.meta.dirname, '../../client/src/i18n/locales');
const load = (lang: string, ns: string) => JSON.parse(readFileSync(join(LOCALES, lang, `${ns}.json`), 'utf8')) as Record<string, unknown>;
/** A locale file's strings by dotted key. */
const entries = (obj: Record<string, unknown>, prefix = ''): [string, string][] =>
  Object.entries(obj).flatMap(([k, v]) => (v && typeof v === 'object' ? entries(v as Record<string, unknown>, `${prefix}${k}.`) : [[`${prefix}${k}`, String(v)] as [string, string]]));
const keys = (obj: Record<string, unknown>): string[] => entries(obj).map(([k]) => k);
const NNBSP = '\u202f';

let fr: TFunction;
let en: TFunction;
beforeAll(async () => {
  const frTypo: PostProcessorModule = { type: 'postProcessor', name: 'frTypo', process: (v: string, _k: unknown, _o: unknown, tr: { language?: string }) => (tr.language === 'fr' ? frenchTypography(v) : v) };
  const make = async (lng: string) => {
    const i = i18next.createInstance();
    await i.use(frTypo).init({ lng, fallbackLng: 'fr', ns: ['staff'], defaultNS: 'staff', resources: { fr: { staff: load('fr', 'staff') }, en: { staff: load('en', 'staff') } }, postProcess: ['frTypo'], interpolation: { escapeValue: false } });
    return i.t;
  };
  fr = await make('fr');
  en = await make('en');
});

describe('French elision of "de"', () => {
  it('elides before a vowel or a mute h, not before a consonant, an aspirated h or y + vowel', () => {
    expect(deName('Alice Martin')).toBe("d'Alice Martin");
    expect(deName('Émilie Roux')).toBe("d'Émilie Roux");
    expect(deName('Hélène Dupont')).toBe("d'Hélène Dupont");
    expect(deName('Yves Morel')).toBe("d'Yves Morel");
    expect(deName('Bruno Lefèvre')).toBe('de Bruno Lefèvre');
    expect(deName('Chloé Bernard')).toBe('de Chloé Bernard');
    expect(deName('Yannick Le Goff')).toBe('de Yannick Le Goff');
    expect(elides('Hollande')).toBe(false);
    expect(elides('')).toBe(false);
  });

  it('the desk and report titles read "Poste d\'Alice", "Bilan d\'Alice" in French and stay English in English', () => {
    expect(fr('desk.of', { name: 'Alice Martin', deName: deName('Alice Martin') })).toBe("Poste d'Alice Martin");
    expect(fr('exports.reportFor', { name: 'Alice Martin', deName: deName('Alice Martin') })).toBe("Bilan d'Alice Martin");
    expect(fr('desk.of', { name: 'Bruno', deName: deName('Bruno') })).toBe('Poste de Bruno');
    expect(en('desk.of', { name: 'Alice Martin', deName: deName('Alice Martin') })).toBe("Alice Martin's desk");
  });
});

describe('numbers in the reader\'s language', () => {
  it('uses a decimal comma in French and a point in English', () => {
    expect(formatNumber(5.8333, 'fr')).toBe('5,83');
    expect(formatNumber(5.8333, 'en')).toBe('5.83');
    expect(formatNumber(1200.5, 'fr')).toBe(`1${NNBSP}200,5`);
    expect(formatScore(5.8333, 9, 'fr')).toBe('5,83 / 9');
    expect(formatScore(0.5, 1, 'fr', false)).toBe('0,5/1');
    expect(formatScore(1 / 3, 1, 'en', false)).toBe('0.33/1');
  });

  it('puts a narrow no-break space before a unit in French', () => {
    expect(formatUnit(1.05, 'min', 'fr')).toBe(`1,05${NNBSP}min`);
    expect(formatUnit(0.35, 'min', 'en')).toBe('0.35 min');
    expect(formatUnit(42, '%', 'fr')).toBe(`42${NNBSP}%`);
  });

  it('writes percentages with a narrow no-break space in French and no space in English', () => {
    expect(formatPercent(83, 'fr')).toBe(`83${NNBSP}%`);
    expect(formatPercent(59.1, 'fr')).toBe(`59,1${NNBSP}%`);
    expect(formatPercent(83, 'en')).toBe('83%');
    expect(formatPercent(59.1, 'en')).toBe('59.1%');
    // The chart axes and the board go through formatUnit: the same rule.
    expect(formatUnit(83, '%', 'en')).toBe('83%');
    expect(formatUnit(59.1, '%', 'en')).toBe('59.1%');
  });

  it('separates a chart tooltip\'s series from its value as each language does', () => {
    expect(tooltipSeparator('en')).toBe(': ');
    expect(tooltipSeparator('fr')).toBe(`${NNBSP}: `);
  });
});

describe('evidence explanations', () => {
  const explanation = { fr: 'Impact « Moyen » à la place de « Élevé » ; le ticket reste ouvert : à revoir !', en: 'Impact "Medium" instead of "High"; the ticket stays open: to review!' };
  it('get French typography in French (narrow no-break spaces before ; : ! and inside guillemets)', () => {
    expect(localized(explanation, 'fr')).toBe(`Impact «${NNBSP}Moyen${NNBSP}» à la place de «${NNBSP}Élevé${NNBSP}»${NNBSP}; le ticket reste ouvert${NNBSP}: à revoir${NNBSP}!`);
  });
  it('are left as written in English, and fall back to French typography without an English text', () => {
    expect(localized(explanation, 'en')).toBe(explanation.en);
    expect(localized({ fr: 'Oubli ; voir' }, 'en')).toBe(`Oubli${NNBSP}; voir`);
  });
});

describe('event descriptions', () => {
  const catalog = realCatalog();
  const contract = Object.keys(catalog.contracts)[0]!;
  const question = Object.values(catalog.questions)[0]!;
  const test = Object.values(catalog.tests)[0]!;
  const group = Object.values(catalog.groups)[0]!;
  const category = Object.values(catalog.categories)[0]!;
  const impact = catalog.contracts[contract]!.impact[0]!;
  const incident = Object.values(catalog.incidents)[0]!;
  const labels = (lang: string) => {
    const l = catalogLabels({ questions: Object.values(catalog.questions), tests: Object.values(catalog.tests), categories: Object.values(catalog.categories), groups: Object.values(catalog.groups), contracts: catalog.contracts }, contract, lang);
    contactLabels([{ causes: incident.causes, facts: incident.facts }], lang, l);
    Object.assign(l.people, { usr_alice1: 'Alice Martin', usr_sophie9: 'Sophie Formatrice' });
    return l;
  };
  const ev = (type: string, actor: SessionEvent['actor'], payload: Record<string, unknown>): SessionEvent => ({ seq: 12, type, t: 60_000, actor, payload } as unknown as SessionEvent);
  const alice = { role: 'trainee', id: 'usr_alice1' } as SessionEvent['actor'];

  it('names questions, tests, groups, categories, levels and causes from the catalogue, never by id', () => {
    const l = labels('fr');
    const asked = describeEvent(ev('call.asked', alice, { contactId: 'usr_alice1-C001', questionId: question.id }), fr, l);
    expect(asked).toBe(`Alice Martin — question${NNBSP}: C001 · ${frenchTypography(question.text.fr)}`);
    const ran = describeEvent(ev('test.ran', alice, { ticketId: 'INC-0001', testId: test.id, result: 'ok', factIds: [] }), fr, l);
    expect(ran).toContain(test.label.fr);
    expect(ran).not.toContain(test.id);
    const esc = describeEvent(ev('ticket.escalated', alice, { ticketId: 'INC-0001', groupId: group.id, factIds: [], testIds: [], note: 'x' }), fr, l);
    expect(esc).toContain(group.name.fr);
    const q = describeEvent(ev('ticket.qualified', alice, { ticketId: 'INC-0001', impact: impact.id, urgency: impact.id, priority: 'P2', category: category.id, type: 'incident' }), fr, l);
    expect(q).toContain(impact.label.fr);
    expect(q).toContain(category.label.fr);
    expect(q).not.toMatch(new RegExp(`\\b${category.id}\\b`));
    // Impact, urgency and priority share their words ("Low", "Medium"): each is named.
    const urgency = catalog.contracts[contract]!.urgency[0]!;
    const [priorityId, priority] = Object.entries(catalog.contracts[contract]!.priorities)[0]!;
    const inEn = (l: { fr: string; en?: string | undefined }) => l.en ?? l.fr;
    const qEn = describeEvent(ev('ticket.qualified', alice, { ticketId: 'INC-0001', impact: impact.id, urgency: urgency.id, priority: priorityId, category: category.id, type: 'incident' }), en, labels('en'));
    expect(qEn).toBe(`Alice Martin — qualification: INC-0001 · impact ${inEn(impact.label)} · urgency ${inEn(urgency.label)} · priority ${inEn(priority.label)} · ${inEn(category.label)}`);
    const res = describeEvent(ev('ticket.resolved', alice, { ticketId: 'INC-0001', code: 'fixed', causeId: incident.causes[0]!.id, note: {} }), en, labels('en'));
    expect(res).toContain(incident.causes[0]!.label.en ?? incident.causes[0]!.label.fr);
    expect(res).toContain('fixed');
    for (const d of [asked, ran, esc, q, res]) expect(d).not.toMatch(/usr_[a-z0-9]+/);
  });

  it('names staff actors, and falls back to their role alone, never to a user id', () => {
    const l = labels('fr');
    expect(describeEvent(ev('session.started', { role: 'trainer', id: 'usr_sophie9' } as SessionEvent['actor'], {}), fr, l)).toBe('Formateur Sophie Formatrice — exercice démarré');
    expect(actorName(ev('session.started', { role: 'trainer', id: 'usr_4956mi4perbt' } as SessionEvent['actor'], {}), fr, {})).toBe('Formateur');
    expect(actorName(ev('contact.arrived', { role: 'trainee', id: 'usr_x' } as SessionEvent['actor'], {}), en, {})).toBe('Trainee');
    expect(describeEvent(ev('contact.arrived', { role: 'system', id: 'system' } as SessionEvent['actor'], { contactId: 'usr_kpecbr48xig3-C001' }), fr, l)).toBe(`Simulation — appel entrant${NNBSP}: C001`);
  });

  it('reads the stop of a session that never started as its cancellation, and a stop after a start as the drill\'s end', () => {
    const l = labels('fr');
    const trainer = { role: 'trainer', id: 'usr_sophie9' } as SessionEvent['actor'];
    const at = (seq: number, type: string) => ({ ...ev(type, trainer, type === 'session.stopped' ? { reason: 'trainer' } : {}), seq });
    const cancelled = [at(1, 'session.created'), at(2, 'session.stopped')];
    const ran = [at(1, 'session.created'), at(2, 'session.started'), at(3, 'session.stopped')];
    const line = (log: SessionEvent[], t: TFunction, lang: string) => describeEvent(log.at(-1)!, t, labels(lang), cancellingStops(log));
    expect(line(cancelled, fr, 'fr')).toBe('Formateur Sophie Formatrice — session annulée');
    expect(line(cancelled, en, 'en')).toBe('Trainer Sophie Formatrice — session cancelled');
    expect(line(ran, fr, 'fr')).toBe('Formateur Sophie Formatrice — exercice terminé');
    expect(line(ran, en, 'en')).toBe('Trainer Sophie Formatrice — drill ended');
    expect(describeEvent(cancelled[1]!, fr, l)).toBe('Formateur Sophie Formatrice — exercice terminé');
  });

  it('quotes free text with the locale\'s marks and French spacing; English gets no French punctuation', () => {
    const l = labels('fr');
    const e = ev('broadcast.sent', { role: 'trainer', id: 'usr_sophie9' } as SessionEvent['actor'], { message: 'Réseau coupé' });
    expect(describeEvent(e, fr, l)).toBe(`Formateur Sophie Formatrice — annonce${NNBSP}: «${NNBSP}Réseau coupé${NNBSP}»`);
    expect(describeEvent(e, en, labels('en'))).toBe('Trainer Sophie Formatrice — announcement: “Réseau coupé”');
    expect(fr('event.seq', { seq: 12 })).toBe('n° 12');
    expect(en('event.seq', { seq: 12 })).toBe('no. 12');
  });

  it('unknown ids get a neutral label', () => {
    const d = describeEvent(ev('call.asked', alice, { contactId: 'usr_alice1-C002', questionId: 'q-not-in-catalogue' }), fr, emptyLabels());
    expect(d).toBe(`Stagiaire — question${NNBSP}: C002 · question`);
    expect(shortId('INC-0003')).toBe('INC-0003');
  });
});

describe('staff strings', () => {
  it('every literal key used by the trainer console and the evaluator screens exists in both languages', () => {
    const root = join(import.meta.dirname, '../../client/src');
    const sources = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? sources(join(dir, d.name)) : /\.tsx?$/.test(d.name) ? [join(dir, d.name)] : []));
    for (const lang of ['fr', 'en']) {
      const all = new Set(keys(load(lang, 'staff')));
      const missing: string[] = [];
      for (const f of [...sources(join(root, 'trainer')), ...sources(join(root, 'evaluator'))]) {
        for (const m of readFileSync(f, 'utf8').matchAll(/\bt\('([a-zA-Z0-9_./]+)'/g)) {
          const k = m[1]!;
          if (!all.has(k) && !all.has(`${k}_one`) && !all.has(`${k}_other`)) missing.push(`${lang} ${f.slice(root.length + 1)}: ${k}`);
        }
      }
      expect(missing).toEqual([]);
    }
  });

  it('a command\'s result line is translated when shown, in either language, and agrees whatever the command', () => {
    const sent = { key: 'live.sent', params: { what: { key: 'command.session.broadcast' }, seq: 7 }, tone: 'info' as const };
    expect(resultLineText(sent, fr as TFunction<'staff'>)).toBe(`Annonce${NNBSP}: action enregistrée (n° 7).`);
    expect(resultLineText(sent, en as TFunction<'staff'>)).toBe('Announcement: stored (no. 7).');
    const pause = { ...sent, params: { ...sent.params, what: { key: 'command.session.pause' } } };
    expect(resultLineText(pause, fr as TFunction<'staff'>)).toBe(`Pause${NNBSP}: action enregistrée (n° 7).`);
    const refused = { key: 'live.refused', params: { what: { key: 'command.session.resume' }, reason: { key: 'errors.no-such-code', defaultValue: 'boom' } }, tone: 'error' as const };
    expect(resultLineText(refused, fr as TFunction<'staff'>)).toBe('Reprise : action refusée — boom'.replace(' :', `${NNBSP}:`));
    const saved = { key: 'grid.saved', params: { id: 'TAI-CP8-C1', level: { key: 'level.not_acquired' }, seq: 61 }, tone: 'info' as const };
    expect(resultLineText(saved, en as TFunction<'staff'>)).toBe('TAI-CP8-C1: “not acquired” saved (no. 61).');
    expect(resultLineText(saved, fr as TFunction<'staff'>)).toBe(`TAI-CP8-C1${NNBSP}: avis «${NNBSP}non acquis${NNBSP}» enregistré (n° 61).`);
  });

  it('no string sends the reader to a repository file (staff see the app, not the source tree)', () => {
    for (const lang of ['fr', 'en']) {
      expect(entries(load(lang, 'staff')).filter(([, v]) => /\b(docs|server|client|seeds|tests)\/|\.(md|ts|tsx|ya?ml)\b/.test(v)).map(([k]) => `${lang} ${k}`)).toEqual([]);
    }
  });

  it('French and English have the same keys', () => {
    expect(keys(load('en', 'staff')).sort()).toEqual(keys(load('fr', 'staff')).sort());
  });

  it('session modes and statuses read as on the trainee desk', () => {
    for (const lang of ['fr', 'en']) {
      const staff = load(lang, 'staff') as { mode: Record<string, string>; sessionStatus: Record<string, string>; status: Record<string, string> };
      const trainee = load(lang, 'trainee') as { session: { mode: Record<string, string>; status: Record<string, string> }; status: Record<string, string> };
      expect(staff.mode).toEqual(trainee.session.mode);
      expect(staff.sessionStatus).toEqual(trainee.session.status);
      expect(staff.status.closed).toBe(trainee.status.closed);
    }
  });
});
