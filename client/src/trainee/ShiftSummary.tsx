/**
 * End of shift: what was handled and the competency grid built from the
 * evidence the server scored (points are the server's; this only adds them up
 * per criterion and competence for display).
 */
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { Evidence } from '../../../server/src/domain/scoring/types.js';
import { useDesk } from './DeskContext.js';
import { fmt, FeedbackGroup, groupEvidence } from './FeedbackPanel.js';

interface Row { id: string; points: number; max: number; evidence: Evidence[] }

export function competenceOf(criterionId: string): string {
  const m = /^(.*)-C\d+$/.exec(criterionId);
  return m ? m[1]! : criterionId;
}

export function ShiftSummary({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation('trainee');
  const { view, feedback } = useDesk();
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = dialog.current;
    if (d && !d.open) d.showModal();
  }, []);

  const hidden = view.session.mode === 'exam' && !view.session.feedbackReleased;
  const tickets = view.desk.tickets;
  const count = (pred: (s: string) => boolean) => tickets.filter((x) => pred(x.status)).length;
  const breached = tickets.filter((x) => x.sla.response.phase === 'breached' || x.sla.resolution.phase === 'breached').length;

  const byCompetence = new Map<string, Map<string, Row>>();
  for (const e of feedback) {
    const comp = competenceOf(e.criterionId);
    const rows = byCompetence.get(comp) ?? new Map<string, Row>();
    const row = rows.get(e.criterionId) ?? { id: e.criterionId, points: 0, max: 0, evidence: [] };
    row.points += e.points; row.max += e.max; row.evidence.push(e);
    rows.set(e.criterionId, row);
    byCompetence.set(comp, rows);
  }
  const total = feedback.reduce((s, e) => s + e.points, 0);
  const totalMax = feedback.reduce((s, e) => s + e.max, 0);

  return (
    <dialog ref={dialog} className="summary-dialog" aria-labelledby="summary-title" onClose={onClose} data-testid="shift-summary">
      <div className="summary-head">
        <h2 id="summary-title">{t('summary.title')}</h2>
        <button type="button" className="btn" onClick={() => dialog.current?.close()}>{t('summary.close')}</button>
      </div>
      <ul className="summary-stats">
        <li><strong>{tickets.length}</strong> {t('summary.tickets')}</li>
        <li><strong>{count((s) => s === 'closed')}</strong> {t('summary.closed')}</li>
        <li><strong>{count((s) => s === 'resolved')}</strong> {t('summary.resolved')}</li>
        <li><strong>{count((s) => !['closed', 'resolved', 'cancelled'].includes(s))}</strong> {t('summary.open')}</li>
        <li><strong>{breached}</strong> {t('summary.breached')}</li>
      </ul>
      {hidden ? <p className="hint">{t('feedback.hiddenExam')}</p> : (
        <>
          <p className="feedback-total" data-testid="summary-total">{t('feedback.total', { points: fmt(total), max: fmt(totalMax) })}</p>
          <table className="grid-table" data-testid="competency-grid">
            <caption>{t('summary.grid')}</caption>
            <thead><tr><th scope="col">{t('summary.criterion')}</th><th scope="col">{t('summary.points')}</th><th scope="col">{t('summary.share')}</th></tr></thead>
            {[...byCompetence.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([comp, rows]) => {
              const p = [...rows.values()].reduce((s, r) => s + r.points, 0);
              const m = [...rows.values()].reduce((s, r) => s + r.max, 0);
              return (
                <tbody key={comp}>
                  <tr className="grid-competence"><th scope="rowgroup">{comp}</th><td>{fmt(p)} / {fmt(m)}</td><td><Bar share={m ? p / m : 0} /></td></tr>
                  {[...rows.values()].sort((a, b) => a.id.localeCompare(b.id)).map((r) => (
                    <tr key={r.id}>
                      <th scope="row"><details><summary>{r.id}</summary><ul className="feedback-list">{groupEvidence(r.evidence).map((g) => <FeedbackGroup key={g.key} g={g} />)}</ul></details></th>
                      <td>{fmt(r.points)} / {fmt(r.max)}</td>
                      <td><Bar share={r.max ? r.points / r.max : 0} /></td>
                    </tr>
                  ))}
                </tbody>
              );
            })}
          </table>
          <p className="hint">{t('summary.evaluatorNote')}</p>
        </>
      )}
    </dialog>
  );
}

function Bar({ share }: { share: number }) {
  const pct = Math.round(share * 100);
  return (
    <span className="bar" role="img" aria-label={`${pct} %`}>
      <span className={`bar-fill ${pct >= 75 ? 'good' : pct >= 40 ? 'partial' : 'bad'}`} style={{ width: `${pct}%` }} />
      <span className="bar-text" aria-hidden="true">{pct} %</span>
    </span>
  );
}
