/**
 * The ticket form, as in GLPI or iTop: requester, channel, asset, category,
 * impact × urgency with the contract's priority shown live, description,
 * work log and the lifecycle actions the current status allows.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ContactView, TicketView } from '../../../server/src/domain/projection.js';
import { priorityOf } from '../../../server/src/domain/priority.js';
import { allowedActions } from '../../../server/src/domain/ticket.js';
import type { TraineeCommand } from '../../../server/src/domain/commands.js';
import { localized } from '../i18n/index.js';
import { TICKET_TYPES_LIST } from './constants.js';
import { useDesk, type CentreTab } from './DeskContext.js';
import { SelectField, TextArea } from './Field.js';
import { formatShiftTime, formatTarget } from './format.js';
import { PriorityBadge } from './PriorityBadge.js';
import { SlaTimer } from './SlaTimer.js';
import { CreateTicket } from './CallPanel.js';
import { WorkLog } from './WorkLog.js';
import { FactsList } from './FactsList.js';
import { clearIfUnchanged } from './forms.js';
import { ActionButton } from './ActionButton.js';
import { byId, focusLater } from '../shell/focus.js';

export function TicketPanel({ contact: c, ticket }: { contact: ContactView; ticket: TicketView | undefined }) {
  const { t } = useTranslation('trainee');
  if (!ticket) {
    return (
      <div className="ticket-panel">
        <p className="hint">{c.takenAt === undefined ? t('call.notTaken') : t('ticket.noneYet')}</p>
        {c.takenAt !== undefined && <CreateTicket contact={c} />}
      </div>
    );
  }
  return (
    <div className="ticket-panel">
      <TicketHeader ticket={ticket} />
      <div className="ticket-grid">
        <div className="ticket-col">
          <dl className="ticket-meta">
            <div><dt>{t('ticket.requester')}</dt><dd>{c.caller.name} <span className="muted">({c.caller.department}, {c.caller.site})</span></dd></div>
            <div><dt>{t('ticket.channel')}</dt><dd>{t(`channel.${c.channel}`)}</dd></div>
            <div><dt>{t('ticket.openedAt')}</dt><dd>{formatShiftTime(ticket.openedAt)}</dd></div>
            <div><dt>{t('ticket.asset')}</dt><dd><AssetCell ticket={ticket} /></dd></div>
            {ticket.groupId && <div><dt>{t('ticket.group')}</dt><dd><GroupName id={ticket.groupId} /></dd></div>}
            {ticket.pendingReason && <div><dt>{t('ticket.pendingReason')}</dt><dd>{t(`pending.${ticket.pendingReason}`)}</dd></div>}
            {ticket.problemId && <div><dt>{t('ticket.problem')}</dt><dd>{ticket.problemId}</dd></div>}
            {ticket.parentId && <div><dt>{t('ticket.parent')}</dt><dd>{ticket.parentId}</dd></div>}
          </dl>
          <Qualification key={ticket.id} ticket={ticket} />
        </div>
        <div className="ticket-col">
          <section aria-labelledby="desc-title">
            <h3 id="desc-title" className="section-title">{t('ticket.description')}</h3>
            <blockquote className="description">{c.opening ?? '—'}</blockquote>
          </section>
          <section aria-labelledby="ticket-facts-title">
            <h3 id="ticket-facts-title" className="section-title">{t('facts.title')} <span className="count">{c.facts.length}</span></h3>
            <FactsList facts={c.facts} />
          </section>
          <WorkLog ticket={ticket} />
          <AddNote ticket={ticket} />
        </div>
      </div>
    </div>
  );
}

/** Where the header's shortcuts lead: the tab and the heading of the form doing that action. */
const GOTO: Record<'wait' | 'escalate' | 'resolve', { tab: CentreTab; heading: string }> = {
  wait: { tab: 'escalation', heading: 'pending-title' },
  escalate: { tab: 'escalation', heading: 'esc-title' },
  resolve: { tab: 'resolution', heading: 'resolve-title' },
};

