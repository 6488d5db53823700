import { useTranslation } from 'react-i18next';

export function Loading({ label }: { label?: string }) {
  const { t } = useTranslation('common');
  return <div className="loading" role="status" aria-live="polite">{label ?? t('loading')}</div>;
}
