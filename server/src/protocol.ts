/**
 * The client/server contract: socket.io event maps and their payloads. The
 * server validates every inbound payload with the zod schemas here; the
 * client uses the same types. Documented in docs/protocol.md.
 */
import { z } from 'zod';
import { EvaluatorCommand, TraineeCommand, TrainerCommand } from './domain/commands.js';
import type { SessionEvent } from './domain/events.js';
import type { DeskPart, DeskPatch, StaffView, TraineeView } from './domain/projection.js';
import type { FeedbackPatch } from './domain/feedback-feed.js';
import type { SessionScore, TraineeScore } from './domain/scoring/types.js';
import type { SessionState } from './domain/session.js';

export const ClientId = z.string().min(8, 'clientId must be a client-generated unique id (8–64 characters)').max(64);
export const SessionId = z.string().min(1).max(64);

export const JoinRequest = z.strictObject({ sessionId: SessionId, lastSeq: z.number().int().min(0).optional() });
export const TraineeCommandRequest = z.strictObject({ sessionId: SessionId, clientId: ClientId, command: TraineeCommand });
export const TrainerCommandRequest = z.strictObject({ sessionId: SessionId, clientId: ClientId, command: TrainerCommand });
export const EvaluatorCommandRequest = z.strictObject({ sessionId: SessionId, clientId: ClientId, command: EvaluatorCommand });

export type JoinRequest = z.infer<typeof JoinRequest>;
export type TraineeCommandRequest = z.infer<typeof TraineeCommandRequest>;
export type TrainerCommandRequest = z.infer<typeof TrainerCommandRequest>;
export type EvaluatorCommandRequest = z.infer<typeof EvaluatorCommandRequest>;

/** What a rubric version grades (GET /api/catalog/rubrics/:version): labels for grids, no answer key. */
export interface RubricInfo {
  version: string;
  title: { fr: string; en: string };
  changes?: string;
  grid: { acquired: number; inProgress: number };
  competences: { id: string; label?: { fr: string; en: string }; criteria: string[] }[];
  /**
   * The wording of each criterion the competences list, in their order: the REAC's French wording and our English
   * paraphrase (seeds/criteria.yaml), and a short form for tight places (feedback tags, toasts: our short French
   * label; English has only the paraphrase). Public rubric material, like the labels: what is judged, not how to earn it.
   */
  criteria: { id: string; label: { fr: string; en: string }; short: { fr: string; en: string } }[];
}

/** What a loaded rubric version says of itself; the catalogue adds the criteria's wording (`RubricInfo`). */
export type RubricDescription = Omit<RubricInfo, 'criteria'>;

/**
 * One row of GET /api/sessions. A trainee gets only the sessions they take part in, with only themselves in
 * `trainees` and without `lastSeq` (the session's event count, which other trainees' activity moves).
 */
export interface SessionSummary {
  id: string;
  classroomId: string;
  drillId: string;
  /** The trainer's name for this session (« BTS SIO groupe B — matin »), when they gave one. */
  name?: string;
  /** The drill's title. */
  title?: { fr: string; en?: string };
  status: 'created' | 'running' | 'paused' | 'stopped';
  /** Stopped before it started: the drill did not take place. */
  cancelled: boolean;
  mode: 'training' | 'exam';
  speed: number;
  /** Wall time of the session's creation, milliseconds since the epoch. */
  createdAt: number;
  /** Wall time the drill started (its `session.started`), milliseconds since the epoch; absent until then. */
  startedAt?: number;
  /** Who opened the session (a trainer, or an admin). */
  createdBy: { id: string; name: string };
  /** Staff only. */
  lastSeq?: number;
  trainees: { id: string; name: string }[];
}

export interface ApiError { code: string; message: string }
/** One acknowledgement envelope for every request. */
export type Ack<T> = { ok: true; data: T } | { ok: false; error: ApiError };

/**
 * Result of an accepted command: the sequence number of the event that records
 * it (durably stored before this ack is sent). `duplicate` is true when the
 * clientId was already applied: nothing new was stored and `seq` is the original.
 */
export interface CommandAck { seq: number; duplicate: boolean }

/**
 * A trainee's push: the whole view (a join, the first push after a start or a reload, a session-wide
 * change) or a patch of the view held since `patch.base` (a batch that touched a few of their contacts and
 * tickets; see `DeskPatch`). The feedback and the roll-up come only when they changed (a join always carries
 * the whole feedback list, `base: 0`). `desk-state.ts` folds these updates, and the `desk:results` pushes,
 * into what a desk shows.
 */
