/**
 * Turns a trainee command into the events it causes, or refuses it with a
 * typed error. The simulated caller's answers are computed here from the
 * scenario, so they are part of the log and replay identically.
 */
import type { TraineeCommand } from './commands.js';
import { draft, type Actor, type EventDraft } from './events.js';
import { priorityOf } from './priority.js';
import { err, ok, domainError, type DomainError, type Result } from './result.js';
import type { Catalog, Incident, Persona, ReplyKind } from './scenario.js';
import { problemIdFor, articleIdFor, ticketIdFor, type ContactState, type SessionState, type TicketState } from './session.js';
import { transition, type TicketAction } from './ticket.js';
import { foldText, searchKb } from './kb-search.js';

type Decision = Result<EventDraft[], DomainError>;
const refuse = (code: string, message: string): Decision => err(domainError(code, message));

/** Default caller reactions when the incident does not script one. */
const DEFAULT_REACTIONS: Record<ReplyKind, string> = {
  reassure: 'D\'accord, merci, ça me rassure un peu.',
  deescalate: 'Bon… d\'accord, je vous écoute.',
  plain: 'D\'accord, je comprends mieux comme ça.',
  technical: 'Euh… je n\'ai pas tout compris, là.',
  blame: 'Ah, parce que c\'est de ma faute maintenant ?',
  promise: 'Très bien, je compte sur vous alors.',
  security_advice: 'Entendu, je ferai attention à l\'avenir.',
  delay: 'D\'accord, j\'attends de vos nouvelles.',
};

interface Ctx { s: SessionState; catalog: Catalog; actor: Actor; t: number; clientId?: string }

