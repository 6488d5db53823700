/**
 * Resolution with code, cause and a four-part note; confirmation asked to
 * the user before closure; reopening when the user says it is not fixed.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ContactView, TicketView } from '../../../server/src/domain/projection.js';
import { allowedActions } from '../../../server/src/domain/ticket.js';
import { localized } from '../i18n/index.js';
import { RESOLUTION_CODES } from './constants.js';
import { useDesk } from './DeskContext.js';
import { ActionButton } from './ActionButton.js';
import { byId, focusLater } from '../shell/focus.js';
import { SelectField, TextArea } from './Field.js';
import { GroupName, TicketHeader } from './TicketPanel.js';

type Code = (typeof RESOLUTION_CODES)[number];

export function ResolutionPanel({ contact: c, ticket }: { contact: ContactView; ticket: TicketView }) {
  const { t } = useTranslation('trainee');
  const actions = allowedActions(ticket.status);
  return (
    <div className="resolution-panel">
      <TicketHeader ticket={ticket} />
      {ticket.status === 'escalated' && <p className="banner banner-info">{t('resolve.withGroup')} <GroupName id={ticket.groupId ?? ''} /></p>}
      {(ticket.status === 'resolved' || ticket.status === 'closed') && <Confirmation ticket={ticket} />}
      {actions.includes('resolve') && ticket.status !== 'escalated' && <ResolveForm key={ticket.id} contact={c} ticket={ticket} />}
      {actions.includes('cancel') && <Cancel ticket={ticket} />}
    </div>
  );
}

function ResolveForm({ contact: c, ticket }: { contact: ContactView; ticket: TicketView }) {
  const { t, i18n } = useTranslation('trainee');
  const { send } = useDesk();
  const [code, setCode] = useState<Code>('fixed');
  const [causeId, setCauseId] = useState('');
  const [symptom, setSymptom] = useState('');
  const [diagnosis, setDiagnosis] = useState('');
  const [action, setAction] = useState('');
  const [result, setResult] = useState('');
  const complete = causeId && symptom.trim() && diagnosis.trim() && action.trim() && result.trim();
  const prefill = () => {
    if (!symptom) setSymptom(ticket.title);
    if (!action && ticket.fixApplied) setAction(t('resolve.prefillAction', { id: ticket.fixApplied }));
  };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!complete) return;
    const from = document.activeElement;
    // This form goes once the ticket is resolved: read on from the confirmation step's heading. Not its button:
    // a repeated Enter would then ask the user to confirm straight away.
    if (await send({ type: 'ticket.resolve', ticketId: ticket.id, code, causeId, note: { symptom: symptom.trim(), diagnosis: diagnosis.trim(), action: action.trim(), result: result.trim() } })) {
      focusLater(byId('confirm-title'), { from, onlyIfGone: true });
    }
  };
  return (
    <form onSubmit={submit} className="resolve-form" aria-labelledby="resolve-title">
      <h3 id="resolve-title" className="section-title" tabIndex={-1}>{t('resolve.title')}</h3>
      {!ticket.fixApplied && <p className="hint">{t('resolve.noFixYet')}</p>}
      <div className="form-grid">
        <SelectField label={t('resolve.code')} value={code} onChange={(e) => setCode(e.target.value as Code)}>
          {RESOLUTION_CODES.map((x) => <option key={x} value={x}>{t(`resolutionCode.${x}`)}</option>)}
        </SelectField>
        <SelectField label={t('resolve.cause')} value={causeId} onChange={(e) => setCauseId(e.target.value)} data-testid="cause-select">
          <option value="">{t('resolve.chooseCause')}</option>
          {c.causes.map((x) => <option key={x.id} value={x.id}>{localized(x.label, i18n.language)}</option>)}
        </SelectField>
      </div>
      <div className="form-grid">
        <TextArea label={t('resolve.symptom')} value={symptom} onChange={(e) => setSymptom(e.target.value)} rows={2} maxLength={4000} data-testid="note-symptom" />
        <TextArea label={t('resolve.diagnosis')} value={diagnosis} onChange={(e) => setDiagnosis(e.target.value)} rows={2} maxLength={4000} data-testid="note-diagnosis" />
        <TextArea label={t('resolve.action')} value={action} onChange={(e) => setAction(e.target.value)} rows={2} maxLength={4000} data-testid="note-action" />
        <TextArea label={t('resolve.result')} value={result} onChange={(e) => setResult(e.target.value)} rows={2} maxLength={4000} data-testid="note-result" />
      </div>
      <div className="button-row">
        <button type="button" className="btn" onClick={prefill}>{t('resolve.prefill')}</button>
        <ActionButton type="submit" className="btn btn-primary" unavailable={!complete}>{t('resolve.submit')}</ActionButton>
      </div>
    </form>
  );
}

function Confirmation({ ticket }: { ticket: TicketView }) {
  const { t } = useTranslation('trainee');
  const { send } = useDesk();
  const actions = allowedActions(ticket.status);
  // Once the user has confirmed, asking again would only repeat the answer (decide.ts accepts it): not offered.
  const confirmed = ticket.confirmation === 'confirmed';
  const asked = confirmed || ticket.confirmation === 'requested';
  return (
    <section className="confirmation" aria-labelledby="confirm-title">
      <h3 id="confirm-title" className="section-title" tabIndex={-1}>{t('confirm.title')}</h3>
      <p id="confirm-state" className={`confirm-state confirm-${ticket.confirmation}`} data-testid="confirmation-state">{t(`confirm.state.${ticket.confirmation}`)}</p>
      {ticket.resolution && <p className="muted">{t('resolve.resolvedAs', { code: t(`resolutionCode.${ticket.resolution.code}`) })}</p>}
      <div className="button-row">
        {ticket.status === 'resolved' && <ActionButton id="confirm-request" className={`btn ${ticket.confirmation === 'none' ? 'btn-primary' : ''}`} unavailable={asked} aria-describedby={confirmed ? 'confirm-request-reason' : asked ? 'confirm-state' : undefined} onClick={() => void send({ type: 'ticket.requestConfirmation', ticketId: ticket.id })}>{t('confirm.request')}</ActionButton>}
      </div>
      {actions.includes('close') && ticket.confirmation !== 'confirmed' && ticket.confirmation !== 'refused' && <p className="hint">{t('confirm.closeWithout')}</p>}
      {/* Also the reason "Demander confirmation" is unavailable (a resolved ticket can always be closed). */}
      {confirmed && actions.includes('close') && <p id="confirm-request-reason" className="hint">{t('confirm.nowClose')}</p>}
    </section>
  );
}

function Cancel({ ticket }: { ticket: TicketView }) {
  const { t } = useTranslation('trainee');
  const { send } = useDesk();
  const [reason, setReason] = useState('');
  return (
    <details className="cancel-box">
      <summary>{t('cancel.title')}</summary>
      <form onSubmit={(e) => { e.preventDefault(); if (reason.trim()) void send({ type: 'ticket.cancel', ticketId: ticket.id, reason: reason.trim() }); }}>
        <TextArea label={t('cancel.reason')} value={reason} onChange={(e) => setReason(e.target.value)} rows={2} maxLength={4000} />
        <ActionButton type="submit" className="btn btn-danger-outline" unavailable={!reason.trim()}>{t('cancel.submit')}</ActionButton>
      </form>
    </details>
  );
}
