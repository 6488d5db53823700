/** Drill controls: start, pause, resume, speed, stop, release exam feedback. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TrainerCommand } from '../../../server/src/domain/commands.js';
import type { StaffView } from '../../../server/src/domain/projection.js';
import { formatVirtual } from '../evaluator/common/format.js';

const SPEEDS = [1, 2, 5, 10, 20, 60];

export function Controls({ session, now, send, busy }: { session: StaffView['session']; now: number; send: (c: TrainerCommand) => void; busy: boolean }) {
  const { t } = useTranslation('staff');
  const [speed, setSpeed] = useState(String(session.clock.speed));
  const [confirmStop, setConfirmStop] = useState(false);
  const st = session.status;
  return (
    <div className="controls" role="group" aria-label={t('controls.label')}>
      <div className="clock" aria-label={t('controls.clockLabel')}>
        <span className="clock-time" data-testid="virtual-clock">{formatVirtual(now)}</span>
        <span className="muted"> / {formatVirtual(session.duration)}</span>
        <span className={`badge badge-${st}`} data-testid="session-status">{t(`sessionStatus.${st}`)}</span>
        <span className="muted">×{session.clock.speed}</span>
      </div>
      {st === 'created' && <button type="button" className="btn btn-primary" disabled={busy} onClick={() => send({ type: 'session.start' })}>{t('controls.start')}</button>}
      {st === 'running' && <button type="button" className="btn" disabled={busy} onClick={() => send({ type: 'session.pause' })}>{t('controls.pause')}</button>}
      {st === 'paused' && <button type="button" className="btn btn-primary" disabled={busy} onClick={() => send({ type: 'session.resume' })}>{t('controls.resume')}</button>}
      {st !== 'stopped' && (
        <form className="inline-form" onSubmit={(e) => { e.preventDefault(); send({ type: 'session.setSpeed', speed: Number(speed) }); }}>
          <label htmlFor="speed-select">{t('controls.speed')}</label>
          <select id="speed-select" value={speed} onChange={(e) => setSpeed(e.target.value)}>
            {[...new Set([...SPEEDS, session.clock.speed])].sort((a, b) => a - b).map((s) => <option key={s} value={s}>×{s}</option>)}
          </select>
          <button type="submit" className="btn" disabled={busy || Number(speed) === session.clock.speed}>{t('controls.applySpeed')}</button>
        </form>
      )}
      {st !== 'stopped' && st !== 'created' && (confirmStop ? (
        <span className="confirm" role="group" aria-label={t('controls.confirmStop')}>
          {t('controls.confirmStop')}
          <button type="button" className="btn btn-danger" disabled={busy} onClick={() => { setConfirmStop(false); send({ type: 'session.stop' }); }}>{t('controls.stopYes')}</button>
          <button type="button" className="btn" onClick={() => setConfirmStop(false)}>{t('controls.cancel')}</button>
        </span>
      ) : <button type="button" className="btn btn-danger" disabled={busy} onClick={() => setConfirmStop(true)}>{t('controls.stop')}</button>)}
      {session.mode === 'exam' && (
        session.feedbackReleased
          ? <span className="muted">{t('controls.released')}</span>
          : <button type="button" className="btn" disabled={busy || st !== 'stopped'} title={st !== 'stopped' ? t('controls.releaseWhenStopped') : undefined} onClick={() => send({ type: 'session.releaseFeedback' })}>{t('controls.release')}</button>
      )}
    </div>
  );
}
