/**
 * The conversation: transcript with the simulated caller, the questioning
 * script, replies, rephrasing and conclusion, and the facts learned so far.
 */
import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ContactView, TicketView } from '../../../server/src/domain/projection.js';
import type { TranscriptLine } from '../../../server/src/domain/session.js';
import { REPLY_KINDS_LIST, QUESTION_GROUPS } from './constants.js';
import { localized } from '../i18n/index.js';
import { useDesk } from './DeskContext.js';
import { SelectField, TextArea, TextField } from './Field.js';
import { FactsList } from './FactsList.js';
import { clearIfUnchanged } from './forms.js';
import { ActionButton } from './ActionButton.js';
import { byId, focusLater } from '../shell/focus.js';

export function CallPanel({ contact: c, ticket }: { contact: ContactView; ticket: TicketView | undefined }) {
  const { t } = useTranslation('trainee');
  const { send } = useDesk();
  const live = c.takenAt !== undefined && c.endedAt === undefined;
  const end = async () => {
    // The call's controls go with the call: carry on from what the panel says now.
    const from = document.activeElement;
    if (await send({ type: 'call.end', contactId: c.id })) focusLater(byId('call-ended-hint'), { from, onlyIfGone: true });
  };
  const isPhone = c.channel === 'phone';

  return (
    <div className="call-panel">
      <div className="call-columns">
        <Transcript contact={c} />
        <aside className="facts-column" aria-labelledby="facts-title">
          <h3 id="facts-title" className="section-title">{t('facts.title')} <span className="count">{c.facts.length}</span></h3>
          <FactsList facts={c.facts} />
          <Steps contact={c} />
        </aside>
      </div>
      {live ? (
        <div className="call-actions">
          {!ticket && <CreateTicket contact={c} />}
          <div className="button-row">
            <ActionButton className="btn" onClick={() => void send({ type: 'call.greet', contactId: c.id })} aria-pressed={c.steps.greeted}>{t('call.greet')}</ActionButton>
            <ActionButton className="btn" onClick={() => void send({ type: 'call.checkIdentity', contactId: c.id })} aria-pressed={c.steps.identityChecked}>{t('call.checkIdentity')}</ActionButton>
          </div>
          <QuestionScript contact={c} />
          <Replies contact={c} />
          <Rephrase contact={c} />
          <Conclude contact={c} />
          <div className="button-row end-row">
            <ActionButton className="btn btn-danger-outline" onClick={() => void end()}>{t(isPhone ? 'call.hangUp' : 'call.closeMessage')}</ActionButton>
          </div>
        </div>
      ) : (
        <div className="call-actions">
          <p id="call-ended-hint" className="hint" tabIndex={-1}>{c.endedAt !== undefined ? t('call.endedHint') : t('call.notTaken')}</p>
          {!ticket && c.takenAt !== undefined && <CreateTicket contact={c} />}
        </div>
      )}
    </div>
  );
}

