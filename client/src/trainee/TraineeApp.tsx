/**
 * The trainee's app: finds the drill session the trainee belongs to (waiting
 * for the trainer to open one), then shows the desk for it.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { localized, registerNamespace } from '../i18n/index.js';
import fr from '../i18n/locales/fr/trainee.json';
import en from '../i18n/locales/en/trainee.json';
import { sessions as sessionsApi, type SessionSummary } from '../api/rest.js';
import { LanguageSwitch } from '../shell/LanguageSwitch.js';
import { UserMenu } from '../shell/UserMenu.js';
import { Desk } from './Desk.js';
import '../styles/trainee.css';

registerNamespace('trainee', { fr, en });

const POLL_MS = 3000;
const ACTIVE = new Set(['created', 'running', 'paused']);

export default function TraineeApp() {
  const { t, i18n } = useTranslation('trainee');
  const [list, setList] = useState<SessionSummary[]>();
  const [chosen, setChosen] = useState<string>();
  /** Entered by itself (the only active session): no "switch session" button until it ends. */
  const [auto, setAuto] = useState(false);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    if (chosen) return;
    let live = true;
    const load = () => sessionsApi.list().then(
      (l) => { if (!live) return; setFailed(false); setList(l); },
      () => { if (live) setFailed(true); },
    );
    void load();
    const id = setInterval(load, POLL_MS);
    return () => { live = false; clearInterval(id); };
  }, [chosen]);

  const active = (list ?? []).filter((s) => ACTIVE.has(s.status));
  // Finished drills stay reviewable (the desk opens on the end-of-shift summary); a cancelled one did not take place.
  const finished = (list ?? []).filter((s) => s.status === 'stopped' && !s.cancelled).sort((a, b) => Number(b.createdAt ?? 0) - Number(a.createdAt ?? 0)).slice(0, 5);
  // One active drill (the usual case): go straight to the desk, and stay there when it ends (summary).
  const only = active.length === 1 ? active[0]!.id : undefined;
  useEffect(() => {
    if (!chosen && only) { setChosen(only); setAuto(true); }
  }, [chosen, only]);

  const current = chosen ?? only;
  if (current) return <Desk key={current} sessionId={current} pinned={auto || !chosen} onLeave={() => { setChosen(undefined); setAuto(false); setList(undefined); }} />;

  return (
    <div className="waiting-page">
      <header className="topbar">
        <span className="brand">DeskDrill</span>
        <span className="topbar-title">{t('waiting.title')}</span>
        <span className="topbar-spacer" />
        <LanguageSwitch />
        <UserMenu />
      </header>
      <main className="waiting-main">
        {active.length === 0 ? (
          <div className="waiting-card">
            <div role="status" aria-live="polite">
              <h1>{t('waiting.heading')}</h1>
              <p>{list === undefined && !failed ? t('waiting.loading') : failed ? t('waiting.unreachable') : t('waiting.none')}</p>
            </div>
            {finished.length > 0 && (
              <>
                <h2>{t('waiting.finished')}</h2>
                <ul className="session-list">
                  {finished.map((s) => (
                    <li key={s.id}>
                      <button type="button" className="btn" onClick={() => { setAuto(false); setChosen(s.id); }}>
                        {t('waiting.review', { title: s.title ? localized(s.title, i18n.language) : s.drillId })}
                      </button>
                    </li>
                  ))}
                </ul>
              </>
            )}
          </div>
        ) : (
          <div className="waiting-card">
            <h1>{t('waiting.choose')}</h1>
            <ul className="session-list">
              {active.map((s) => (
                <li key={s.id}>
                  <button type="button" className="btn btn-primary" onClick={() => { setAuto(false); setChosen(s.id); }}>
                    {s.title ? localized(s.title, i18n.language) : s.drillId} — {t(`session.status.${s.status}`)}
                  </button>
                </li>
              ))}
            </ul>
          </div>
        )}
      </main>
    </div>
  );
}
