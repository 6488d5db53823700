/** One row per trainee: ticket counts, SLA warnings and breaches, running score and current call. */
import { useTranslation } from 'react-i18next';
import { formatVirtual } from '../evaluator/common/format.js';
import { formatScore, formatUnit } from '../evaluator/common/labels.js';
import type { BoardRow } from './board.js';

export function LiveBoard({ rows, now, selected, onSelect }: { rows: BoardRow[]; now: number; selected?: string | undefined; onSelect: (id: string | undefined) => void }) {
  const { t, i18n } = useTranslation('staff');
  return (
    <table className="board" aria-describedby="board-help">
      <caption>
        {t('board.caption')}
        <span id="board-help" className="sr-only">{t('board.help')}</span>
      </caption>
      <thead>
        <tr>
          <th scope="col">{t('board.trainee')}</th>
          <th scope="col" title={t('board.waitingHelp')}>{t('board.waiting')}</th>
          <th scope="col">{t('board.open')}</th>
          <th scope="col">{t('board.pending')}</th>
          <th scope="col">{t('board.escalated')}</th>
          <th scope="col">{t('board.closed')}</th>
          <th scope="col">{t('board.warnings')}</th>
          <th scope="col">{t('board.breaches')}</th>
          <th scope="col">{t('board.score')}</th>
          <th scope="col">{t('board.call')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => {
          const isSel = selected === r.traineeId;
          return (
            <tr key={r.traineeId} className={isSel ? 'selected' : undefined} data-trainee={r.traineeId} onClick={() => onSelect(isSel ? undefined : r.traineeId)}>
              <th scope="row">
                <button type="button" className="linklike" aria-expanded={isSel} aria-controls="trainee-desk" onClick={(e) => { e.stopPropagation(); onSelect(isSel ? undefined : r.traineeId); }}>
                  {r.name}
                </button>
              </th>
              <td className="num">{r.waiting}</td>
              <td className="num">{r.open}</td>
              <td className="num">{r.pending}</td>
              <td className="num">{r.escalated}</td>
              <td className="num">{r.closed}{r.resolved ? <span className="muted"> (+{r.resolved})</span> : null}</td>
              <td className={`num${r.slaWarnings ? ' warn' : ''}`}>{r.slaWarnings}</td>
              <td className={`num${r.slaBreaches ? ' bad' : ''}`}>{r.slaBreaches}</td>
              <td className="num" data-testid="score">{r.score === undefined ? '—' : formatUnit(r.score, '%', i18n.language)}<span className="muted small"> {r.max ? formatScore(r.points, r.max, i18n.language, false, 1) : ''}</span></td>
              <td>{r.call ? <span>{t(`channel.${r.call.channel}`)} · {r.call.caller} <span className="muted">({formatVirtual(Math.max(0, now - r.call.since))})</span></span> : <span className="muted">—</span>}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
