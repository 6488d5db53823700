import { useTranslation } from 'react-i18next';
import type { GridLevel } from '../../../../server/src/domain/events.js';

/** "acquis / en cours / non acquis" with a colour and a symbol (never colour alone). */
export function LevelBadge({ level, label }: { level: GridLevel | undefined; label?: string }) {
  const { t } = useTranslation('staff');
  const sym = level === 'acquired' ? '●' : level === 'in_progress' ? '◐' : level === 'not_acquired' ? '○' : '–';
  return (
    <span className={`level level-${level ?? 'none'}`} title={label}>
      <span aria-hidden="true">{sym} </span>{level ? t(`level.${level}`) : t('level.none')}
    </span>
  );
}
