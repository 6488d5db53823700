/**
 * The main thread's side of the event writer (event-writer.mjs): posts
 * batches, settles each promise when the writer answers after its commit.
 * While appends are in flight the worker keeps the process alive (a script
 * awaiting an append must not exit before it is on disk); idle, it does not.
 */
import { Worker } from 'node:worker_threads';
import { LogConflictError } from '../types.js';

/** The events table's columns, in the order of `EventRowValues` (the writer thread uses the same order). */
export const EVENT_COLUMNS = 'session_id, seq, t, wall_ms, actor_role, actor_id, type, payload, client_id';
export type EventRowValues = [sessionId: string, seq: number, t: number, wallMs: number, actorRole: string, actorId: string, type: string, payload: string, clientId: string | null];

export interface WriterBatch {
  sessionId: string;
  /** The log's last seq this batch continues. */
  afterSeq: number;
  rows: EventRowValues[];
  /** The drill_sessions row once this batch is stored. */
  next: Record<string, unknown>;
}

type Answer = { id: number; ok: true } | { id: number; ok: false; conflict?: { expected: number; got: number }; message?: string };
type FromWriter = { type: 'ready' } | { type: 'closed' } | { type: 'done'; results: Answer[] };

interface InFlight { sessionId: string; resolve: () => void; reject: (e: unknown) => void }

export class EventWriter {
  private readonly worker: Worker;
  private readonly inFlight = new Map<number, InFlight>();
  private nextId = 1;
  private failure: Error | undefined;
  private closed: Promise<void> | undefined;

  /** `synchronous`: the main connection's setting (FULL for the server), used by the writer's connection too. */
  constructor(file: string, synchronous: number) {
    this.worker = new Worker(new URL('./event-writer.mjs', import.meta.url), { workerData: { file, synchronous } });
    this.worker.unref();
    this.worker.on('message', (m: FromWriter) => { if (m.type === 'done') this.settle(m.results); });
    this.worker.on('error', (e) => this.fail(e));
    this.worker.on('exit', (code) => this.fail(new Error(`the event writer stopped (exit code ${code})`)));
  }

  append(b: WriterBatch): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    if (this.closed) return Promise.reject(new Error('the store is closed'));
    const id = this.nextId++;
    return new Promise<void>((resolve, reject) => {
      if (this.inFlight.size === 0) this.worker.ref();
      this.inFlight.set(id, { sessionId: b.sessionId, resolve, reject });
      this.worker.postMessage({ type: 'append', id, ...b });
    });
  }

  /** Lets the writer commit what it holds, then stops it. */
  close(): Promise<void> {
    this.closed ??= new Promise<void>((resolve) => {
      if (this.failure) { resolve(); return; }
      const done = () => resolve();
      this.worker.once('exit', done);
      this.worker.on('message', (m: FromWriter) => { if (m.type === 'closed') void this.worker.terminate(); });
      this.worker.ref();
      this.worker.postMessage({ type: 'close' });
    });
    return this.closed;
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

  private fail(e: Error): void {
    this.failure ??= e;
    for (const f of this.inFlight.values()) f.reject(e);
    this.inFlight.clear();
  }
}
