/** Top bar of the desk: the session's name when it has one, the drill (its title on hover), shift clock, mode and connection. */
import { useTranslation } from 'react-i18next';
import type { SessionSummary } from '../api/rest.js';
import type { ConnectionState } from '../api/socket.js';
import { localized } from '../i18n/index.js';
import { LanguageSwitch } from '../shell/LanguageSwitch.js';
import { UserMenu } from '../shell/UserMenu.js';
import { useDesk, useNow } from './DeskContext.js';
import { formatShiftTime } from './format.js';

export function DeskHeader({ connection, drillTitle, onLeave, onShowSummary }: {
  connection: ConnectionState; drillTitle?: SessionSummary['title']; onLeave?: (() => void) | undefined; onShowSummary?: (() => void) | undefined;
}) {
  const { t, i18n } = useTranslation('trainee');
  const { view } = useDesk();
  const now = useNow();
  const s = view.session;
  const status = s.cancelled ? 'cancelled' : s.status;
  return (
    <header className="topbar desk-topbar">
      <span className="brand">DeskDrill</span>
      {/* The page's h1 (a heading for screen readers' navigation), styled as the top bar's title. */}
      <h1 className="topbar-title desk-title" title={drillTitle ? localized(drillTitle, i18n.language) : undefined}>{t('desk.title')}</h1>
      {s.name && <span className="desk-session-name" data-testid="session-name" title={s.name}>{s.name}</span>}
      <span className={`pill pill-status-${status}`} data-testid="session-status">{t(`session.status.${status}`)}</span>
      <span className={`pill pill-mode-${s.mode}`}>{t(`session.mode.${s.mode}`)}</span>
      <span className="shift-clock" role="timer" aria-label={t('desk.clockLabel')}>
        <span className="shift-clock-now">{formatShiftTime(Math.min(now, s.duration || now))}</span>
        {s.duration > 0 && <span className="shift-clock-total"> / {formatShiftTime(s.duration)}</span>}
        {s.clock.speed !== 1 && <span className="shift-clock-speed"> ×{s.clock.speed}</span>}
      </span>
      <span className="topbar-spacer" />
      <span className={`conn conn-${connection}`} role="status">{t(`connection.${connection}`)}</span>
      {onShowSummary && <button type="button" className="btn btn-small" onClick={onShowSummary}>{t('summary.show')}</button>}
      {onLeave && <button type="button" className="btn btn-small" onClick={onLeave}>{t('desk.leave')}</button>}
      <LanguageSwitch />
      <UserMenu />
    </header>
  );
}
