/**
 * Replay of a recorded session: a timeline scrubber over sequence numbers,
 * playback at a chosen speed (virtual time), every ticket and call as they
 * were at that point (with the hidden truth), and each scored action
 * annotated with its criterion and explanation. Deep links:
 * #/sessions/:id/replay?seq=N&trainee=ID.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionEvent } from '../../../server/src/domain/events.js';
import type { Evidence } from '../../../server/src/domain/scoring/types.js';
import { staffApi, type ReplayAt, type ReplayLog } from './common/api.js';
import { DeskReadOnly } from './common/DeskReadOnly.js';
import { cancellingStops, describeEvent, nameMap } from './common/events.js';
import { formatVirtual } from './common/format.js';
import { formatScore, type ContactLabelsSource } from './common/labels.js';
import { localized } from '../i18n/localized.js';
import { useStaffLabels } from './common/useLabels.js';
import { href, navigate, type Route } from './common/route.js';
import { Status } from './common/StaffShell.js';
import { SoftDisabledButton } from '../shell/SoftDisabledButton.js';

const SPEEDS = [1, 5, 10, 30, 60];
const NO_PEOPLE: Record<string, string> = {};
const TICK_MS = 200;
const WINDOW = 40;

function EvidenceChip({ e }: { e: Evidence }) {
  const { i18n } = useTranslation('staff');
  const cls = e.max > 0 && e.points >= e.max ? 'ev-good' : e.points === 0 ? 'ev-bad' : 'ev-mid';
  return (
    <span className={`ev-chip ${cls}`}>
      <strong>{e.criterionId}</strong> {formatScore(e.points, e.max, i18n.language, false)} — {localized(e.explanation, i18n.language)}
    </span>
  );
}

export function Replay({ sessionId, route, trainees, people = NO_PEOPLE }: { sessionId: string; route: Route; trainees: { id: string; name: string }[]; people?: Record<string, string> }) {
  const { t } = useTranslation('staff');
  const routeSeq = route.query.get('seq');
  const routeTrainee = route.query.get('trainee') ?? undefined;
  const trainee = routeTrainee === 'all' ? undefined : routeTrainee ?? trainees[0]?.id;
  const [seq, setSeq] = useState<number | undefined>(routeSeq ? Number(routeSeq) : undefined);
  const [typed, setTyped] = useState(routeSeq ?? '');
  const [log, setLog] = useState<ReplayLog>();
  const [at, setAt] = useState<ReplayAt>();
  const [loadMs, setLoadMs] = useState<number>();
  const [error, setError] = useState<string>();
  const [playing, setPlaying] = useState(false);
  const [speed, setSpeed] = useState(10);
  const names = useMemo(() => ({ ...people, ...nameMap(trainees), ...nameMap(at?.view.session.trainees) }), [at, trainees, people]);
  // Cause and fact labels come with the contacts of the staff view: those of the whole session (its last state), then the current one.
  const [allContacts, setAllContacts] = useState<ContactLabelsSource[]>([]);
  useEffect(() => {
    staffApi.replay(sessionId, undefined).then((r) => setAllContacts(r.view.desks.flatMap((d) => d.contacts)), () => undefined);
  }, [sessionId]);
  const contacts = useMemo(() => [...allContacts, ...(at?.view.desks.flatMap((d) => d.contacts) ?? [])], [allContacts, at]);
  const labels = useStaffLabels(at?.view.session.contractId, contacts, names);
  const currentRef = useRef<HTMLLIElement>(null);
  const listRef = useRef<HTMLElement>(null);

  // The route is the source of truth for deep links (evidence links from the grid).
  useEffect(() => { if (routeSeq !== null) { setSeq(Number(routeSeq)); setTyped(routeSeq); } }, [routeSeq]);

  useEffect(() => {
    setLog(undefined);
    staffApi.replayLog(sessionId, trainee).then(setLog, (e: Error) => setError(e.message));
  }, [sessionId, trainee]);

  // Fetch the state at seq (latest request wins).
  useEffect(() => {
    const ctrl = new AbortController();
    const started = performance.now();
    const id = setTimeout(() => {
      staffApi.replay(sessionId, seq, trainee, ctrl.signal).then((r) => { setAt(r); setLoadMs(Math.round(performance.now() - started)); setError(undefined); if (seq === undefined) setSeq(r.seq); },
        (e: Error) => { if (e.name !== 'AbortError') setError(e.message); });
    }, 40);
    return () => { clearTimeout(id); ctrl.abort(); };
  }, [sessionId, seq, trainee]);

  const go = useCallback((n: number, push = false) => {
    const last = at?.lastSeq ?? log?.lastSeq ?? n;
    const target = Math.max(0, Math.min(Math.round(n), last));
    setSeq(target);
    setTyped(String(target));
    const to = href(['sessions', sessionId, 'replay'], { seq: target, trainee: routeTrainee });
    if (push) navigate(to); else window.history.replaceState(null, '', to);
  }, [at?.lastSeq, log?.lastSeq, sessionId, routeTrainee]);

  const events = log?.events ?? [];
  const pos = useMemo(() => {
    // Index of the last listed event at or before seq.
    let lo = 0, hi = events.length - 1, found = -1;
    const s = seq ?? 0;
    while (lo <= hi) { const mid = (lo + hi) >> 1; if (events[mid]!.seq <= s) { found = mid; lo = mid + 1; } else hi = mid - 1; }
    return found;
  }, [events, seq]);

  // Playback: virtual time advances at `speed`; the cursor jumps to the last listed event reached.
  useEffect(() => {
    if (!playing || events.length === 0) return;
    let vt = events[Math.max(0, pos)]?.t ?? 0;
    let i = Math.max(0, pos);
    const id = setInterval(() => {
      vt += TICK_MS * speed;
      while (i + 1 < events.length && events[i + 1]!.t <= vt) i++;
      go(events[i]!.seq);
      if (i >= events.length - 1) setPlaying(false);
    }, TICK_MS);
    return () => clearInterval(id);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [playing, speed, events]);

  // Keep the current event in view inside the log panel (without scrolling the page).
  useEffect(() => {
    const box = listRef.current, li = currentRef.current;
    if (!box || !li) return;
    const top = li.getBoundingClientRect().top - box.getBoundingClientRect().top + box.scrollTop;
    if (top < box.scrollTop || top > box.scrollTop + box.clientHeight - 40) box.scrollTop = Math.max(0, top - box.clientHeight / 3);
  }, [pos, log]);

  const lastSeq = at?.lastSeq ?? log?.lastSeq ?? 0;
  // The event at the cursor, among the listed ones: with a trainee selected, another trainee's event never shows here.
  const current: SessionEvent | undefined = !log ? undefined : pos >= 0 && events[pos]!.seq === (at?.seq ?? seq) ? events[pos] : undefined;
  const evidenceHere = (s: number): Evidence[] => log?.evidence[s] ?? [];
  const focus = current ? { ticketId: (current.payload as { ticketId?: string }).ticketId, contactId: (current.payload as { contactId?: string }).contactId } : undefined;
  const windowStart = Math.max(0, pos - WINDOW);
  const shown = events.slice(windowStart, Math.max(pos + WINDOW, WINDOW * 2));
  const cancels = useMemo(() => cancellingStops(events), [events]);
  const scoredSeqs = useMemo(() => Object.keys(log?.evidence ?? {}).map(Number).sort((a, b) => a - b), [log]);
  const nextScored = scoredSeqs.find((s) => s > (seq ?? 0));
  const prevScored = [...scoredSeqs].reverse().find((s) => s < (seq ?? 0));

  return (
    <div className="replay">
      <div className="replay-bar" role="group" aria-label={t('replay.controls')}>
        <label htmlFor="replay-trainee">{t('replay.trainee')}</label>
        <select id="replay-trainee" value={routeTrainee === 'all' ? 'all' : trainee ?? 'all'} onChange={(e) => navigate(href(['sessions', sessionId, 'replay'], { seq, trainee: e.target.value }), true)}>
          {trainees.map((x) => <option key={x.id} value={x.id}>{x.name}</option>)}
          <option value="all">{t('replay.allTrainees')}</option>
        </select>
        <button type="button" className="btn btn-small" onClick={() => setPlaying((p) => !p)} aria-pressed={playing}>{playing ? t('replay.pause') : t('replay.play')}</button>
        <label htmlFor="replay-speed">{t('replay.speed')}</label>
        <select id="replay-speed" value={speed} onChange={(e) => setSpeed(Number(e.target.value))}>
          {SPEEDS.map((s) => <option key={s} value={s}>×{s}</option>)}
        </select>
        <SoftDisabledButton className="btn btn-small" unavailable={prevScored === undefined} onClick={() => prevScored !== undefined && go(prevScored, true)}>{t('replay.prevScored')}</SoftDisabledButton>
        <SoftDisabledButton className="btn btn-small" unavailable={nextScored === undefined} onClick={() => nextScored !== undefined && go(nextScored, true)}>{t('replay.nextScored')}</SoftDisabledButton>
        <form className="inline-form" onSubmit={(e) => { e.preventDefault(); if (typed !== '') go(Number(typed), true); }}>
          <label htmlFor="replay-goto">{t('replay.goto')}</label>
          <input id="replay-goto" type="number" min={0} max={lastSeq} value={typed} onChange={(e) => setTyped(e.target.value)} className="narrow" />
          <button type="submit" className="btn btn-small">{t('replay.go')}</button>
        </form>
      </div>
      <div className="scrubber">
        <label htmlFor="replay-scrubber" className="sr-only">{t('replay.scrubber')}</label>
        <input id="replay-scrubber" type="range" min={0} max={lastSeq} step={1} value={seq ?? 0}
          aria-valuetext={t('replay.position', { seq: seq ?? 0, last: lastSeq, time: formatVirtual(at?.t ?? 0) })}
          onChange={(e) => go(Number(e.target.value))} />
        <span className="scrub-label" aria-live="polite" data-testid="replay-position">
          {t('replay.position', { seq: at?.seq ?? seq ?? 0, last: lastSeq, time: formatVirtual(at?.t ?? 0) })}
          {loadMs !== undefined && <span className="muted small"> · {t('replay.loaded', { ms: loadMs })}</span>}
        </span>
      </div>
      <Status tone="error" message={error} />
      <div className="replay-body">
        <section className="replay-log" aria-labelledby="log-title" ref={listRef}>
          <h2 id="log-title">{t('replay.log')} <span className="muted small">({events.length})</span></h2>
          {!log ? <p className="muted" role="status">{t('replay.loading')}</p> : (
            <ol className="event-list" start={windowStart + 1}>
              {shown.map((e: SessionEvent) => {
                const ev = evidenceHere(e.seq);
                const isCur = e.seq === events[pos]?.seq;
                return (
                  <li key={e.seq} ref={isCur ? currentRef : undefined} className={`${isCur ? 'current' : ''}${ev.length ? ' scored' : ''}`} aria-current={isCur ? 'step' : undefined}>
                    <button type="button" className="event-btn" onClick={() => go(e.seq, true)} data-seq={e.seq}>
                      <span className="seq">{t('event.seq', { seq: e.seq })}</span> <span className="muted">{formatVirtual(e.t)}</span> {describeEvent(e, t, labels, cancels)}
                    </button>
                    {ev.length > 0 && <div className="ev-list">{ev.map((x, i) => <EvidenceChip key={i} e={x} />)}</div>}
                  </li>
                );
              })}
            </ol>
          )}
        </section>
        <section className="replay-state" aria-labelledby="state-title">
          <h2 id="state-title">{t('replay.stateAt', { seq: at?.seq ?? '…', time: formatVirtual(at?.t ?? 0) })}</h2>
          {current && (
            <div className="current-event" data-testid="current-event">
              <p><span className="seq">{t('event.seq', { seq: current.seq })}</span> {describeEvent(current, t, labels, cancels)}</p>
              {(log?.evidence[current.seq] ?? []).length > 0 ? (
                <div>
                  <h3>{t('replay.scoredAction')}</h3>
                  <ul className="evidence-detail">
                    {(log?.evidence[current.seq] ?? []).map((x, i) => (
                      <li key={i}><EvidenceChip e={x} /> <span className="muted small">{t('replay.rule', { rule: x.rule })}</span> <a href={href(['sessions', sessionId, 'grid'], { trainee: x.traineeId, criterion: x.criterionId })}>{t('replay.toGrid')}</a></li>
                    ))}
                  </ul>
                </div>
              ) : <p className="muted small">{t('replay.notScored')}</p>}
            </div>
          )}
          {at && at.view.desks.map((d) => (
            <div key={d.traineeId} className="replay-desk">
              {at.view.desks.length > 1 && <h3>{names[d.traineeId] ?? t('actor.trainee')}</h3>}
              <DeskReadOnly desk={d} viewNow={at.t} focus={focus} contractId={at.view.session.contractId} people={names} />
            </div>
          ))}
          {at && (
            <details className="evidence-so-far">
              <summary>{t('replay.evidenceSoFar', { count: at.evidence.length })}</summary>
              <ul>{at.evidence.map((x, i) => <li key={i}><button type="button" className="linklike" onClick={() => go(x.eventSeq, true)}>{t('event.seq', { seq: x.eventSeq })}</button> <EvidenceChip e={x} /></li>)}</ul>
            </details>
          )}
        </section>
      </div>
    </div>
  );
}
