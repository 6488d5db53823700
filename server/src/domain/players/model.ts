/**
 * The model player: what an expert technician does, derived from each
 * scenario's hidden truth and model texts. Replaying it through the real engine
 * must earn every available point — that is how scenarios and scoring check each
 * other. The plan is recomputed from the state at every step (no memory), so it
 * resumes correctly whatever happened in between.
 */
import type { TraineeCommand } from '../commands.js';
import type { Catalog, Incident } from '../scenario.js';
import type { ContactState, SessionState, TicketState } from '../session.js';
import { callerMood, majorKey } from '../scoring/case.js';
import { contactsOf, hasReplied, ticketOf, triage, type Player, type PlayerView } from './driver.js';

/**
 * Lets a test play "the model, except…": it sees each candidate command in plan
 * order and returns it, a replacement, or undefined to skip to the next candidate.
 */
export type Deviation = (cmd: TraineeCommand, view: PlayerView) => TraineeCommand | undefined;

export class ModelPlayer implements Player {
  readonly kind = 'model';

  constructor(private readonly deviation?: Deviation) {}

  next(v: PlayerView): TraineeCommand | undefined {
    for (const cmd of candidates(v)) {
      const chosen = this.deviation ? this.deviation(cmd, v) : cmd;
      if (chosen) return chosen;
    }
    return undefined;
  }
}

/** Every command the expert would play now, most pressing first (lazy: normally only the first is computed). */
function* candidates(v: PlayerView): Generator<TraineeCommand> {
  const contacts = contactsOf(v.state, v.traineeId);
  yield* triage(v.state, contacts, (c) => v.catalog.incidents[c.incidentId]!.title.fr);
  for (const c of contacts) {
    const tk = ticketOf(v.state, c);
    if (tk) yield* plan(v.state, v.catalog, c, tk, contacts);
  }
}

/** Questions that make the caller reveal the required facts (at least one question is always asked). */
export function questionsFor(inc: Incident): string[] {
  const qs = inc.facts.filter((f) => f.required).map((f) => f.revealedBy[0]).filter((q): q is string => q !== undefined);
  if (qs.length === 0) { const any = inc.facts.find((f) => f.revealedBy.length > 0)?.revealedBy[0]; if (any) qs.push(any); }
  return [...new Set(qs)];
}

/** The query an expert types: the first keyword of the article that solves it, else the incident's title. */
export function searchQuery(inc: Incident, catalog: Catalog): string {
  const art = inc.truth.resolution.kbArticles[0];
  return (art && catalog.kb[art]?.keywords[0]) || (art && catalog.kb[art]?.title) || inc.title.fr;
}

function escalationNote(inc: Incident, c: ContactState): string {
  const n = inc.model.resolutionNote;
  const facts = inc.facts.filter((f) => c.revealed.includes(f.id)).map((f) => f.label.fr);
  return [`Symptôme : ${n.symptom}`, `Diagnostic : ${n.diagnosis}`, `Éléments recueillis : ${facts.join(' ; ')}.`].join('\n');
}

function escalationMessage(catalog: Catalog, tk: TicketState, groupId: string): string {
  const g = catalog.groups[groupId];
  return `Votre demande ${tk.id} est transmise à l'équipe « ${g?.name.fr ?? groupId} », qui la prend en charge. Délai estimé : ${g?.resolveMinutes ?? 30} minutes. Nous vous tiendrons informé de son avancement.`;
}

const CONCLUSION_L1 = "Je récapitule : le problème est résolu, je vous envoie un message de confirmation et je clôture le ticket avec votre accord. N'hésitez pas à nous rappeler si besoin.";
const CONCLUSION_ESCALATED = "Je récapitule : votre demande est transmise à l'équipe compétente, qui vous recontactera. Vous serez informé à chaque étape.";

/**
 * The expert's checklist for one contact, in workflow order: listen, record,
 * consult the KB, then fix at level 1 or escalate, then wrap up and capitalise.
 * Each step is yielded only while it is still to do, judged from the state.
 */
