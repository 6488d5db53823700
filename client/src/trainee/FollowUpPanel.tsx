/**
 * After the fix: problem records for recurring incidents, the parent ticket
 * of a major incident, a new KB article or known error, and the asset record
 * (TAI-CP8 "suivi du parc").
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ContactView, TicketView } from '../../../server/src/domain/projection.js';
import { useDesk } from './DeskContext.js';
import { ActionButton } from './ActionButton.js';
import { SelectField, TextArea, TextField } from './Field.js';
import { TicketHeader } from './TicketPanel.js';
import { AssetUpdateForm } from './AssetUpdateForm.js';
import { clearIfUnchanged } from './forms.js';

export function FollowUpPanel({ ticket }: { contact: ContactView; ticket: TicketView }) {
  const { t } = useTranslation('trainee');
  return (
    <div className="followup-panel">
      <TicketHeader ticket={ticket} />
      <div className="ticket-grid">
        <div className="ticket-col">
          <Problems ticket={ticket} />
          <ParentLink ticket={ticket} />
          <section aria-labelledby="asset-up-title" className="subform">
            <h3 id="asset-up-title" className="section-title">{t('assets.updateTitle')}</h3>
            {ticket.assetTag ? <AssetUpdateForm tag={ticket.assetTag} ticketId={ticket.id} /> : <p className="hint">{t('assets.linkFirst')}</p>}
          </section>
        </div>
        <div className="ticket-col"><WriteArticle ticket={ticket} /></div>
      </div>
    </div>
  );
}

function Problems({ ticket }: { ticket: TicketView }) {
  const { t } = useTranslation('trainee');
  const { view, send } = useDesk();
  const problems = view.desk.problems;
  const others = view.desk.tickets.filter((x) => x.id !== ticket.id);
  const [problemId, setProblemId] = useState('');
  const [title, setTitle] = useState('');
  const [ticketIds, setTicketIds] = useState<string[]>([ticket.id]);
  const toggle = (id: string) => setTicketIds((l) => (l.includes(id) ? l.filter((x) => x !== id) : [...l, id]));
  const create = async (e: FormEvent) => {
    e.preventDefault();
    if (title.trim() && ticketIds.length && await send({ type: 'problem.create', title: title.trim(), ticketIds })) clearIfUnchanged(setTitle, title);
  };
  const link = async (e: FormEvent) => {
    e.preventDefault();
    if (problemId) await send({ type: 'ticket.linkProblem', ticketId: ticket.id, problemId });
  };
  return (
    <section aria-labelledby="problem-title" className="subform">
      <h3 id="problem-title" className="section-title">{t('problem.title')}</h3>
      {ticket.problemId && <p className="ok-text">{t('problem.linked', { id: ticket.problemId })}</p>}
      {problems.length > 0 && (
        <>
          <ul className="plain-list">
            {problems.map((p) => <li key={p.id}><strong>{p.id}</strong> {p.title} <span className="muted">({p.ticketIds.join(', ')})</span></li>)}
          </ul>
          <form className="inline-form" onSubmit={link}>
            <SelectField label={t('problem.existing')} value={problemId} onChange={(e) => setProblemId(e.target.value)} className="grow">
              <option value="">{t('problem.choose')}</option>
              {problems.map((p) => <option key={p.id} value={p.id}>{p.id} — {p.title}</option>)}
            </SelectField>
            <ActionButton type="submit" className="btn" unavailable={!problemId}>{t('problem.link')}</ActionButton>
          </form>
        </>
      )}
      <form onSubmit={create}>
        <TextField label={t('problem.newTitle')} value={title} onChange={(e) => setTitle(e.target.value)} maxLength={200} />
        <fieldset className="checkbox-list">
          <legend>{t('problem.incidents')}</legend>
          {[ticket, ...others].map((x) => (
            <label key={x.id} className="check">
              <input type="checkbox" checked={ticketIds.includes(x.id)} onChange={() => toggle(x.id)} /> {x.id} — {x.title}
              {x.id !== ticket.id && x.category && x.category === ticket.category && <span className="tag">{t('problem.similar')}</span>}
            </label>
          ))}
        </fieldset>
        <ActionButton type="submit" className="btn" unavailable={!title.trim() || ticketIds.length === 0}>{t('problem.create')}</ActionButton>
      </form>
    </section>
  );
}

function ParentLink({ ticket }: { ticket: TicketView }) {
  const { t } = useTranslation('trainee');
  const { view, send } = useDesk();
  const [parentId, setParentId] = useState('');
  const others = view.desk.tickets.filter((x) => x.id !== ticket.id);
  if (others.length === 0) return null;
  return (
    <form className="subform" onSubmit={(e) => { e.preventDefault(); if (parentId) void send({ type: 'ticket.linkParent', ticketId: ticket.id, parentId }); }} aria-labelledby="parent-title">
      <h3 id="parent-title" className="section-title">{t('parent.title')}</h3>
      {ticket.parentId && <p className="ok-text">{t('parent.linked', { id: ticket.parentId })}</p>}
      <div className="inline-form">
        <SelectField label={t('parent.choose')} value={parentId} onChange={(e) => setParentId(e.target.value)} className="grow">
          <option value="">—</option>
          {others.map((x) => <option key={x.id} value={x.id}>{x.id} — {x.title}</option>)}
        </SelectField>
        <ActionButton type="submit" className="btn" unavailable={!parentId}>{t('parent.link')}</ActionButton>
      </div>
    </form>
  );
}

function WriteArticle({ ticket }: { ticket: TicketView }) {
  const { t } = useTranslation('trainee');
  const { view, send } = useDesk();
  const [title, setTitle] = useState('');
  const [symptoms, setSymptoms] = useState('');
  const [cause, setCause] = useState('');
  const [steps, setSteps] = useState('');
  const written = view.desk.articles.filter((a) => a.ticketId === ticket.id);
  const stepList = steps.split('\n').map((s) => s.trim()).filter(Boolean);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!title.trim() || !symptoms.trim() || !cause.trim() || stepList.length === 0) return;
    if (await send({ type: 'kb.write', ticketId: ticket.id, title: title.trim(), symptoms: symptoms.trim(), cause: cause.trim(), steps: stepList })) {
      setTitle(''); setSymptoms(''); setCause(''); setSteps('');
    }
  };
  return (
    <form onSubmit={submit} aria-labelledby="kbw-title" className="subform">
      <h3 id="kbw-title" className="section-title">{t('kbWrite.title')}</h3>
      <p className="hint">{t('kbWrite.hint')}</p>
      {written.map((a) => <p key={a.id} className="ok-text">{t('kbWrite.done', { id: a.id, title: a.title })}</p>)}
      <TextField label={t('kbWrite.articleTitle')} value={title} onChange={(e) => setTitle(e.target.value)} maxLength={200} />
      <TextArea label={t('kbWrite.symptoms')} value={symptoms} onChange={(e) => setSymptoms(e.target.value)} rows={2} maxLength={4000} />
      <TextArea label={t('kbWrite.cause')} value={cause} onChange={(e) => setCause(e.target.value)} rows={2} maxLength={4000} />
      <TextArea label={t('kbWrite.steps')} hint={t('kbWrite.stepsHint')} value={steps} onChange={(e) => setSteps(e.target.value)} rows={4} maxLength={4000} />
      <ActionButton type="submit" className="btn" unavailable={!title.trim() || !symptoms.trim() || !cause.trim() || stepList.length === 0}>{t('kbWrite.submit')}</ActionButton>
    </form>
  );
}
