/** Diagnostic tests and remote control (consent first, as TAI-CP8-C5 expects). */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ContactView, TicketView } from '../../../server/src/domain/projection.js';
import { localized } from '../i18n/index.js';
import { useDesk } from './DeskContext.js';
import { ActionButton } from './ActionButton.js';
import { SelectField } from './Field.js';
import { FactsList } from './FactsList.js';
import { TicketHeader } from './TicketPanel.js';
import { clearIfUnchanged } from './forms.js';

export function TestName({ id }: { id: string }) {
  const { i18n } = useTranslation('trainee');
  const { catalog } = useDesk();
  const x = catalog.tests.find((y) => y.id === id);
  return <>{x ? localized(x.label, i18n.language) : id}</>;
}

export function DiagnosisPanel({ contact: c, ticket }: { contact: ContactView; ticket: TicketView }) {
  const { t, i18n } = useTranslation('trainee');
  const { catalog, send } = useDesk();
  const [testId, setTestId] = useState('');
  const run = async (e: FormEvent) => {
    e.preventDefault();
    if (testId && await send({ type: 'test.run', ticketId: ticket.id, testId })) clearIfUnchanged(setTestId, testId);
  };
  const command = catalog.tests.find((x) => x.id === testId)?.command;
  return (
    <div className="diagnosis-panel">
      <TicketHeader ticket={ticket} />
      <div className="ticket-grid diagnosis-grid">
        <div className="ticket-col">
          <form className="inline-form" onSubmit={run}>
            <SelectField label={t('diagnosis.test')} value={testId} onChange={(e) => setTestId(e.target.value)} className="grow" hint={command ? <code>{command}</code> : undefined}>
              <option value="">{t('diagnosis.chooseTest')}</option>
              {catalog.tests.map((x) => <option key={x.id} value={x.id}>{ticket.tests.some((r) => r.testId === x.id) ? '✓ ' : ''}{localized(x.label, i18n.language)}</option>)}
            </SelectField>
            <ActionButton type="submit" className="btn btn-primary" unavailable={!testId}>{t('diagnosis.run')}</ActionButton>
          </form>
          <h3 className="section-title">{t('diagnosis.results')}</h3>
          {ticket.tests.length === 0 ? <p className="empty">{t('diagnosis.none')}</p> : (
            <ul className="test-results" data-testid="test-results">
              {ticket.tests.map((r, i) => <li key={`${r.testId}-${i}`}><strong><TestName id={r.testId} /></strong><pre className="output">{r.result}</pre></li>)}
            </ul>
          )}
          <section aria-labelledby="remote-title" className="remote">
            <h3 id="remote-title" className="section-title">{t('remote.title')}</h3>
            <p className="muted">{t(`remote.state.${ticket.remote}`)}</p>
            <div className="button-row">
              <ActionButton className="btn" unavailable={ticket.remote === 'active'} onClick={() => void send({ type: 'remote.askConsent', ticketId: ticket.id })}>{t('remote.askConsent')}</ActionButton>
              <ActionButton className="btn" unavailable={ticket.remote === 'active'} onClick={() => void send({ type: 'remote.start', ticketId: ticket.id })}>{t('remote.start')}</ActionButton>
              <ActionButton className="btn" unavailable={ticket.remote !== 'active'} onClick={() => void send({ type: 'remote.end', ticketId: ticket.id })}>{t('remote.end')}</ActionButton>
            </div>
          </section>
        </div>
        <aside className="ticket-col" aria-labelledby="diag-facts">
          <h3 id="diag-facts" className="section-title">{t('facts.title')}</h3>
          <FactsList facts={c.facts} />
        </aside>
      </div>
    </div>
  );
}
