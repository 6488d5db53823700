/** Frame of the staff apps: top bar with the app's title and navigation, then the page. */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '../../shell/LanguageSwitch.js';
import { UserMenu } from '../../shell/UserMenu.js';

export interface NavItem { href: string; label: string; current?: boolean }

export function StaffShell({ title, nav, children }: { title: string; nav: NavItem[]; children: ReactNode }) {
  const { t } = useTranslation('staff');
  return (
    <div className="staff">
      <a className="skip-link" href="#staff-main">{t('shell.skip')}</a>
      <header className="topbar staff-topbar">
        <span className="brand">DeskDrill</span>
        <span className="topbar-title">{title}</span>
        <nav aria-label={t('shell.nav')} className="staff-nav">
          {nav.map((n) => <a key={n.href} href={n.href} aria-current={n.current ? 'page' : undefined}>{n.label}</a>)}
        </nav>
        <span className="topbar-spacer" />
        <LanguageSwitch />
        <UserMenu />
      </header>
      <main id="staff-main" tabIndex={-1} className="staff-main">{children}</main>
    </div>
  );
}

/** A polite live region for command results and notable changes. */
export function Status({ message, tone = 'info' }: { message: string | undefined; tone?: 'info' | 'error' }) {
  return <p className={`status-line status-line-${tone}`} role={tone === 'error' ? 'alert' : 'status'} aria-live={tone === 'error' ? 'assertive' : 'polite'}>{message ?? ''}</p>;
}