function* plan(s: SessionState, catalog: Catalog, c: ContactState, tk: TicketState, mine: ContactState[]): Generator<TraineeCommand> {
  const inc = catalog.incidents[c.incidentId]!;
  const truth = inc.truth;
  const r = truth.resolution;
  const onCall = c.endedAt === undefined;
  const contactId = c.id;
  const ticketId = tk.id;
  const workable = tk.status !== 'closed' && tk.status !== 'cancelled';
  const deciding = workable && tk.escalations.length === 0 && tk.resolvedAt === undefined;

  // 1. Listen: greet, check identity, reassure or calm, ask, test, rephrase.
  if (onCall && workable) {
    if (c.greetedAt === undefined) yield { type: 'call.greet', contactId };
    if (truth.identityCheck && c.identityCheckedAt === undefined) yield { type: 'call.checkIdentity', contactId };
    const mood = callerMood(catalog, c);
    if (mood === 'stressed' && !hasReplied(c, 'reassure')) yield { type: 'call.reply', contactId, reply: 'reassure' };
    if (mood === 'angry' && !hasReplied(c, 'deescalate')) yield { type: 'call.reply', contactId, reply: 'deescalate' };
    for (const q of questionsFor(inc)) {
      const revealsNew = inc.facts.some((f) => f.revealedBy.includes(q) && !c.revealed.includes(f.id));
      if (!c.asked.includes(q) && (revealsNew || c.asked.length === 0)) yield { type: 'call.ask', contactId, questionId: q };
    }
  }
  if (deciding && tk.status === 'in_progress') {
    for (const t of inc.tests) if (t.relevant && !tk.tests.some((x) => x.testId === t.test)) yield { type: 'test.run', ticketId, testId: t.test };
  }
  // Rephrase once questions and tests are done: the caller can then confirm it.
  if (onCall && deciding && c.rephrasedAt === undefined) yield { type: 'call.rephrase', contactId, text: inc.model.rephrase };

  // 2. Record: asset, qualification, major incident, recurrence.
  if (workable) {
    if (inc.asset && tk.assetTag !== inc.asset) yield { type: 'ticket.linkAsset', ticketId, assetTag: inc.asset };
    if (tk.impact !== truth.impact || tk.urgency !== truth.urgency || tk.category !== truth.category || tk.ticketType !== truth.type) {
      yield { type: 'ticket.qualify', ticketId, impact: truth.impact, urgency: truth.urgency, category: truth.category, ticketType: truth.type };
    }
    const major = majorKey(inc);
    if (major) {
      // The first ticket of the major incident is the parent: it alerts the supervisor, the others point to it.
      const parent = mine.map((x) => ticketOf(s, x)).find((t) => t && majorKey(catalog.incidents[t.incidentId]!) === major)!;
      if (parent.id === tk.id && !tk.supervisorAlerted) yield { type: 'ticket.alertSupervisor', ticketId, reason: `Incident majeur : ${inc.title.fr}. Plusieurs utilisateurs touchés.` };
      if (parent.id !== tk.id && tk.parentId !== parent.id) yield { type: 'ticket.linkParent', ticketId, parentId: parent.id };
    }
  }
  yield* problemSteps(s, catalog, inc, tk, mine);

  // Whatever put the ticket on hold is over by the time the expert looks at it again.
  if (tk.status === 'pending') yield { type: 'ticket.resume', ticketId };

  // 3. Knowledge base before deciding.
  if (deciding) {
    if (tk.kbSearches === 0) yield { type: 'kb.search', ticketId, query: searchQuery(inc, catalog) };
    for (const a of r.kbArticles) if (!tk.kbOpened.includes(a)) yield { type: 'kb.open', ticketId, articleId: a };
  }

  // 4a. Level 1: fix (under remote control when needed), resolve, tell, confirm, close.
  if (r.level === 'l1' && tk.status === 'in_progress') {
    if (truth.remoteControl && tk.remote === 'none') yield { type: 'remote.askConsent', ticketId };
    if (truth.remoteControl && tk.remote === 'consent') yield { type: 'remote.start', ticketId };
    if (!tk.fixApplied) yield { type: 'ticket.applyFix', ticketId, articleId: r.kbArticles[0]! };
    if (tk.remote === 'active') yield { type: 'remote.end', ticketId };
    yield { type: 'ticket.resolve', ticketId, code: truth.type === 'request' ? 'request_fulfilled' : r.workaround ? 'workaround' : 'fixed', causeId: truth.rootCause, note: inc.model.resolutionNote };
  }

  // 4b. Beyond level 1: escalate complete, tell the user, end the call, wait for the group.
  if (r.level === 'escalate') {
    // In progress: not escalated yet, or returned by a group (then escalate again, complete and to the right group).
    if (tk.status === 'in_progress') {
      yield { type: 'ticket.escalate', ticketId, groupId: r.group, factIds: [...c.revealed], testIds: inc.tests.filter((t) => t.relevant).map((t) => t.test), note: escalationNote(inc, c) };
    }
    const escalatedAt = tk.escalations[0]?.t;
    if (escalatedAt !== undefined && tk.status === 'escalated') {
      if (!tk.userInformed.some((m) => m.t >= escalatedAt)) yield { type: 'ticket.informUser', ticketId, message: escalationMessage(catalog, tk, r.group) };
      if (onCall && truth.securityAdvice && !hasReplied(c, 'security_advice')) yield { type: 'call.reply', contactId, reply: 'security_advice' };
      if (onCall && c.concludedAt === undefined) yield { type: 'call.conclude', contactId, text: CONCLUSION_ESCALATED };
      if (onCall) yield { type: 'call.end', contactId };
    }
  }

  // 5. Resolved (by us or the group): update the asset, tell the user, advise, conclude, confirm, close.
  if (tk.status === 'resolved') {
    const up = truth.assetUpdate;
    if (up && inc.asset && s.assetChanges[tk.traineeId]?.[inc.asset]?.[up.field] !== up.value) yield { type: 'asset.update', ticketId, assetTag: inc.asset, field: up.field, value: up.value };
    if (!tk.userInformed.some((m) => m.t >= tk.resolvedAt!)) yield { type: 'ticket.informUser', ticketId, message: inc.model.userMessage };
    if (onCall && truth.securityAdvice && !hasReplied(c, 'security_advice')) yield { type: 'call.reply', contactId, reply: 'security_advice' };
    if (onCall && c.concludedAt === undefined) yield { type: 'call.conclude', contactId, text: r.level === 'l1' ? CONCLUSION_L1 : CONCLUSION_ESCALATED };
    yield tk.confirmation === 'confirmed' ? { type: 'ticket.close', ticketId } : { type: 'ticket.requestConfirmation', ticketId };
  }

  // 6. After closure: end the call, capitalise what was new.
  if (tk.status === 'closed') {
    if (onCall) yield { type: 'call.end', contactId };
    if (truth.kbGap) {
      const same = mine.map((x) => ticketOf(s, x)).filter((t): t is TicketState => !!t && t.incidentId === inc.id);
      const written = Object.values(s.articles).some((a) => same.some((t) => t.id === a.ticketId));
      if (same[0]?.id === tk.id && !written) {
        const n = inc.model.resolutionNote;
        yield { type: 'kb.write', ticketId, title: inc.title.fr, symptoms: n.symptom, cause: n.diagnosis, steps: [n.action, n.result] };
      }
    }
  }
}

/** Recurring incidents: open one problem record once the second occurrence is on the desk, link the later ones. */
function* problemSteps(s: SessionState, catalog: Catalog, inc: Incident, tk: TicketState, mine: ContactState[]): Generator<TraineeCommand> {
  const key = inc.truth.problemKey;
  if (!key) return;
  const occurrences = mine.map((x) => ticketOf(s, x)).filter((t): t is TicketState => !!t && catalog.incidents[t.incidentId]?.truth.problemKey === key);
  if (occurrences.length < 2) return;
  const existing = occurrences.find((t) => t.problemId)?.problemId;
  if (!existing) yield { type: 'problem.create', title: `Incidents récurrents : ${inc.title.fr}`, ticketIds: occurrences.map((t) => t.id) };
  else if (!tk.problemId) yield { type: 'ticket.linkProblem', ticketId: tk.id, problemId: existing };
}
