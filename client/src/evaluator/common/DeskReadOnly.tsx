/**
 * A trainee's desk, read-only, for staff: contacts with their transcript and
 * the tickets with the hidden truth beside what the trainee entered. Used by
 * the live board (click a trainee) and by the replay (state at a seq).
 */
import { useTranslation } from 'react-i18next';
import type { ContactView, DeskView, SlaView, TicketView } from '../../../../server/src/domain/projection.js';
import { localized } from '../../i18n/index.js';
import { formatVirtual } from './format.js';
import { shortId, type StaffLabels } from './labels.js';
import { useStaffLabels } from './useLabels.js';

interface Props {
  desk: DeskView;
  /** Virtual now, to run SLA clocks between updates (defaults to the view's time). */
  now?: number;
  /** Virtual time of the view (the projection's `now`). */
  viewNow: number;
  running?: boolean;
  /** Highlights what an event touched. */
  focus?: { ticketId?: string; contactId?: string };
  compact?: boolean;
  /** The session's SLA contract, to name impact and urgency levels. */
  contractId?: string | undefined;
  /** Names of people (trainees and staff) by user id. */
  people?: Record<string, string>;
}

function slaElapsed(s: SlaView, delta: number, running: boolean): number {
  return s.paused || s.stopped || !running ? s.elapsed : s.elapsed + Math.max(0, delta);
}

function Sla({ label, sla, delta, running }: { label: string; sla: SlaView; delta: number; running: boolean }) {
  const { t } = useTranslation('staff');
  const e = slaElapsed(sla, delta, running);
  const phase = e >= sla.target ? 'breached' : sla.phase === 'breached' ? 'breached' : sla.phase;
  return (
    <span className={`sla sla-${phase}`}>
      {label} {formatVirtual(e)} / {formatVirtual(sla.target)}
      {' · '}{t(`sla.${phase}`)}{sla.paused ? ` · ${t('sla.paused')}` : ''}{sla.stopped ? ` · ${t('sla.stopped')}` : ''}
    </span>
  );
}

function Check({ ok }: { ok: boolean }) {
  const { t } = useTranslation('staff');
  return ok ? <span className="chk chk-ok" role="img" aria-label={t('desk.matches')}>✓</span> : <span className="chk chk-ko" role="img" aria-label={t('desk.differs')}>✗</span>;
}

/** The one empty marker of the read-only desk: a dash on screen, "non renseigné" for screen readers. */
function NotSet() {
  const { t } = useTranslation('staff');
  return <><span aria-hidden="true">—</span><span className="sr-only">{t('desk.notSet')}</span></>;
}

function TicketCard({ tk, contact, delta, running, focused, labels }: { tk: TicketView; contact?: ContactView | undefined; delta: number; running: boolean; focused: boolean; labels: StaffLabels }) {
  const { t, i18n } = useTranslation('staff');
  const truth = tk.truth;
  const revealed = new Set(contact?.facts.map((f) => f.id) ?? []);
  const res = truth?.resolution;
  // Values are compared by id and shown by their catalogue label (the id stays as a tooltip).
  const name = (kind: Exclude<keyof StaffLabels, 'people'>, id: string | undefined) => (id === undefined ? undefined : labels[kind][id] ?? t(`unknown.${kind}`));
  const row = (label: string, mine: string | undefined, expected: string | undefined, show: (id: string | undefined) => string | undefined = (x) => x) => (
    <tr>
      <th scope="row">{label}</th>
      <td title={mine}>{mine === undefined ? <NotSet /> : <>{show(mine)} {expected !== undefined && <Check ok={mine === expected} />}</>}</td>
      <td className="truth-cell" title={expected}>{expected === undefined ? <NotSet /> : show(expected)}</td>
    </tr>
  );
  const typeName = (x: string | undefined) => (x === undefined ? undefined : t(`ticketType.${x}`, { defaultValue: x }));
  const groupName = (id: string) => labels.groups[id] ?? t('unknown.groups');
  return (
    <article className={`ticket-card${focused ? ' focused' : ''}`} aria-label={`${tk.id} ${tk.title}`}>
      <header>
        <strong>{tk.id}</strong> <span className="ticket-title">{tk.title}</span>
        <span className={`status status-${tk.status}`}>{t(`status.${tk.status}`)}</span>
        {tk.priority && <span className="prio">{tk.priority}</span>}
      </header>
      <div className="slas">
        <Sla label={t('sla.response')} sla={tk.sla.response} delta={delta} running={running} />
        <Sla label={t('sla.resolution')} sla={tk.sla.resolution} delta={delta} running={running} />
      </div>
      {truth && (
        <table className="truth-table">
          <caption className="sr-only">{t('desk.truthCaption', { id: tk.id })}</caption>
          <thead><tr><th scope="col"><span className="sr-only">{t('desk.field')}</span></th><th scope="col">{t('desk.trainee')}</th><th scope="col" className="truth-cell">{t('desk.truth')}</th></tr></thead>
          <tbody>
            {row(t('desk.impact'), tk.impact, truth.impact, (x) => name('impact', x))}
            {row(t('desk.urgency'), tk.urgency, truth.urgency, (x) => name('urgency', x))}
            {row(t('desk.category'), tk.category, truth.category, (x) => name('categories', x))}
            {row(t('desk.type'), tk.ticketType, truth.type, typeName)}
            {row(t('desk.asset'), tk.assetTag, truth.asset)}
            {row(t('desk.cause'), tk.resolution?.causeId, truth.rootCause, (x) => name('causes', x))}
            <tr>
              <th scope="row">{t('desk.resolution')}</th>
              <td>
                {tk.fixApplied ? t('desk.fixApplied', { id: tk.fixApplied }) : ''}
                {tk.escalations.length ? ` ${t('desk.escalatedTo', { group: tk.escalations.map((e) => groupName(e.groupId)).join(' → ') })}` : ''}
                {!tk.fixApplied && !tk.escalations.length ? <NotSet /> : ''}
                {tk.returns > 0 && ` (${t('desk.returns', { count: tk.returns })})`}
              </td>
              <td className="truth-cell">{res?.level === 'l1' ? t('desk.l1', { kb: res.kbArticles.join(', ') }) : res ? t('desk.escalate', { group: groupName(res.group) }) : <NotSet />}</td>
            </tr>
            <tr>
              <th scope="row">{t('desk.requiredFacts')}</th>
              <td colSpan={2}>
                {truth.facts.length === 0 ? <NotSet /> : truth.facts.map((f, i) => (
                  <span key={f} title={f} className={`fact ${revealed.has(f) ? 'fact-ok' : 'fact-missing'}`}>
                    <span aria-hidden="true">{revealed.has(f) ? '✓' : '✗'}</span> {labels.facts[f] ?? (truth.factLabels?.[f] ? localized(truth.factLabels[f], i18n.language) : t('desk.factN', { n: i + 1 }))}
                    <span className="sr-only"> ({revealed.has(f) ? t('desk.factFound') : t('desk.factMissing')})</span>
                  </span>
                ))}
              </td>
            </tr>
          </tbody>
        </table>
      )}
      {(tk.notes.length > 0 || tk.resolution) && (
        <details>
          <summary>{t('desk.notes', { count: tk.notes.length + (tk.resolution ? 1 : 0) })}</summary>
          <ul className="notes">
            {tk.notes.map((n, i) => <li key={i}><span className="muted">{formatVirtual(n.t)}</span> {n.text}</li>)}
            {tk.resolution && <li><strong>{t('desk.resolutionNote')}</strong> {tk.resolution.note.symptom} / {tk.resolution.note.diagnosis} / {tk.resolution.note.action} / {tk.resolution.note.result}</li>}
          </ul>
        </details>
      )}
    </article>
  );
}

