/** Trainer interventions: inject an incident, announce a major incident, send a message. */
import { useEffect, useState, type FocusEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { TrainerCommand } from '../../../server/src/domain/commands.js';
import { localized } from '../i18n/index.js';
import { staffApi, type IncidentInfo } from '../evaluator/common/api.js';
import { SoftDisabledButton } from '../shell/SoftDisabledButton.js';

/** Shown while the drill can still take them (the console puts a one-line note in its place once it has stopped). */
export function ActionsPanel({ trainees, send, busy, onFocus }: { trainees: { id: string; name: string }[]; send: (c: TrainerCommand) => Promise<boolean>; busy: boolean; onFocus?: (e: FocusEvent) => void }) {
  const { t, i18n } = useTranslation('staff');
  const [incidents, setIncidents] = useState<IncidentInfo[]>([]);
  const [incident, setIncident] = useState('');
  const [injectTo, setInjectTo] = useState('');
  const [announce, setAnnounce] = useState('');
  // A routine announcement is the common case: « Incident majeur » is a deliberate choice (a red banner on every desk).
  const [major, setMajor] = useState(false);
  const [message, setMessage] = useState('');
  const [messageTo, setMessageTo] = useState('');

  // An empty text cannot be sent: the button says so (soft-disabled, described by a visible reason) rather than doing nothing.
  const announceMissing = !announce.trim();
  const messageMissing = !message.trim();

  useEffect(() => {
    staffApi.incidents().then((l) => { setIncidents(l); setIncident((x) => x || l[0]?.id || ''); }, () => setIncidents([]));
  }, []);

  return (
    <section className="actions-panel" aria-labelledby="actions-title" onFocus={onFocus}>
      <h2 id="actions-title">{t('actions.title')}</h2>
      <form onSubmit={(e) => { e.preventDefault(); if (incident && !busy) void send({ type: 'session.inject', incidentId: incident, ...(injectTo ? { traineeId: injectTo } : {}) }); }}>
        <fieldset>
          <legend>{t('actions.inject')}</legend>
          <label htmlFor="inject-incident">{t('actions.incident')}</label>
          <select id="inject-incident" value={incident} onChange={(e) => setIncident(e.target.value)}>
            {incidents.map((x) => <option key={x.id} value={x.id}>{localized(x.title, i18n.language)}{x.major ? ` (${t('actions.majorTag')})` : ''}</option>)}
          </select>
          <label htmlFor="inject-to">{t('actions.target')}</label>
          <select id="inject-to" value={injectTo} onChange={(e) => setInjectTo(e.target.value)}>
            <option value="">{t('actions.everyone')}</option>
            {trainees.map((x) => <option key={x.id} value={x.id}>{x.name}</option>)}
          </select>
          <SoftDisabledButton type="submit" className="btn" unavailable={busy || !incident}>{t('actions.injectButton')}</SoftDisabledButton>
        </fieldset>
      </form>
      <form onSubmit={(e) => { e.preventDefault(); if (announce.trim() && !busy) void send({ type: 'session.broadcast', message: announce.trim(), major }).then((ok) => ok && setAnnounce('')); }}>
        <fieldset>
          <legend>{t('actions.announce')}</legend>
          <label htmlFor="announce-text">{t('actions.announceText')}</label>
          <textarea id="announce-text" rows={2} value={announce} onChange={(e) => setAnnounce(e.target.value)} placeholder={t('actions.announcePlaceholder')} />
          <label className="check"><input type="checkbox" checked={major} onChange={(e) => setMajor(e.target.checked)} /> {t('actions.major')}</label>
          <SoftDisabledButton type="submit" className="btn" unavailable={busy || announceMissing} aria-describedby={announceMissing ? 'announce-missing' : undefined}>{t('actions.announceButton')}</SoftDisabledButton>
          {announceMissing && <p id="announce-missing" className="hint">{t('actions.announceMissing')}</p>}
        </fieldset>
      </form>
      <form onSubmit={(e) => { e.preventDefault(); if (message.trim() && !busy) void send({ type: 'session.message', message: message.trim(), ...(messageTo ? { traineeId: messageTo } : {}) }).then((ok) => ok && setMessage('')); }}>
        <fieldset>
          <legend>{t('actions.message')}</legend>
          <label htmlFor="message-to">{t('actions.target')}</label>
          <select id="message-to" value={messageTo} onChange={(e) => setMessageTo(e.target.value)}>
            <option value="">{t('actions.everyone')}</option>
            {trainees.map((x) => <option key={x.id} value={x.id}>{x.name}</option>)}
          </select>
          <label htmlFor="message-text">{t('actions.messageText')}</label>
          <textarea id="message-text" rows={2} value={message} onChange={(e) => setMessage(e.target.value)} />
          <SoftDisabledButton type="submit" className="btn" unavailable={busy || messageMissing} aria-describedby={messageMissing ? 'message-missing' : undefined}>{t('actions.messageButton')}</SoftDisabledButton>
          {messageMissing && <p id="message-missing" className="hint">{t('actions.messageMissing')}</p>}
        </fieldset>
      </form>
    </section>
  );
}
