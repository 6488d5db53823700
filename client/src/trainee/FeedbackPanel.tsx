/** Scored actions as the server sent them: points, criterion and the explanation. */
import { useTranslation } from 'react-i18next';
import type { Evidence } from '../../../server/src/domain/scoring/types.js';
import { localized } from '../i18n/index.js';
import { useDesk } from './DeskContext.js';

export function FeedbackPanel() {
  const { t } = useTranslation('trainee');
  const { feedback, view } = useDesk();
  if (view.session.mode === 'exam' && !view.session.feedbackReleased) return <p className="hint">{t('feedback.hiddenExam')}</p>;
  if (feedback.length === 0) return <p className="empty">{t('feedback.none')}</p>;
  const points = feedback.reduce((s, e) => s + e.points, 0);
  const max = feedback.reduce((s, e) => s + e.max, 0);
  const list = [...feedback].sort((a, b) => b.eventSeq - a.eventSeq);
  return (
    <div className="feedback-panel">
      <p className="feedback-total" data-testid="feedback-total">{t('feedback.total', { points: fmt(points), max: fmt(max) })}</p>
      <ul className="feedback-list" data-testid="feedback-list">
        {list.map((e, i) => <FeedbackItem key={`${e.rule}-${e.eventSeq}-${e.criterionId}-${i}`} e={e} />)}
      </ul>
    </div>
  );
}

export function FeedbackItem({ e }: { e: Evidence }) {
  const { t, i18n } = useTranslation('trainee');
  const tone = e.points >= e.max ? 'good' : e.points > 0 ? 'partial' : 'bad';
  return (
    <li className={`feedback-item tone-${tone}`} data-testid="feedback-item" data-criterion={e.criterionId}>
      <div className="feedback-head">
        <span className="criterion">{e.criterionId}</span>
        <span className="points">{t('feedback.points', { points: fmt(e.points), max: fmt(e.max) })}</span>
        {e.ticketId && <span className="muted">{e.ticketId}</span>}
      </div>
      <p>{localized(e.explanation as { fr: string; en?: string }, i18n.language)}</p>
    </li>
  );
}

export const fmt = (n: number) => (Math.round(n * 10) / 10).toLocaleString('fr-FR');