function ContactCard({ c, focused, labels }: { c: ContactView; focused: boolean; labels: StaffLabels }) {
  const { t, i18n } = useTranslation('staff');
  const state = c.endedAt !== undefined ? 'ended' : c.takenAt !== undefined ? 'active' : 'waiting';
  return (
    <article className={`contact-card contact-${state}${focused ? ' focused' : ''}`} aria-label={`${c.caller.name} ${t(`contact.${state}`)}`}>
      <header>
        <strong>{c.caller.name}</strong> <span className="muted">{c.caller.department} · {t(`channel.${c.channel}`)}</span>
        <span className={`status contact-status-${state}`}>{t(`contact.${state}`)}</span>
        <span className="muted"> {t('contact.arrived', { t: formatVirtual(c.arrivedAt) })}</span>
      </header>
      <div className="steps">
        {(['greeted', 'identityChecked', 'rephrased', 'concluded'] as const).map((k) => (
          <span key={k} className={`step ${c.steps[k] ? 'step-done' : ''}`}>{c.steps[k] ? '✓' : '·'} {t(`steps.${k}`)}</span>
        ))}
      </div>
      {c.facts.length > 0 && <p className="facts">{t('contact.facts')} {c.facts.map((f) => localized(f.label, i18n.language)).join(' · ')}</p>}
      {c.transcript.length > 0 && (
        <details>
          <summary>{t('contact.transcript', { count: c.transcript.length })}</summary>
          <ol className="transcript">
            {c.transcript.map((l) => (
              <li key={l.seq} className={`line-${l.who}`}>
                <span className="muted">{t('event.seq', { seq: l.seq })} · {formatVirtual(l.t)}</span>{' '}
                <strong>{l.who === 'agent' ? t('contact.agent') : c.caller.name}</strong>{' '}
                {l.text ?? (l.questionId ? t('contact.asked', { q: labels.questions[l.questionId] ?? t('unknown.questions') }) : l.reply ? t('contact.replied', { r: t(`replyKind.${l.reply}`, { defaultValue: l.reply }) }) : t(`eventType.${l.kind}`, { defaultValue: l.kind }))}
              </li>
            ))}
          </ol>
        </details>
      )}
    </article>
  );
}

export function DeskReadOnly({ desk, now, viewNow, running = false, focus, compact, contractId, people }: Props) {
  const { t } = useTranslation('staff');
  const labels = useStaffLabels(contractId, desk.contacts, people);
  const delta = (now ?? viewNow) - viewNow;
  const contacts = [...desk.contacts].sort((a, b) => b.arrivedAt - a.arrivedAt);
  const tickets = [...desk.tickets].sort((a, b) => b.openedAt - a.openedAt);
  const byContact = new Map(desk.contacts.map((c) => [c.id, c]));
  return (
    <div className={`desk-ro${compact ? ' compact' : ''}`}>
      <section aria-label={t('desk.tickets')}>
        <h3>{t('desk.tickets')} <span className="count">{tickets.length}</span></h3>
        {tickets.length === 0 ? <p className="muted">{t('desk.noTicket')}</p> : tickets.map((tk) => (
          <TicketCard key={tk.id} tk={tk} contact={byContact.get(tk.contactId)} delta={delta} running={running} focused={focus?.ticketId === tk.id} labels={labels} />
        ))}
      </section>
      <section aria-label={t('desk.contacts')}>
        <h3>{t('desk.contacts')} <span className="count">{contacts.length}</span></h3>
        {contacts.length === 0 ? <p className="muted">{t('desk.noContact')}</p> : contacts.map((c) => (
          <ContactCard key={c.id} c={c} focused={focus?.contactId === c.id} labels={labels} />
        ))}
      </section>
    </div>
  );
}