export type TraineeUpdate = TraineeSnapshot | (TraineeUpdateBase & { patch: DeskPatch; view?: never });
/** A trainee's whole view (a join's answer, GET /api/sessions/:id, and some pushes). */
export interface TraineeSnapshot extends TraineeUpdateBase { view: TraineeView; patch?: never }
interface TraineeUpdateBase {
  sessionId: string;
  seq: number;
  /** Changes to this trainee's scored actions (training mode, or exam mode once released); absent: unchanged. */
  feedback?: FeedbackPatch;
  /**
   * This trainee's roll-up per criterion and competence when feedback is visible, with empty evidence lists
   * (the items are in the feedback; labels: GET /api/catalog/rubrics/:version); absent: unchanged or not visible.
   */
  score?: TraineeScore;
}
/** The scored push (`desk:results`): only what changed in a trainee's feedback and roll-up (the view went out with the action's `desk:update`). */
export interface TraineeResults {
  sessionId: string;
  /** The seq the results were computed at. */
  seq: number;
  feedback?: FeedbackPatch;
  score?: TraineeScore;
}
export interface StaffUpdate {
  sessionId: string;
  seq: number;
  /**
   * `events` are the log entries with fromSeq < seq ≤ this update's seq (full answer key: staff only).
   * A client whose last seen seq is below `fromSeq` has a gap: GET /api/sessions/:id/log fills it.
   */
  fromSeq: number;
  events: SessionEvent[];
  view: StaffView;
  /** Totals and levels per trainee, criterion and competence; evidence lists are left empty (GET /api/sessions/:id/scores has them). */
  scores: SessionScore;
  /**
   * Set on live pushes: `scores.trainees` holds only the trainees whose desk changed since the previous push,
   * and so do `view.desks` (whole desks, after a session-wide event) and `deskParts` (the contacts and tickets
   * of each such desk that the push's events named); the session header, overrides and events are whole. A
   * join answer is never partial. `staff-state.ts` (`applyStaffUpdate`) folds these into the whole view.
   */
  partial?: true;
  /** In a partial push, the changed parts of the desks not sent whole. */
  deskParts?: StaffDeskPart[];
}
/** A desk's changed contacts and tickets (whole, by id, with the truth beside each ticket) and its small lists. */
export type StaffDeskPart = DeskPart & { traineeId: string };
/**
 * A short notice. `text` is French (older clients and free text show it as is);
 * `code` and `params` let a client write it in its own language.
 */
export interface Notice {
  sessionId: string; kind: 'contact' | 'broadcast' | 'message' | 'group' | 'sla' | 'session'; seq: number; text: string;
  code?: NoticeCode; params?: Record<string, string | number>;
}
export type NoticeCode =
  | 'contact.phone' | 'contact.email' | 'contact.portal' | 'broadcast.major'
  | 'sla.warning' | 'sla.breached'
  | 'session.started' | 'session.paused' | 'session.resumed' | 'session.speedChanged' | 'session.stopped' | 'session.cancelled' | 'feedback.released';
export const NOTICE_CODES: readonly NoticeCode[] = ['contact.phone', 'contact.email', 'contact.portal', 'broadcast.major', 'sla.warning', 'sla.breached', 'session.started', 'session.paused', 'session.resumed', 'session.speedChanged', 'session.stopped', 'session.cancelled', 'feedback.released'];

export interface ServerToClientEvents {
  'desk:update': (u: TraineeUpdate) => void;
  'desk:results': (u: TraineeResults) => void;
  'staff:update': (u: StaffUpdate) => void;
  'notice': (n: Notice) => void;
  'session:status': (u: SessionStatusUpdate) => void;
}

/**
 * A session's status alone, for screens that show it but not the live view (the evaluation pages): the answer to
 * `session:watch` and the push after each change. `seq` orders them: keep the highest.
 */
export interface SessionStatusUpdate { sessionId: string; seq: number; status: SessionState['status']; cancelled: boolean }

export const LeaveRequest = z.strictObject({ sessionId: SessionId });
export type LeaveRequest = z.infer<typeof LeaveRequest>;
/** `session:watch` and `session:unwatch` name only the session, as a leave does. */
export const WatchRequest = LeaveRequest;
export type WatchRequest = LeaveRequest;

export interface ClientToServerEvents {
  /** Joins the session's rooms and answers with the current view (trainee: own desk; staff: full view and events after lastSeq). */
  'session:join': (req: JoinRequest, ack: (res: Ack<TraineeSnapshot | StaffUpdate>) => void) => void;
  /** Stops receiving a session's pushes. */
  'session:leave': (req: LeaveRequest, ack: (res: Ack<{ left: true }>) => void) => void;
  /** Staff: follows the session's status only (`session:status` pushes), without its live view; answers the status now. */
  'session:watch': (req: WatchRequest, ack: (res: Ack<SessionStatusUpdate>) => void) => void;
  /** Stops the `session:status` pushes of `session:watch`. */
  'session:unwatch': (req: WatchRequest, ack: (res: Ack<{ left: true }>) => void) => void;
  'trainee:command': (req: TraineeCommandRequest, ack: (res: Ack<CommandAck>) => void) => void;
  'trainer:command': (req: TrainerCommandRequest, ack: (res: Ack<CommandAck>) => void) => void;
  'evaluator:command': (req: EvaluatorCommandRequest, ack: (res: Ack<CommandAck>) => void) => void;
}
