/**
 * The session log's vocabulary. A drill session is an append-only list of these
 * events; every state and score is a fold over them (see session.ts).
 */
import type { Channel, ReplyKind, TicketType } from './scenario.js';

export type ActorRole = 'system' | 'trainee' | 'trainer' | 'evaluator' | 'admin';
export interface Actor { role: ActorRole; id: string }
export const SYSTEM: Actor = { role: 'system', id: 'system' };

/** A planned contact: who calls which trainee, about what, when (virtual ms). */
export interface Arrival { contactId: string; traineeId: string; incidentId: string; callerId: string; channel: Channel; at: number }

export interface ResolutionNote { symptom: string; diagnosis: string; action: string; result: string }

export type SlaClockKind = 'response' | 'resolution';
export type PendingReason = 'user' | 'third_party';
export type ResolutionCode = 'fixed' | 'workaround' | 'request_fulfilled' | 'not_reproduced';
export type GridLevel = 'acquired' | 'in_progress' | 'not_acquired';

export interface EventPayloads {
  /** `name`: what the trainer called this session (« BTS SIO groupe B — matin »); absent in older logs and when not given. */
  'session.created': { drillId: string; contractId: string; seed: number; mode: 'training' | 'exam'; speed: number; rubricVersion: string; trainees: { id: string; name: string }[]; timeline: Arrival[]; duration: number; name?: string };
  'session.started': { wallMs: number };
  'session.paused': { wallMs: number };
  'session.resumed': { wallMs: number };
  'session.speedChanged': { speed: number; wallMs: number };
  'session.stopped': { reason: 'trainer' | 'ended' };
  'contact.arrived': { contactId: string };
  'contact.injected': Arrival;
  'contact.taken': { contactId: string };
  'call.greeted': { contactId: string };
  'call.identityChecked': { contactId: string };
  'call.asked': { contactId: string; questionId?: string; text?: string };
  'call.rephrased': { contactId: string; text: string };
  'call.replied': { contactId: string; reply: ReplyKind };
  'call.concluded': { contactId: string; text: string };
  'call.ended': { contactId: string };
  'caller.replied': { contactId: string; text: string; factIds: string[]; about: 'question' | 'rephrase' | 'reply' | 'identity' | 'conclusion' | 'remote' };
  'ticket.created': { ticketId: string; contactId: string; title: string };
  'ticket.taken': { ticketId: string };
  'ticket.qualified': { ticketId: string; impact: string; urgency: string; priority: string; category: string; type: TicketType };
  'ticket.assetLinked': { ticketId: string; assetTag: string };
  'ticket.noteAdded': { ticketId: string; text: string };
  'test.ran': { ticketId: string; testId: string; result: string; factIds: string[] };
  'kb.searched': { ticketId?: string; query: string; results: string[] };
  'kb.opened': { ticketId?: string; articleId: string };
  'ticket.fixApplied': { ticketId: string; articleId: string };
  'remote.consentAsked': { ticketId: string };
  'remote.started': { ticketId: string };
  'remote.ended': { ticketId: string };
  'ticket.pending': { ticketId: string; reason: PendingReason; note: string };
  'ticket.resumed': { ticketId: string };
  'ticket.escalated': { ticketId: string; groupId: string; factIds: string[]; testIds: string[]; note: string };
  'ticket.supervisorAlerted': { ticketId: string; reason: string };
  'ticket.userInformed': { ticketId: string; message: string };
  'ticket.resolved': { ticketId: string; code: ResolutionCode; causeId: string; note: ResolutionNote };
  'ticket.confirmationRequested': { ticketId: string };
  'ticket.closed': { ticketId: string };
  'ticket.reopened': { ticketId: string };
  'ticket.cancelled': { ticketId: string; reason: string };
  'ticket.parentLinked': { ticketId: string; parentId: string };
  'problem.created': { problemId: string; title: string; ticketIds: string[] };
  'ticket.problemLinked': { ticketId: string; problemId: string };
  'kb.written': { articleId: string; ticketId: string; title: string; symptoms: string; cause: string; steps: string[] };
  'asset.updated': { ticketId: string; assetTag: string; field: string; value: string };
  'sla.warning': { ticketId: string; clock: SlaClockKind };
  'sla.breached': { ticketId: string; clock: SlaClockKind };
  'group.returned': { ticketId: string; groupId: string; missing: string[]; text: string };
  'group.resolved': { ticketId: string; groupId: string; text: string };
  'user.confirmed': { ticketId: string; text: string };
  'user.refused': { ticketId: string; text: string };
  'broadcast.sent': { message: string; major: boolean };
  'message.sent': { traineeId?: string; message: string };
  'feedback.released': Record<string, never>;
  'grid.overridden': { traineeId: string; criterionId: string; level: GridLevel; comment: string };
}

export type EventType = keyof EventPayloads;

/** An event before the store gives it a sequence number. */
export type EventDraft<K extends EventType = EventType> = K extends EventType
  ? { type: K; t: number; actor: Actor; payload: EventPayloads[K]; clientId?: string }
  : never;

/** A stored event: `seq` is the session-wide order, `t` virtual milliseconds. */
export type SessionEvent<K extends EventType = EventType> = K extends EventType
  ? { seq: number; type: K; t: number; actor: Actor; payload: EventPayloads[K]; clientId?: string }
  : never;

export function draft<K extends EventType>(type: K, t: number, actor: Actor, payload: EventPayloads[K], clientId?: string): EventDraft<K> {
  return (clientId === undefined ? { type, t, actor, payload } : { type, t, actor, payload, clientId }) as EventDraft<K>;
}

/** Events whose payload names the ticket they act on. */
export function ticketIdOf(e: { payload: unknown }): string | undefined {
  const p = e.payload as { ticketId?: unknown };
  return typeof p?.ticketId === 'string' ? p.ticketId : undefined;
}

export function contactIdOf(e: { payload: unknown }): string | undefined {
  const p = e.payload as { contactId?: unknown };
  return typeof p?.contactId === 'string' ? p.contactId : undefined;
}
