/**
 * What a trainee can ask the engine to do. Each command is validated with zod
 * at the boundary; `decide()` turns a valid command into events or refuses it.
 * Shared with the client, which builds these objects.
 */
import { z } from 'zod';
import { REPLY_KINDS, TICKET_TYPES } from './scenario.js';

export const TEXT_MAX = 4000;
export const TITLE_MAX = 200;

const Ref = z.string().min(1).max(80);
const Text = z.string().trim().min(1, 'text must not be empty').max(TEXT_MAX, `text is limited to ${TEXT_MAX} characters`);
const Title = z.string().trim().min(1, 'title must not be empty').max(TITLE_MAX, `title is limited to ${TITLE_MAX} characters`);

const c = <T extends string, S extends z.ZodRawShape>(type: T, shape: S) => z.strictObject({ type: z.literal(type), ...shape });

export const TraineeCommand = z.discriminatedUnion('type', [
  c('contact.take', { contactId: Ref }),
  c('call.greet', { contactId: Ref }),
  c('call.checkIdentity', { contactId: Ref }),
  c('call.ask', { contactId: Ref, questionId: Ref }),
  c('call.askFree', { contactId: Ref, text: Text }),
  c('call.rephrase', { contactId: Ref, text: Text }),
  c('call.reply', { contactId: Ref, reply: z.enum(REPLY_KINDS) }),
  c('call.conclude', { contactId: Ref, text: Text }),
  c('call.end', { contactId: Ref }),
  c('ticket.create', { contactId: Ref, title: Title }),
  c('ticket.take', { ticketId: Ref }),
  c('ticket.qualify', { ticketId: Ref, impact: Ref, urgency: Ref, category: Ref, ticketType: z.enum(TICKET_TYPES) }),
  c('ticket.linkAsset', { ticketId: Ref, assetTag: Ref }),
  c('ticket.addNote', { ticketId: Ref, text: Text }),
  c('test.run', { ticketId: Ref, testId: Ref }),
  c('kb.search', { ticketId: Ref.optional(), query: z.string().trim().min(1, 'query must not be empty').max(TITLE_MAX) }),
  c('kb.open', { ticketId: Ref.optional(), articleId: Ref }),
  c('ticket.applyFix', { ticketId: Ref, articleId: Ref }),
  c('remote.askConsent', { ticketId: Ref }),
  c('remote.start', { ticketId: Ref }),
  c('remote.end', { ticketId: Ref }),
  c('ticket.setPending', { ticketId: Ref, reason: z.enum(['user', 'third_party']), note: Text }),
  c('ticket.resume', { ticketId: Ref }),
  c('ticket.escalate', { ticketId: Ref, groupId: Ref, factIds: z.array(Ref).max(50), testIds: z.array(Ref).max(50), note: Text }),
  c('ticket.alertSupervisor', { ticketId: Ref, reason: Text }),
  c('ticket.informUser', { ticketId: Ref, message: Text }),
  c('ticket.resolve', {
    ticketId: Ref,
    code: z.enum(['fixed', 'workaround', 'request_fulfilled', 'not_reproduced']),
    causeId: Ref,
    note: z.strictObject({ symptom: Text, diagnosis: Text, action: Text, result: Text }),
  }),
  c('ticket.requestConfirmation', { ticketId: Ref }),
  c('ticket.close', { ticketId: Ref }),
  c('ticket.reopen', { ticketId: Ref }),
  c('ticket.cancel', { ticketId: Ref, reason: Text }),
  c('ticket.linkParent', { ticketId: Ref, parentId: Ref }),
  c('problem.create', { title: Title, ticketIds: z.array(Ref).min(1).max(50) }),
  c('ticket.linkProblem', { ticketId: Ref, problemId: Ref }),
  c('kb.write', { ticketId: Ref, title: Title, symptoms: Text, cause: Text, steps: z.array(Text).min(1).max(30) }),
  c('asset.update', { ticketId: Ref, assetTag: Ref, field: z.string().trim().min(1).max(60), value: z.string().trim().min(1).max(TITLE_MAX) }),
]);
export type TraineeCommand = z.infer<typeof TraineeCommand>;
export type TraineeCommandType = TraineeCommand['type'];

/** What a trainer can do to a running session. */
export const TrainerCommand = z.discriminatedUnion('type', [
  c('session.start', {}),
  c('session.pause', {}),
  c('session.resume', {}),
  c('session.setSpeed', { speed: z.number().min(0.1).max(120) }),
  c('session.stop', {}),
  c('session.inject', { incidentId: Ref, traineeId: Ref.optional(), callerId: Ref.optional() }),
  c('session.broadcast', { message: Text, major: z.boolean().default(false) }),
  c('session.message', { traineeId: Ref.optional(), message: Text }),
  c('session.releaseFeedback', {}),
]);
export type TrainerCommand = z.infer<typeof TrainerCommand>;

/** What an evaluator records on the competency grid (the computed value is kept beside it). */
export const EvaluatorCommand = z.discriminatedUnion('type', [
  c('grid.override', { traineeId: Ref, criterionId: Ref, level: z.enum(['acquired', 'in_progress', 'not_acquired']), comment: Text }),
]);
export type EvaluatorCommand = z.infer<typeof EvaluatorCommand>;
