/**
 * Competency grid per trainee: for each criterion the level computed by the
 * rubric, the evidence events behind it (links into the replay), and the
 * evaluator's confirmation or override with a comment, recorded as a
 * `grid.override` event; the computed level stays beside it.
 */
import { useCallback, useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { GridLevel } from '../../../server/src/domain/events.js';
import type { GridCell } from '../../../server/src/domain/reports/grid.js';
import { AckError, sendCommand } from '../api/socket.js';
import { staffApi, exportUrls, type GridData } from './common/api.js';
import { formatNumber, formatScore, formatUnit } from './common/labels.js';
import { localized } from '../i18n/localized.js';
import { LevelBadge } from './common/Level.js';
import { href, navigate, type Route } from './common/route.js';
import { Status } from './common/StaffShell.js';
import { resultLineText, type ResultLine } from './common/result-line.js';

const LEVELS: GridLevel[] = ['acquired', 'in_progress', 'not_acquired'];

function JudgeForm({ cell, onSubmit, onCancel }: { cell: GridCell; onSubmit: (level: GridLevel, comment: string) => Promise<boolean>; onCancel: () => void }) {
  const { t } = useTranslation('staff');
  const [level, setLevel] = useState<GridLevel>(cell.judgement?.level ?? cell.computed ?? 'in_progress');
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const id = `judge-${cell.criterionId}`;
  const form = useRef<HTMLFormElement>(null);
  // Opening the form takes focus to its first field (the chosen level).
  useEffect(() => { form.current?.querySelector<HTMLInputElement>('input:checked, input, textarea')?.focus(); }, []);
  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!comment.trim() || busy) return;
    setBusy(true);
    const ok = await onSubmit(level, comment.trim());
    setBusy(false);
    if (ok) onCancel();
  }
  return (
    // Escape cancels, as « Annuler » does (which also takes focus back to the row's « Juger » button).
    <form ref={form} className="judge-form" onSubmit={submit} aria-label={t('grid.judgeFor', { id: cell.criterionId })}
      onKeyDown={(e) => { if (e.key === 'Escape' && !e.nativeEvent.isComposing) { e.preventDefault(); e.stopPropagation(); onCancel(); } }}>
      <fieldset className="radio-row">
        <legend>{t('grid.level')}</legend>
        {LEVELS.map((l) => (
          <label key={l}><input type="radio" name={`${id}-level`} value={l} checked={level === l} onChange={() => setLevel(l)} /> {t(`level.${l}`)}{l === cell.computed ? ` (${t('grid.computedShort')})` : ''}</label>
        ))}
      </fieldset>
      <label htmlFor={`${id}-comment`}>{t('grid.comment')}</label>
      <textarea id={`${id}-comment`} rows={2} required value={comment} onChange={(e) => setComment(e.target.value)} placeholder={t('grid.commentPlaceholder')} />
      <div className="row-actions">
        <button type="submit" className="btn btn-primary btn-small" aria-disabled={busy || !comment.trim() || undefined} onClick={(e) => { if (busy || !comment.trim()) e.preventDefault(); }}>{level === cell.computed ? t('grid.confirm') : t('grid.override')}</button>
        <button type="button" className="btn btn-small" onClick={onCancel}>{t('controls.cancel')}</button>
      </div>
    </form>
  );
}

