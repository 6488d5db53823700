/**
 * The storage seam. Everything the server keeps (event log, read models,
 * accounts, classrooms, scores) goes through this interface, so that a
 * PostgreSQL implementation can replace the SQLite one without touching the
 * engine, the HTTP routers or the socket handlers.
 *
 * Methods return promises even though better-sqlite3 is synchronous: a
 * network database cannot be synchronous, and one async interface keeps the
 * callers free of "is it sync?" branches. The engine serialises work per
 * session, so the extra awaits never interleave two commands of one session.
 */
import type { SessionEvent } from '../domain/events.js';
import type { SessionScore } from '../domain/scoring/types.js';

export const ROLES = ['trainee', 'trainer', 'evaluator', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export interface User { id: string; username: string; displayName: string; role: Role; createdAt: number }
export interface NewUser { id: string; username: string; displayName: string; role: Role; passwordHash: string }

export interface Classroom { id: string; name: string; createdBy: string; createdAt: number }
export interface ClassroomMember { userId: string; username: string; displayName: string; role: Role }

export type SessionStatus = 'created' | 'running' | 'paused' | 'stopped';

/** The read model of a drill session (derived from its log, kept in step by `appendBatch`). */
export interface SessionRecord {
  id: string;
  classroomId: string;
  drillId: string;
  /** The trainer's name for the session (its `session.created`), when given. */
  name?: string;
  mode: 'training' | 'exam';
  speed: number;
  seed: number;
  rubricVersion: string;
  status: SessionStatus;
  /** Stopped before it ever started: the drill did not take place. */
  cancelled: boolean;
  lastSeq: number;
  /** Virtual time of the last stored event. */
  virtualNow: number;
  createdBy: string;
  createdAt: number;
  /** Wall time of its `session.started`, once it has started. */
  startedAt?: number;
  updatedAt: number;
  traineeIds: string[];
}

export interface NewSession {
  id: string;
  classroomId: string;
  createdBy: string;
  traineeIds: string[];
  /** The `session.created` event (seq 1); the read model's columns come from its payload. */
  created: Extract<SessionEvent, { type: 'session.created' }>;
}

export interface SessionFilter {
  classroomIds?: string[];
  traineeId?: string;
  statuses?: SessionStatus[];
}

export interface StoredScore { sessionId: string; rubricVersion: string; computedAt: number; lastSeq: number; score: SessionScore }

/** Thrown when an append does not continue the stored log (a second writer, or a machine out of step). */
export class LogConflictError extends Error {
  constructor(readonly sessionId: string, readonly expectedSeq: number, readonly gotSeq: number) {
    super(`event log of session ${sessionId} expected seq ${expectedSeq}, got ${gotSeq}`);
    this.name = 'LogConflictError';
  }
}

export interface EventLogStore {
  /** Creates the session row, its trainee list and its first event in one transaction. */
  createSession(s: NewSession, wallMs: number): Promise<SessionRecord>;
  /**
   * Appends events (already numbered, contiguous after the stored last seq) and
   * updates the read model, in ONE durable transaction: all or nothing.
   */
  appendBatch(sessionId: string, events: readonly SessionEvent[], wallMs: number): Promise<void>;
  /** Events with seq > fromSeq, in order. */
  readLog(sessionId: string, fromSeq?: number, limit?: number): Promise<SessionEvent[]>;
  getSession(id: string): Promise<SessionRecord | undefined>;
  listSessions(filter?: SessionFilter): Promise<SessionRecord[]>;
}

export interface AccountStore {
  createUser(u: NewUser): Promise<User>;
  getUser(id: string): Promise<User | undefined>;
  /** The user and their password hash, for login only. */
  getCredentials(username: string): Promise<{ user: User; passwordHash: string } | undefined>;
  listUsers(): Promise<User[]>;
  countUsers(): Promise<number>;
  createAuthSession(tokenHash: string, userId: string, expiresAt: number): Promise<void>;
  /** The user behind a live (unexpired) login session. */
  getAuthSession(tokenHash: string, now: number): Promise<User | undefined>;
  deleteAuthSession(tokenHash: string): Promise<void>;
}

export interface ClassroomStore {
  createClassroom(c: { id: string; name: string; createdBy: string }): Promise<Classroom>;
  getClassroom(id: string): Promise<Classroom | undefined>;
  /** All classrooms, or those `userId` belongs to. */
  listClassrooms(memberId?: string): Promise<Classroom[]>;
  addMember(classroomId: string, userId: string): Promise<void>;
  listMembers(classroomId: string): Promise<ClassroomMember[]>;
  isMember(classroomId: string, userId: string): Promise<boolean>;
}

export interface ScoreStore {
  saveScore(s: StoredScore): Promise<StoredScore>;
  listScores(sessionId: string): Promise<StoredScore[]>;
}

export interface Store extends EventLogStore, AccountStore, ClassroomStore, ScoreStore {
  /** Row counts, for health checks and for tests proving a refused request changed nothing. */
  counts(): Promise<Record<'users' | 'classrooms' | 'sessions' | 'events' | 'scores' | 'authSessions', number>>;
  /** Online copy of the whole database to `file` while the server keeps running. */
  backup(file: string): Promise<{ pages: number }>;
  close(): Promise<void>;
}
