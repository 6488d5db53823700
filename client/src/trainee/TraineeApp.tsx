/**
 * The trainee's app: finds the drill session the trainee belongs to (waiting
 * for the trainer to open one), then shows the desk for it. A session chosen
 * from the list is remembered for the browser tab, so a reload reopens it
 * while it is still in the trainee's list; « Changer de session » forgets it.
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
import { focusLater } from '../shell/focus.js';
import { formatDay, formatTimeOfDay } from '../i18n/numbers.js';
import { sessionNaming } from '../evaluator/common/labels.js';
import '../styles/trainee.css';

registerNamespace('trainee', { fr, en });

const POLL_MS = 3000;
const ACTIVE = new Set(['created', 'running', 'paused']);
/** Per tab (sessionStorage): two tabs may follow two sessions. */
const CHOSEN_KEY = 'deskdrill.trainee.session';

function rememberedSession(): string | undefined {
  try { return sessionStorage.getItem(CHOSEN_KEY) ?? undefined; } catch { return undefined; }
}
function rememberSession(id: string | undefined): void {
  try {
    if (id) sessionStorage.setItem(CHOSEN_KEY, id);
    else sessionStorage.removeItem(CHOSEN_KEY);
  } catch { /* storage disabled: nothing to reopen after a reload */ }
}

export default function TraineeApp() {
  const { t, i18n } = useTranslation('trainee');
  const [list, setList] = useState<SessionSummary[]>();
  const [chosen, setChosen] = useState<string>();
  /** Entered by itself (the only active session): no "switch session" button until it ends. */
  const [auto, setAuto] = useState(false);
  const [failed, setFailed] = useState(false);
  const [remembered, setRemembered] = useState(rememberedSession);

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
  // After a reload: the session this tab had chosen, while the trainee still has it.
  const restored = remembered && list?.some((s) => s.id === remembered) ? remembered : undefined;
  useEffect(() => {
    if (chosen || !list) return;
    if (restored) { setChosen(restored); setAuto(false); return; }
    if (remembered) { rememberSession(undefined); setRemembered(undefined); }
    if (only) { setChosen(only); setAuto(true); }
  }, [chosen, list, restored, remembered, only]);

  // The pressed choice goes away with the page: focus follows to the desk's work area (or the summary, which takes it).
  const choose = (id: string) => { rememberSession(id); setRemembered(id); setAuto(false); setChosen(id); focusLater(nextScreen, { timeoutMs: 10_000 }); };
  const leave = () => { rememberSession(undefined); setRemembered(undefined); setChosen(undefined); setAuto(false); setList(undefined); focusLater(nextScreen, { timeoutMs: 10_000 }); };
  const titleOf = (s: SessionSummary) => sessionNaming(s.name, s.title ? localized(s.title, i18n.language) : s.drillId).label;
  const current = chosen ?? restored ?? only;
  if (current) return <Desk key={current} sessionId={current} drillTitle={list?.find((s) => s.id === current)?.title} pinned={auto || !(chosen ?? restored)} onLeave={leave} />;

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
              <h1 tabIndex={list === undefined ? undefined : -1}>{t('waiting.heading')}</h1>
              <p>{list === undefined && !failed ? t('waiting.loading') : failed ? t('waiting.unreachable') : t('waiting.none')}</p>
            </div>
            {finished.length > 0 && (
              <>
                <h2>{t('waiting.finished')}</h2>
                <ul className="session-list">
                  {finished.map((s) => (
                    <li key={s.id}>
                      <SessionChoice s={s} title={t('waiting.review', { title: titleOf(s) })} onChoose={() => choose(s.id)} />
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
                  <SessionChoice s={s} title={titleOf(s)} primary onChoose={() => choose(s.id)} />
                </li>
              ))}
            </ul>
          </div>
        )}
      </main>
    </div>
  );
}

/** Where focus goes once the trainee has chosen or left a session: the first choice, the desk, or (nothing to choose) the waiting heading. */
const nextScreen = () => document.querySelector<HTMLElement>('.session-choice') ?? document.getElementById('work-area') ?? document.querySelector<HTMLElement>('.waiting-card h1[tabindex]');

/**
 * One session to choose: sessions of the same drill differ by their name (when the trainer gave one; the drill's
 * title follows it), mode, status, when and by whom they were opened, when they started, and their reference (the one
 * the trainer's console shows). Three lines to the eye, one sentence to the ear (the name says the same parts in the
 * same order, with commas where the eye has line breaks and dots).
 */
function SessionChoice({ s, title, primary = false, onChoose }: { s: SessionSummary; title: string; primary?: boolean; onChoose: () => void }) {
  const { t, i18n } = useTranslation('trainee');
  const lang = i18n.language;
  const mode = t(`session.mode.${s.mode}`);
  const status = t(`session.status.${s.status}`);
  const drill = s.name ? (s.title ? localized(s.title, lang) : s.drillId) : undefined;
  const opened = t('waiting.opened', { day: formatDay(s.createdAt, lang), time: formatTimeOfDay(s.createdAt, lang), trainer: s.createdBy.name });
  // The day only when it differs from the opening's (a drill planned the day before).
  const started = s.startedAt === undefined ? undefined : formatDay(s.startedAt, lang) === formatDay(s.createdAt, lang)
    ? t('waiting.started', { time: formatTimeOfDay(s.startedAt, lang) })
    : t('waiting.startedOn', { day: formatDay(s.startedAt, lang), time: formatTimeOfDay(s.startedAt, lang) });
  const ref = t('waiting.ref', { id: s.id });
  return (
    <button type="button" className={`btn session-choice${primary ? ' btn-primary' : ''}`} data-session={s.id} onClick={onChoose}
      aria-label={[title, drill, mode, status, opened, started, ref].filter((x) => x !== undefined).join(', ')}>
      <span className="session-choice-title">{title}</span>
      <span className="session-choice-meta">{drill && <>{drill} · </>}<span className={`mode-${s.mode}`}>{mode}</span> · {status}</span>
      <span className="session-choice-meta">{opened}{started && <> · {started}</>} · <span className="session-choice-ref">{ref}</span></span>
    </button>
  );
}
