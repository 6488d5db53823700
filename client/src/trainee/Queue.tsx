/** Left column: incoming contacts waiting to be taken, and the trainee's tickets with live SLA timers. */
import { useTranslation } from 'react-i18next';
import type { ContactView, TicketView } from '../../../server/src/domain/projection.js';
import { useDesk, useNow } from './DeskContext.js';
import { formatDuration } from './format.js';
import { PriorityBadge } from './PriorityBadge.js';
import { SlaTimer } from './SlaTimer.js';
import { ActionButton, useSessionBlock } from './ActionButton.js';
import { errorText } from './errors.js';

const CLOSED = new Set(['closed', 'cancelled']);

export function Queue() {
  const { t } = useTranslation('trainee');
  const { view } = useDesk();
  const contacts = view.desk.contacts;
  const incoming = contacts.filter((c) => c.takenAt === undefined).sort((a, b) => a.arrivedAt - b.arrivedAt);
  const unlogged = contacts.filter((c) => c.takenAt !== undefined && !c.ticketId);
  const tickets = view.desk.tickets;
  const open = tickets.filter((x) => !CLOSED.has(x.status)).sort(byUrgency);
  const done = tickets.filter((x) => CLOSED.has(x.status));

  return (
    <nav className="queue panel" aria-label={t('queue.label')}>
      <section aria-labelledby="queue-incoming">
        <h2 id="queue-incoming" className="panel-title">{t('queue.incoming')} <span className="count">{incoming.length}</span></h2>
        {incoming.length === 0 ? <p className="empty">{t('queue.noIncoming')}</p> : (
          <ul className="queue-list">{incoming.map((c) => <IncomingItem key={c.id} contact={c} />)}</ul>
        )}
      </section>
      {unlogged.length > 0 && (
        <section aria-labelledby="queue-unlogged">
          <h2 id="queue-unlogged" className="panel-title">{t('queue.unlogged')}</h2>
          <ul className="queue-list">{unlogged.map((c) => <ContactItem key={c.id} contact={c} />)}</ul>
        </section>
      )}
      <section aria-labelledby="queue-tickets">
        <h2 id="queue-tickets" className="panel-title">{t('queue.tickets')} <span className="count">{open.length}</span></h2>
        {open.length === 0 ? <p className="empty">{t('queue.noTickets')}</p> : (
          <ul className="queue-list">{open.map((x) => <TicketItem key={x.id} ticket={x} />)}</ul>
        )}
      </section>
      {done.length > 0 && (
        <details className="queue-done">
          <summary>{t('queue.done', { count: done.length })}</summary>
          <ul className="queue-list">{done.map((x) => <TicketItem key={x.id} ticket={x} />)}</ul>
        </details>
      )}
    </nav>
  );
}

function byUrgency(a: TicketView, b: TicketView): number {
  const pa = a.priority ?? 'P9';
  const pb = b.priority ?? 'P9';
  if (pa !== pb) return pa.localeCompare(pb);
  return (a.sla.resolution.target - a.sla.resolution.elapsed) - (b.sla.resolution.target - b.sla.resolution.elapsed);
}

function IncomingItem({ contact: c }: { contact: ContactView }) {
  const { t } = useTranslation('trainee');
  const { send, select } = useDesk();
  const now = useNow();
  // While the drill is not running the server refuses the take: say so here rather than after the press.
  const blocked = useSessionBlock();
  const reasonId = `take-reason-${c.id}`;
  const take = async () => {
    if (await send({ type: 'contact.take', contactId: c.id })) {
      select(c.id, 'call');
      // Keyboard users carry on in the work area (the button they pressed is gone).
      requestAnimationFrame(() => document.getElementById('work-area')?.focus());
    }
  };
  return (
    <li className={`queue-item incoming incoming-${c.channel}`} data-testid="incoming-contact">
      <div className="incoming-head">
        <span className={`channel channel-${c.channel}`}>{t(`channel.${c.channel}`)}</span>
        {c.caller.vip && <span className="vip">{t('caller.vip')}</span>}
        <span className="wait" title={t('queue.waiting')}>{formatDuration(now - c.arrivedAt)}</span>
      </div>
      <div className="incoming-who"><strong>{c.caller.name}</strong> <span className="muted">{c.caller.department}</span></div>
      <ActionButton className="btn btn-primary btn-take" onClick={() => void take()} aria-describedby={blocked ? reasonId : undefined}>
        {t(`queue.take.${c.channel}`)}<span className="sr-only"> — {c.caller.name}</span>
      </ActionButton>
      {blocked && <p id={reasonId} className="hint">{errorText(t, blocked, '')}</p>}
    </li>
  );
}

function ContactItem({ contact: c }: { contact: ContactView }) {
  const { t } = useTranslation('trainee');
  const { select, selectedContactId } = useDesk();
  return (
    <li className="queue-item">
      <button type="button" className="queue-select" aria-current={selectedContactId === c.id ? 'true' : undefined} onClick={() => select(c.id, 'call')}>
        <span className={`channel channel-${c.channel}`}>{t(`channel.${c.channel}`)}</span>
        <strong>{c.caller.name}</strong>
        <span className="muted">{c.endedAt === undefined ? t(c.channel === 'phone' ? 'queue.inCall' : 'queue.inMessage') : t('queue.noTicketYet')}</span>
      </button>
    </li>
  );
}

function TicketItem({ ticket: x }: { ticket: TicketView }) {
  const { t } = useTranslation('trainee');
  const { select, selectedContactId, view } = useDesk();
  const contact = view.desk.contacts.find((c) => c.id === x.contactId);
  const open = !CLOSED.has(x.status) && x.status !== 'resolved';
  const worst = [x.sla.response.phase, x.sla.resolution.phase].includes('breached') ? 'breached' : [x.sla.response.phase, x.sla.resolution.phase].includes('warning') ? 'warning' : 'ok';
  return (
    <li className={`queue-item ticket-item sla-border-${open ? worst : 'ok'}`} data-testid="queue-ticket" data-ticket-id={x.id}>
      <button type="button" className="queue-select" aria-current={selectedContactId === x.contactId ? 'true' : undefined} onClick={() => select(x.contactId, 'ticket')}>
        <span className="ticket-line">
          <span className="ticket-id">{x.id}</span>
          <PriorityBadge priority={x.priority} />
          <span className={`status status-${x.status}`}>{t(`status.${x.status}`)}</span>
        </span>
        <span className="ticket-title">{x.title}</span>
        {contact && <span className="ticket-caller muted">{contact.caller.name}{contact.caller.vip ? ` · ${t('caller.vip')}` : ''}</span>}
        <span className="ticket-sla">
          {x.status === 'new' && <SlaTimer sla={x.sla.response} clock="response" compact />}
          <SlaTimer sla={x.sla.resolution} clock="resolution" compact />
        </span>
      </button>
    </li>
  );
}
