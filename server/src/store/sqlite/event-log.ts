/** The append-only event log and the `drill_sessions` read model, on SQLite. */
import type Database from 'better-sqlite3';
import type { ActorRole, SessionEvent } from '../../domain/events.js';
import { advanceRow, type SessionRow } from '../read-model.js';
import { LogConflictError, type EventLogStore, type NewSession, type SessionFilter, type SessionRecord, type SessionStatus } from '../types.js';
import { eventRow, EventWriter, sessionRowUpdate, WRITE_SQL } from './event-writer.js';
import { prepared } from './prepared.js';

interface SessionRowDb {
  id: string; classroom_id: string; drill_id: string; mode: 'training' | 'exam'; speed: number; seed: number; rubric_version: string;
  status: SessionStatus; cancelled: 0 | 1; last_seq: number; virtual_now: number; created_by: string; created_at: number; updated_at: number; trainee_ids: string | null;
  name: string | null; started_at: number | null;
}
/** An `events` row as read back (see `toEvent`). */
export interface EventRowDb { seq: number; t: number; actor_role: string; actor_id: string; type: string; payload: string; client_id: string | null }

/** A session's events after a seq, in order, at most `limit` of them (-1: all). */
export const READ_EVENTS_SQL = 'SELECT seq, t, actor_role, actor_id, type, payload, client_id FROM events WHERE session_id = ? AND seq > ? ORDER BY seq LIMIT ?';

const SESSION_COLUMNS = `s.*, (SELECT group_concat(user_id, ' ') FROM session_trainees st WHERE st.session_id = s.id) AS trainee_ids`;

function toRecord(r: SessionRowDb): SessionRecord {
  return {
    id: r.id, classroomId: r.classroom_id, drillId: r.drill_id, ...(r.name !== null ? { name: r.name } : {}), mode: r.mode, speed: r.speed, seed: r.seed, rubricVersion: r.rubric_version,
    status: r.status, cancelled: r.cancelled === 1, lastSeq: r.last_seq, virtualNow: r.virtual_now, createdBy: r.created_by, createdAt: r.created_at,
    ...(r.started_at !== null ? { startedAt: r.started_at } : {}), updatedAt: r.updated_at,
    traineeIds: r.trainee_ids ? r.trainee_ids.split(' ').sort() : [],
  };
}

/** The event a stored row holds (also used by the load bench's players, which read the server's database). */
export function toEvent(r: EventRowDb): SessionEvent {
  const e = { seq: r.seq, type: r.type, t: r.t, actor: { role: r.actor_role as ActorRole, id: r.actor_id }, payload: JSON.parse(r.payload) } as SessionEvent;
  if (r.client_id !== null) e.clientId = r.client_id;
  return e;
}

