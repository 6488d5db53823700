/**
 * Scored actions as the server sent them: points, criteria and the
 * explanation. One judgement often evidences several criteria, so items with
 * the same event and explanation are shown together. Each criterion keeps its
 * code (what the evaluator's grid cites) and is named in words beside it.
 */
import { useTranslation } from 'react-i18next';
import type { Evidence } from '../../../server/src/domain/scoring/types.js';
import i18n, { localized } from '../i18n/index.js';
import { formatPoints } from './format.js';
import { useDesk } from './DeskContext.js';
import { criterionWording, scoresHidden } from './rubric.js';

export interface EvidenceGroup { key: string; eventSeq: number; ticketId?: string | undefined; explanation: Evidence['explanation']; items: Evidence[]; points: number; max: number }

export function groupEvidence(list: readonly Evidence[]): EvidenceGroup[] {
  const groups = new Map<string, EvidenceGroup>();
  for (const e of list) {
    const key = `${e.eventSeq}|${e.ticketId ?? ''}|${e.explanation.fr}`;
    const g = groups.get(key) ?? { key, eventSeq: e.eventSeq, ticketId: e.ticketId, explanation: e.explanation, items: [], points: 0, max: 0 };
    g.items.push(e);
    g.points += e.points;
    g.max += e.max;
    groups.set(key, g);
  }
  return [...groups.values()].sort((a, b) => b.eventSeq - a.eventSeq);
}

export const toneOf = (points: number, max: number) => (points >= max ? 'good' : points > 0 ? 'partial' : 'bad');

export function FeedbackPanel() {
  const { t } = useTranslation('trainee');
  const { feedback, view } = useDesk();
  if (scoresHidden(view)) return <p className="hint">{t('feedback.hiddenExam')}</p>;
  if (feedback.length === 0) return <p className="empty">{t('feedback.none')}</p>;
  const points = feedback.reduce((s, e) => s + e.points, 0);
  const max = feedback.reduce((s, e) => s + e.max, 0);
  return (
    <div className="feedback-panel">
      <p className="feedback-total" data-testid="feedback-total">{t('feedback.total', { points: fmt(points), max: fmt(max) })}</p>
      <ul className="feedback-list" data-testid="feedback-list">
        {groupEvidence(feedback).map((g) => <FeedbackGroup key={g.key} g={g} />)}
      </ul>
    </div>
  );
}

export function FeedbackGroup({ g }: { g: EvidenceGroup }) {
  const { t, i18n } = useTranslation('trainee');
  const { rubric } = useDesk();
  return (
    <li className={`feedback-item tone-${toneOf(g.points, g.max)}`} data-testid="feedback-item">
      <div className="feedback-head">
        <span className="points">{t('feedback.points', { points: fmt(g.points), max: fmt(g.max) })}</span>
        {g.ticketId && <span className="muted">{g.ticketId}</span>}
      </div>
      <p>{localized(g.explanation as { fr: string; en?: string }, i18n.language)}</p>
      <ul className="criteria" aria-label={t('feedback.criteria')}>
        {g.items.map((e, i) => {
          const words = criterionWording(rubric, e.criterionId, i18n.language, 'short');
          // The full wording (the REAC's) for a pointer's tooltip; the short one is on screen.
          const full = criterionWording(rubric, e.criterionId, i18n.language);
          return (
            <li key={`${e.criterionId}-${i}`} className={`criterion tone-${toneOf(e.points, e.max)}`} data-criterion={e.criterionId} title={full || undefined}>
              <span className="criterion-tag">{e.criterionId} <span className="criterion-points">{fmt(e.points)}/{fmt(e.max)}</span></span>
              {words && <span className="criterion-wording"> {words}</span>}
            </li>
          );
        })}
      </ul>
    </li>
  );
}

/** Points in the current UI language (read at render time: the panels re-render on a language change). */
export const fmt = (n: number) => formatPoints(n, i18n.language);
