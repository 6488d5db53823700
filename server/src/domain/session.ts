/**
 * Session state as a fold over the event log. `applyEvent` is the only place
 * that changes state; `fold` replays a whole log from nothing. The live engine
 * and a replay therefore produce the same state by construction.
 *
 * `applyEvent` mutates the state it is handed (the caller owns it): copying a
 * classroom's state on every event would make replay of long sessions slow.
 */
import { type ClockState, pauseClock, setSpeed, startClock, stoppedClock } from './clock.js';
import type { Arrival, EventType, GridLevel, PendingReason, ResolutionCode, ResolutionNote, SessionEvent } from './events.js';
import type { Catalog, Channel, Contract, ReplyKind, TicketType } from './scenario.js';
import { type SlaPhase, type SlaTimer, pauseTimer, resumeTimer, startTimer, stopTimer } from './sla.js';
import type { TicketStatus } from './ticket.js';
import { DEFAULT_CONTRACT } from './priority.js';

export interface TranscriptLine { seq: number; t: number; who: 'agent' | 'caller'; kind: EventType; text?: string; questionId?: string; reply?: ReplyKind; factIds?: string[] }

export interface ContactState {
  id: string;
  traineeId: string;
  incidentId: string;
  callerId: string;
  channel: Channel;
  arrivedAt: number;
  takenAt?: number;
  /** The seq of the event that took it: a client holding a view from then on has its fixed parts (desk patches). */
  takenSeq?: number;
  endedAt?: number;
  ticketId?: string;
  revealed: string[];
  asked: string[];
  freeQuestions: number;
  greetedAt?: number;
  identityCheckedAt?: number;
  rephrasedAt?: number;
  concludedAt?: number;
  transcript: TranscriptLine[];
}

/** `seq` on the items of a ticket's growing lists: the event that added them (desk patches send the ones after their base). */
export interface EscalationRecord { seq: number; t: number; groupId: string; factIds: string[]; testIds: string[]; note: string }

export interface TicketState {
  id: string;
  /** The seq of its `ticket.created`: a client holding a view from then on holds the ticket (desk patches). */
  createdSeq: number;
  traineeId: string;
  contactId: string;
  incidentId: string;
  title: string;
  status: TicketStatus;
  /** When the contact arrived: SLA clocks start there. */
  arrivedAt: number;
  openedAt: number;
  takenAt?: number;
  responseSla: SlaTimer;
  resolutionSla: SlaTimer;
  sla: { response: SlaPhase; resolution: SlaPhase };
  impact?: string;
  urgency?: string;
  priority?: string;
  category?: string;
  ticketType?: TicketType;
  qualifiedCount: number;
  assetTag?: string;
  notes: { seq: number; t: number; text: string }[];
  tests: { seq: number; testId: string; result: string }[];
  kbSearches: number;
  kbOpened: string[];
  fixApplied?: string;
  remote: 'none' | 'consent' | 'active' | 'ended';
  pendingReason?: PendingReason;
  escalations: EscalationRecord[];
  groupId?: string;
  escalatedAt?: number;
  returns: number;
  groupResolvedAt?: number;
  supervisorAlerted: boolean;
  userInformed: { seq: number; t: number; message: string }[];
  resolvedAt?: number;
  resolution?: { code: ResolutionCode; causeId: string; note: ResolutionNote };
  confirmation: 'none' | 'requested' | 'confirmed' | 'refused';
  closedAt?: number;
  reopened: number;
  parentId?: string;
  problemId?: string;
}

export interface ProblemState { id: string; traineeId: string; title: string; createdAt: number; ticketIds: string[] }
export interface WrittenArticle { id: string; traineeId: string; ticketId: string; t: number; title: string; symptoms: string; cause: string; steps: string[] }

export interface SessionState {
  drillId: string;
  /** The trainer's name for this session, when they gave one (older logs: none). */
  name?: string;
  contractId: string;
  contract: Contract;
  seed: number;
  mode: 'training' | 'exam';
  rubricVersion: string;
  duration: number;
  status: 'created' | 'running' | 'paused' | 'stopped';
  /** Stopped before it ever started: the drill did not take place (trainees have nothing to review, an exam nothing to publish). */
  cancelled: boolean;
  clock: ClockState;
  /** Virtual time of the last event. */
  now: number;
  seq: number;
  trainees: { id: string; name: string }[];
  timeline: Arrival[];
  /** Index of the next timeline arrival not yet delivered. */
  nextArrival: number;
  contacts: Record<string, ContactState>;
  tickets: Record<string, TicketState>;
  problems: Record<string, ProblemState>;
  articles: Record<string, WrittenArticle>;
  /** Asset field changes made during the session: trainee → tag → field → value (each trainee has their own inventory). */
  assetChanges: Record<string, Record<string, Record<string, string>>>;
  /** Each trainee's contact and ticket ids in creation order: a desk view reads its own, not the whole class's. */
  byTrainee: Record<string, { contacts: string[]; tickets: string[] }>;
  broadcasts: { seq: number; t: number; message: string; major: boolean; traineeId?: string }[];
  feedbackReleased: boolean;
  overrides: { seq: number; traineeId: string; criterionId: string; level: GridLevel; comment: string; by: string }[];
  counters: { ticket: number; problem: number; article: number };
}

