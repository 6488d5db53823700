/** The append-only event log and the `drill_sessions` read model, on SQLite. */
import { prepared } from './prepared.js';
import type Database from 'better-sqlite3';
import type { ActorRole, SessionEvent } from '../../domain/events.js';
import { advanceRow } from '../read-model.js';
import { LogConflictError, type EventLogStore, type NewSession, type SessionFilter, type SessionRecord, type SessionStatus } from '../types.js';

interface SessionRowDb {
  id: string; classroom_id: string; drill_id: string; mode: 'training' | 'exam'; speed: number; seed: number; rubric_version: string;
  status: SessionStatus; last_seq: number; virtual_now: number; created_by: string; created_at: number; updated_at: number; trainee_ids: string | null;
}
interface EventRowDb { seq: number; t: number; actor_role: string; actor_id: string; type: string; payload: string; client_id: string | null }

const SESSION_COLUMNS = `s.*, (SELECT group_concat(user_id, ' ') FROM session_trainees st WHERE st.session_id = s.id) AS trainee_ids`;

function toRecord(r: SessionRowDb): SessionRecord {
  return {
    id: r.id, classroomId: r.classroom_id, drillId: r.drill_id, mode: r.mode, speed: r.speed, seed: r.seed, rubricVersion: r.rubric_version,
    status: r.status, lastSeq: r.last_seq, virtualNow: r.virtual_now, createdBy: r.created_by, createdAt: r.created_at, updatedAt: r.updated_at,
    traineeIds: r.trainee_ids ? r.trainee_ids.split(' ').sort() : [],
  };
}

function toEvent(r: EventRowDb): SessionEvent {
  const e = { seq: r.seq, type: r.type, t: r.t, actor: { role: r.actor_role as ActorRole, id: r.actor_id }, payload: JSON.parse(r.payload) } as SessionEvent;
  if (r.client_id !== null) e.clientId = r.client_id;
  return e;
}

interface QueuedAppend {
  sessionId: string; events: readonly SessionEvent[]; wallMs: number;
  resolve: () => void; reject: (e: unknown) => void;
}

/** The event log, plus `flushAppends` for closing: it commits the appends still waiting for their group. */
export function sqliteEventLog(db: Database.Database): EventLogStore & { flushAppends(): void } {
  const insertEvent = prepared(db, `INSERT INTO events (session_id, seq, t, wall_ms, actor_role, actor_id, type, payload, client_id)
    VALUES (@sessionId, @seq, @t, @wallMs, @actorRole, @actorId, @type, @payload, @clientId)`);
  const getRow = prepared(db, `SELECT ${SESSION_COLUMNS} FROM drill_sessions s WHERE s.id = ?`);
  // What an append needs of the read model (without the trainee list the full record joins in).
  const getHead = prepared(db, 'SELECT status, last_seq, virtual_now, speed FROM drill_sessions WHERE id = ?');
  const updateRow = prepared(db, `UPDATE drill_sessions SET status = @status, last_seq = @lastSeq, virtual_now = @virtualNow, speed = @speed, updated_at = @updatedAt WHERE id = @id`);
  const readFrom = prepared(db, `SELECT seq, t, actor_role, actor_id, type, payload, client_id FROM events WHERE session_id = ? AND seq > ? ORDER BY seq LIMIT ?`);

  const insert = (sessionId: string, e: SessionEvent, wallMs: number) => insertEvent.run({
    sessionId, seq: e.seq, t: Math.round(e.t), wallMs, actorRole: e.actor.role, actorId: e.actor.id, type: e.type,
    payload: JSON.stringify(e.payload), clientId: e.clientId ?? null,
  });

  const append = db.transaction((sessionId: string, events: readonly SessionEvent[], wallMs: number) => {
    const row = getHead.get(sessionId) as Pick<SessionRowDb, 'status' | 'last_seq' | 'virtual_now' | 'speed'> | undefined;
    if (!row) throw new Error(`unknown session ${sessionId}`);
    // Optimistic concurrency: the batch must continue the stored log exactly.
    let expected = row.last_seq + 1;
    for (const e of events) {
      if (e.seq !== expected) throw new LogConflictError(sessionId, expected, e.seq);
      insert(sessionId, e, wallMs);
      expected++;
    }
    const next = advanceRow({ status: row.status, lastSeq: row.last_seq, virtualNow: row.virtual_now, speed: row.speed }, events);
    updateRow.run({ id: sessionId, ...next, virtualNow: Math.round(next.virtualNow), updatedAt: wallMs });
  });

  /**
   * Group commit: appends requested during one turn of the event loop (any sessions) share one transaction,
   * so one fsync, committed in the next `setImmediate`. Each batch is a savepoint inside it: a batch that
   * fails (a log conflict) is rolled back and rejected alone; a failed commit rejects them all. Nothing
   * resolves before the commit, so an ack still means "on disk".
   */
  let queued: QueuedAppend[] = [];
  const commitGroup = db.transaction((group: QueuedAppend[]) => group.map((q) => {
    try {
      append(q.sessionId, q.events, q.wallMs);
      return undefined;
    } catch (e) {
      return { error: e };
    }
  }));
  const flushAppends = () => {
    const group = queued;
    queued = [];
    if (group.length === 0) return;
    let outcomes: ({ error: unknown } | undefined)[];
    try {
      outcomes = commitGroup(group);
    } catch (e) {
      for (const q of group) q.reject(e);
      return;
    }
    group.forEach((q, i) => { const o = outcomes[i]; if (o) q.reject(o.error); else q.resolve(); });
  };

  const create = db.transaction((s: NewSession, wallMs: number) => {
    const p = s.created.payload;
    prepared(db, `INSERT INTO drill_sessions (id, classroom_id, drill_id, mode, speed, seed, rubric_version, status, last_seq, virtual_now, created_by, created_at, updated_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, 'created', 0, 0, ?, ?, ?)`).run(s.id, s.classroomId, p.drillId, p.mode, p.speed, p.seed, p.rubricVersion, s.createdBy, wallMs, wallMs);
    const member = prepared(db, 'INSERT INTO session_trainees (session_id, user_id) VALUES (?, ?)');
    for (const id of s.traineeIds) member.run(s.id, id);
    append(s.id, [s.created], wallMs);
  });

  return {
    async createSession(s, wallMs) {
      create(s, wallMs);
      return toRecord(getRow.get(s.id) as SessionRowDb);
    },
    appendBatch(sessionId, events, wallMs) {
      if (events.length === 0) return Promise.resolve();
      return new Promise<void>((resolve, reject) => {
        queued.push({ sessionId, events, wallMs, resolve, reject });
        if (queued.length === 1) setImmediate(flushAppends);
      });
    },
    flushAppends,
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
