/** Past and current sessions, with links to the console (trainers) and to the evaluation tabs. */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { localized } from '../i18n/index.js';
import { staffApi, type StaffSession } from './common/api.js';
import { formatWhen } from './common/format.js';
import { sessionNaming, sessionStatusKey } from './common/labels.js';
import { href } from './common/route.js';

export function SessionTable({ sessions, console: withConsole = false }: { sessions: StaffSession[] | undefined; console?: boolean }) {
  const { t, i18n } = useTranslation('staff');
  if (!sessions) return <p className="muted" role="status">{t('sessions.loading')}</p>;
  if (sessions.length === 0) return <p className="muted">{t('sessions.none')}</p>;
  const sorted = [...sessions].sort((a, b) => Number(new Date(b.createdAt ?? 0)) - Number(new Date(a.createdAt ?? 0)));
  return (
    <table className="sessions">
      <caption className="sr-only">{t('sessions.title')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('sessions.drill')}</th><th scope="col">{t('sessions.created')}</th><th scope="col">{t('sessions.status')}</th>
          <th scope="col">{t('sessions.mode')}</th><th scope="col">{t('sessions.trainees')}</th><th scope="col">{t('sessions.actions')}</th>
        </tr>
      </thead>
      <tbody>
        {sorted.map((s) => {
          const { label: title, drill } = sessionNaming(s.name, s.title ? localized(s.title, i18n.language) : s.drillId);
          return (
            <tr key={s.id} data-session={s.id}>
              <th scope="row">{title}<div className="muted small">{drill && <>{drill} · </>}{s.id}</div></th>
              <td>{formatWhen(s.createdAt, i18n.language)}</td>
              <td><span className={`badge badge-${sessionStatusKey(s)}`}>{t(`sessionStatus.${sessionStatusKey(s)}`)}</span></td>
              <td>{t(`mode.${s.mode}`)}</td>
              <td className="num">{s.trainees?.length ?? s.traineeIds?.length ?? '—'}</td>
              <td className="row-actions">
                {/* A finished session's console stays useful: its board, and publishing an exam's results. */}
                {withConsole && <a className={`btn btn-small${s.status !== 'stopped' ? ' btn-primary' : ''}`} href={href(['sessions', s.id])} aria-label={`${t('sessions.console')} — ${title}`}>{t('sessions.console')}</a>}
                <a className="btn btn-small" href={href(['sessions', s.id, 'replay'])} aria-label={`${t('tabs.replay')} — ${title}`}>{t('tabs.replay')}</a>
                <a className="btn btn-small" href={href(['sessions', s.id, 'grid'])} aria-label={`${t('tabs.grid')} — ${title}`}>{t('tabs.grid')}</a>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

export function SessionList() {
  const { t } = useTranslation('staff');
  const [sessions, setSessions] = useState<StaffSession[]>();
  useEffect(() => {
    const load = () => staffApi.sessions().then(setSessions, () => setSessions([]));
    void load();
    const id = setInterval(load, 10_000);
    return () => clearInterval(id);
  }, []);
  return (
    <section className="panel" aria-labelledby="sessions-title">
      <h1 id="sessions-title">{t('sessions.evalTitle')}</h1>
      <p className="muted">{t('sessions.evalHelp')}</p>
      <SessionTable sessions={sessions} />
    </section>
  );
}
