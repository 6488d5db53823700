/**
 * The desk's toasts as data. A toast keeps what it says as the refusal's code, the server notice's code and
 * parameters, or the scored evidence, and is written in words only when shown: one on screen follows a switch
 * of language (and names its criteria in words once the rubric has loaded). The list rules are here too.
 */
import type { TFunction } from 'i18next';
import type { Evidence } from '../../../server/src/domain/scoring/types.js';
import type { Notice } from '../../../server/src/protocol.js';
import type { RubricInfo } from '../api/rest.js';
import { localized } from '../i18n/index.js';
import { noticeText } from '../i18n/notices.js';
import { errorText } from './errors.js';
import { groupEvidence, toneOf } from './FeedbackPanel.js';
import { formatPoints } from './format.js';
import { criterionWording } from './rubric.js';

export type ToastMessage =
  | { kind: 'error'; code: string; message: string }
  | { kind: 'notice'; notice: Pick<Notice, 'kind' | 'code' | 'params' | 'text'> }
  | { kind: 'feedback'; evidence: Evidence[] };

export interface ToastText { title: string; lines: string[]; tone?: 'good' | 'partial' | 'bad' }

export interface Toast {
  id: string;
  message: ToastMessage;
  /** How long it stays on screen, pointer and focus elsewhere (ms). */
  duration: number;
  /** The pointer or the keyboard focus is on it: it waits (WCAG 2.2.1) and is never pushed out. */
  hovered?: boolean;
  focused?: boolean;
}

/** At most this many at once. */
export const MAX_TOASTS = 3;

/** Refusals stay longer than the rest. */
export const toastDuration = (m: ToastMessage) => (m.kind === 'error' ? 9000 : 6000);

export const isHeld = (x: Toast) => Boolean(x.hovered || x.focused);

/** The toast's words in `lang` (`t` writes that language). */
export function toastText(m: ToastMessage, t: TFunction, lang: string, rubric?: RubricInfo): ToastText {
  switch (m.kind) {
    case 'error':
      return { title: t('errors.title'), lines: [errorText(t, m.code, m.message)] };
    case 'notice':
      return { title: t(`noticeKind.${m.notice.kind}`), lines: [noticeText(t, m.notice)] };
    case 'feedback': {
      const fmt = (n: number) => formatPoints(n, lang);
      const points = m.evidence.reduce((n, e) => n + e.points, 0);
      const max = m.evidence.reduce((n, e) => n + e.max, 0);
      const groups = groupEvidence(m.evidence);
      // Each scored action, then its criteria in words (their codes until the rubric has loaded).
      const lines = groups.slice(0, 3).flatMap((g) => [
        `${fmt(g.points)}/${fmt(g.max)} · ${localized(g.explanation, lang)}`,
        t('feedback.toastCriteria', { count: g.items.length, list: g.items.map((e) => criterionWording(rubric, e.criterionId, lang, 'short') || e.criterionId).join(lang === 'en' ? '; ' : ' ; ') }),
      ]);
      if (groups.length > 3) lines.push(t('feedback.more', { count: groups.length - 3 }));
      return { title: t('feedback.toast', { points: fmt(points), max: fmt(max) }), lines, tone: toneOf(points, max) };
    }
  }
}

/** A new toast joins the list; beyond `max` the oldest leave first, but not one the pointer or focus is on. */
export function addToast(list: readonly Toast[], toast: Toast, max = MAX_TOASTS): Toast[] {
  const next = [...list, toast];
  let over = next.length - max;
  return next.filter((x) => {
    if (over <= 0 || x === toast || isHeld(x)) return true;
    over -= 1;
    return false;
  });
}

/** The pointer or the focus came onto a toast (`on`) or left it. */
export function holdToast(list: readonly Toast[], id: string, by: 'hovered' | 'focused', on: boolean): Toast[] {
  return list.map((x) => (x.id === id && Boolean(x[by]) !== on ? { ...x, [by]: on } : x));
}
