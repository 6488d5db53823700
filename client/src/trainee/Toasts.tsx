/**
 * Transient messages: refusals, scored actions (training mode) and trainer notices. Written at display time
 * (a language switch rewrites the ones on screen). They are not live regions themselves: the desk announces
 * each once when it appears (refusals assertively), so rewriting one is not read out again. A toast waits
 * while the pointer or the focus is on it, and then shows all its text (its lines are cut to two otherwise).
 * They never take the focus; Escape or × dismisses one, and focus goes back to where it came from.
 */
import { useCallback, useEffect, useRef, useState, type FocusEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useDesk } from './DeskContext.js';
import { addToast, holdToast, isHeld, toastDuration, toastText, type Toast, type ToastMessage } from './toast-model.js';

export type { Toast } from './toast-model.js';

/** The desk's toast list: `push` a message, `drop` those a predicate picks (all by default). */
export function useToastList() {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const push = useCallback((message: ToastMessage) => {
    setToasts((list) => addToast(list, { id: `${Date.now()}-${Math.random()}`, message, duration: toastDuration(message) }));
  }, []);
  const drop = useCallback((which: (x: Toast) => boolean = () => true) => setToasts((list) => list.filter((x) => !which(x))), []);
  const hold = useCallback((id: string, by: 'hovered' | 'focused', on: boolean) => setToasts((list) => holdToast(list, id, by, on)), []);
  return { toasts, push, drop, hold };
}

export function Toasts({ toasts, drop, hold }: Pick<ReturnType<typeof useToastList>, 'toasts' | 'drop' | 'hold'>) {
  const { t, i18n } = useTranslation('trainee');
  const { rubric } = useDesk();
  // Where the focus was before it came onto a toast: it goes back there when that toast is dismissed.
  const cameFrom = useRef<HTMLElement | null>(null);
  const onFocus = (e: FocusEvent<HTMLElement>) => {
    const from = e.relatedTarget;
    if (from instanceof HTMLElement && !e.currentTarget.contains(from)) cameFrom.current = from;
  };
  const dismiss = (id: string, el: HTMLElement) => {
    if (el.contains(document.activeElement)) {
      const back = cameFrom.current?.isConnected ? cameFrom.current : document.getElementById('work-area');
      back?.focus();
    }
    drop((x) => x.id === id);
  };
  return (
    <div className="toasts" role="region" aria-label={t('toasts.label')} onFocus={onFocus}>
      {toasts.map((x) => (
        <ToastItem key={x.id} toast={x} text={toastText(x.message, t, i18n.language, rubric)} dismissLabel={t('toasts.dismiss')}
          onDismiss={dismiss} onExpire={() => drop((y) => y.id === x.id)} hold={hold} />
      ))}
    </div>
  );
}

function ToastItem({ toast, text, dismissLabel, onDismiss, onExpire, hold }: {
  toast: Toast; text: ReturnType<typeof toastText>; dismissLabel: string;
  onDismiss: (id: string, el: HTMLElement) => void; onExpire: () => void; hold: (id: string, by: 'hovered' | 'focused', on: boolean) => void;
}) {
  const { id, message: { kind } } = toast;
  const held = isHeld(toast);
  // The time left runs only while nothing holds the toast.
  const left = useRef(toast.duration);
  const expire = useRef(onExpire);
  expire.current = onExpire;
  useEffect(() => {
    if (held) return;
    const start = Date.now();
    const timer = setTimeout(() => expire.current(), left.current);
    return () => { clearTimeout(timer); left.current -= Date.now() - start; };
  }, [held]);
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key !== 'Escape') return;
    // This toast only (the desk's own Escape would close them all).
    e.stopPropagation();
    onDismiss(id, e.currentTarget);
  };
  return (
    <div className={`toast toast-${kind}${text.tone ? ` tone-${text.tone}` : ''}`} data-testid={`toast-${kind}`}
      onMouseEnter={() => hold(id, 'hovered', true)} onMouseLeave={() => hold(id, 'hovered', false)}
      onFocus={() => hold(id, 'focused', true)} onBlur={(e) => { if (!e.currentTarget.contains(e.relatedTarget)) hold(id, 'focused', false); }}
      onKeyDown={onKeyDown}>
      {/* Focusable, so a keyboard can stop it and scroll a long one. */}
      <div className="toast-body" tabIndex={0}>
        <strong>{text.title}</strong>
        {text.lines.map((l, i) => <span key={i}>{l}</span>)}
      </div>
      <button type="button" className="btn-icon" onClick={(e) => onDismiss(id, e.currentTarget.closest<HTMLElement>('.toast')!)} aria-label={dismissLabel}>×</button>
    </div>
  );
}