export function decide(s: SessionState, catalog: Catalog, actor: Actor, cmd: TraineeCommand, t: number, clientId?: string): Decision {
  if (s.status !== 'running') return refuse(s.status === 'paused' ? 'session/paused' : 'session/not_running', s.status === 'paused' ? 'the drill is paused: actions resume when the trainer resumes it' : `the drill is ${s.status}, not running`);
  if (actor.role !== 'trainee' || !s.trainees.some((x) => x.id === actor.id)) return refuse('auth/not_a_participant', 'only a trainee of this session can act on its desk');
  const ctx: Ctx = { s, catalog, actor, t, ...(clientId ? { clientId } : {}) };
  // The command's own event carries the client id (retries are recognised by it); follow-ups do not.
  const ev = <K extends EventDraft['type']>(type: K, payload: Extract<EventDraft, { type: K }>['payload']) =>
    draft(type, t, actor, payload as never, clientId) as EventDraft;
  const callerSays = (contactId: string, text: string, factIds: string[], about: 'question' | 'rephrase' | 'reply' | 'identity' | 'conclusion' | 'remote') =>
    draft('caller.replied', t, { role: 'system', id: 'caller' }, { contactId, text, factIds, about }) as EventDraft;

  if ('contactId' in cmd) {
    const c = s.contacts[cmd.contactId];
    if (!c || c.traineeId !== actor.id) return refuse('contact/not_found', `no contact "${cmd.contactId}" on your desk`);
    const inc = catalog.incidents[c.incidentId]!;
    if (cmd.type !== 'contact.take' && c.takenAt === undefined) return refuse('contact/not_taken', 'take the contact (answer the call or open the message) first');
    if (cmd.type !== 'contact.take' && cmd.type !== 'ticket.create' && c.endedAt !== undefined) return refuse('contact/ended', 'the call has ended');
    switch (cmd.type) {
      case 'contact.take':
        if (c.takenAt !== undefined) return refuse('contact/already_taken', 'this contact is already taken');
        return ok([ev('contact.taken', { contactId: c.id })]);
      case 'call.greet':
        return ok([ev('call.greeted', { contactId: c.id }), callerSays(c.id, greetingReply(catalog.personas[c.callerId]!, inc), [], 'identity')]);
      case 'call.checkIdentity': {
        const p = catalog.personas[c.callerId]!;
        return ok([ev('call.identityChecked', { contactId: c.id }), callerSays(c.id, `Oui bien sûr : ${p.name}, ${p.title}, service ${p.department} à ${p.site}. Vous pouvez me rappeler au ${p.phone}.`, [], 'identity')]);
      }
      case 'call.ask': {
        if (!catalog.questions[cmd.questionId]) return refuse('question/unknown', `unknown question "${cmd.questionId}"`);
        const { text, factIds } = answerQuestion(inc, c, cmd.questionId);
        return ok([ev('call.asked', { contactId: c.id, questionId: cmd.questionId }), callerSays(c.id, text, factIds, 'question')]);
      }
      case 'call.askFree': {
        const q = matchQuestion(catalog, cmd.text);
        const { text, factIds } = q ? answerQuestion(inc, c, q) : { text: 'Pardon ? Je ne suis pas sûr de comprendre votre question.', factIds: [] as string[] };
        return ok([ev('call.asked', { contactId: c.id, text: cmd.text }), callerSays(c.id, text, factIds, 'question')]);
      }
      case 'call.rephrase': {
        const missing = inc.facts.filter((f) => f.required && !c.revealed.includes(f.id));
        const text = missing.length === 0 ? 'Oui, c\'est exactement ça.' : 'Pas tout à fait… je ne vous ai pas encore tout expliqué.';
        return ok([ev('call.rephrased', { contactId: c.id, text: cmd.text }), callerSays(c.id, text, [], 'rephrase')]);
      }
      case 'call.reply':
        return ok([ev('call.replied', { contactId: c.id, reply: cmd.reply }), callerSays(c.id, inc.replies[cmd.reply] ?? DEFAULT_REACTIONS[cmd.reply], [], 'reply')]);
      case 'call.conclude':
        return ok([ev('call.concluded', { contactId: c.id, text: cmd.text }), callerSays(c.id, 'Très bien, merci pour votre aide. Bonne journée !', [], 'conclusion')]);
      case 'call.end':
        return ok([ev('call.ended', { contactId: c.id })]);
      case 'ticket.create':
        if (c.ticketId) return refuse('ticket/exists', `contact already has ticket ${c.ticketId}`);
        return ok([ev('ticket.created', { ticketId: ticketIdFor(s.counters.ticket + 1), contactId: c.id, title: cmd.title })]);
    }
  }

  if (cmd.type === 'kb.search') {
    if (cmd.ticketId) { const r = ownTicket(ctx, cmd.ticketId); if (!r.ok) return r; }
    return ok([ev('kb.searched', { ...(cmd.ticketId ? { ticketId: cmd.ticketId } : {}), query: cmd.query, results: searchKb(catalog, cmd.query).map((a) => a.id) })]);
  }
  if (cmd.type === 'kb.open') {
    if (cmd.ticketId) { const r = ownTicket(ctx, cmd.ticketId); if (!r.ok) return r; }
    if (!catalog.kb[cmd.articleId] && !s.articles[cmd.articleId]) return refuse('kb/unknown_article', `unknown KB article "${cmd.articleId}"`);
    return ok([ev('kb.opened', { ...(cmd.ticketId ? { ticketId: cmd.ticketId } : {}), articleId: cmd.articleId })]);
  }
  if (cmd.type === 'problem.create') {
    for (const id of cmd.ticketIds) { const r = ownTicket(ctx, id); if (!r.ok) return r; }
    return ok([ev('problem.created', { problemId: problemIdFor(s.counters.problem + 1), title: cmd.title, ticketIds: [...new Set(cmd.ticketIds)] })]);
  }

  const own = ownTicket(ctx, cmd.ticketId);
  if (!own.ok) return own;
  const tk = own.value;
  const inc = catalog.incidents[tk.incidentId]!;
  const move = (action: TicketAction): DomainError | undefined => { const r = transition(tk.status, action); return r.ok ? undefined : r.error; };
  const workable = (): DomainError | undefined =>
    tk.status === 'closed' || tk.status === 'cancelled' ? domainError('ticket/closed', `ticket ${tk.id} is ${tk.status}`) : tk.status === 'new' ? domainError('ticket/not_taken', `take ticket ${tk.id} in first (it is still new)`) : undefined;

  switch (cmd.type) {
    case 'ticket.take': { const e = move('take'); return e ? err(e) : ok([ev('ticket.taken', { ticketId: tk.id })]); }
    case 'ticket.qualify': {
      const w = workable(); if (w) return err(w);
      const p = priorityOf(s.contract, cmd.impact, cmd.urgency);
      if (!p.ok) return err(p.error);
      if (!catalog.categories[cmd.category]) return refuse('ticket/unknown_category', `unknown category "${cmd.category}"`);
      return ok([ev('ticket.qualified', { ticketId: tk.id, impact: cmd.impact, urgency: cmd.urgency, priority: p.value, category: cmd.category, type: cmd.ticketType })]);
    }
    case 'ticket.linkAsset': {
      const w = workable(); if (w) return err(w);
      if (!catalog.assets[cmd.assetTag]) return refuse('asset/unknown', `unknown asset "${cmd.assetTag}"`);
      return ok([ev('ticket.assetLinked', { ticketId: tk.id, assetTag: cmd.assetTag })]);
    }
    case 'ticket.addNote': { const w = workable(); return w ? err(w) : ok([ev('ticket.noteAdded', { ticketId: tk.id, text: cmd.text })]); }
    case 'test.run': {
      const w = workable(); if (w) return err(w);
      if (!catalog.tests[cmd.testId]) return refuse('test/unknown', `unknown diagnostic test "${cmd.testId}"`);
      const found = inc.tests.find((x) => x.test === cmd.testId);
      const result = found?.result ?? 'Aucune anomalie constatée.';
      return ok([ev('test.ran', { ticketId: tk.id, testId: cmd.testId, result, factIds: found?.reveals ?? [] })]);
    }
    case 'ticket.applyFix': {
      const w = workable(); if (w) return err(w);
      if (!catalog.kb[cmd.articleId] && !s.articles[cmd.articleId]) return refuse('kb/unknown_article', `unknown KB article "${cmd.articleId}"`);
      return ok([ev('ticket.fixApplied', { ticketId: tk.id, articleId: cmd.articleId })]);
    }
    case 'remote.askConsent': {
      const w = workable(); if (w) return err(w);
      return ok([ev('remote.consentAsked', { ticketId: tk.id }), callerSays(tk.contactId, 'Oui, allez-y, je vous laisse prendre la main.', [], 'remote')]);
    }
    case 'remote.start': { const w = workable(); return w ? err(w) : ok([ev('remote.started', { ticketId: tk.id })]); }
    case 'remote.end':
      if (tk.remote !== 'active') return refuse('remote/not_active', 'no remote-control session is active on this ticket');
      return ok([ev('remote.ended', { ticketId: tk.id })]);
    case 'ticket.setPending': { const e = move('wait'); return e ? err(e) : ok([ev('ticket.pending', { ticketId: tk.id, reason: cmd.reason, note: cmd.note })]); }
    case 'ticket.resume': { const e = move('resume'); return e ? err(e) : ok([ev('ticket.resumed', { ticketId: tk.id })]); }
    case 'ticket.escalate': {
      const e = move('escalate'); if (e) return err(e);
      const group = catalog.groups[cmd.groupId];
      if (!group || group.kind === 'hierarchical') return refuse('escalation/unknown_group', `unknown resolver group "${cmd.groupId}"${group ? ': the supervisor is alerted with alertSupervisor' : ''}`);
      const contact = s.contacts[tk.contactId]!;
      const unrevealed = cmd.factIds.filter((f) => !contact.revealed.includes(f));
      if (unrevealed.length) return refuse('escalation/unknown_fact', `facts not collected on this ticket: ${unrevealed.join(', ')}`);
      const notRun = cmd.testIds.filter((x) => !tk.tests.some((r) => r.testId === x));
      if (notRun.length) return refuse('escalation/test_not_run', `tests not run on this ticket: ${notRun.join(', ')}`);
      return ok([ev('ticket.escalated', { ticketId: tk.id, groupId: cmd.groupId, factIds: [...new Set(cmd.factIds)], testIds: [...new Set(cmd.testIds)], note: cmd.note })]);
    }
    case 'ticket.alertSupervisor': { const w = workable(); return w ? err(w) : ok([ev('ticket.supervisorAlerted', { ticketId: tk.id, reason: cmd.reason })]); }
    case 'ticket.informUser':
      if (tk.status === 'cancelled') return refuse('ticket/closed', `ticket ${tk.id} is cancelled`);
      return ok([ev('ticket.userInformed', { ticketId: tk.id, message: cmd.message })]);
    case 'ticket.resolve': {
      const e = move('resolve'); if (e) return err(e);
      if (tk.status === 'escalated') return refuse('ticket/escalated', `ticket ${tk.id} is with ${tk.groupId}: wait for the group's answer`);
      if (!inc.causes.some((x) => x.id === cmd.causeId)) return refuse('ticket/unknown_cause', `unknown cause "${cmd.causeId}" for this ticket`);
      return ok([ev('ticket.resolved', { ticketId: tk.id, code: cmd.code, causeId: cmd.causeId, note: cmd.note })]);
    }
    case 'ticket.requestConfirmation': {
      if (tk.status !== 'resolved') return refuse('ticket/not_resolved', `ticket ${tk.id} is ${tk.status.replace('_', ' ')}: resolve it before asking the user to confirm`);
      const fixed = isActuallyFixed(inc, tk);
      return ok([
        ev('ticket.confirmationRequested', { ticketId: tk.id }),
        draft(fixed ? 'user.confirmed' : 'user.refused', t, { role: 'system', id: 'caller' }, { ticketId: tk.id, text: fixed ? inc.confirmYes : inc.confirmNo }) as EventDraft,
      ]);
    }
    case 'ticket.close': { const e = move('close'); return e ? err(e) : ok([ev('ticket.closed', { ticketId: tk.id })]); }
    case 'ticket.reopen': { const e = move('reopen'); return e ? err(e) : ok([ev('ticket.reopened', { ticketId: tk.id })]); }
    case 'ticket.cancel': { const e = move('cancel'); return e ? err(e) : ok([ev('ticket.cancelled', { ticketId: tk.id, reason: cmd.reason })]); }
    case 'ticket.linkParent': {
      const parent = s.tickets[cmd.parentId];
      if (!parent || parent.traineeId !== actor.id) return refuse('ticket/not_found', `no ticket "${cmd.parentId}" on your desk`);
      if (parent.id === tk.id) return refuse('ticket/self_parent', 'a ticket cannot be its own parent');
      return ok([ev('ticket.parentLinked', { ticketId: tk.id, parentId: parent.id })]);
    }
    case 'ticket.linkProblem': {
      const p = s.problems[cmd.problemId];
      if (!p || p.traineeId !== actor.id) return refuse('problem/not_found', `no problem record "${cmd.problemId}"`);
      return ok([ev('ticket.problemLinked', { ticketId: tk.id, problemId: p.id })]);
    }
    case 'kb.write':
      return ok([ev('kb.written', { articleId: articleIdFor(s.counters.article + 1), ticketId: tk.id, title: cmd.title, symptoms: cmd.symptoms, cause: cmd.cause, steps: cmd.steps })]);
    case 'asset.update':
      if (!catalog.assets[cmd.assetTag]) return refuse('asset/unknown', `unknown asset "${cmd.assetTag}"`);
      return ok([ev('asset.updated', { ticketId: tk.id, assetTag: cmd.assetTag, field: cmd.field, value: cmd.value })]);
  }
  return refuse('command/unknown', 'unknown command');
}