export function TicketHeader({ ticket }: { ticket: TicketView }) {
  const { t } = useTranslation('trainee');
  const { send, setCentreTab, centreTab } = useDesk();
  const actions = allowedActions(ticket.status);
  // A lifecycle button usually disappears with the status it applied to: focus then goes to the ticket's heading.
  const act = async (command: TraineeCommand) => {
    const from = document.activeElement;
    if (await send(command)) focusLater(byId('ticket-heading'), { from, onlyIfGone: true });
  };
  // The shortcuts open the tab holding the form and land on it; on that tab itself they are not offered.
  const shortcuts = (['wait', 'escalate', 'resolve'] as const)
    .filter((a) => actions.includes(a) && !(a === 'resolve' && ticket.status === 'escalated') && GOTO[a].tab !== centreTab);
  return (
    <header className="ticket-header" data-testid="ticket-header">
      <div className="ticket-header-main">
        <h3 id="ticket-heading" className="ticket-heading" tabIndex={-1}><span className="ticket-id">{ticket.id}</span> {ticket.title}</h3>
        <div className="ticket-badges">
          <span className={`status status-${ticket.status}`} data-testid="ticket-status">{t(`status.${ticket.status}`)}</span>
          <PriorityBadge priority={ticket.priority} withLabel />
          <SlaTimer sla={ticket.sla.response} clock="response" />
          <SlaTimer sla={ticket.sla.resolution} clock="resolution" />
        </div>
      </div>
      <div className="button-row lifecycle" role="group" aria-label={t('lifecycle.label')}>
        {actions.includes('take') && <ActionButton className="btn btn-primary" onClick={() => void act({ type: 'ticket.take', ticketId: ticket.id })}>{t('lifecycle.take')}</ActionButton>}
        {actions.includes('resume') && <ActionButton className="btn" onClick={() => void act({ type: 'ticket.resume', ticketId: ticket.id })}>{t('lifecycle.resume')}</ActionButton>}
        {actions.includes('close') && <ActionButton className={`btn ${ticket.confirmation === 'confirmed' ? 'btn-primary' : ''}`} onClick={() => void act({ type: 'ticket.close', ticketId: ticket.id })}>{t('lifecycle.close')}</ActionButton>}
        {actions.includes('reopen') && <ActionButton className={`btn ${ticket.confirmation === 'refused' ? 'btn-primary' : ''}`} onClick={() => void act({ type: 'ticket.reopen', ticketId: ticket.id })}>{t('lifecycle.reopen')}</ActionButton>}
        {shortcuts.map((a) => (
          <button key={a} type="button" className="btn" onClick={() => { setCentreTab(GOTO[a].tab); focusLater(byId(GOTO[a].heading)); }}>{t(`lifecycle.${a}`)}…</button>
        ))}
      </div>
    </header>
  );
}

function AssetCell({ ticket }: { ticket: TicketView }) {
  const { t } = useTranslation('trainee');
  const { setSideTab, setOpenAssetTag } = useDesk();
  return (
    <span className="asset-cell">
      {ticket.assetTag ? <button type="button" className="link" onClick={() => { setOpenAssetTag(ticket.assetTag); setSideTab('assets'); }}>{ticket.assetTag}</button> : <span className="muted">{t('ticket.noAsset')}</span>}
      {' '}<button type="button" className="btn btn-small" onClick={() => setSideTab('assets')}>{t('ticket.findAsset')}</button>
    </span>
  );
}

export function GroupName({ id }: { id: string }) {
  const { i18n } = useTranslation('trainee');
  const { catalog } = useDesk();
  const g = catalog.groups.find((x) => x.id === id);
  return <>{g ? localized(g.name, i18n.language) : id}</>;
}

