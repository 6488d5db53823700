/**
 * Functional escalation (resolver group + the information it needs),
 * hierarchical escalation (supervisor), pending status and keeping the user
 * informed.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ContactView, TicketView } from '../../../server/src/domain/projection.js';
import { allowedActions } from '../../../server/src/domain/ticket.js';
import { localized } from '../i18n/index.js';
import { useDesk } from './DeskContext.js';
import { ActionButton } from './ActionButton.js';
import { SelectField, TextArea } from './Field.js';
import { TicketHeader, GroupName } from './TicketPanel.js';
import { TestName } from './DiagnosisPanel.js';
import { clearIfUnchanged } from './forms.js';
import { byId, focusLater } from '../shell/focus.js';

export function EscalationPanel({ contact: c, ticket }: { contact: ContactView; ticket: TicketView }) {
  return (
    <div className="escalation-panel">
      <TicketHeader ticket={ticket} />
      <div className="ticket-grid">
        <div className="ticket-col"><FunctionalEscalation contact={c} ticket={ticket} /></div>
        <div className="ticket-col">
          <SupervisorAlert ticket={ticket} />
          <Pending ticket={ticket} />
          <InformUser ticket={ticket} />
        </div>
      </div>
    </div>
  );
}

function FunctionalEscalation({ contact: c, ticket }: { contact: ContactView; ticket: TicketView }) {
  const { t, i18n } = useTranslation('trainee');
  const { catalog, send } = useDesk();
  const lang = i18n.language;
  const groups = catalog.groups.filter((g) => g.kind !== 'hierarchical');
  const [groupId, setGroupId] = useState('');
  // Everything collected is passed on unless the trainee unticks it (facts learned later are included too).
  const [excludedFacts, setExcludedFacts] = useState<string[]>([]);
  const [excludedTests, setExcludedTests] = useState<string[]>([]);
  const factIds = c.facts.map((f) => f.id).filter((id) => !excludedFacts.includes(id));
  const testIds = [...new Set(ticket.tests.map((x) => x.testId))].filter((id) => !excludedTests.includes(id));
  const [note, setNote] = useState('');
  const can = allowedActions(ticket.status).includes('escalate');
  const toggle = (list: string[], id: string) => (list.includes(id) ? list.filter((x) => x !== id) : [...list, id]);
  const uniqueTests = [...new Map(ticket.tests.map((x) => [x.testId, x])).values()];
  const group = groups.find((g) => g.id === groupId);

  const draftNote = () => {
    const facts = c.facts.filter((f) => factIds.includes(f.id)).map((f) => `- ${localized(f.label, lang)} : ${f.text}`);
    const tests = uniqueTests.filter((x) => testIds.includes(x.testId)).map((x) => `- ${catalog.tests.find((y) => y.id === x.testId)?.label.fr ?? x.testId} : ${x.result}`);
    setNote([
      `${t('escalate.noteUser')} ${c.caller.name} (${c.caller.department}, ${c.caller.site}, ${c.caller.phone})`,
      ticket.assetTag ? `${t('escalate.noteAsset')} ${ticket.assetTag}` : '',
      `${t('escalate.noteSymptom')} ${ticket.title}`,
      facts.length ? `${t('escalate.noteFacts')}\n${facts.join('\n')}` : '',
      tests.length ? `${t('escalate.noteTests')}\n${tests.join('\n')}` : '',
      ticket.priority ? `${t('escalate.notePriority')} ${ticket.priority}` : '',
    ].filter(Boolean).join('\n'));
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!groupId || !note.trim()) return;
    await send({ type: 'ticket.escalate', ticketId: ticket.id, groupId, factIds, testIds, note: note.trim() });
  };

  const checklist: [string, boolean][] = [
    [t('escalate.check.identity'), c.steps.identityChecked],
    [t('escalate.check.qualified'), ticket.priority !== undefined],
    [t('escalate.check.asset'), ticket.assetTag !== undefined],
    [t('escalate.check.facts', { count: factIds.length }), factIds.length > 0],
    [t('escalate.check.tests', { count: testIds.length }), testIds.length > 0],
    [t('escalate.check.kb'), ticket.kbOpened.length > 0],
    [t('escalate.check.note'), note.trim().length >= 20],
  ];

  return (
    <form onSubmit={submit} aria-labelledby="esc-title" className="escalate-form">
      <h3 id="esc-title" className="section-title" tabIndex={-1}>{t('escalate.functional')}</h3>
      {ticket.escalations.length > 0 && (
        <p className="muted">{t('escalate.history')} {ticket.escalations.map((x, i) => <span key={i}>{i > 0 && ', '}<GroupName id={x.groupId} /></span>)}{ticket.returns > 0 && ` — ${t('escalate.returns', { count: ticket.returns })}`}</p>
      )}
      <SelectField label={t('escalate.group')} value={groupId} onChange={(e) => setGroupId(e.target.value)} disabled={!can} hint={group ? localized(group.description, lang) : undefined} data-testid="group-select">
        <option value="">{t('escalate.chooseGroup')}</option>
        {groups.map((g) => <option key={g.id} value={g.id}>{localized(g.name, lang)}</option>)}
      </SelectField>
      <fieldset className="checkbox-list">
        <legend>{t('escalate.factsToPass')}</legend>
        {c.facts.length === 0 && <p className="empty">{t('facts.none')}</p>}
        {c.facts.map((f) => (
          <label key={f.id} className="check"><input type="checkbox" checked={factIds.includes(f.id)} onChange={() => setExcludedFacts((l) => toggle(l, f.id))} disabled={!can} /> <strong>{localized(f.label, lang)}</strong> — {f.text}</label>
        ))}
      </fieldset>
      <fieldset className="checkbox-list">
        <legend>{t('escalate.testsToPass')}</legend>
        {uniqueTests.length === 0 && <p className="empty">{t('diagnosis.none')}</p>}
        {uniqueTests.map((x) => (
          <label key={x.testId} className="check"><input type="checkbox" checked={testIds.includes(x.testId)} onChange={() => setExcludedTests((l) => toggle(l, x.testId))} disabled={!can} /> <strong><TestName id={x.testId} /></strong> <span className="muted result-preview">{firstLine(x.result)}</span></label>
        ))}
      </fieldset>
      <TextArea label={t('escalate.note')} value={note} onChange={(e) => setNote(e.target.value)} rows={5} maxLength={4000} disabled={!can} data-testid="escalation-note" />
      <div className="checklist-box" aria-label={t('escalate.checklist')} role="group">
        <span className="subsection-title">{t('escalate.checklist')}</span>
        <ul className="checklist">
          {checklist.map(([label, ok]) => <li key={label} className={ok ? 'done' : ''}><span aria-hidden="true">{ok ? '✓' : '○'}</span> {label}<span className="sr-only"> — {ok ? t('steps.done') : t('steps.todo')}</span></li>)}
        </ul>
      </div>
      <div className="button-row">
        <button type="button" className="btn" onClick={draftNote} disabled={!can}>{t('escalate.draftNote')}</button>
        <ActionButton type="submit" className="btn btn-primary" unavailable={!can || !groupId || !note.trim()}>{t('escalate.submit')}</ActionButton>
      </div>
      {!can && <p className="hint">{t('escalate.notAllowed', { status: t(`status.${ticket.status}`) })}</p>}
    </form>
  );
}

function SupervisorAlert({ ticket }: { ticket: TicketView }) {
  const { t } = useTranslation('trainee');
  const { send } = useDesk();
  const [why, setWhy] = useState<'breach' | 'vip' | 'major' | 'other'>('breach');
  const [details, setDetails] = useState('');
  const closed = ticket.status === 'closed' || ticket.status === 'cancelled' || ticket.status === 'new';
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const reason = `${t(`supervisor.reason.${why}`)}${details.trim() ? ` — ${details.trim()}` : ''}`;
    if (await send({ type: 'ticket.alertSupervisor', ticketId: ticket.id, reason })) clearIfUnchanged(setDetails, details);
  };
  return (
    <form onSubmit={submit} aria-labelledby="sup-title" className="subform">
      <h3 id="sup-title" className="section-title">{t('supervisor.title')}</h3>
      {ticket.supervisorAlerted && <p className="ok-text">{t('supervisor.done')}</p>}
      <SelectField label={t('supervisor.why')} value={why} onChange={(e) => setWhy(e.target.value as typeof why)} disabled={closed}>
        {(['breach', 'vip', 'major', 'other'] as const).map((x) => <option key={x} value={x}>{t(`supervisor.reason.${x}`)}</option>)}
      </SelectField>
      <TextArea label={t('supervisor.details')} value={details} onChange={(e) => setDetails(e.target.value)} rows={2} maxLength={3000} disabled={closed} />
      <ActionButton type="submit" className="btn" unavailable={closed}>{t('supervisor.submit')}</ActionButton>
    </form>
  );
}

/** Setting or leaving the pending status swaps this form's controls: focus goes back to its heading. */
const keepFocusHere = (from: Element | null) => focusLater(byId('pending-title'), { from, onlyIfGone: true });

