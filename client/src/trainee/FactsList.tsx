import { useTranslation } from 'react-i18next';
import type { FactView } from '../../../server/src/domain/projection.js';
import { localized } from '../i18n/index.js';

/** Facts the caller (or a test) has revealed, as collected beside the ticket. */
export function FactsList({ facts }: { facts: FactView[] }) {
  const { t, i18n } = useTranslation('trainee');
  if (facts.length === 0) return <p className="empty">{t('facts.none')}</p>;
  return (
    <ul className="facts" data-testid="facts">
      {facts.map((f) => (
        <li key={f.id}><strong>{localized(f.label, i18n.language)}</strong><span>{f.text}</span></li>
      ))}
    </ul>
  );
}
