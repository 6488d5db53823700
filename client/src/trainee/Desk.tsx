/**
 * One shift at the service desk: joins the session, keeps the latest view,
 * and lays out queue (left), work area (centre) and tools (right).
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TraineeCommand } from '../../../server/src/domain/commands.js';
import type { DeskState } from '../../../server/src/desk-state.js';
import type { Evidence } from '../../../server/src/domain/scoring/types.js';
import { DEFAULT_CONTRACT } from '../../../server/src/domain/priority.js';
import { catalog as catalogApi, type RubricInfo, type SessionSummary, type TraineeCatalog } from '../api/rest.js';
import { AckError, useCommand, useSessionFeed } from '../api/socket.js';
import { Loading } from '../shell/Loading.js';
import { useAuth } from '../shell/auth.js';
import { DeskContext, NowContext, useDesk, useVirtualClock, type CentreTab, type DeskContextValue, type SideTab } from './DeskContext.js';
import { DeskHeader } from './DeskHeader.js';
import { Queue } from './Queue.js';
import { WorkArea } from './WorkArea.js';
import { SidePanel } from './SidePanel.js';
import { Toasts, useToastList } from './Toasts.js';
import { toastText, type ToastMessage } from './toast-model.js';
import { ShiftSummary } from './ShiftSummary.js';
import { focusLater } from '../shell/focus.js';
import { errorText } from './errors.js';
import { useRubric } from './rubric.js';

const EMPTY_CATALOG: TraineeCatalog = { questions: [], tests: [], categories: [], groups: [], contracts: {} };

export function Desk({ sessionId, drillTitle, onLeave, pinned = false }: { sessionId: string; drillTitle?: SessionSummary['title']; onLeave?: (() => void) | undefined; pinned?: boolean }) {
  const { t, i18n } = useTranslation('trainee');
  const [catalog, setCatalog] = useState<TraineeCatalog>();
  const [catalogFailed, setCatalogFailed] = useState(false);
  const [selectedContactId, setSelectedContactId] = useState<string>();
  const [centreTab, setCentreTab] = useState<CentreTab>('call');
  const [sideTab, setSideTab] = useState<SideTab>('kb');
  const [openArticleId, setOpenArticleId] = useState<string>();
  const [openAssetTag, setOpenAssetTag] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [showSummary, setShowSummary] = useState(true);
  const previous = useRef<DeskState | undefined>(undefined);
  const panelMemory = useRef(new Map<string, unknown>()).current;
  const sideTabRef = useRef(sideTab);
  sideTabRef.current = sideTab;
  const { toasts, push: addToast, drop: dropToasts, hold: holdToast } = useToastList();
  // Opening the assessment tab shows everything the feedback toasts said.
  useEffect(() => { if (sideTab === 'feedback') dropToasts((x) => x.message.kind === 'feedback'); }, [sideTab, dropToasts]);

  const [liveText, announce] = useAnnouncer();
  const [alertText, announceAlert] = useAnnouncer();
  // Read by the toasts' announcements (onUpdate is not re-created when the rubric arrives).
  const rubricRef = useRef<RubricInfo | undefined>(undefined);
  // A toast is announced once, in the language of the moment, when it appears (refusals assertively); the toast
  // itself is no live region, so its text changing with the language is not read out again.
  const pushToast = useCallback((message: ToastMessage) => {
    addToast(message);
    const { title, lines } = toastText(message, t, i18n.language, rubricRef.current);
    (message.kind === 'error' ? announceAlert : announce)(message.kind === 'feedback' ? [title, ...lines].join(' ') : lines.join(' '));
  }, [addToast, announce, announceAlert, t, i18n.language]);

  const { logout } = useAuth();
  const rawSend = useCommand('trainee:command', sessionId);
  const send = useCallback(async (command: TraineeCommand) => {
    setBusy(true);
    try {
      await rawSend(command);
      return true;
    } catch (e) {
      const code = e instanceof AckError ? e.code : 'network/unreachable';
      if (code === 'auth/unauthenticated') { void logout(); return false; }
      pushToast({ kind: 'error', code, message: (e as Error).message });
      return false;
    } finally {
      setBusy(false);
    }
  }, [rawSend, pushToast, logout]);

  // Contacts whose new ticket should be taken in as soon as the server has created it.
  const autoTake = useRef(new Set<string>());
  const createTicket = useCallback(async (contactId: string, title: string) => {
    autoTake.current.add(contactId);
    const ok = await send({ type: 'ticket.create', contactId, title });
    if (!ok) autoTake.current.delete(contactId);
    return ok;
  }, [send]);

  const onUpdate = useCallback((u: DeskState) => {
    const prev = previous.current;
    previous.current = u;
    for (const contactId of [...autoTake.current]) {
      const c = u.view.desk.contacts.find((x) => x.id === contactId);
      const tk = c?.ticketId ? u.view.desk.tickets.find((x) => x.id === c.ticketId) : undefined;
      if (!tk) continue;
      autoTake.current.delete(contactId);
      if (tk.status === 'new') void send({ type: 'ticket.take', ticketId: tk.id });
    }
    if (!prev) return;
    const said: string[] = [];
    const before = new Map(prev.view.desk.contacts.map((c) => [c.id, c]));
    for (const c of u.view.desk.contacts) {
      const old = before.get(c.id);
      if (!old) said.push(t(`notice.incoming.${c.channel}`, { name: c.caller.name }));
      const oldLen = old?.transcript.length ?? 0;
      for (const line of c.transcript.slice(oldLen)) if (line.who === 'caller' && line.text) said.push(t('notice.said', { name: c.caller.name, text: line.text }));
    }
    const beforeTickets = new Map(prev.view.desk.tickets.map((x) => [x.id, x]));
    for (const tk of u.view.desk.tickets) {
      const old = beforeTickets.get(tk.id);
      if (!old) continue;
      if (old.sla.response.phase !== tk.sla.response.phase || old.sla.resolution.phase !== tk.sla.resolution.phase) {
        const clock = old.sla.response.phase !== tk.sla.response.phase ? 'response' : 'resolution';
        said.push(t(`notice.sla.${tk.sla[clock].phase}`, { id: tk.id, clock: t(`sla.${clock}`) }));
      }
      if (old.status !== tk.status) said.push(t('notice.status', { id: tk.id, status: t(`status.${tk.status}`) }));
      if (old.confirmation !== tk.confirmation && (tk.confirmation === 'confirmed' || tk.confirmation === 'refused')) said.push(t(`notice.confirmation.${tk.confirmation}`, { id: tk.id }));
    }
    if (prev.view.session.status !== u.view.session.status) said.push(t(`notice.session.${u.view.session.cancelled ? 'cancelled' : u.view.session.status}`));
    const seen = new Set(prev.feedback.map(evidenceKey));
    const fresh = u.feedback.filter((e) => !seen.has(evidenceKey(e)));
    // With the assessment tab open, the panel itself shows new items: no toast on top of it.
    if (fresh.length && sideTabRef.current !== 'feedback') pushToast({ kind: 'feedback', evidence: fresh });
    if (said.length) announce(said.join(' '));
  }, [announce, pushToast, send, t]);

  const feed = useSessionFeed(sessionId, 'desk', onUpdate);
  useEffect(() => { if (feed.error?.code === 'auth/unauthenticated') void logout(); }, [feed.error, logout]);

  useEffect(() => {
    let live = true;
    catalogApi.reference().then((c) => live && setCatalog(c), () => { if (live) { setCatalogFailed(true); setCatalog(EMPTY_CATALOG); } });
    return () => { live = false; };
  }, []);

  // Each notice is shown and announced once: the effect also runs when the language changes (a new `t`).
  const shownNotice = useRef<unknown>(undefined);
  useEffect(() => {
    const last = feed.notices.at(-1);
    if (!last || last === shownNotice.current) return;
    shownNotice.current = last;
    if (last.kind !== 'contact') pushToast({ kind: 'notice', notice: last });
  }, [feed.notices, pushToast]);


  useEffect(() => {
    if (toasts.length === 0) return;
    const onKey = (e: KeyboardEvent) => { if (e.key === 'Escape' && !document.querySelector('dialog[open]')) dropToasts(); };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [toasts.length, dropToasts]);

  const view = feed.update?.view;
  const rubric = useRubric(view);
  rubricRef.current = rubric;
  // Unanswered contacts show in the browser tab's title too (a silent, visual notice).
  // Once the drill is stopped nothing rings any more (no contact can be taken).
  const ringing = view && view.session.status !== 'stopped' ? view.desk.contacts.filter((c) => c.takenAt === undefined).length : 0;
  useEffect(() => {
    document.title = ringing > 0 ? `(${ringing}) ${t('desk.titleRinging', { count: ringing })} — DeskDrill` : 'DeskDrill';
    return () => { document.title = 'DeskDrill'; };
  }, [ringing, t]);
  const now = useVirtualClock(view);
  const contract = (view && catalog?.contracts[view.session.contractId]) || DEFAULT_CONTRACT;

  const select = useCallback((contactId: string | undefined, tab?: CentreTab) => {
    setSelectedContactId(contactId);
    if (tab) setCentreTab(tab);
  }, []);

  const ctx = useMemo<DeskContextValue | undefined>(() => view && catalog ? {
    sessionId, view, feedback: feed.update?.feedback ?? [], score: feed.update?.score, catalog, rubric, contract, send, createTicket,
    selectedContactId, select, centreTab, setCentreTab, sideTab, setSideTab,
    openArticleId, setOpenArticleId, openAssetTag, setOpenAssetTag, announce, busy, panelMemory,
  } : undefined, [sessionId, view, feed.update?.feedback, catalog, rubric, contract, send, selectedContactId, select, centreTab, sideTab, openArticleId, openAssetTag, announce, busy]);

  if (feed.error && !view) {
    return <div className="waiting-page"><main className="waiting-main"><div className="waiting-card" role="alert"><h1>{t('errors.joinTitle')}</h1><p>{errorText(t, feed.error.code, feed.error.message)}</p>{onLeave && <button type="button" className="btn" onClick={onLeave}>{t('desk.leave')}</button>}</div></main></div>;
  }
  if (!ctx) return <Loading label={t('desk.joining')} />;

  const stopped = ctx.view.session.status === 'stopped';
  // Cancelled before it started: the drill did not take place, there is no shift to sum up.
  const cancelled = ctx.view.session.cancelled;
  return (
    <DeskContext.Provider value={ctx}>
      <NowContext.Provider value={Math.max(now, ctx.view.session.now)}>
        <div className="desk">
          <a href="#work-area" className="skip-link">{t('desk.skipToWork')}</a>
          <DeskHeader connection={feed.connection} drillTitle={drillTitle} onLeave={!pinned || stopped ? onLeave : undefined} onShowSummary={stopped && !cancelled ? () => setShowSummary(true) : undefined} />
          {catalogFailed && <p className="banner banner-warning" role="alert">{t('errors.catalog')}</p>}
          {ctx.view.session.status === 'created' && <p className="banner banner-info" role="status">{t('desk.notStarted')}</p>}
          {cancelled && <p className="banner banner-info" role="status">{t('desk.cancelled')}</p>}
          {ctx.view.session.status === 'paused' && <p className="banner banner-warning" role="status">{t('desk.paused')}</p>}
          <Broadcasts />
          <div className="desk-grid">
            <Queue />
            <WorkArea />
            <SidePanel notices={feed.notices} />
          </div>
          <div className="sr-only" aria-live="polite" aria-atomic="true" data-testid="live-region">{liveText}</div>
          <div className="sr-only" aria-live="assertive" aria-atomic="true" data-testid="alert-region">{alertText}</div>
          <Toasts toasts={toasts} drop={dropToasts} hold={holdToast} />
          {stopped && !cancelled && showSummary && <ShiftSummary onClose={() => { setShowSummary(false); focusLater(() => document.getElementById('work-area'), { from: null }); }} />}
        </div>
      </NowContext.Provider>
    </DeskContext.Provider>
  );
}

/**
 * A live region's text and the way to say something in it. Announcements made close together are read as one
 * message rather than overwriting each other; the region is emptied first, so the same words are read again.
 */
function useAnnouncer(): [string, (text: string) => void] {
  const [text, setText] = useState('');
  const pending = useRef<string[]>([]);
  const announce = useCallback((said: string) => {
    pending.current.push(said);
    if (pending.current.length > 1) return;
    setText('');
    setTimeout(() => {
      setText(pending.current.join(' '));
      pending.current = [];
    }, 80);
  }, []);
  return [text, announce];
}

const evidenceKey = (e: Evidence) => `${e.rule}|${e.criterionId}|${e.eventSeq}|${e.ticketId ?? ''}`;

function Broadcasts() {
  const { t } = useTranslation('trainee');
  const { view } = useDesk();
  const list = view.session.broadcasts.slice(-2);
  if (list.length === 0) return null;
  return (
    <div className="broadcasts">
      {list.map((b) => (
        <p key={b.seq} className={`banner ${b.major ? 'banner-major' : 'banner-info'}`}>
          <strong>{b.major ? t('broadcast.major') : b.traineeId ? t('broadcast.personal') : t('broadcast.info')}</strong> {b.message}
        </p>
      ))}
    </div>
  );
}