export function sqliteEventLog(db: Database.Database): EventLogStore & { closeWriter(): Promise<void> } {
  const getRow = prepared(db, `SELECT ${SESSION_COLUMNS} FROM drill_sessions s WHERE s.id = ?`);
  // What an append needs of the read model (without the trainee list the full record joins in).
  const getHead = prepared(db, 'SELECT status, cancelled, last_seq, virtual_now, speed, started_at FROM drill_sessions WHERE id = ?');
  const updateRow = prepared(db, WRITE_SQL.updateSessionRow);
  const insertEvent = prepared(db, WRITE_SQL.insertEvent);
  const readFrom = prepared(db, READ_EVENTS_SQL);

  /**
   * Appends go to the group commit (event-writer.ts). This side keeps each session's head (last seq and
   * read-model row, as it will be once what is in flight commits), checks a batch continues it, and builds
   * the rows; the writer checks again against the stored log, writes, and answers once committed.
   */
  const heads = new Map<string, SessionRow>();
  const headOf = (sessionId: string): SessionRow | undefined => {
    const known = heads.get(sessionId);
    if (known) return known;
    const r = getHead.get(sessionId) as Pick<SessionRowDb, 'status' | 'cancelled' | 'last_seq' | 'virtual_now' | 'speed' | 'started_at'> | undefined;
    return r ? { status: r.status, cancelled: r.cancelled === 1, lastSeq: r.last_seq, virtualNow: r.virtual_now, speed: r.speed, startedAt: r.started_at } : undefined;
  };
  const writer = new EventWriter(db);

  const create = db.transaction((s: NewSession, wallMs: number) => {
    const p = s.created.payload;
    prepared(db, `INSERT INTO drill_sessions (id, classroom_id, drill_id, name, mode, speed, seed, rubric_version, status, last_seq, virtual_now, created_by, created_at, updated_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'created', 0, 0, ?, ?, ?)`).run(s.id, s.classroomId, p.drillId, p.name ?? null, p.mode, p.speed, p.seed, p.rubricVersion, s.createdBy, wallMs, wallMs);
    const member = prepared(db, 'INSERT INTO session_trainees (session_id, user_id) VALUES (?, ?)');
    for (const id of s.traineeIds) member.run(s.id, id);
    // The creation is written here, on this connection, in the same transaction as the session row.
    const e = s.created;
    if (e.seq !== 1) throw new LogConflictError(s.id, 1, e.seq);
    insertEvent.run(...eventRow(s.id, e, wallMs));
    updateRow.run(sessionRowUpdate(s.id, advanceRow({ status: 'created', cancelled: false, lastSeq: 0, virtualNow: 0, speed: p.speed, startedAt: null }, [e]), wallMs));
  });

  return {
    async createSession(s, wallMs) {
      // IMMEDIATE: take the write lock first (waiting while another process writes) rather than fail on the upgrade.
      create.immediate(s, wallMs);
      return toRecord(getRow.get(s.id) as SessionRowDb);
    },
    appendBatch(sessionId, events, wallMs) {
      if (events.length === 0) return Promise.resolve();
      const head = headOf(sessionId);
      if (!head) return Promise.reject(new Error(`unknown session ${sessionId}`));
      const bad = events.findIndex((e, i) => e.seq !== head.lastSeq + 1 + i);
      if (bad >= 0) return Promise.reject(new LogConflictError(sessionId, head.lastSeq + 1 + bad, events[bad]!.seq));
      const next = advanceRow(head, events);
      heads.set(sessionId, next);
      return writer.append({
        sessionId, afterSeq: head.lastSeq, rows: events.map((e) => eventRow(sessionId, e, wallMs)),
        next: sessionRowUpdate(sessionId, next, wallMs),
      }).catch((e: unknown) => {
        // Whatever failed, the stored log is the truth: read the head from it next time.
        heads.delete(sessionId);
        throw e;
      });
    },
    closeWriter: () => writer.close(),
    async readLog(sessionId, fromSeq = 0, limit = -1) {
      return (readFrom.all(sessionId, fromSeq, limit) as EventRowDb[]).map(toEvent);
    },
    async getSession(id) {
      const r = getRow.get(id) as SessionRowDb | undefined;
      return r ? toRecord(r) : undefined;
    },
    async listSessions(filter: SessionFilter = {}) {
      const where: string[] = [];
      const params: unknown[] = [];
      if (filter.classroomIds) {
        if (filter.classroomIds.length === 0) return [];
        where.push(`s.classroom_id IN (${filter.classroomIds.map(() => '?').join(', ')})`);
        params.push(...filter.classroomIds);
      }
      if (filter.traineeId) { where.push('EXISTS (SELECT 1 FROM session_trainees st WHERE st.session_id = s.id AND st.user_id = ?)'); params.push(filter.traineeId); }
      if (filter.statuses) {
        if (filter.statuses.length === 0) return [];
        where.push(`s.status IN (${filter.statuses.map(() => '?').join(', ')})`);
        params.push(...filter.statuses);
      }
      const sql = `SELECT ${SESSION_COLUMNS} FROM drill_sessions s ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY s.created_at DESC, s.id`;
      return (prepared(db, sql).all(...params) as SessionRowDb[]).map(toRecord);
    },
  };
}