function ownTicket(ctx: Ctx, ticketId: string): Result<TicketState, DomainError> {
  const tk = ctx.s.tickets[ticketId];
  if (!tk || tk.traineeId !== ctx.actor.id) return err(domainError('ticket/not_found', `no ticket "${ticketId}" on your desk`));
  return ok(tk);
}

/** Did the work done on this ticket really fix the user's problem? */
export function isActuallyFixed(inc: Incident, tk: TicketState): boolean {
  const r = inc.truth.resolution;
  if (r.level === 'escalate') return tk.groupResolvedAt !== undefined;
  return tk.fixApplied !== undefined && r.kbArticles.includes(tk.fixApplied);
}

function answerQuestion(inc: Incident, c: ContactState, questionId: string): { text: string; factIds: string[] } {
  const facts = inc.facts.filter((f) => f.revealedBy.includes(questionId));
  if (facts.length === 0) return { text: noIdeaReply(c.asked.length), factIds: [] };
  return { text: facts.map((f) => f.text).join(' '), factIds: facts.map((f) => f.id) };
}

const NO_IDEA = ['Euh… non, rien de particulier, je crois.', 'Je ne sais pas, je ne vois pas le rapport.', 'Non, pas à ma connaissance.'];
const noIdeaReply = (n: number) => NO_IDEA[n % NO_IDEA.length]!;

function greetingReply(p: Persona, inc: Incident): string {
  return inc.channel === 'phone' ? `Bonjour, ${p.name}, du service ${p.department}.` : `${p.name} (${p.department}) vous lit.`;
}

const STOP = new Set(['vous', 'votre', 'est', 'que', 'quel', 'quelle', 'quels', 'les', 'des', 'une', 'avez', 'pouvez', 'dire', 'pour', 'sur', 'dans', 'avec', 'qui', 'quoi', 'depuis']);
const tokens = (s: string) => foldText(s).split(/[^a-z0-9]+/).filter((w) => w.length >= 3 && !STOP.has(w));

/** Maps a free question onto the closest scripted question (two significant words in common). */
export function matchQuestion(catalog: Catalog, text: string): string | undefined {
  const words = new Set(tokens(text));
  let best: { id: string; score: number } | undefined;
  for (const q of Object.values(catalog.questions)) {
    const score = tokens(q.text.fr).filter((w) => words.has(w)).length;
    if (score >= 2 && (!best || score > best.score)) best = { id: q.id, score };
  }
  return best?.id;
}
