/** Transient messages: refusals, scored actions (training mode) and trainer notices. */
import { useTranslation } from 'react-i18next';

export interface Toast { id: string; kind: 'error' | 'feedback' | 'notice'; title: string; lines: string[]; tone?: 'good' | 'partial' | 'bad' }

export function Toasts({ toasts, onDismiss }: { toasts: Toast[]; onDismiss: (id: string) => void }) {
  const { t } = useTranslation('trainee');
  return (
    <div className="toasts" role="region" aria-label={t('toasts.label')}>
      {toasts.map((x) => (
        <div key={x.id} className={`toast toast-${x.kind}${x.tone ? ` tone-${x.tone}` : ''}`} role={x.kind === 'error' ? 'alert' : 'status'} data-testid={`toast-${x.kind}`}>
          <div className="toast-body">
            <strong>{x.title}</strong>
            {x.lines.map((l, i) => <span key={i}>{l}</span>)}
          </div>
          <button type="button" className="btn-icon" onClick={() => onDismiss(x.id)} aria-label={t('toasts.dismiss')}>×</button>
        </div>
      ))}
    </div>
  );
}
