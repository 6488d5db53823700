/**
 * The trainee desk's language logic on the real i18next set-up and locale
 * files: server notices written in the reader's language from their code,
 * plurals (French: 0 and 1 take the singular), points in the language's
 * number format, French typography on scenario text, asset field names.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { TFunction } from 'i18next';
import i18n, { localized, registerNamespace } from '../../client/src/i18n/index.js';
import { noticeText } from '../../client/src/i18n/notices.js';
import { formatPoints } from '../../client/src/trainee/format.js';
import { assetFieldKey, assetFieldLabel } from '../../client/src/trainee/asset-fields.js';
import { NOTICE_CODES, type NoticeCode } from '../../server/src/protocol.js';
import traineeFr from '../../client/src/i18n/locales/fr/trainee.json';
import traineeEn from '../../client/src/i18n/locales/en/trainee.json';

let fr: TFunction;
let en: TFunction;
beforeAll(() => {
  registerNamespace('trainee', { fr: traineeFr, en: traineeEn });
  fr = i18n.getFixedT('fr', 'trainee');
  en = i18n.getFixedT('en', 'trainee');
});

const PARAMS: Record<NoticeCode, Record<string, string | number>> = {
  'contact.phone': { name: 'Martine Dubois' }, 'contact.email': { name: 'Martine Dubois' }, 'contact.portal': { name: 'Martine Dubois' },
  'broadcast.major': { message: 'Messagerie indisponible' },
  'sla.warning': { id: 'INC-0002', clock: 'response' }, 'sla.breached': { id: 'INC-0002', clock: 'resolution' },
  'session.started': {}, 'session.paused': {}, 'session.resumed': {}, 'session.speedChanged': { speed: 4 }, 'session.stopped': {}, 'session.cancelled': {}, 'feedback.released': {},
};

describe('server notices in the reader language', () => {
  it('every notice code has its own French and English text, parameters filled in', () => {
    for (const code of NOTICE_CODES) {
      const n = { code, params: PARAMS[code], text: 'SERVER TEXT' };
      const [f, e] = [noticeText(fr, n), noticeText(en, n)];
      for (const s of [f, e]) {
        expect(s, code).not.toBe('SERVER TEXT');
        expect(s, code).not.toMatch(/\{\{|noticeText\.|notice\.|^sla\./);
      }
      expect(e, code).not.toBe(f);
      for (const v of Object.values(PARAMS[code])) if (code !== 'sla.warning' && code !== 'sla.breached') expect(e, code).toContain(String(v));
    }
  });

  it('writes the texts the audit saw in French in English', () => {
    expect(noticeText(en, { code: 'contact.phone', params: { name: 'Martine Dubois' }, text: 'Appel entrant : Martine Dubois' })).toBe('Incoming call: Martine Dubois.');
    expect(noticeText(en, { code: 'session.started', text: 'Exercice démarré' })).toBe('Drill started');
    expect(noticeText(en, { code: 'session.paused', text: 'Exercice en pause' })).toBe('Drill paused');
    expect(noticeText(fr, { code: 'contact.phone', params: { name: 'Martine Dubois' }, text: '' })).toBe('Appel entrant\u202f: Martine Dubois.');
    expect(noticeText(en, { code: 'sla.breached', params: { id: 'INC-0002', clock: 'resolution' }, text: '' })).toBe('INC-0002: resolution target breached!');
  });

  it('keeps free text (a trainer broadcast or message, an older server) as written', () => {
    expect(noticeText(en, { text: 'Coupure réseau à Nantes' })).toBe('Coupure réseau à Nantes');
    expect(noticeText(en, { code: 'unknown.code' as NoticeCode, text: 'Texte du serveur' })).toBe('Texte du serveur');
    // The server's text is French: it gets French typography, so « : » never starts a line.
    expect(noticeText(en, { text: 'Rappel : réunion à 14 h !' })).toBe('Rappel\u202f: réunion à 14 h\u202f!');
  });
});

describe('plurals', () => {
  it('the browser tab title agrees with the number of waiting contacts', () => {
    expect([0, 1, 3].map((count) => fr('desk.titleRinging', { count }))).toEqual(['contact en attente', 'contact en attente', 'contacts en attente']);
    expect([0, 1, 3].map((count) => en('desk.titleRinging', { count }))).toEqual(['contacts waiting', 'contact waiting', 'contacts waiting']);
  });

  it('the end-of-shift counts agree with their number (French singular for 0 and 1)', () => {
    expect([0, 1, 2].map((count) => fr('summary.open', { count }))).toEqual(['encore ouvert', 'encore ouvert', 'encore ouverts']);
    expect([0, 1, 2].map((count) => fr('summary.resolved', { count }))).toEqual(['résolu en attente de clôture', 'résolu en attente de clôture', 'résolus en attente de clôture']);
    expect([1, 2].map((count) => fr('summary.tickets', { count }))).toEqual(['ticket traité', 'tickets traités']);
    expect([1, 2].map((count) => en('summary.tickets', { count }))).toEqual(['ticket handled', 'tickets handled']);
    for (const key of ['closed', 'breached']) for (const t of [fr, en]) expect(t(`summary.${key}`, { count: 2 })).not.toMatch(/^summary\./);
  });

  it('the feedback toast counts the groups it leaves out with a real plural, no "(s)"', () => {
    expect([1, 6].map((count) => fr('feedback.more', { count }))).toEqual([
      '… et 1 autre\u202f: voir l\'onglet Évaluation',
      '… et 6 autres\u202f: voir l\'onglet Évaluation',
    ]);
    expect([1, 6].map((count) => en('feedback.more', { count }))).toEqual(['… and 1 more: see the Assessment tab', '… and 6 more: see the Assessment tab']);
    for (const t of [fr, en]) expect(t('feedback.more', { count: 6 })).not.toContain('(s)');
  });
});

describe('formats and typography', () => {
  it('points use the language decimal separator', () => {
    expect(formatPoints(26.8, 'en')).toBe('26.8');
    expect(formatPoints(26.8, 'fr')).toBe('26,8');
    expect(formatPoints(26.84, 'en')).toBe('26.8');
  });

  it('scenario text in French gets narrow no-break spaces, English is left alone', () => {
    const text = { fr: 'Le document est marqué « urgent » : que faire ?', en: 'The document is marked "urgent": what now?' };
    expect(localized(text, 'fr')).toBe('Le document est marqué «\u202furgent\u202f»\u202f: que faire\u202f?');
    expect(localized(text, 'en')).toBe(text.en);
    expect(localized({ fr: 'Priorité : haute' }, 'en')).toBe('Priorité\u202f: haute');
  });
});

describe('the live region', () => {
  it('announces what the caller says with the language\'s punctuation (narrow no-break space before the French colon)', () => {
    expect(fr('notice.said', { name: 'Nadia Benali', text: 'Rien ne sort.' })).toBe('Nadia Benali\u202f: Rien ne sort.');
    expect(en('notice.said', { name: 'Nadia Benali', text: 'Nothing prints.' })).toBe('Nadia Benali: Nothing prints.');
  });
});

describe('asset field names', () => {
  const keys = ['status', 'owner', 'location', 'site', 'model', 'serial', 'ip', 'colour'];
  it('shows translated names, and the raw key when none exists', () => {
    expect(assetFieldLabel(fr, 'status')).toBe('Statut');
    expect(assetFieldLabel(en, 'status')).toBe('Status');
    expect(assetFieldLabel(fr, 'serial')).toBe('N° de série');
    expect(assetFieldLabel(fr, 'colour')).toBe('colour');
  });
  it('sends the raw key for a typed name, whatever the case, and free text as typed', () => {
    expect(assetFieldKey(fr, 'Statut', keys)).toBe('status');
    expect(assetFieldKey(fr, ' n° de série ', keys)).toBe('serial');
    expect(assetFieldKey(en, 'status', keys)).toBe('status');
    expect(assetFieldKey(fr, 'Couleur', keys)).toBe('Couleur');
  });
});
