/**
 * The main thread's side of the scoring thread (`scoring-worker.ts`). Each live
 * session opens a `FeedbackSource` here: its batches go to the thread with its
 * next question (asked in the session's turn), in order and ahead of it, so
 * the thread, which handles messages in order, answers each one as of the
 * point of the log where it was asked.
 *
 * If the thread dies it is started again and every open session is loaded
 * into it from its live machine; questions in flight at that moment fail (the
 * next flush brings the desks up to date) and feedback versions carry on above
 * the highest one sent, so a client never mistakes a new list for one it holds.
 */
import type { EventLoopUtilization } from 'node:perf_hooks';
import { Worker, type MessagePort } from 'node:worker_threads';
import type { Logger } from 'pino';
import type { SessionEvent } from '../domain/events.js';
import type { SessionMachine } from '../domain/machine.js';
import type { Catalog } from '../domain/scenario.js';
import type { SessionScore } from '../domain/scoring/types.js';
import { spellCheckPort, spellCheckPortNow } from '../domain/scoring/spell.js';
import type { FeedbackFactory, FeedbackSource, FlushAnswer } from './feedback-source.js';
import type { ResultsChange } from './live-feedback.js';
import { PendingReplies, type Reply } from './pending-replies.js';
import type { ScorerSource } from './scoring-adapter.js';
import { BACKGROUND_NICE } from './thread-priority.js';

/** Messages to the scoring thread; `key` names one live session (a session loaded again gets a new key). */
export type ToScoring =
  | { t: 'load'; key: string; events: readonly SessionEvent[] }
  | { t: 'events'; key: string; events: readonly SessionEvent[] }
  | { t: 'drop'; key: string }
  | { t: 'flush'; key: string; req: number; ids: readonly string[]; summary: boolean }
  | { t: 'full'; key: string; req: number; id: string }
  | { t: 'summary'; key: string; req: number }
  | { t: 'heap'; req: number; gc: boolean };

export type FromScoring =
  | { t: 'ready'; /** The thread's nice value, where it has one of its own (Linux). */ nice: number | undefined }
  | ({ t: 'answer' } & Reply);

/** A question to the thread, before `ask` numbers it. */
type Question<M = Extract<ToScoring, { req: number }>> = M extends unknown ? Omit<M, 'req'> : never;

/** Events of one session held back before they are sent to the thread anyway (see `note`). */
const MAX_UNSENT = 256;

/** Restarts in a row that may die before the thread is ready. */
const MAX_FAILED_STARTS = 3;

export interface ThreadHeap { heapTotal: number; heapUsed: number }

export interface ScoringThreadOptions {
  catalog: Catalog;
  source: ScorerSource;
  logger: Logger;
  /** The thread's nice value (default BACKGROUND_NICE, below the event loop's; 0 keeps the process's). */
  nice?: number;
}

export class ScoringThread {
  private worker!: Worker;
  private readonly replies = new PendingReplies();
  /** Open sessions by key, with their live machine (to load them into a new thread). */
  private readonly open = new Map<string, () => SessionMachine>();
  /** Per open session, batches decided since its last message to the thread (sent before its next question). */
  private readonly unsent = new Map<string, SessionEvent[]>();
  private nextKey = 1;
  /** Highest feedback version seen in an answer (a new thread starts above it). */
  private versionFloor = 0;
  private closed = false;
  /** Starts since the thread was last ready; past MAX_FAILED_STARTS it is given up (`dead`). */
  private failedStarts = 0;
  private dead = false;
  /** Whether a thread was ever ready: if the first one is not, `start` fails and nothing is started again. */
  private everReady = false;
  private runningNice: number | undefined;

  private constructor(private readonly o: ScoringThreadOptions) {}

  /** Starts the thread and waits until its rules are loaded. */
  static async start(o: ScoringThreadOptions): Promise<ScoringThread> {
    const t = new ScoringThread(o);
    await t.spawn(await spellCheckPort());
    return t;
  }

  /** The running thread's nice value, as it reported when ready (undefined: it runs at the process's priority). */
  get nice(): number | undefined {
    return this.runningNice;
  }

  /** Opens sessions' feedback on this thread. */
  get factory(): FeedbackFactory {
    return (machine) => this.attach(machine);
  }

  /**
   * The thread's V8 heap (benchmarks add it to the main thread's): after a full collection when `gc` is asked
   * and the process runs with --expose-gc.
   */
  heap(gc = false): Promise<ThreadHeap> {
    return this.ask<ThreadHeap>({ t: 'heap', gc });
  }

  /** The thread's event-loop utilisation, since `since` if given (benchmarks report it beside the main thread's). */
  eventLoopUtilization(since?: EventLoopUtilization): EventLoopUtilization {
    return since ? this.worker.performance.eventLoopUtilization(since) : this.worker.performance.eventLoopUtilization();
  }

  async close(): Promise<void> {
    this.closed = true;
    this.failWaiting('the scoring thread was closed');
    await this.worker.terminate();
  }