function Pending({ ticket }: { ticket: TicketView }) {
  const { t } = useTranslation('trainee');
  const { send } = useDesk();
  const [reason, setReason] = useState<'user' | 'third_party'>('user');
  const [note, setNote] = useState('');
  const actions = allowedActions(ticket.status);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!note.trim()) return;
    const from = document.activeElement;
    if (await send({ type: 'ticket.setPending', ticketId: ticket.id, reason, note: note.trim() })) { clearIfUnchanged(setNote, note); keepFocusHere(from); }
  };
  const resume = async () => {
    const from = document.activeElement;
    if (await send({ type: 'ticket.resume', ticketId: ticket.id })) keepFocusHere(from);
  };
  return (
    <form onSubmit={submit} aria-labelledby="pending-title" className="subform">
      <h3 id="pending-title" className="section-title" tabIndex={-1}>{t('pending.title')}</h3>
      {ticket.status === 'pending' ? (
        <div>
          <p>{t('pending.current', { reason: t(`pending.${ticket.pendingReason ?? 'user'}`) })}</p>
          <ActionButton className="btn" onClick={() => void resume()}>{t('lifecycle.resume')}</ActionButton>
        </div>
      ) : (
        <>
          <SelectField label={t('pending.reason')} value={reason} onChange={(e) => setReason(e.target.value as typeof reason)} disabled={!actions.includes('wait')}>
            <option value="user">{t('pending.user')}</option>
            <option value="third_party">{t('pending.third_party')}</option>
          </SelectField>
          <TextArea label={t('pending.note')} value={note} onChange={(e) => setNote(e.target.value)} rows={2} maxLength={4000} disabled={!actions.includes('wait')} />
          <ActionButton type="submit" className="btn" unavailable={!actions.includes('wait') || !note.trim()}>{t('pending.submit')}</ActionButton>
        </>
      )}
    </form>
  );
}

function InformUser({ ticket }: { ticket: TicketView }) {
  const { t } = useTranslation('trainee');
  const { send } = useDesk();
  const [message, setMessage] = useState('');
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (message.trim() && await send({ type: 'ticket.informUser', ticketId: ticket.id, message: message.trim() })) clearIfUnchanged(setMessage, message);
  };
  return (
    <form onSubmit={submit} aria-labelledby="inform-title" className="subform">
      <h3 id="inform-title" className="section-title">{t('inform.title')}</h3>
      {ticket.userInformed.length > 0 && <p className="muted">{t('inform.sent', { count: ticket.userInformed.length })}</p>}
      <TextArea label={t('inform.message')} value={message} onChange={(e) => setMessage(e.target.value)} rows={2} maxLength={4000} disabled={ticket.status === 'cancelled'} placeholder={t('inform.placeholder')} data-testid="inform-message" />
      <ActionButton type="submit" className="btn" unavailable={!message.trim() || ticket.status === 'cancelled'}>{t('inform.submit')}</ActionButton>
    </form>
  );
}

/** The first meaningful line of a test's output, for the checklist. */
const firstLine = (text: string) => text.split('\n').map((l) => l.trim()).find(Boolean) ?? '';
