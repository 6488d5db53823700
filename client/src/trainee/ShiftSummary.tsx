/**
 * End of shift: what was handled and the trainee's competency grid. The grid
 * is the server's roll-up (`TraineeUpdate.score`: points and level per
 * criterion and competence under the session's rubric); the competences'
 * labels and the criteria's wording come from the rubric
 * (GET /api/catalog/rubrics/:version). Without a roll-up
 * (an older server), the server's evidence points are only added up per
 * criterion, with no level.
 */
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { Evidence, GridLevel, TraineeScore } from '../../../server/src/domain/scoring/types.js';
import { localized } from '../i18n/index.js';
import { useDesk } from './DeskContext.js';
import { fmt, FeedbackGroup, groupEvidence } from './FeedbackPanel.js';
import { criterionWording, scoresHidden } from './rubric.js';

interface CriterionRow { id: string; points: number; max: number; level?: GridLevel | undefined; evidence: Evidence[] }
interface CompetenceRow { id: string; points: number; max: number; level?: GridLevel | undefined; criteria: CriterionRow[] }

export function competenceOf(criterionId: string): string {
  const m = /^(.*)-C\d+$/.exec(criterionId);
  return m ? m[1]! : criterionId;
}

/** Rows from the server's roll-up, in the rubric's order of competences. */
function fromScore(score: TraineeScore, feedback: readonly Evidence[]): CompetenceRow[] {
  // The pushed roll-up has no evidence lists: the items are the feedback's.
  const evidenceOf = (id: string) => feedback.filter((e) => e.criterionId === id);
  return Object.values(score.competences).map((c) => ({
    id: c.competenceId, points: c.points, max: c.max, level: c.level,
    criteria: c.criteria.flatMap((id) => {
      const x = score.criteria[id];
      return x && x.max > 0 ? [{ id: x.criterionId, points: x.points, max: x.max, level: x.level, evidence: evidenceOf(id) }] : [];
    }),
  })).filter((c) => c.max > 0);
}

/** Fallback: the evidence's points added up per criterion and competence (no level). */
function fromEvidence(feedback: readonly Evidence[]): CompetenceRow[] {
  const comps = new Map<string, Map<string, CriterionRow>>();
  for (const e of feedback) {
    const rows = comps.get(competenceOf(e.criterionId)) ?? new Map<string, CriterionRow>();
    const row = rows.get(e.criterionId) ?? { id: e.criterionId, points: 0, max: 0, evidence: [] };
    row.points += e.points; row.max += e.max; row.evidence.push(e);
    rows.set(e.criterionId, row);
    comps.set(competenceOf(e.criterionId), rows);
  }
  return [...comps.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([id, rows]) => {
    const criteria = [...rows.values()].sort((a, b) => a.id.localeCompare(b.id));
    return { id, points: criteria.reduce((s, r) => s + r.points, 0), max: criteria.reduce((s, r) => s + r.max, 0), criteria };
  });
}

export function ShiftSummary({ onClose }: { onClose: () => void }) {
  const { t, i18n } = useTranslation('trainee');
  const { view, feedback, score, rubric } = useDesk();
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = dialog.current;
    if (d && !d.open) d.showModal();
  }, []);
  const hidden = scoresHidden(view);

  const tickets = view.desk.tickets;
  const count = (pred: (s: string) => boolean) => tickets.filter((x) => pred(x.status)).length;
  const breached = tickets.filter((x) => x.sla.response.phase === 'breached' || x.sla.resolution.phase === 'breached').length;
  const rows = score ? fromScore(score, feedback) : fromEvidence(feedback);
  const total = score ? score.points : feedback.reduce((s, e) => s + e.points, 0);
  const totalMax = score ? score.max : feedback.reduce((s, e) => s + e.max, 0);
  const label = (competenceId: string) => localized(rubric?.competences.find((c) => c.id === competenceId)?.label, i18n.language);
  const wording = (criterionId: string) => criterionWording(rubric, criterionId, i18n.language);

  return (
    <dialog ref={dialog} className="summary-dialog" aria-labelledby="summary-title" onClose={onClose} data-testid="shift-summary">
      <div className="summary-head">
        <h2 id="summary-title">{t('summary.title')}</h2>
        <button type="button" className="btn" onClick={() => dialog.current?.close()}>{t('summary.close')}</button>
      </div>
      <ul className="summary-stats">
        <Stat n={tickets.length} label="summary.tickets" />
        <Stat n={count((s) => s === 'closed')} label="summary.closed" />
        <Stat n={count((s) => s === 'resolved')} label="summary.resolved" />
        <Stat n={count((s) => !['closed', 'resolved', 'cancelled'].includes(s))} label="summary.open" />
        <Stat n={breached} label="summary.breached" />
      </ul>
      {hidden ? <p className="hint">{t('feedback.hiddenExam')}</p> : (
        <>
          <p className="feedback-total" data-testid="summary-total">{t('feedback.total', { points: fmt(total), max: fmt(totalMax) })}</p>
          <table className="grid-table" data-testid="competency-grid">
            <caption>{t(score ? 'summary.gridLevels' : 'summary.grid')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('summary.criterion')}</th>
                <th scope="col">{t('summary.points')}</th>
                <th scope="col">{t('summary.share')}</th>
                {score && <th scope="col">{t('summary.level')}</th>}
              </tr>
            </thead>
            {rows.map((c) => (
              <tbody key={c.id}>
                <tr className="grid-competence">
                  <th scope="rowgroup">{c.id}{label(c.id) && <span className="grid-label"> — {label(c.id)}</span>}</th>
                  <td>{fmt(c.points)} / {fmt(c.max)}</td>
                  <td><Bar share={c.max ? c.points / c.max : 0} /></td>
                  {score && <td><Level level={c.level} /></td>}
                </tr>
                {c.criteria.map((r) => (
                  <tr key={r.id} data-criterion={r.id}>
                    <th scope="row"><details><summary><span className="criterion-code">{r.id}</span>{wording(r.id) && <span className="grid-label"> — {wording(r.id)}</span>}</summary><ul className="feedback-list">{groupEvidence(r.evidence).map((g) => <FeedbackGroup key={g.key} g={g} />)}</ul></details></th>
                    <td>{fmt(r.points)} / {fmt(r.max)}</td>
                    <td><Bar share={r.max ? r.points / r.max : 0} /></td>
                    {score && <td><Level level={r.level} /></td>}
                  </tr>
                ))}
              </tbody>
            ))}
          </table>
          <p className="hint">{t('summary.evaluatorNote')}</p>
        </>
      )}
    </dialog>
  );
}

/** A count and its label, agreed with the count (French: 0 and 1 take the singular). */
function Stat({ n, label }: { n: number; label: string }) {
  const { t } = useTranslation('trainee');
  return <li><strong>{n}</strong> {t(label, { count: n })}</li>;
}

function Level({ level }: { level: GridLevel | undefined }) {
  const { t } = useTranslation('trainee');
  if (!level) return null;
  return <span className={`level level-${level}`}>{t(`level.${level}`)}</span>;
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