  /** Starts a thread; synchronous up to the wait for its rules, so no message can reach the dead one meanwhile. */
  private spawn(spellPort: MessagePort): Promise<void> {
    const worker = new Worker(new URL('./ts-worker.mjs', import.meta.url), {
      workerData: {
        entry: new URL('./scoring-worker.ts', import.meta.url).href,
        catalog: this.o.catalog, source: this.o.source, spellPort, versionFloor: this.versionFloor,
        nice: this.o.nice ?? BACKGROUND_NICE,
      },
      transferList: [spellPort],
    });
    this.worker = worker;
    // Sessions open before a restart continue from their machine's whole log (messages queue until the thread listens).
    this.unsent.clear();
    for (const [key, machine] of this.open) this.post({ t: 'load', key, events: machine().events });
    return new Promise<void>((resolve, reject) => {
      const early = (e: Error) => reject(e);
      worker.once('error', early);
      worker.on('message', (m: FromScoring) => {
        if (m.t === 'ready') {
          this.runningNice = m.nice;
          this.everReady = true;
          this.failedStarts = 0;
          worker.off('error', early);
          worker.on('error', (e) => this.lost(worker, e));
          if (this.replies.size === 0) worker.unref();
          resolve();
          return;
        }
        if (!this.replies.settle(m)) return;
        // Before the asker reads the answer (its promise continues in a later microtask).
        if (m.ok) this.noteVersions(m.value);
        if (this.replies.size === 0) worker.unref();
      });
      worker.once('exit', (code) => {
        reject(new Error(`the scoring thread exited (${code}) while starting`));
        this.lost(worker, new Error(`exited with code ${code}`));
      });
    });
  }

  private lost(worker: Worker, e: Error): void {
    if (worker !== this.worker || this.closed || this.dead) return;
    this.failWaiting('the scoring thread stopped');
    if (!this.everReady) { this.dead = true; return; }
    if (++this.failedStarts > MAX_FAILED_STARTS) {
      // Live feedback stops (pushes go without it); actions, views and stored scores do not depend on it.
      this.dead = true;
      this.o.logger.error({ err: e }, 'the scoring thread keeps stopping before it is ready; live feedback is off');
      return;
    }
    this.o.logger.error({ err: e }, 'the scoring thread stopped; starting it again');
    this.spawn(spellCheckPortNow()).catch((e2: unknown) => this.o.logger.error({ err: e2 }, 'the scoring thread could not be started again'));
  }

  private failWaiting(why: string): void {
    this.replies.failAll(new Error(why));
  }

  private noteVersions(value: unknown): void {
    const v = value as { feedback?: { version?: number }; desks?: { change: ResultsChange }[] };
    for (const f of [v.feedback, ...(v.desks ?? []).map((d) => d.change.feedback)]) {
      if (f?.version !== undefined && f.version > this.versionFloor) this.versionFloor = f.version;
    }
  }

  private post(m: ToScoring): void {
    this.worker.postMessage(m);
  }

  private ask<T>(q: Question): Promise<T> {
    if (this.closed || this.dead) return Promise.reject(new Error(this.dead ? 'live scoring is off' : 'the scoring thread was closed'));
    // The thread keeps the process alive only while an answer is awaited.
    if (this.replies.size === 0) this.worker.ref();
    const { req, answer } = this.replies.open<T>();
    this.post({ ...q, req } as ToScoring);
    return answer;
  }

  private attach(machine: () => SessionMachine): FeedbackSource {
    const key = `s${this.nextKey++}`;
    this.open.set(key, machine);
    const load = () => { this.unsent.delete(key); this.post({ t: 'load', key, events: machine().events }); };
    load();
    // A question that failed (a copy out of step, a thread that died) loads the session again: the main
    // thread's machine is whole at any moment between two turns, and the thread follows it from there.
    const ask = <T>(q: Question) => {
      this.sendUnsent(key);
      return this.ask<T>(q).catch((e: unknown) => {
        if (this.open.has(key) && !this.closed) load();
        throw e;
      });
    };
    return {
      noted: (events) => this.note(key, events),
      reloaded: load,
      flush: (ids, summary) => ask<FlushAnswer>({ t: 'flush', key, ids, summary }),
      full: (id) => ask<ResultsChange>({ t: 'full', key, id }),
      summary: () => ask<SessionScore>({ t: 'summary', key }),
      dispose: () => { this.open.delete(key); this.unsent.delete(key); this.post({ t: 'drop', key }); },
    };
  }

  /**
   * Batches wait here until the session's next question (or until MAX_UNSENT events pile up): the thread
   * needs them only to answer, and one message per flush instead of one per batch spares the event loop a
   * copy and a wake-up of the thread per action. They go in order, before the question, on the same port.
   */
  private note(key: string, events: readonly SessionEvent[]): void {
    let q = this.unsent.get(key);
    if (!q) this.unsent.set(key, (q = []));
    for (const e of events) q.push(e);
    if (q.length >= MAX_UNSENT) this.sendUnsent(key);
  }

  private sendUnsent(key: string): void {
    const events = this.unsent.get(key);
    if (!events) return;
    this.unsent.delete(key);
    this.post({ t: 'events', key, events });
  }
}
