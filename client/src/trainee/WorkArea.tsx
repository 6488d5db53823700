/** Centre column: the selected contact — caller card, then call, ticket and follow-up tabs. */
import { useTranslation } from 'react-i18next';
import { useDesk, useSelection, type CentreTab } from './DeskContext.js';
import { CallerCard } from './CallerCard.js';
import { Tabs, type TabDef } from './Tabs.js';
import { CallPanel } from './CallPanel.js';
import { TicketPanel } from './TicketPanel.js';
import { DiagnosisPanel } from './DiagnosisPanel.js';
import { EscalationPanel } from './EscalationPanel.js';
import { ResolutionPanel } from './ResolutionPanel.js';
import { FollowUpPanel } from './FollowUpPanel.js';

export function WorkArea() {
  const { t } = useTranslation('trainee');
  const { centreTab, setCentreTab } = useDesk();
  const { contact, ticket } = useSelection();

  if (!contact) {
    return (
      <main id="work-area" className="work-area panel work-empty" tabIndex={-1}>
        <h2>{t('work.emptyTitle')}</h2>
        <p>{t('work.emptyHint')}</p>
      </main>
    );
  }

  const tabs: TabDef<CentreTab>[] = [
    { id: 'call', label: t(contact.channel === 'phone' ? 'tabs.call' : 'tabs.message') },
    { id: 'ticket', label: t('tabs.ticket'), ...(ticket ? { badge: ticket.id } : {}) },
    { id: 'diagnosis', label: t('tabs.diagnosis') },
    { id: 'escalation', label: t('tabs.escalation') },
    { id: 'resolution', label: t('tabs.resolution') },
    { id: 'followup', label: t('tabs.followup') },
  ];
  const needsTicket = centreTab !== 'call' && centreTab !== 'ticket' && !ticket;

  return (
    <main id="work-area" className="work-area panel" tabIndex={-1} aria-label={t('work.label', { name: contact.caller.name })}>
      <CallerCard contact={contact} />
      <Tabs idPrefix="centre" label={t('tabs.label')} tabs={tabs} active={centreTab} onChange={setCentreTab} className="centre-tabs">
        {needsTicket ? <p className="hint">{t('work.needTicket')}</p>
          : centreTab === 'call' ? <CallPanel contact={contact} ticket={ticket} />
          : centreTab === 'ticket' ? <TicketPanel contact={contact} ticket={ticket} />
          : centreTab === 'diagnosis' ? <DiagnosisPanel contact={contact} ticket={ticket!} />
          : centreTab === 'escalation' ? <EscalationPanel contact={contact} ticket={ticket!} />
          : centreTab === 'resolution' ? <ResolutionPanel contact={contact} ticket={ticket!} />
          : <FollowUpPanel contact={contact} ticket={ticket!} />}
      </Tabs>
    </main>
  );
}