function Qualification({ ticket }: { ticket: TicketView }) {
  const { t, i18n } = useTranslation('trainee');
  const { contract, catalog, send } = useDesk();
  const [impact, setImpact] = useState(ticket.impact ?? '');
  const [urgency, setUrgency] = useState(ticket.urgency ?? '');
  const [category, setCategory] = useState(ticket.category ?? '');
  const [ticketType, setTicketType] = useState<'incident' | 'request'>(ticket.ticketType ?? 'incident');
  const lang = i18n.language;
  const computed = impact && urgency ? priorityOf(contract, impact, urgency) : undefined;
  const priority = computed?.ok ? computed.value : undefined;
  const target = priority ? contract.priorities[priority] : undefined;
  const changed = impact !== (ticket.impact ?? '') || urgency !== (ticket.urgency ?? '') || category !== (ticket.category ?? '') || ticketType !== (ticket.ticketType ?? 'incident');
  const editable = !['closed', 'cancelled', 'new'].includes(ticket.status);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!impact || !urgency || !category) return;
    await send({ type: 'ticket.qualify', ticketId: ticket.id, impact, urgency, category, ticketType });
  };

  return (
    <form className="qualification" onSubmit={submit} aria-labelledby="qualif-title">
      <h3 id="qualif-title" className="section-title">{t('qualify.title')}</h3>
      <div className="form-grid">
        <SelectField label={t('qualify.type')} value={ticketType} onChange={(e) => setTicketType(e.target.value as 'incident' | 'request')} disabled={!editable}>
          {TICKET_TYPES_LIST.map((x) => <option key={x} value={x}>{t(`ticketType.${x}`)}</option>)}
        </SelectField>
        <SelectField label={t('qualify.category')} value={category} onChange={(e) => setCategory(e.target.value)} disabled={!editable} data-testid="category-select">
          <option value="">{t('qualify.choose')}</option>
          {catalog.categories.map((x) => <option key={x.id} value={x.id}>{localized(x.label, lang)}</option>)}
        </SelectField>
        <SelectField label={t('qualify.impact')} value={impact} onChange={(e) => setImpact(e.target.value)} disabled={!editable} data-testid="impact-select" hint={detail(contract.impact.find((x) => x.id === impact)?.label, lang)}>
          <option value="">{t('qualify.choose')}</option>
          {contract.impact.map((x) => <option key={x.id} value={x.id}>{shortLabel(localized(x.label, lang))}</option>)}
        </SelectField>
        <SelectField label={t('qualify.urgency')} value={urgency} onChange={(e) => setUrgency(e.target.value)} disabled={!editable} data-testid="urgency-select" hint={detail(contract.urgency.find((x) => x.id === urgency)?.label, lang)}>
          <option value="">{t('qualify.choose')}</option>
          {contract.urgency.map((x) => <option key={x.id} value={x.id}>{shortLabel(localized(x.label, lang))}</option>)}
        </SelectField>
      </div>
      <div className="priority-result" aria-live="polite" data-testid="priority-preview">
        <span>{t('qualify.resultingPriority')}</span>{' '}
        {priority ? <>
          <PriorityBadge priority={priority} withLabel />
          {target && <span className="muted"> {t('qualify.targets', { response: formatTarget(target.responseMinutes), resolution: formatTarget(target.resolutionMinutes) })}</span>}
        </> : <span className="muted">{t('qualify.pickBoth')}</span>}
      </div>
      <PriorityMatrix impact={impact} urgency={urgency} />
      <div className="button-row">
        <ActionButton type="submit" className="btn btn-primary" unavailable={!editable || !impact || !urgency || !category || (!changed && ticket.priority !== undefined)}>
          {ticket.priority ? t('qualify.requalify') : t('qualify.submit')}
        </ActionButton>
        {!editable && ticket.status === 'new' && <span className="hint">{t('qualify.takeFirst')}</span>}
      </div>
    </form>
  );
}

/** The contract's impact × urgency matrix, the chosen cell highlighted. */
function PriorityMatrix({ impact, urgency }: { impact: string; urgency: string }) {
  const { t, i18n } = useTranslation('trainee');
  const { contract } = useDesk();
  return (
    <details className="matrix">
      <summary>{t('qualify.matrix')}</summary>
      <table>
        <caption className="sr-only">{localized(contract.name, i18n.language)}</caption>
        <thead>
          <tr><th scope="col">{t('qualify.impactVsUrgency')}</th>{contract.urgency.map((u) => <th key={u.id} scope="col">{shortLabel(localized(u.label, i18n.language))}</th>)}</tr>
        </thead>
        <tbody>
          {contract.impact.map((i) => (
            <tr key={i.id}>
              <th scope="row">{shortLabel(localized(i.label, i18n.language))}</th>
              {contract.urgency.map((u) => {
                const p = contract.matrix[i.id]?.[u.id];
                return <td key={u.id} className={i.id === impact && u.id === urgency ? 'chosen' : ''}>{p}</td>;
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}

function AddNote({ ticket }: { ticket: TicketView }) {
  const { t } = useTranslation('trainee');
  const { send } = useDesk();
  const [text, setText] = useState('');
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (text.trim() && await send({ type: 'ticket.addNote', ticketId: ticket.id, text: text.trim() })) clearIfUnchanged(setText, text);
  };
  return (
    <form onSubmit={submit} className="add-note">
      <TextArea label={t('worklog.add')} value={text} onChange={(e) => setText(e.target.value)} rows={2} maxLength={4000} />
      <ActionButton type="submit" className="btn" unavailable={!text.trim()}>{t('worklog.addBtn')}</ActionButton>
    </form>
  );
}

/** "Élevé (un site, …)" → "Élevé": the scale's name without its explanation. */
const shortLabel = (label: string) => label.split(' (')[0]!.trim();
/** The explanation in brackets, shown under the select once a level is chosen. */
function detail(label: { fr: string; en?: string | undefined } | undefined, lang: string): string | undefined {
  const m = label ? /\((.*)\)\s*$/.exec(localized(label, lang)) : null;
  return m ? m[1] : undefined;
}
