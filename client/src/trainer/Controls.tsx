/** Drill controls: start, pause, resume, speed, stop (cancel before the start), release exam feedback. */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TrainerCommand } from '../../../server/src/domain/commands.js';
import type { StaffView } from '../../../server/src/domain/projection.js';
import { formatVirtual } from '../evaluator/common/format.js';
import { sessionStatusKey } from '../evaluator/common/labels.js';
import { SoftDisabledButton } from '../shell/SoftDisabledButton.js';

const SPEEDS = [1, 2, 5, 10, 20, 60];

/** Where keyboard focus goes once the control that was pressed is replaced. */
type FocusTarget = 'primary' | 'stop' | 'cancelStop' | 'status' | 'released';

/** `send`'s `what` names the command in the result line when its type does not (a stop that cancels). */
export function Controls({ session, now, send, busy }: { session: StaffView['session']; now: number; send: (c: TrainerCommand, what?: string) => void; busy: boolean }) {
  const { t } = useTranslation('staff');
  const [speed, setSpeed] = useState(String(session.clock.speed));
  const [confirmStop, setConfirmStop] = useState(false);
  const [focusTo, setFocusTo] = useState<FocusTarget>();
  const [focusAfter, setFocusAfter] = useState<{ to: FocusTarget; from: string }>();
  const primary = useRef<HTMLButtonElement>(null);
  const stop = useRef<HTMLButtonElement>(null);
  const cancelStop = useRef<HTMLButtonElement>(null);
  const status = useRef<HTMLSpanElement>(null);
  const released = useRef<HTMLSpanElement>(null);
  const st = session.status;
  // What a pressed control waits for: the status to change, or the exam results to be released.
  const phase = `${st}|${session.feedbackReleased}`;

  const refs = { primary, stop, cancelStop, status, released };
  // The stop confirmation opens and closes: focus moves into it and back.
  useEffect(() => {
    if (!focusTo) return;
    refs[focusTo].current?.focus();
    setFocusTo(undefined);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [focusTo]);
  // Start → Pause → Resume replace one another once the status changes, « Publier les résultats » gives way to a
  // text once they are: focus follows onto what is now in place.
  useEffect(() => {
    if (!focusAfter || phase === focusAfter.from) return;
    (refs[focusAfter.to].current ?? status.current)?.focus();
    setFocusAfter(undefined);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [focusAfter, phase]);

  const press = (c: TrainerCommand, next: FocusTarget = 'primary', what?: string) => { setFocusAfter({ to: next, from: phase }); send(c, what); };
  // Stopping a session that never started cancels it (the server records it so): same confirmation, its own words.
  const ending = st === 'created'
    ? { button: 'controls.cancelSession', confirm: 'controls.confirmCancelSession', yes: 'controls.cancelSessionYes', no: 'controls.keepSession', what: 'session.cancel' }
    : { button: 'controls.stop', confirm: 'controls.confirmStop', yes: 'controls.stopYes', no: 'controls.cancel', what: undefined };
  return (
    <div className="controls" role="group" aria-label={t('controls.label')}>
      <div className="clock" aria-label={t('controls.clockLabel')}>
        <span className="clock-time" data-testid="virtual-clock">{formatVirtual(now)}</span>
        <span className="muted"> / {formatVirtual(session.duration)}</span>
        <span className={`badge badge-${sessionStatusKey(session)}`} data-testid="session-status" ref={status} tabIndex={-1}>{t(`sessionStatus.${sessionStatusKey(session)}`)}</span>
        <span className="muted">×{session.clock.speed}</span>
      </div>
      {st === 'created' && <SoftDisabledButton ref={primary} type="button" className="btn btn-primary" unavailable={busy} onClick={() => press({ type: 'session.start' })}>{t('controls.start')}</SoftDisabledButton>}
      {st === 'running' && <SoftDisabledButton ref={primary} type="button" className="btn" unavailable={busy} onClick={() => press({ type: 'session.pause' })}>{t('controls.pause')}</SoftDisabledButton>}
      {st === 'paused' && <SoftDisabledButton ref={primary} type="button" className="btn btn-primary" unavailable={busy} onClick={() => press({ type: 'session.resume' })}>{t('controls.resume')}</SoftDisabledButton>}
      {st !== 'stopped' && (
        <form className="inline-form" onSubmit={(e) => { e.preventDefault(); if (!busy && Number(speed) !== session.clock.speed) send({ type: 'session.setSpeed', speed: Number(speed) }); }}>
          <label htmlFor="speed-select">{t('controls.speed')}</label>
          <select id="speed-select" value={speed} onChange={(e) => setSpeed(e.target.value)}>
            {[...new Set([...SPEEDS, session.clock.speed])].sort((a, b) => a - b).map((s) => <option key={s} value={s}>×{s}</option>)}
          </select>
          <SoftDisabledButton type="submit" className="btn" unavailable={busy || Number(speed) === session.clock.speed}>{t('controls.applySpeed')}</SoftDisabledButton>
        </form>
      )}
      {st !== 'stopped' && (confirmStop ? (
        <span className="confirm" role="group" aria-label={t(ending.confirm)}>
          {t(ending.confirm)}
          <SoftDisabledButton type="button" className="btn btn-danger" unavailable={busy} onClick={() => { setConfirmStop(false); setFocusTo('stop'); press({ type: 'session.stop' }, 'status', ending.what); }}>{t(ending.yes)}</SoftDisabledButton>
          <button ref={cancelStop} type="button" className="btn" onClick={() => { setConfirmStop(false); setFocusTo('stop'); }}>{t(ending.no)}</button>
        </span>
      ) : <SoftDisabledButton ref={stop} type="button" className="btn btn-danger" unavailable={busy} onClick={() => { setConfirmStop(true); setFocusTo('cancelStop'); }}>{t(ending.button)}</SoftDisabledButton>)}
      {/* A cancelled exam has no results to publish. */}
      {session.mode === 'exam' && !session.cancelled && (
        session.feedbackReleased
          ? <span className="muted" ref={released} tabIndex={-1} data-testid="results-released">{t('controls.released')}</span>
          : <>
            <SoftDisabledButton type="button" className="btn" unavailable={busy || st !== 'stopped'} aria-describedby={st !== 'stopped' ? 'release-reason' : undefined} onClick={() => press({ type: 'session.releaseFeedback' }, 'released')}>{t('controls.release')}</SoftDisabledButton>
            {/* Said next to the button, not in a tooltip: keyboard and touch users see it too. */}
            {st !== 'stopped' && <span id="release-reason" className="muted small">{t('controls.releaseWhenStopped')}</span>}
          </>
      )}
    </div>
  );
}