export function initialState(): SessionState {
  return {
    drillId: '', contractId: '', contract: DEFAULT_CONTRACT, seed: 0, mode: 'training', rubricVersion: '', duration: 0,
    status: 'created', cancelled: false, clock: stoppedClock(), now: 0, seq: 0, trainees: [], timeline: [], nextArrival: 0,
    contacts: {}, tickets: {}, problems: {}, articles: {}, assetChanges: {}, byTrainee: {}, broadcasts: [], feedbackReleased: false, overrides: [],
    counters: { ticket: 0, problem: 0, article: 0 },
  };
}

export const ticketIdFor = (n: number) => `INC-${String(n).padStart(4, '0')}`;
export const problemIdFor = (n: number) => `PRB-${String(n).padStart(3, '0')}`;
export const articleIdFor = (n: number) => `KB-NEW-${String(n).padStart(3, '0')}`;

function addContact(s: SessionState, a: Arrival): void {
  s.contacts[a.contactId] = {
    id: a.contactId, traineeId: a.traineeId, incidentId: a.incidentId, callerId: a.callerId, channel: a.channel,
    arrivedAt: a.at, revealed: [], asked: [], freeQuestions: 0, transcript: [],
  };
  deskIndex(s, a.traineeId).contacts.push(a.contactId);
}

function deskIndex(s: SessionState, traineeId: string): SessionState['byTrainee'][string] {
  return (s.byTrainee[traineeId] ??= { contacts: [], tickets: [] });
}

function line(c: ContactState | undefined, e: SessionEvent, l: Omit<TranscriptLine, 'seq' | 't' | 'kind'>): void {
  c?.transcript.push({ seq: e.seq, t: e.t, kind: e.type, ...l });
}

function reveal(c: ContactState | undefined, factIds: string[]): void {
  if (!c) return;
  for (const f of factIds) if (!c.revealed.includes(f)) c.revealed.push(f);
}

