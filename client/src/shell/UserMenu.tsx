/** The logged-in user's name and a logout button, for every role's top bar. */
import { useTranslation } from 'react-i18next';
import { useAuth } from './auth.js';

export function UserMenu() {
  const { t } = useTranslation('common');
  const { user, logout } = useAuth();
  return (
    <div className="user-menu">
      <span className="user-name" title={t(`roles.${user.role}`)}>{user.name}</span>
      <button type="button" className="btn btn-small" onClick={() => void logout()}>{t('auth.logout')}</button>
    </div>
  );
}
