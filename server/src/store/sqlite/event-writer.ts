/**
 * The event log's group commit. Every append made during one turn of the event loop waits for that turn's
 * check phase, where they are written together in one IMMEDIATE transaction, each batch in its own savepoint
 * (one conflict does not fail the others), and committed with one fsync (synchronous=FULL). Each append is
 * answered only once its group has committed.
 *
 * The commit runs on the event loop, as the bare socket.io + SQLite baseline does. Session 8 measured it against
 * a writer thread (sessions 2–7): at 1,000 trainees the thread's copies, wake-ups and second connection cost
 * more CPU on two cores than the fsync it kept off the loop (docs/benchmarks-history.md, "Session 8"). Appends that
 * arrive while a commit holds the loop are read in the next turn and share the next group.
 */
import type Database from 'better-sqlite3';
import type { SessionEvent } from '../../domain/events.js';
import type { SessionRow } from '../read-model.js';
import { LogConflictError } from '../types.js';
import { prepared } from './prepared.js';

/** The statements that write the log: a session's creation and the group commits use them. */
export const WRITE_SQL = {
  insertEvent: `INSERT INTO events (session_id, seq, t, wall_ms, actor_role, actor_id, type, payload, client_id)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  updateSessionRow: 'UPDATE drill_sessions SET status = @status, cancelled = @cancelled, last_seq = @lastSeq, virtual_now = @virtualNow, speed = @speed, started_at = @startedAt, updated_at = @updatedAt WHERE id = @id',
} as const;

/** An events row as positional values, in `WRITE_SQL.insertEvent`'s order. */
export type EventRowValues = [sessionId: string, seq: number, t: number, wallMs: number, actorRole: string, actorId: string, type: string, payload: string, clientId: string | null];

export const eventRow = (sessionId: string, e: SessionEvent, wallMs: number): EventRowValues =>
  [sessionId, e.seq, Math.round(e.t), wallMs, e.actor.role, e.actor.id, e.type, JSON.stringify(e.payload), e.clientId ?? null];

/** The named values of `WRITE_SQL.updateSessionRow`. */
export const sessionRowUpdate = (id: string, row: SessionRow, wallMs: number) =>
  ({ id, ...row, cancelled: row.cancelled ? 1 : 0, virtualNow: Math.round(row.virtualNow), updatedAt: wallMs });

export interface WriterBatch {
  sessionId: string;
  /** The log's last seq this batch continues. */
  afterSeq: number;
  rows: EventRowValues[];
  /** The drill_sessions row once this batch is stored. */
  next: ReturnType<typeof sessionRowUpdate>;
}

/**
 * What benchmarks learn of each group commit: how long it held the event loop (fsync included) and how many
 * batches it held. Nothing observes it in the server.
 */
export type WriterObserver = (commitMs: number, batches: number) => void;
let observer: WriterObserver | undefined;
export function observeWriter(o: WriterObserver | undefined): void {
  observer = o;
}

interface Pending { batch: WriterBatch; resolve: () => void; reject: (e: unknown) => void }

export class EventWriter {
  private queued: Pending[] = [];
  private scheduled: NodeJS.Immediate | undefined;
  private closed = false;
  /** Runs a group in one transaction; returns, per batch, undefined once written or what refused it. */
  private readonly writeGroup: Database.Transaction<(group: Pending[]) => unknown[]>;

  constructor(db: Database.Database) {
    const getHead = prepared(db, 'SELECT last_seq FROM drill_sessions WHERE id = ?');
    const insertEvent = prepared(db, WRITE_SQL.insertEvent);
    const updateRow = prepared(db, WRITE_SQL.updateSessionRow);
    // Nested in writeGroup's transaction, each batch is a savepoint: a failing one is rolled back alone.
    const writeBatch = db.transaction((b: WriterBatch) => {
      const head = getHead.get(b.sessionId) as { last_seq: number } | undefined;
      if (!head) throw new Error(`unknown session ${b.sessionId}`);
      // Optimistic concurrency against the stored log: a batch whose predecessor failed fails too.
      if (head.last_seq !== b.afterSeq) throw new LogConflictError(b.sessionId, head.last_seq + 1, b.afterSeq + 1);
      for (const row of b.rows) insertEvent.run(row);
      updateRow.run(b.next);
    });
    this.writeGroup = db.transaction((group: Pending[]) => group.map((p) => {
      try {
        writeBatch(p.batch);
        return undefined;
      } catch (e) {
        return e;
      }
    }));
  }

  append(batch: WriterBatch): Promise<void> {
    if (this.closed) return Promise.reject(new Error('the store is closed'));
    return new Promise<void>((resolve, reject) => {
      this.queued.push({ batch, resolve, reject });
      // ref'd: a script awaiting an append does not exit before it is on disk.
      this.scheduled ??= setImmediate(() => this.commit());
    });
  }

  /** Commits what is waiting, then refuses further appends. */
  close(): Promise<void> {
    this.closed = true;
    this.commit();
    return Promise.resolve();
  }

  private commit(): void {
    if (this.scheduled) { clearImmediate(this.scheduled); this.scheduled = undefined; }
    const group = this.queued;
    this.queued = [];
    if (group.length === 0) return;
    let outcomes: unknown[];
    const started = performance.now();
    try {
      // IMMEDIATE: take the write lock first rather than fail on the upgrade if another process wrote meanwhile.
      outcomes = this.writeGroup.immediate(group);
    } catch (e) {
      // The transaction failed as a whole (disk full, I/O error): nothing of the group is stored.
      for (const p of group) p.reject(e);
      return;
    }
    observer?.(performance.now() - started, group.length);
    group.forEach((p, i) => {
      const e = outcomes[i];
      if (e === undefined) p.resolve();
      else p.reject(e);
    });
  }
}