/** Applies one event. The engine only stores events `decide`/`schedule` produced, so no validation here. */
export function applyEvent(s: SessionState, e: SessionEvent, catalog: Catalog): SessionState {
  s.seq = e.seq;
  s.now = Math.max(s.now, e.t);
  const tk = 'ticketId' in (e.payload as object) ? s.tickets[(e.payload as { ticketId: string }).ticketId] : undefined;
  const ct = 'contactId' in (e.payload as object) ? s.contacts[(e.payload as { contactId: string }).contactId] : undefined;

  switch (e.type) {
    case 'session.created': {
      const p = e.payload;
      Object.assign(s, {
        drillId: p.drillId, contractId: p.contractId, contract: catalog.contracts[p.contractId] ?? DEFAULT_CONTRACT, seed: p.seed,
        mode: p.mode, rubricVersion: p.rubricVersion, trainees: p.trainees, timeline: p.timeline, duration: p.duration,
        clock: stoppedClock(p.speed),
      });
      if (p.name !== undefined) s.name = p.name;
      break;
    }
    case 'session.started':
    case 'session.resumed':
      s.status = 'running';
      s.clock = startClock(s.clock, e.payload.wallMs, e.t);
      break;
    case 'session.paused':
      s.status = 'paused';
      s.clock = pauseClock(s.clock, e.t, e.payload.wallMs);
      break;
    case 'session.speedChanged':
      s.clock = setSpeed(s.clock, e.payload.speed, e.t, e.payload.wallMs);
      break;
    case 'session.stopped':
      // Derived from the log as it stands (no reason of its own): older logs of planned sessions stopped read the same.
      s.cancelled = s.status === 'created';
      s.status = 'stopped';
      s.clock = pauseClock(s.clock, e.t, s.clock.anchorWall);
      // The drill is over for everyone: a call still open ends with it (nobody is on the line any more).
      for (const c of Object.values(s.contacts)) if (c.takenAt !== undefined && c.endedAt === undefined) c.endedAt = e.t;
      break;
    case 'contact.arrived': {
      const a = s.timeline[s.nextArrival];
      if (a && a.contactId === e.payload.contactId) { addContact(s, a); s.nextArrival++; }
      break;
    }
    case 'contact.injected':
      addContact(s, e.payload);
      break;
    case 'contact.taken':
      if (ct) { ct.takenAt = e.t; ct.takenSeq = e.seq; }
      break;
    case 'call.greeted':
      if (ct) { ct.greetedAt ??= e.t; line(ct, e, { who: 'agent' }); }
      break;
    case 'call.identityChecked':
      if (ct) { ct.identityCheckedAt ??= e.t; line(ct, e, { who: 'agent' }); }
      break;
    case 'call.asked':
      if (ct) {
        if (e.payload.questionId) ct.asked.push(e.payload.questionId); else ct.freeQuestions++;
        line(ct, e, { who: 'agent', ...(e.payload.questionId ? { questionId: e.payload.questionId } : {}), ...(e.payload.text ? { text: e.payload.text } : {}) });
      }
      break;
    case 'call.rephrased':
      if (ct) { ct.rephrasedAt ??= e.t; line(ct, e, { who: 'agent', text: e.payload.text }); }
      break;
    case 'call.replied':
      line(ct, e, { who: 'agent', reply: e.payload.reply });
      break;
    case 'call.concluded':
      if (ct) { ct.concludedAt ??= e.t; line(ct, e, { who: 'agent', text: e.payload.text }); }
      break;
    case 'call.ended':
      if (ct) ct.endedAt = e.t;
      break;
    case 'caller.replied':
      reveal(ct, e.payload.factIds);
      line(ct, e, { who: 'caller', text: e.payload.text, factIds: e.payload.factIds });
      break;
    case 'ticket.created': {
      const c = s.contacts[e.payload.contactId]!;
      s.counters.ticket++;
      c.ticketId = e.payload.ticketId;
      deskIndex(s, c.traineeId).tickets.push(e.payload.ticketId);
      s.tickets[e.payload.ticketId] = {
        id: e.payload.ticketId, createdSeq: e.seq, traineeId: c.traineeId, contactId: c.id, incidentId: c.incidentId, title: e.payload.title,
        status: 'new', arrivedAt: c.arrivedAt, openedAt: e.t, responseSla: startTimer(c.arrivedAt), resolutionSla: startTimer(c.arrivedAt),
        sla: { response: 'ok', resolution: 'ok' }, qualifiedCount: 0, notes: [], tests: [], kbSearches: 0, kbOpened: [], remote: 'none',
        escalations: [], returns: 0, supervisorAlerted: false, userInformed: [], confirmation: 'none', reopened: 0,
      };
      break;
    }
    case 'ticket.taken':
      if (tk) { tk.status = 'in_progress'; tk.takenAt = e.t; tk.responseSla = stopTimer(tk.responseSla, e.t); }
      break;
    case 'ticket.qualified':
      if (tk) Object.assign(tk, { impact: e.payload.impact, urgency: e.payload.urgency, priority: e.payload.priority, category: e.payload.category, ticketType: e.payload.type, qualifiedCount: tk.qualifiedCount + 1 });
      break;
    case 'ticket.assetLinked':
      if (tk) tk.assetTag = e.payload.assetTag;
      break;
    case 'ticket.noteAdded':
      tk?.notes.push({ seq: e.seq, t: e.t, text: e.payload.text });
      break;
    case 'test.ran':
      if (tk) { tk.tests.push({ seq: e.seq, testId: e.payload.testId, result: e.payload.result }); reveal(s.contacts[tk.contactId], e.payload.factIds); }
      break;
    case 'kb.searched':
      if (tk) tk.kbSearches++;
      break;
    case 'kb.opened':
      if (tk && !tk.kbOpened.includes(e.payload.articleId)) tk.kbOpened.push(e.payload.articleId);
      break;
    case 'ticket.fixApplied':
      if (tk) tk.fixApplied = e.payload.articleId;
      break;
    case 'remote.consentAsked':
      if (tk) tk.remote = 'consent';
      break;
    case 'remote.started':
      if (tk) tk.remote = 'active';
      break;
    case 'remote.ended':
      if (tk) tk.remote = 'ended';
      break;
    case 'ticket.pending':
      if (tk) { tk.status = 'pending'; tk.pendingReason = e.payload.reason; tk.resolutionSla = pauseTimer(tk.resolutionSla, e.t); }
      break;
    case 'ticket.resumed':
      if (tk) { tk.status = 'in_progress'; delete tk.pendingReason; tk.resolutionSla = resumeTimer(tk.resolutionSla, e.t); }
      break;
    case 'ticket.escalated':
      if (tk) {
        tk.status = 'escalated'; tk.groupId = e.payload.groupId; tk.escalatedAt = e.t;
        tk.escalations.push({ seq: e.seq, t: e.t, groupId: e.payload.groupId, factIds: e.payload.factIds, testIds: e.payload.testIds, note: e.payload.note });
      }
      break;
    case 'group.returned':
      if (tk) { tk.status = 'in_progress'; tk.returns++; delete tk.escalatedAt; }
      break;
    case 'group.resolved':
      if (tk) { tk.status = 'resolved'; tk.groupResolvedAt = e.t; tk.resolvedAt = e.t; tk.resolutionSla = stopTimer(tk.resolutionSla, e.t); delete tk.escalatedAt; }
      break;
    case 'ticket.supervisorAlerted':
      if (tk) tk.supervisorAlerted = true;
      break;
    case 'ticket.userInformed':
      tk?.userInformed.push({ seq: e.seq, t: e.t, message: e.payload.message });
      break;
    case 'ticket.resolved':
      if (tk) {
        tk.status = 'resolved'; tk.resolvedAt = e.t; tk.resolutionSla = stopTimer(tk.resolutionSla, e.t);
        tk.resolution = { code: e.payload.code, causeId: e.payload.causeId, note: e.payload.note };
      }
      break;
    case 'ticket.confirmationRequested':
      if (tk) tk.confirmation = 'requested';
      break;
    case 'user.confirmed':
      if (tk) tk.confirmation = 'confirmed';
      break;
    case 'user.refused':
      if (tk) tk.confirmation = 'refused';
      break;
    case 'ticket.closed':
      if (tk) { tk.status = 'closed'; tk.closedAt = e.t; }
      break;
    case 'ticket.reopened':
      if (tk) {
        tk.status = 'in_progress'; tk.reopened++; tk.confirmation = 'none';
        // The resolution clock runs again from where it stopped.
        const stoppedAt = tk.resolutionSla.stoppedAt ?? e.t;
        tk.resolutionSla = { start: tk.resolutionSla.start, pausedMs: tk.resolutionSla.pausedMs + (e.t - stoppedAt) };
        delete tk.resolvedAt; delete tk.resolution; delete tk.groupResolvedAt;
      }
      break;
    case 'ticket.cancelled':
      if (tk) { tk.status = 'cancelled'; tk.resolutionSla = stopTimer(tk.resolutionSla, e.t); tk.responseSla = stopTimer(tk.responseSla, e.t); }
      break;
    case 'ticket.parentLinked':
      if (tk) tk.parentId = e.payload.parentId;
      break;
    case 'problem.created':
      s.counters.problem++;
      s.problems[e.payload.problemId] = { id: e.payload.problemId, traineeId: e.actor.id, title: e.payload.title, createdAt: e.t, ticketIds: [...e.payload.ticketIds] };
      for (const id of e.payload.ticketIds) { const t = s.tickets[id]; if (t) t.problemId = e.payload.problemId; }
      break;
    case 'ticket.problemLinked': {
      const p = s.problems[e.payload.problemId];
      if (tk && p) { tk.problemId = p.id; if (!p.ticketIds.includes(tk.id)) p.ticketIds.push(tk.id); }
      break;
    }
    case 'kb.written':
      s.counters.article++;
      s.articles[e.payload.articleId] = { id: e.payload.articleId, traineeId: e.actor.id, ticketId: e.payload.ticketId, t: e.t, title: e.payload.title, symptoms: e.payload.symptoms, cause: e.payload.cause, steps: e.payload.steps };
      break;
    case 'asset.updated':
      ((s.assetChanges[e.actor.id] ??= {})[e.payload.assetTag] ??= {})[e.payload.field] = e.payload.value;
      break;
    case 'sla.warning':
      if (tk && tk.sla[e.payload.clock] === 'ok') tk.sla[e.payload.clock] = 'warning';
      break;
    case 'sla.breached':
      if (tk) tk.sla[e.payload.clock] = 'breached';
      break;
    case 'broadcast.sent':
      s.broadcasts.push({ seq: e.seq, t: e.t, message: e.payload.message, major: e.payload.major });
      break;
    case 'message.sent':
      s.broadcasts.push({ seq: e.seq, t: e.t, message: e.payload.message, major: false, ...(e.payload.traineeId ? { traineeId: e.payload.traineeId } : {}) });
      break;
    case 'feedback.released':
      s.feedbackReleased = true;
      break;
    case 'grid.overridden':
      s.overrides.push({ seq: e.seq, ...e.payload, by: e.actor.id });
      break;
    default: {
      const never: never = e;
      throw new Error(`unknown event ${(never as SessionEvent).type}`);
    }
  }
  return s;
}

/** Rebuilds a session's state from its log, optionally only up to a sequence number. */
export function fold(events: readonly SessionEvent[], catalog: Catalog, uptoSeq = Number.POSITIVE_INFINITY): SessionState {
  const s = initialState();
  for (const e of events) {
    if (e.seq > uptoSeq) break;
    applyEvent(s, e, catalog);
  }
  return s;
}
