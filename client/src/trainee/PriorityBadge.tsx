/** Priority as the contract names it (P1 … P5), coloured by rank. */
import { useTranslation } from 'react-i18next';
import { localized } from '../i18n/index.js';
import { useDesk } from './DeskContext.js';

export function PriorityBadge({ priority, withLabel = false }: { priority: string | undefined; withLabel?: boolean }) {
  const { t, i18n } = useTranslation('trainee');
  const { contract } = useDesk();
  if (!priority) return <span className="prio prio-none" title={t('ticket.notQualified')}>{t('ticket.noPriority')}</span>;
  const ids = Object.keys(contract.priorities);
  const rank = Math.max(0, ids.indexOf(priority)) + 1;
  const label = localized(contract.priorities[priority]?.label, i18n.language);
  return (
    <span className={`prio prio-${Math.min(rank, 5)}`} title={label} data-testid="priority-badge">
      {priority}{withLabel && label ? ` — ${label}` : ''}
    </span>
  );
}
