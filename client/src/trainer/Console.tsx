/**
 * The trainer's console for one session: controls, the live board (one row
 * per trainee, updated by `staff:update` pushes without reload), the SLA and
 * score chart, interventions, and a trainee's desk read-only on click.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TrainerCommand } from '../../../server/src/domain/commands.js';
import type { SessionEvent } from '../../../server/src/domain/events.js';
import type { StaffUpdate } from '../../../server/src/protocol.js';
import { AckError, sendCommand, useSessionFeed } from '../api/socket.js';
import { localized } from '../i18n/index.js';
import { staffApi, type DrillInfo } from '../evaluator/common/api.js';
import { DeskReadOnly } from '../evaluator/common/DeskReadOnly.js';
import { formatVirtual, useVirtualNow } from '../evaluator/common/format.js';
import { deName, sessionNaming } from '../evaluator/common/labels.js';
import { href } from '../evaluator/common/route.js';
import { ScoreChart, type ChartPoint } from '../evaluator/common/ScoreChart.js';
import { Status } from '../evaluator/common/StaffShell.js';
import { resultLineText, type ResultLine } from '../evaluator/common/result-line.js';
import { byId, focusLater, useFocusWhenGone } from '../shell/focus.js';
import { ActionsPanel } from './ActionsPanel.js';
import { boardRows, liveSample } from './board.js';
import { Controls } from './Controls.js';
import { LiveBoard } from './LiveBoard.js';

const MIN_SAMPLE_GAP = 15_000;

export function Console({ sessionId }: { sessionId: string }) {
  const { t, i18n } = useTranslation('staff');
  const [selected, setSelected] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<ResultLine>();
  const [announce, setAnnounce] = useState<string>();
  const [series, setSeries] = useState<ChartPoint[]>([]);
  const [drill, setDrill] = useState<DrillInfo>();
  const selectedRef = useRef(selected);
  selectedRef.current = selected;

  const onUpdate = useCallback((u: StaffUpdate) => {
    const s = liveSample(u.view, u.scores, selectedRef.current);
    setSeries((pts) => {
      const last = pts[pts.length - 1];
      if (last && s.t < last.t) return pts;
      if (last && s.t - last.t < MIN_SAMPLE_GAP && pts.length > 1) return [...pts.slice(0, -1), s];
      return [...pts, s];
    });
    const notable = u.events.filter((e: SessionEvent) => e.type === 'sla.breached' || e.type.startsWith('session.'));
    if (notable.length) {
      const names = Object.fromEntries(u.view.session.trainees.map((x) => [x.id, x.name]));
      const owner = (ticketId: string) => u.view.desks.find((d) => d.tickets.some((tk) => tk.id === ticketId))?.traineeId;
      setAnnounce(notable.map((e) => e.type === 'sla.breached'
        ? t('live.breach', { name: names[owner(e.payload.ticketId) ?? ''] ?? '?', ticket: e.payload.ticketId, clock: t(`sla.${e.payload.clock}`), time: formatVirtual(e.t) })
        : t(`live.${e.type === 'session.stopped' && u.view.session.cancelled ? 'session.cancelled' : e.type}`, { defaultValue: '', time: formatVirtual(e.t) })).filter(Boolean).join(' '));
    }
  }, [t]);

  const feed = useSessionFeed(sessionId, 'staff', onUpdate);
  const view = feed.update?.view;
  const scores = feed.update?.scores;
  const now = useVirtualNow(view?.session.clock, view?.session.now ?? 0);

  // Chart history from the server; live samples are appended after it.
  const loadSeries = useCallback((traineeId: string | undefined) => {
    staffApi.series(sessionId).then((d) => {
      setSeries((live) => {
        const hist: ChartPoint[] = d.samples.map((s) => ({ t: s.t, sla: s.sla, score: s.score, tSla: traineeId ? s.trainees[traineeId]?.sla ?? null : null, tScore: traineeId ? s.trainees[traineeId]?.score ?? null : null }));
        const lastT = hist[hist.length - 1]?.t ?? -1;
        return [...hist, ...live.filter((p) => p.t > lastT)];
      });
    }, () => undefined);
  }, [sessionId]);
  useEffect(() => { loadSeries(selected); }, [loadSeries, selected]);

  useEffect(() => {
    staffApi.drills().then((l) => setDrill(l.find((d) => d.id === view?.session.drillId)), () => undefined);
  }, [view?.session.drillId]);

  /** `what`: the command's name in the result line when the type alone does not say it (a stop that cancels). */
  const send = useCallback(async (command: TrainerCommand, what: string = command.type): Promise<boolean> => {
    setBusy(true);
    try {
      const ack = await sendCommand('trainer:command', sessionId, command);
      setResult({ key: 'live.sent', params: { what: { key: `command.${what}` }, seq: ack.seq }, tone: 'info' });
      return true;
    } catch (e) {
      const code = e instanceof AckError ? e.code : 'network';
      setResult({ key: 'live.refused', params: { what: { key: `command.${what}` }, reason: { key: `errors.${code}`, defaultValue: (e as Error).message } }, tone: 'error' });
      return false;
    } finally {
      setBusy(false);
    }
  }, [sessionId]);

  const rows = useMemo(() => (view ? boardRows(view, scores) : []), [view, scores]);
  const desk = view?.desks.find((d) => d.traineeId === selected);
  const selectedName = rows.find((r) => r.traineeId === selected)?.name;
  // Once the drill has stopped nothing can be injected, announced or sent: a note replaces the interventions,
  // and takes the focus if it was in them (the drill ended by itself, or another trainer stopped it).
  const over = view?.session.status === 'stopped';
  const onActionsFocus = useFocusWhenGone(over, byId('actions-closed'));

  if (feed.error) return <div className="panel"><Status tone="error" message={t('live.joinFailed', { reason: feed.error.message })} /><a href="#/">{t('nav.back')}</a></div>;
  if (!view) return <p className="muted" role="status">{t('live.connecting')}</p>;
  const named = sessionNaming(view.session.name, drill ? localized(drill.title, i18n.language) : view.session.drillId);

  return (
    <div className="console">
      <div className="console-head">
        <h1>{named.label} <span className="muted small">· {named.drill && `${named.drill} · `}{t(`mode.${view.session.mode}`)} · {sessionId}</span></h1>
        <span className={`conn conn-${feed.connection}`}>{t(`connection.${feed.connection}`)}</span>
        <a className="btn btn-small" href={href(['sessions', sessionId, 'grid'])}>{t('nav.evaluate')}</a>
      </div>
      <Controls session={view.session} now={now} send={(c, what) => void send(c, what)} busy={busy} />
      <Status message={resultLineText(result, t)} tone={result?.tone} />
      <div className="console-body">
        <div className="console-main">
          <LiveBoard rows={rows} now={now} selected={selected} onSelect={setSelected} />
          <p className="sr-only" aria-live="polite" data-testid="live-announce">{announce}</p>
          <ScoreChart points={series} traineeName={selectedName} />
        </div>
        <aside className="console-side">
          {desk && selectedName ? (
            <section id="trainee-desk" aria-labelledby="desk-title" className="desk-panel">
              <div className="desk-panel-head">
                <h2 id="desk-title">{t('desk.of', { name: selectedName, deName: deName(selectedName) })}</h2>
                <span className="muted small">{t('desk.readOnly')}</span>
                {/* The panel goes with its button: focus returns to the trainee's name on the board, which opened it. */}
                <button type="button" className="btn btn-small" onClick={(e) => { setSelected(undefined); focusLater(() => document.querySelector<HTMLElement>(`table.board tr[data-trainee="${desk.traineeId}"] button`), { from: e.currentTarget, onlyIfGone: true }); }}>{t('desk.close')}</button>
              </div>
              <DeskReadOnly desk={desk} now={now} viewNow={view.session.now} running={view.session.status === 'running'} contractId={view.session.contractId} compact />
            </section>
          ) : over ? (
            <p id="actions-closed" className="muted actions-closed" tabIndex={-1}>{t(view.session.cancelled ? 'actions.closedCancelled' : 'actions.closed')}</p>
          ) : (
            <ActionsPanel trainees={view.session.trainees} send={send} busy={busy} onFocus={onActionsFocus} />
          )}
          {view.session.broadcasts.length > 0 && (
            <section aria-labelledby="bc-title" className="broadcasts">
              <h2 id="bc-title">{t('actions.sent')}</h2>
              <ul>{[...view.session.broadcasts].reverse().slice(0, 6).map((b) => (
                <li key={b.seq}><span className="muted">{formatVirtual(b.t)}</span> {b.major && <strong>{t('actions.majorTag')} </strong>}{b.traineeId ? `${t('actions.to', { name: view.session.trainees.find((x) => x.id === b.traineeId)?.name ?? t('actor.trainee') })} ` : ''}{b.message}</li>
              ))}</ul>
            </section>
          )}
        </aside>
      </div>
    </div>
  );
}
