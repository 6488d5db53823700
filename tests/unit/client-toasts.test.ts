/**
 * The desk's toasts as data (client/src/trainee/toast-model.ts): one message written in either language at
 * display time, with the real i18next set-up and locale files; and the list keeps a toast the pointer or the
 * focus is on.
 */
import { describe, expect, it } from 'vitest';
import type { Evidence } from '../../server/src/domain/scoring/types.js';
import type { RubricInfo } from '../../server/src/protocol.js';
import { addToast, holdToast, toastText, type Toast, type ToastMessage } from '../../client/src/trainee/toast-model.js';
import { traineeTranslators } from './fixtures/trainee-i18n.js';

const { fr, en } = traineeTranslators();
const both = (m: ToastMessage, rubric?: RubricInfo) => ({ fr: toastText(m, fr, 'fr', rubric), en: toastText(m, en, 'en', rubric) });

const evidence = (criterionId: string, points: number): Evidence => ({
  criterionId, points, max: 2, traineeId: 'u1', eventSeq: 7, ticketId: 'INC-0001', rule: 'qualification.impact',
  explanation: { fr: 'Impact et urgence conformes à la matrice.', en: 'Impact and urgency match the matrix.' },
});
const rubric = {
  criteria: [
    { id: 'TAI-CP8-C1', label: { fr: 'qualifié', en: 'qualified' }, short: { fr: 'qualification impact/urgence', en: 'The incident is correctly qualified by impact and urgency' } },
    { id: 'TAI-CP8-C4', label: { fr: 'procédures', en: 'procedures' }, short: { fr: 'procédures et contrat de services', en: 'Incident procedures and the service contract are respected' } },
  ],
} as RubricInfo;

describe('a toast is written when shown', () => {
  it('a server notice, from its code: the same toast reads in French or in English', () => {
    const { fr: f, en: e } = both({ kind: 'notice', notice: { kind: 'session', code: 'session.paused', text: 'Exercice en pause' } });
    expect(f).toEqual({ title: 'Session', lines: ['Exercice en pause'] });
    expect(e).toEqual({ title: 'Session', lines: ['Drill paused'] });
  });

  it('a refusal, from its code (French typography in French)', () => {
    const { fr: f, en: e } = both({ kind: 'error', code: 'session/paused', message: 'session is paused' });
    expect(f.title).toBe('Action refusée');
    expect(f.lines[0]).toBe('La session est en pause\u202f: vos actions reprendront quand le formateur la relancera.');
    expect(e).toEqual({ title: 'Action refused', lines: ['The session is paused: your actions resume when the trainer resumes it.'] });
  });

  it('a scored action, from its evidence: points, explanation and criteria in the language shown, in words once the rubric is there', () => {
    const m: ToastMessage = { kind: 'feedback', evidence: [evidence('TAI-CP8-C1', 2), evidence('TAI-CP8-C4', 1)] };
    const { fr: f, en: e } = both(m, rubric);
    expect(f.tone).toBe('partial');
    expect(f.title).toBe('Action notée\u202f: 3 / 4 pt');
    expect(f.lines).toEqual(['3/4 · Impact et urgence conformes à la matrice.', 'Critères\u202f: qualification impact/urgence\u202f; procédures et contrat de services']);
    expect(e.lines).toEqual(['3/4 · Impact and urgency match the matrix.', 'Criteria: The incident is correctly qualified by impact and urgency; Incident procedures and the service contract are respected']);
    expect(toastText(m, en, 'en').lines[1]).toBe('Criteria: TAI-CP8-C1; TAI-CP8-C4');
  });
});

describe('the toast list', () => {
  const toast = (id: string): Toast => ({ id, message: { kind: 'error', code: 'x/y', message: id }, duration: 9000 });

  it('keeps three, the oldest leaving first, but not one the pointer or the focus is on', () => {
    let list = ['a', 'b', 'c'].reduce((l, id) => addToast(l, toast(id)), [] as Toast[]);
    list = addToast(list, toast('d'));
    expect(list.map((x) => x.id)).toEqual(['b', 'c', 'd']);
    list = holdToast(list, 'b', 'hovered', true);
    list = holdToast(list, 'c', 'focused', true);
    list = addToast(list, toast('e'));
    expect(list.map((x) => x.id)).toEqual(['b', 'c', 'e']);
    // All held: the new one still shows, the list grows rather than drop what is being read.
    list = holdToast(list, 'e', 'focused', true);
    expect(addToast(list, toast('f')).map((x) => x.id)).toEqual(['b', 'c', 'e', 'f']);
    // Let go: the next one pushes it out.
    list = holdToast(holdToast(list, 'b', 'hovered', false), 'e', 'focused', false);
    expect(addToast(list, toast('g')).map((x) => x.id)).toEqual(['c', 'e', 'g']);
  });
});
