/**
 * The main thread's side of the event writer (event-writer.mjs): posts
 * batches, settles each promise when the writer answers after its commit.
 * While appends are in flight the worker keeps the process alive (a script
 * awaiting an append must not exit before it is on disk); idle, it does not.
 */
import { Worker } from 'node:worker_threads';
import type { SessionEvent } from '../../domain/events.js';
import type { SessionRow } from '../read-model.js';
import { LogConflictError } from '../types.js';

/**
 * The statements that write the log, for both connections: the main one (a session's creation) and the
 * writer thread's, which receives them with its workerData.
 */
export const WRITE_SQL = {
  insertEvent: `INSERT INTO events (session_id, seq, t, wall_ms, actor_role, actor_id, type, payload, client_id)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  updateSessionRow: 'UPDATE drill_sessions SET status = @status, last_seq = @lastSeq, virtual_now = @virtualNow, speed = @speed, updated_at = @updatedAt WHERE id = @id',
} as const;

/** An events row as positional values, in `WRITE_SQL.insertEvent`'s order (cheap to pass to the writer thread). */
export type EventRowValues = [sessionId: string, seq: number, t: number, wallMs: number, actorRole: string, actorId: string, type: string, payload: string, clientId: string | null];

export const eventRow = (sessionId: string, e: SessionEvent, wallMs: number): EventRowValues =>
  [sessionId, e.seq, Math.round(e.t), wallMs, e.actor.role, e.actor.id, e.type, JSON.stringify(e.payload), e.clientId ?? null];

/** The named values of `WRITE_SQL.updateSessionRow`. */
export const sessionRowUpdate = (id: string, row: SessionRow, wallMs: number) =>
  ({ id, ...row, virtualNow: Math.round(row.virtualNow), updatedAt: wallMs });

export interface WriterBatch {
  sessionId: string;
  /** The log's last seq this batch continues. */
  afterSeq: number;
  rows: EventRowValues[];
  /** The drill_sessions row once this batch is stored. */
  next: ReturnType<typeof sessionRowUpdate>;
}

type Answer = { id: number; ok: true } | { id: number; ok: false; conflict?: { expected: number; got: number }; message?: string };
type FromWriter = { type: 'ready' } | { type: 'closed' } | { type: 'done'; results: Answer[]; commitMs?: number; answeredAt?: number };

/**
 * What benchmarks learn of each group commit: how long the writer thread took (fsync included), how many
 * batches it held, and how long its answer then waited for the event loop. It splits an append's wait into
 * the disk's part and the busy loop's part. Nothing observes it in the server.
 */
export type WriterObserver = (commitMs: number, batches: number, answerWaitMs: number) => void;
let observer: WriterObserver | undefined;
export function observeWriter(o: WriterObserver | undefined): void {
  observer = o;
}

interface InFlight { sessionId: string; resolve: () => void; reject: (e: unknown) => void }

export class EventWriter {
  private worker!: Worker;
  private readonly inFlight = new Map<number, InFlight>();
  /** Appends waiting for the end of the turn (see `append`); undefined when none was posted this turn. */
  private later: (WriterBatch & { id: number })[] | undefined;
  private nextId = 1;
  /** Start times of the recent writers: one that keeps dying is not started again. */
  private starts: number[] = [];
  private failure: Error | undefined;
  private closing: Promise<void> | undefined;

  /** `synchronous`: the main connection's setting (FULL for the server), used by the writer's connection too. */
  constructor(private readonly file: string, private readonly synchronous: number) {
    this.spawn();
  }

  /**
   * The first append of a turn of the event loop is posted at once (an idle writer starts its commit now); the
   * next ones of the same turn wait for its check phase and go together in one message. They would have joined
   * the writer's next group anyway, as it commits the first, and each message costs the event loop a structured
   * copy and a wake-up of the thread (with a busy class, many sockets' actions are read in one turn).
   */
  append(b: WriterBatch): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    if (this.closing) return Promise.reject(new Error('the store is closed'));
    const id = this.nextId++;
    return new Promise<void>((resolve, reject) => {
      if (this.inFlight.size === 0) this.worker.ref();
      this.inFlight.set(id, { sessionId: b.sessionId, resolve, reject });
      const batch = { id, ...b };
      if (this.later) { this.later.push(batch); return; }
      this.worker.postMessage({ type: 'append', batches: [batch] });
      this.later = [];
      setImmediate(() => this.postLater());
    });
  }

  /** Appends made later in the turn than its first, in one message. */
  private postLater(): void {
    const later = this.later;
    this.later = undefined;
    if (later?.length) this.worker.postMessage({ type: 'append', batches: later });
  }

  /** Lets the writer commit what it holds, then stops it. */
  close(): Promise<void> {
    this.closing ??= new Promise<void>((resolve) => {
      if (this.failure) { resolve(); return; }
      this.postLater();
      const w = this.worker;
      w.once('exit', () => resolve());
      w.on('message', (m: FromWriter) => { if (m.type === 'closed') void w.terminate(); });
      w.ref();
      w.postMessage({ type: 'close' });
    });
    return this.closing;
  }

  private spawn(): void {
    const w = new Worker(new URL('./event-writer.mjs', import.meta.url), { workerData: { file: this.file, synchronous: this.synchronous, sql: WRITE_SQL } });
    this.worker = w;
    const now = Date.now();
    this.starts = [...this.starts.filter((t) => now - t < 10_000), now];
    w.unref();
    w.on('message', (m: FromWriter) => {
      if (w !== this.worker || m.type !== 'done') return;
      if (observer && m.commitMs !== undefined && m.answeredAt !== undefined) observer(m.commitMs, m.results.length, performance.timeOrigin + performance.now() - m.answeredAt);
      this.settle(m.results);
    });
    w.on('error', (e) => this.lost(w, e));
    w.on('exit', (code) => this.lost(w, new Error(`the event writer stopped (exit code ${code})`)));
  }

  /**
   * The writer thread died. What was in flight may or may not have committed: it is rejected, so the host
   * reloads those sessions from the stored log (and a client's retry is recognised by its clientId). A new
   * writer takes over, unless writers keep dying (three within 10 s): appends are then refused.
   */
  private lost(w: Worker, e: Error): void {
    if (w !== this.worker || this.closing) return;
    for (const f of this.inFlight.values()) f.reject(e);
    this.inFlight.clear();
    // Rejected above: a new writer must not commit them after their callers were told they failed.
    if (this.later) this.later.length = 0;
    if (this.starts.length >= 3) { this.failure = new Error(`the event writer keeps stopping (${e.message}); restart the server`); return; }
    this.spawn();
  }

  private settle(results: Answer[]): void {
    for (const r of results) {
      const f = this.inFlight.get(r.id);
      if (!f) continue;
      this.inFlight.delete(r.id);
      if (r.ok) f.resolve();
      else if (r.conflict) f.reject(new LogConflictError(f.sessionId, r.conflict.expected, r.conflict.got));
      else f.reject(new Error(r.message ?? 'append failed'));
    }
    if (this.inFlight.size === 0) this.worker.unref();
  }
}
