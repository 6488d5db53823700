/**
 * A button that sends a command to the server. While it cannot act (a command
 * is in flight, the drill is not running, or the caller says so) it is marked
 * aria-disabled instead of disabled: a focused button that becomes disabled
 * drops keyboard focus to <body> in Chromium, so the next Tab would restart
 * at the top of the page. Activation is ignored while unavailable.
 */
import type { ButtonHTMLAttributes, MouseEvent } from 'react';
import { useDesk } from './DeskContext.js';

/** The refusal the server would give for any trainee command in the session's current status (see decide.ts). */
export type SessionBlock = 'session/paused' | 'session/not_running';

export function useSessionBlock(): SessionBlock | undefined {
  const { view } = useDesk();
  const status = view.session.status;
  if (status === 'running') return undefined;
  return status === 'paused' ? 'session/paused' : 'session/not_running';
}

export function ActionButton({ unavailable, onClick, type = 'button', ...rest }: ButtonHTMLAttributes<HTMLButtonElement> & { unavailable?: boolean | undefined }) {
  const { busy } = useDesk();
  const blocked = useSessionBlock();
  const off = busy || blocked !== undefined || !!unavailable;
  const activate = (e: MouseEvent<HTMLButtonElement>) => {
    // preventDefault also stops a submit button from submitting its form (Enter in a field included).
    if (off) { e.preventDefault(); return; }
    onClick?.(e);
  };
  return <button {...rest} type={type} aria-disabled={off ? true : undefined} onClick={activate} />;
}