export function Grid({ sessionId, route, trainees, canJudge, people = {} }: { sessionId: string; route: Route; trainees: { id: string; name: string }[]; canJudge: boolean; people?: Record<string, string> }) {
  const { t, i18n } = useTranslation('staff');
  const [data, setData] = useState<GridData>();
  const [error, setError] = useState<string>();
  const [msg, setMsg] = useState<ResultLine>();
  const [editing, setEditing] = useState<string>();
  // Closing the form (saved or cancelled) takes focus back to that row's "Juger" button.
  const [refocus, setRefocus] = useState<string>();
  useEffect(() => {
    if (!refocus || editing === refocus) return;
    document.querySelector<HTMLButtonElement>(`button[data-judge="${CSS.escape(refocus)}"]`)?.focus();
    setRefocus(undefined);
  }, [refocus, editing, data]);
  const closeForm = (criterionId: string) => { setEditing(undefined); setRefocus(criterionId); };
  const judgeName = (by: string, byName: string | undefined) => byName ?? people[by] ?? t('actor.evaluator');
  const traineeId = route.query.get('trainee') ?? data?.rows[0]?.traineeId ?? trainees[0]?.id;
  const focusCriterion = route.query.get('criterion') ?? undefined;

  const load = useCallback(() => staffApi.grid(sessionId).then(setData, (e: Error) => setError(e.message)), [sessionId]);
  useEffect(() => { void load(); }, [load]);
  useEffect(() => {
    if (focusCriterion) document.getElementById(`crit-${focusCriterion}`)?.scrollIntoView({ block: 'center' });
  }, [focusCriterion, data]);

  const row = data?.rows.find((r) => r.traineeId === traineeId);
  const groups = useMemo(() => {
    const m = new Map<string, GridCell[]>();
    for (const c of row?.cells ?? []) (m.get(c.competenceId) ?? m.set(c.competenceId, []).get(c.competenceId)!).push(c);
    return [...m.entries()];
  }, [row]);
  const counts = useMemo(() => {
    const c: Record<GridLevel, number> = { acquired: 0, in_progress: 0, not_acquired: 0 };
    for (const x of row?.cells ?? []) if (x.final) c[x.final]++;
    return c;
  }, [row]);

  async function judge(cell: GridCell, level: GridLevel, comment: string): Promise<boolean> {
    if (!traineeId) return false;
    try {
      const ack = await sendCommand('evaluator:command', sessionId, { type: 'grid.override', traineeId, criterionId: cell.criterionId, level, comment });
      setMsg({ key: 'grid.saved', params: { id: cell.criterionId, level: { key: `level.${level}` }, seq: ack.seq }, tone: 'info' });
      await load();
      return true;
    } catch (e) {
      setMsg({ key: 'grid.failed', params: { reason: e instanceof AckError ? { key: `errors.${e.code}`, defaultValue: e.message } : (e as Error).message }, tone: 'error' });
      return false;
    }
  }

  if (error) return <Status tone="error" message={error} />;
  if (!data) return <p className="muted" role="status">{t('grid.loading')}</p>;

  return (
    <div className="grid-page">
      <div className="grid-bar">
        <label htmlFor="grid-trainee">{t('grid.trainee')}</label>
        <select id="grid-trainee" value={traineeId} onChange={(e) => navigate(href(['sessions', sessionId, 'grid'], { trainee: e.target.value }), true)}>
          {data.rows.map((r) => <option key={r.traineeId} value={r.traineeId}>{r.name}</option>)}
        </select>
        {row && (
          <span className="grid-summary" aria-label={t('grid.summary')}>
            <strong>{formatScore(row.points, row.max, i18n.language, true, 1)}</strong>{row.max > 0 ? ` (${formatUnit(Math.round((row.points / row.max) * 100), '%', i18n.language)})` : ''}
            {' · '}<LevelBadge level="acquired" /> {counts.acquired} · <LevelBadge level="in_progress" /> {counts.in_progress} · <LevelBadge level="not_acquired" /> {counts.not_acquired}
          </span>
        )}
        <span className="muted small">{t('grid.rubric', { v: data.rubricVersion })}</span>
        {row && <a className="btn btn-small" href={exportUrls.report(sessionId, row.traineeId, i18n.language)} target="_blank" rel="noopener">{t('exports.report')}</a>}
      </div>
      {!canJudge && <p className="muted small">{t('grid.readOnly')}</p>}
      <Status message={resultLineText(msg, t)} tone={msg?.tone} />
      {!row || row.cells.length === 0 ? <p className="muted">{t('grid.empty')}</p> : groups.map(([compId, cells]) => (
        <section key={compId} className="competence" aria-labelledby={`comp-${compId}`}>
          <h2 id={`comp-${compId}`}><span className="cid">{compId}</span> {i18n.language === 'en' ? data.competences[compId]?.en : data.competences[compId]?.fr}</h2>
          <table className="grid-table">
            <thead>
              <tr>
                <th scope="col">{t('grid.criterion')}</th><th scope="col">{t('grid.computed')}</th><th scope="col">{t('grid.evidence')}</th>
                <th scope="col">{t('grid.judgement')}</th><th scope="col"><span className="sr-only">{t('grid.actions')}</span></th>
              </tr>
            </thead>
            <tbody>
              {cells.map((c) => {
                const info = data.criteria[c.criterionId];
                return (
                  <tr key={c.criterionId} id={`crit-${c.criterionId}`} className={focusCriterion === c.criterionId ? 'focused' : undefined} data-criterion={c.criterionId}>
                    <th scope="row">
                      <span className="cid">{c.criterionId}</span>
                      <q className="official">{info?.official ?? c.criterionId}</q>
                      {i18n.language === 'en' && info && <span className="muted small"> {info.en}</span>}
                    </th>
                    <td><LevelBadge level={c.computed} /><div className="muted small">{formatScore(c.points, c.max, i18n.language)}</div></td>
                    <td>
                      {c.evidence.length === 0 ? <span className="muted">—</span> : (
                        <ul className="evidence-links">
                          {c.evidence.map((e, i) => (
                            <li key={i}>
                              <a href={href(['sessions', sessionId, 'replay'], { seq: e.eventSeq, trainee: traineeId })} data-seq={e.eventSeq}>{t('event.seq', { seq: e.eventSeq })}</a>{' '}
                              <span className={e.max > 0 && e.points >= e.max ? 'ev-good' : e.points === 0 ? 'ev-bad' : 'ev-mid'}>{formatNumber(e.points, i18n.language)}/{formatNumber(e.max, i18n.language)}</span>{' '}
                              <span className="small">{localized(e.explanation, i18n.language)}</span>
                            </li>
                          ))}
                        </ul>
                      )}
                    </td>
                    <td data-testid="judgement">
                      {c.judgement ? (
                        <div>
                          <LevelBadge level={c.judgement.level} /> <span className="muted small">({c.judgement.confirmed ? t('grid.confirmed') : t('grid.overridden')})</span>
                          <div className="comment">{t('event.open')}{c.judgement.comment}{t('event.close')} <span className="muted small">{t('grid.by', { name: judgeName(c.judgement.by, c.judgement.byName), seq: c.judgement.seq })}</span></div>
                          {c.history.length > 1 && <details><summary className="small">{t('grid.history', { count: c.history.length })}</summary><ul className="small">{c.history.map((h) => <li key={h.seq}>{t('event.seq', { seq: h.seq })} · {t(`level.${h.level}`)} · {t('event.open')}{h.comment}{t('event.close')} — {judgeName(h.by, h.byName)}</li>)}</ul></details>}
                        </div>
                      ) : <span className="muted">{t('grid.noJudgement')}</span>}
                      {editing === c.criterionId && <JudgeForm cell={c} onSubmit={(l, cm) => judge(c, l, cm)} onCancel={() => closeForm(c.criterionId)} />}
                    </td>
                    <td>
                      {canJudge && editing !== c.criterionId && <button type="button" className="btn btn-small" data-judge={c.criterionId} onClick={() => setEditing(c.criterionId)} aria-label={t('grid.judgeFor', { id: c.criterionId })}>{t('grid.judge')}</button>}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </section>
      ))}
    </div>
  );
}