function Transcript({ contact: c }: { contact: ContactView }) {
  const { t, i18n } = useTranslation('trainee');
  const { catalog } = useDesk();
  const list = useRef<HTMLOListElement>(null);
  // Keep the latest line in sight without scrolling the rest of the page.
  useEffect(() => { const el = list.current; if (el) el.scrollTop = el.scrollHeight; }, [c.transcript.length]);
  const questions = useMemo(() => new Map(catalog.questions.map((q) => [q.id, q])), [catalog.questions]);
  const factLabels = new Map(c.facts.map((f) => [f.id, localized(f.label, i18n.language)]));

  const agentText = (l: TranscriptLine): string => {
    switch (l.kind) {
      case 'call.greeted': return t('say.greet');
      case 'call.identityChecked': return t('say.identity');
      case 'call.asked': return l.questionId ? localized(questions.get(l.questionId)?.text, i18n.language) || l.questionId : l.text ?? '';
      case 'call.replied': return l.reply ? t(`say.reply.${l.reply}`) : '';
      default: return l.text ?? '';
    }
  };
  const agentTag = (l: TranscriptLine): string | undefined => {
    switch (l.kind) {
      case 'call.greeted': return t('tag.greet');
      case 'call.identityChecked': return t('tag.identity');
      case 'call.asked': return l.questionId ? t('tag.script') : t('tag.free');
      case 'call.rephrased': return t('tag.rephrase');
      case 'call.replied': return l.reply ? t(`reply.${l.reply}`) : undefined;
      case 'call.concluded': return t('tag.conclude');
      default: return undefined;
    }
  };

  return (
    <section className="transcript" aria-labelledby="transcript-title">
      <h3 id="transcript-title" className="section-title">{t(c.channel === 'phone' ? 'call.transcript' : 'call.messages')}</h3>
      {/* It scrolls on its own: focusable (named by its heading) so a keyboard user can scroll it with the arrow keys. */}
      <ol ref={list} className="transcript-list" data-testid="transcript" tabIndex={0} aria-labelledby="transcript-title">
        {c.opening && (
          <li className="line line-caller line-opening">
            <span className="line-who">{c.caller.name}</span>
            <p className="line-text">{c.opening}</p>
          </li>
        )}
        {c.transcript.map((l) => (
          <li key={`${l.seq}-${l.who}`} className={`line line-${l.who}`} data-testid={`line-${l.who}`}>
            <span className="line-who">{l.who === 'agent' ? t('call.you') : c.caller.name}{l.who === 'agent' && agentTag(l) && <span className="line-tag">{agentTag(l)}</span>}</span>
            <p className="line-text">{l.who === 'agent' ? agentText(l) : l.text}</p>
            {l.factIds && l.factIds.length > 0 && (
              <p className="line-facts">{t('facts.learned')} {l.factIds.map((f) => factLabels.get(f) ?? f).join(', ')}</p>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}

function Steps({ contact: c }: { contact: ContactView }) {
  const { t } = useTranslation('trainee');
  const asked = c.transcript.filter((l) => l.kind === 'call.asked').length;
  const steps: [string, boolean][] = [
    [t('steps.greeted'), c.steps.greeted],
    [t('steps.identity'), c.steps.identityChecked],
    [t('steps.questions', { count: asked }), asked > 0],
    [t('steps.rephrased'), c.steps.rephrased],
    [t('steps.concluded'), c.steps.concluded],
  ];
  return (
    <div className="steps">
      <h3 className="section-title">{t('steps.title')}</h3>
      <ul className="checklist">
        {steps.map(([label, done]) => <li key={label} className={done ? 'done' : ''}><span aria-hidden="true">{done ? '✓' : '○'}</span> {label}<span className="sr-only"> — {done ? t('steps.done') : t('steps.todo')}</span></li>)}
      </ul>
    </div>
  );
}

function QuestionScript({ contact: c }: { contact: ContactView }) {
  const { t, i18n } = useTranslation('trainee');
  const { catalog, send } = useDesk();
  const [questionId, setQuestionId] = useState('');
  const [free, setFree] = useState('');
  const asked = new Set(c.transcript.map((l) => l.questionId).filter(Boolean));
  const groups = QUESTION_GROUPS.map((g) => ({ g, list: catalog.questions.filter((q) => q.group === g) })).filter((x) => x.list.length);

  const ask = async (e: FormEvent) => {
    e.preventDefault();
    if (!questionId) return;
    if (await send({ type: 'call.ask', contactId: c.id, questionId })) clearIfUnchanged(setQuestionId, questionId);
  };
  const askFree = async (e: FormEvent) => {
    e.preventDefault();
    if (!free.trim()) return;
    if (await send({ type: 'call.askFree', contactId: c.id, text: free.trim() })) clearIfUnchanged(setFree, free);
  };
  return (
    <div className="question-row">
      <form className="inline-form" onSubmit={ask}>
        <SelectField label={t('call.script')} value={questionId} onChange={(e) => setQuestionId(e.target.value)} className="grow" data-testid="question-select">
          <option value="">{t('call.chooseQuestion')}</option>
          {groups.map(({ g, list }) => (
            <optgroup key={g} label={t(`questionGroup.${g}`)}>
              {list.map((q) => <option key={q.id} value={q.id}>{asked.has(q.id) ? '✓ ' : ''}{localized(q.text, i18n.language)}</option>)}
            </optgroup>
          ))}
        </SelectField>
        <ActionButton type="submit" className="btn btn-primary" unavailable={!questionId}>{t('call.ask')}</ActionButton>
      </form>
      <form className="inline-form" onSubmit={askFree}>
        <TextField label={t('call.freeQuestion')} value={free} onChange={(e) => setFree(e.target.value)} maxLength={4000} className="grow" placeholder={t('call.freePlaceholder')} />
        <ActionButton type="submit" className="btn" unavailable={!free.trim()}>{t('call.ask')}</ActionButton>
      </form>
    </div>
  );
}

function Replies({ contact: c }: { contact: ContactView }) {
  const { t } = useTranslation('trainee');
  const { send } = useDesk();
  return (
    <fieldset className="replies">
      <legend>{t('call.replyLegend')}</legend>
      <div className="button-row">
        {REPLY_KINDS_LIST.map((r) => (
          <ActionButton key={r} className={`btn btn-small reply-${r}`} title={t(`say.reply.${r}`)} onClick={() => void send({ type: 'call.reply', contactId: c.id, reply: r })}>{t(`reply.${r}`)}</ActionButton>
        ))}
      </div>
    </fieldset>
  );
}

function Rephrase({ contact: c }: { contact: ContactView }) {
  const { t } = useTranslation('trainee');
  const { send } = useDesk();
  const [text, setText] = useState('');
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (text.trim() && await send({ type: 'call.rephrase', contactId: c.id, text: text.trim() })) clearIfUnchanged(setText, text);
  };
  return (
    <form className="inline-form" onSubmit={submit}>
      <TextField label={t('call.rephrase')} value={text} onChange={(e) => setText(e.target.value)} maxLength={4000} className="grow" placeholder={t('call.rephrasePlaceholder')} />
      <ActionButton type="submit" className="btn" unavailable={!text.trim()}>{t('call.rephraseBtn')}</ActionButton>
    </form>
  );
}

function Conclude({ contact: c }: { contact: ContactView }) {
  const { t } = useTranslation('trainee');
  const { send } = useDesk();
  const [text, setText] = useState('');
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (text.trim() && await send({ type: 'call.conclude', contactId: c.id, text: text.trim() })) clearIfUnchanged(setText, text);
  };
  return (
    <form className="inline-form" onSubmit={submit}>
      <TextArea label={t('call.conclude')} value={text} onChange={(e) => setText(e.target.value)} maxLength={4000} rows={1} className="grow" placeholder={t('call.concludePlaceholder')} />
      <ActionButton type="submit" className="btn" unavailable={!text.trim()}>{t('call.concludeBtn')}</ActionButton>
    </form>
  );
}

/** Logs the contact as a ticket, then takes it in (the response clock stops when it is taken). */
export function CreateTicket({ contact: c }: { contact: ContactView }) {
  const { t } = useTranslation('trainee');
  const { createTicket, setCentreTab } = useDesk();
  const [title, setTitle] = useState('');
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!title.trim()) return;
    const from = document.activeElement;
    // This form goes once the ticket exists: carry on in the new ticket, from its heading.
    if (await createTicket(c.id, title.trim())) {
      setCentreTab('ticket');
      focusLater(byId('ticket-heading'), { from });
    }
  };
  return (
    <form className="inline-form create-ticket" onSubmit={submit}>
      <TextField label={t('ticket.createTitle')} value={title} onChange={(e) => setTitle(e.target.value)} maxLength={200} className="grow" placeholder={t('ticket.titlePlaceholder')} data-testid="ticket-title-input" />
      <ActionButton type="submit" className="btn btn-primary" unavailable={!title.trim()}>{t('ticket.create')}</ActionButton>
    </form>
  );
}
