/**
 * The client shell: who is logged in, then one lazily loaded app per role so
 * a trainee never downloads the trainer's board (and vice versa).
 */
import { lazy, Suspense, useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { auth, type User } from './api/rest.js';
import { AuthContext } from './shell/auth.js';
import { Loading } from './shell/Loading.js';
import { LoginPage } from './shell/LoginPage.js';

const TraineeApp = lazy(() => import('./trainee/TraineeApp.js'));
const TrainerApp = lazy(() => import('./trainer/TrainerApp.js'));
const EvaluatorApp = lazy(() => import('./evaluator/EvaluatorApp.js'));

/** The socket module (and socket.io-client) loads with the role apps, not with the login page. */
const closeSocket = () => { void import('./api/socket.js').then((m) => m.closeSocket()); };

type AuthState = { status: 'checking' } | { status: 'anonymous' } | { status: 'signed-in'; user: User };

export default function App() {
  const { t } = useTranslation('common');
  const [state, setState] = useState<AuthState>({ status: 'checking' });

  useEffect(() => {
    let live = true;
    auth.me().then((user) => live && setState({ status: 'signed-in', user }), () => live && setState({ status: 'anonymous' }));
    return () => { live = false; };
  }, []);

  const logout = useCallback(async () => {
    try { await auth.logout(); } catch { /* the cookie is cleared server-side; leave anyway */ }
    closeSocket();
    setState({ status: 'anonymous' });
  }, []);

  const ctx = useMemo(() => (state.status === 'signed-in' ? { user: state.user, logout } : undefined), [state, logout]);

  if (state.status === 'checking') return <Loading />;
  if (state.status === 'anonymous' || !ctx) return <LoginPage onLogin={(user) => { closeSocket(); setState({ status: 'signed-in', user }); }} />;

  const role = ctx.user.role;
  return (
    <AuthContext.Provider value={ctx}>
      <Suspense fallback={<Loading label={t('loadingApp')} />}>
        {role === 'trainee' ? <TraineeApp /> : role === 'evaluator' ? <EvaluatorApp /> : <TrainerApp />}
      </Suspense>
    </AuthContext.Provider>
  );
}
