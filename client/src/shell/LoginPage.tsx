/** The sign-in form every role starts from. */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiRequestError } from '../api/http.js';
import { auth, type User } from '../api/rest.js';
import { LanguageSwitch } from './LanguageSwitch.js';
import { SoftDisabledButton } from './SoftDisabledButton.js';

export function LoginPage({ onLogin }: { onLogin: (u: User) => void }) {
  const { t } = useTranslation('common');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      onLogin(await auth.login(username.trim(), password));
    } catch (err) {
      const status = err instanceof ApiRequestError ? err.status : 0;
      setError(status === 401 || status === 400 ? t('auth.invalid') : status === 429 ? t('auth.tooMany') : t('auth.unreachable'));
    } finally {
      setBusy(false);
    }
  }

  return (
    <main className="login-page">
      <div className="login-card">
        <div className="login-head">
          <h1 className="brand">DeskDrill</h1>
          <LanguageSwitch />
        </div>
        <p className="login-tagline">{t('app.tagline')}</p>
        <form onSubmit={submit} aria-describedby={error ? 'login-error' : undefined}>
          <div className="field">
            <label htmlFor="login-user">{t('auth.username')}</label>
            <input id="login-user" name="username" autoComplete="username" required autoFocus value={username} onChange={(e) => setUsername(e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor="login-password">{t('auth.password')}</label>
            <input id="login-password" name="password" type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
          </div>
          {error && <p id="login-error" className="form-error" role="alert">{error}</p>}
          {/* Not natively disabled while signing in: a failed attempt leaves focus on the button, not on the page. */}
          <SoftDisabledButton type="submit" className="btn btn-primary btn-block" unavailable={busy}>{busy ? t('auth.signingIn') : t('auth.signIn')}</SoftDisabledButton>
        </form>
      </div>
    </main>
  );
}
