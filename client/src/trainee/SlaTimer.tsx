/** A live SLA countdown (response or resolution) for one ticket. */
import { useTranslation } from 'react-i18next';
import type { SlaView } from '../../../server/src/domain/projection.js';
import { useDesk, useNow } from './DeskContext.js';
import { formatDuration, slaAt } from './format.js';

export function SlaTimer({ sla, clock, compact = false }: { sla: SlaView; clock: 'response' | 'resolution'; compact?: boolean }) {
  const { t } = useTranslation('trainee');
  const { view, contract } = useDesk();
  const now = useNow();
  const d = slaAt(sla, view.session.now, now, contract.warnShare ?? 0.75);
  const state = sla.stopped ? (d.phase === 'breached' ? 'breached' : 'met') : sla.paused ? 'paused' : d.phase;
  const value = sla.stopped ? t(d.phase === 'breached' ? 'sla.missed' : 'sla.met') : sla.paused ? `${t('sla.paused')} ${formatDuration(d.remaining)}` : formatDuration(d.remaining);
  const label = t(`sla.${clock}`);
  return (
    <span className={`sla sla-${state}${compact ? ' sla-compact' : ''}`} data-testid={`sla-${clock}`} title={t('sla.title', { clock: label, target: formatDuration(sla.target) })}>
      <span className="sla-label">{compact ? t(`sla.${clock}Short`) : label}</span>
      <span className="sla-value">{value}</span>
      {state === 'warning' && <span className="sla-flag">{t('sla.warningFlag')}</span>}
      {state === 'breached' && !sla.stopped && <span className="sla-flag">{t('sla.breachedFlag')}</span>}
    </span>
  );
}
