/**
 * SLA compliance and running score over virtual time (recharts). The figure
 * has a caption and its data as a table for screen readers.
 */
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useTranslation } from 'react-i18next';
import { formatVirtual, timeTicks } from './format.js';
import { formatUnit, tooltipSeparator } from './labels.js';

export interface ChartPoint { t: number; sla: number | null; score: number | null; tSla?: number | null; tScore?: number | null }

export function ScoreChart({ points, traineeName, height = 210 }: { points: ChartPoint[]; traineeName?: string | undefined; height?: number }) {
  const { t, i18n } = useTranslation('staff');
  const lang = i18n.language;
  const pctText = (v: unknown) => (typeof v === 'number' ? formatUnit(v, '%', lang) : '—');
  const times = points.map((p) => p.t);
  const first = Math.min(...times), last = Math.max(...times);
  return (
    <figure className="chart" aria-labelledby="score-chart-caption">
      <figcaption id="score-chart-caption">{t('chart.caption')}{traineeName ? ` — ${t('chart.with', { name: traineeName })}` : ''}</figcaption>
      {/* The drawing is decoration for sighted users (its data is in the table below): hidden and never focusable. */}
      <div className="chart-box" style={{ height }} aria-hidden="true" data-testid="chart-drawing">
        {points.length < 2 ? <p className="muted chart-empty">{t('chart.empty')}</p> : (
          <ResponsiveContainer width="100%" height="100%">
            <LineChart data={points} margin={{ top: 8, right: 24, bottom: 0, left: 0 }} accessibilityLayer={false} tabIndex={-1}>
              <CartesianGrid strokeDasharray="3 3" stroke="#d8dde3" />
              {/* Our own ticks (whole seconds, one round step): all of them shown, none repeated. */}
              <XAxis dataKey="t" type="number" domain={[first, last]} ticks={timeTicks(first, last)} interval={0} tickFormatter={(v: number) => formatVirtual(v)} fontSize={11} />
              <YAxis domain={[0, 100]} tickFormatter={(v: number) => formatUnit(v, '%', lang)} width={48} fontSize={11} />
              <Tooltip separator={tooltipSeparator(lang)} labelFormatter={(v) => formatVirtual(Number(v))} formatter={(v) => pctText(v)} />
              <Legend wrapperStyle={{ fontSize: 12 }} />
              <Line type="monotone" dataKey="sla" name={t('chart.sla')} stroke="#1f6feb" strokeWidth={2} dot={false} isAnimationActive={false} connectNulls />
              <Line type="monotone" dataKey="score" name={t('chart.score')} stroke="#b35900" strokeWidth={2} dot={false} isAnimationActive={false} connectNulls />
              {traineeName && <Line type="monotone" dataKey="tSla" name={t('chart.traineeSla', { name: traineeName })} stroke="#1f6feb" strokeDasharray="5 4" dot={false} isAnimationActive={false} connectNulls />}
              {traineeName && <Line type="monotone" dataKey="tScore" name={t('chart.traineeScore', { name: traineeName })} stroke="#b35900" strokeDasharray="5 4" dot={false} isAnimationActive={false} connectNulls />}
            </LineChart>
          </ResponsiveContainer>
        )}
      </div>
      <details className="chart-data">
        <summary>{t('chart.data')}</summary>
        <table>
          <thead><tr><th scope="col">{t('chart.time')}</th><th scope="col">{t('chart.sla')}</th><th scope="col">{t('chart.score')}</th></tr></thead>
          <tbody>{points.slice(-30).map((p) => <tr key={p.t}><td>{formatVirtual(p.t)}</td><td>{pctText(p.sla)}</td><td>{pctText(p.score)}</td></tr>)}</tbody>
        </table>
      </details>
    </figure>
  );
}
