/**
 * The trainee desk's command buttons (see SoftDisabledButton: unavailable
 * without losing keyboard focus), and the session status that makes them so.
 */
import { SoftDisabledButton, type SoftDisabledButtonProps } from '../shell/SoftDisabledButton.js';
import { useDesk } from './DeskContext.js';

/** The refusal the server would give for any trainee command in the session's current status (see decide.ts). */
export type SessionBlock = 'session/paused' | 'session/not_running';

export function useSessionBlock(): SessionBlock | undefined {
  const { view } = useDesk();
  const status = view.session.status;
  if (status === 'running') return undefined;
  return status === 'paused' ? 'session/paused' : 'session/not_running';
}

/** A command button of the desk: unavailable while a command is in flight, while the drill is not running, or when the caller says so. */
export function ActionButton({ unavailable, ...rest }: SoftDisabledButtonProps) {
  const { busy } = useDesk();
  const blocked = useSessionBlock();
  return <SoftDisabledButton {...rest} unavailable={busy || blocked !== undefined || !!unavailable} />;
}
