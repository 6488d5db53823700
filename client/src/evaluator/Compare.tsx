/**
 * Session comparison: trainees who played the same drill, side by side
 * (this session's classroom, plus other sessions of the same drill on demand):
 * score per criterion and time to resolve, overall and per incident.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { localized } from '../i18n/index.js';
import { staffApi, type CompareData } from './common/api.js';
import { formatDuration, formatWhen } from './common/format.js';
import { formatPercent, formatUnit, tooltipSeparator } from './common/labels.js';
import { LevelBadge } from './common/Level.js';
import { Status } from './common/StaffShell.js';
import { useCriterionWording } from './common/useLabels.js';

export function Compare({ sessionId }: { sessionId: string }) {
  const { t, i18n } = useTranslation('staff');
  const lang = i18n.language === 'en' ? 'en' : 'fr';
  const [withIds, setWithIds] = useState<string[]>([]);
  const [data, setData] = useState<CompareData>();
  const [error, setError] = useState<string>();
  useEffect(() => { staffApi.compare(sessionId, withIds).then((d) => { setData(d); setError(undefined); }, (e: Error) => setError(e.message)); }, [sessionId, withIds]);
  const wording = useCriterionWording(data?.rubricVersions ?? []);
  if (error) return <Status tone="error" message={error} />;
  if (!data) return <p className="muted" role="status">{t('compare.loading')}</p>;
  const rows = data.rows;
  const label = (r: (typeof rows)[number]) => (data.sessions.length > 1 ? `${r.name} (${r.sessionId})` : r.name);
  const chart = rows.map((r) => ({ name: label(r), score: r.max > 0 ? Math.round((r.points / r.max) * 100) : 0, ttr: r.meanResolveMs !== undefined ? Math.round(r.meanResolveMs / 60_000 * 100) / 100 : 0 }));
  return (
    <div className="compare">
      {data.candidates.length > 0 && (
        <fieldset className="panel">
          <legend>{t('compare.addSessions')}</legend>
          {data.candidates.map((c) => (
            <label key={c.id} className="check">
              <input type="checkbox" checked={withIds.includes(c.id)} onChange={(e) => setWithIds((l) => (e.target.checked ? [...l, c.id] : l.filter((x) => x !== c.id)))} />
              {/* When it was created tells sessions apart; the id is what the rows below are labelled with. */}
              {' '}{c.name && <>{c.name} · </>}{formatWhen(c.createdAt, lang)} · {t(`sessionStatus.${c.status}`)} · {t('compare.traineesCount', { count: c.trainees })} <span className="muted small">({c.id})</span>
            </label>
          ))}
        </fieldset>
      )}
      <section className="panel" aria-labelledby="cmp-overview">
        <h2 id="cmp-overview">{t('compare.overview')}</h2>
        <table className="compare-table">
          <thead><tr>
            <th scope="col">{t('board.trainee')}</th><th scope="col">{t('board.score')}</th><th scope="col">{t('compare.tickets')}</th><th scope="col">{t('compare.resolved')}</th>
            <th scope="col">{t('board.closed')}</th><th scope="col">{t('board.escalated')}</th><th scope="col">{t('board.breaches')}</th><th scope="col">{t('compare.meanTtr')}</th><th scope="col">{t('compare.maxTtr')}</th>
          </tr></thead>
          <tbody>
            {rows.map((r) => (
              <tr key={`${r.sessionId}:${r.traineeId}`}>
                <th scope="row">{label(r)}</th>
                <td className="num">{r.max > 0 ? formatUnit(Math.round((r.points / r.max) * 100), '%', lang) : '—'}</td>
                <td className="num">{r.tickets.total}</td><td className="num">{r.tickets.resolved}</td><td className="num">{r.tickets.closed}</td>
                <td className="num">{r.tickets.escalated}</td><td className="num">{r.tickets.breaches}</td>
                <td className="num">{r.meanResolveMs !== undefined ? formatDuration(r.meanResolveMs, lang) : '—'}</td>
                <td className="num">{r.maxResolveMs !== undefined ? formatDuration(r.maxResolveMs, lang) : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <figure className="chart" aria-label={t('compare.chart')}>
          <figcaption>{t('compare.chart')}</figcaption>
          {/* The bars repeat the overview table above: hidden from assistive technology and never focusable. */}
          <div style={{ height: 200 }} aria-hidden="true" data-testid="chart-drawing">
            <ResponsiveContainer width="100%" height="100%">
              <BarChart data={chart} margin={{ top: 8, right: 16, bottom: 0, left: 0 }} accessibilityLayer={false} tabIndex={-1}>
                <CartesianGrid strokeDasharray="3 3" stroke="#d8dde3" />
                <XAxis dataKey="name" fontSize={11} />
                <YAxis yAxisId="l" domain={[0, 100]} tickFormatter={(v: number) => formatUnit(v, '%', lang)} width={48} fontSize={11} />
                <YAxis yAxisId="r" orientation="right" tickFormatter={(v: number) => formatUnit(v, 'min', lang)} width={64} fontSize={11} />
                <Tooltip separator={tooltipSeparator(lang)} formatter={(v, _name, item) => (typeof v === 'number' ? formatUnit(v, item.dataKey === 'ttr' ? 'min' : '%', lang) : String(v ?? '—'))} />
                <Legend wrapperStyle={{ fontSize: 12 }} />
                <Bar yAxisId="l" dataKey="score" name={t('board.score')} fill="#b35900" isAnimationActive={false} />
                <Bar yAxisId="r" dataKey="ttr" name={t('compare.meanTtrMin')} fill="#1f6feb" isAnimationActive={false} />
              </BarChart>
            </ResponsiveContainer>
          </div>
        </figure>
      </section>
      <section className="panel" aria-labelledby="cmp-criteria">
        <h2 id="cmp-criteria">{t('compare.byCriterion')}</h2>
        <div className="scroll-x">
          <table className="compare-table">
            <thead><tr><th scope="col">{t('grid.criterion')}</th>{rows.map((r) => <th key={`${r.sessionId}:${r.traineeId}`} scope="col">{label(r)}</th>)}</tr></thead>
            <tbody>
              {data.criteria.map((c) => (
                <tr key={c} data-criterion={c}>
                  {/* The code, and what it judges on a line of its own (the grid's wording, in the reader's language). */}
                  <th scope="row"><span className="cid">{c}</span>{wording?.[c] && <span className="criterion-wording">{localized(wording[c], i18n.language)}</span>}</th>
                  {rows.map((r) => {
                    const x = r.criteria[c];
                    return <td key={`${r.sessionId}:${r.traineeId}`}>{x ? <><LevelBadge level={x.level} /> <span className="muted small">{x.max > 0 ? formatPercent(Math.round((x.points / x.max) * 100), lang) : ''}</span></> : <span className="muted">—</span>}</td>;
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <section className="panel" aria-labelledby="cmp-incidents">
        <h2 id="cmp-incidents">{t('compare.byIncident')}</h2>
        <div className="scroll-x">
          <table className="compare-table">
            <thead><tr><th scope="col">{t('compare.incident')}</th>{rows.map((r) => <th key={`${r.sessionId}:${r.traineeId}`} scope="col">{label(r)}</th>)}</tr></thead>
            <tbody>
              {data.incidents.map((inc) => (
                <tr key={inc.id}>
                  <th scope="row">{localized(inc.title, i18n.language)}</th>
                  {rows.map((r) => {
                    const x = r.byIncident[inc.id];
                    return <td key={`${r.sessionId}:${r.traineeId}`} className="num">{x ? (x.meanResolveMs !== undefined ? formatDuration(x.meanResolveMs, lang) : t('compare.unresolved', { count: x.count })) : '—'}</td>;
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </div>
  );
}
