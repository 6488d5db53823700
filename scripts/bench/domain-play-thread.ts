/**
 * The domain players' oracle (`DomainPlay`) on a worker thread of the load client.
 *
 * Folding every session after each ack cost the client's event loop a quarter to two fifths of a core (session 12),
 * and a busy client loop delays the pushes and acks it timestamps: a cost of the bench that a browser, which never
 * folds the session, does not have. On a thread of its own the fold no longer holds the loop that reads the sockets;
 * the loop asks for a seat's next command when the seat's timer fires and sends it when the answer comes.
 *
 * The thread runs at the lowest priority (nice 19): the players stand for the trainees' thinking, done on their own
 * machines in a classroom, so on the bench's two CPUs it yields to the server and to the loop that stamps latencies.
 *
 * The thread handles requests in order, and each is asked after the seat's previous ack (sent by the server once the
 * action is committed), so the state it reads includes that action, as the in-process oracle's did.
 */
import type { EventLoopUtilization } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import type { TraineeCommand } from '../../server/src/domain/commands.js';
import { PendingReplies, type Reply } from '../../server/src/engine/pending-replies.js';
import type { DomainPlayConfig } from './domain-play.js';

export type ToOracle = { t: 'next'; req: number; seat: number; sessionId: string; traineeId: string };
export type FromOracle =
  | { t: 'ready'; /** The thread's nice value (Linux), lowest priority: see domain-play-worker.ts. */ nice: number | undefined }
  | { t: 'failed'; error: string }
  /** The seat's next command as `value` (undefined: the player waits), or why the thread could not choose. */
  | ({ t: 'next' } & Reply);

export class DomainPlayThread {
  private readonly replies = new PendingReplies();
  private failure: Error | undefined;

  private constructor(private readonly worker: Worker, readonly nice: number | undefined) {
    worker.on('message', (m: FromOracle) => {
      if (m.t === 'next') this.replies.settle(m);
    });
    worker.on('error', (e) => this.fail(e));
    worker.on('exit', (code) => this.fail(new Error(`the domain players' thread exited (${code})`)));
  }

  /** Starts the thread; resolves once it has loaded the catalogue and opened the database. */
  static start(config: DomainPlayConfig): Promise<DomainPlayThread> {
    const worker = new Worker(new URL('../../server/src/engine/ts-worker.mjs', import.meta.url), {
      workerData: { entry: new URL('./domain-play-worker.ts', import.meta.url).href, config },
    });
    return new Promise((resolve, reject) => {
      const early = (e: Error) => reject(e);
      const earlyExit = (code: number) => reject(new Error(`the domain players' thread exited (${code}) before it was ready`));
      worker.once('error', early);
      worker.once('exit', earlyExit);
      worker.on('message', function ready(m: FromOracle) {
        if (m.t === 'failed') { worker.off('exit', earlyExit); reject(new Error(`the domain players' thread could not start: ${m.error}`)); return; }
        if (m.t !== 'ready') return;
        worker.off('message', ready);
        worker.off('error', early);
        worker.off('exit', earlyExit);
        resolve(new DomainPlayThread(worker, m.nice));
      });
    });
  }

  /** The next command of seat `seat` (its player is created on first use, as `DomainPlay.player` makes it); undefined to wait. */
  next(seat: number, sessionId: string, traineeId: string): Promise<TraineeCommand | undefined> {
    if (this.failure) return Promise.reject(this.failure);
    const { req, answer } = this.replies.open<TraineeCommand | undefined>();
    const message: ToOracle = { t: 'next', req, seat, sessionId, traineeId };
    this.worker.postMessage(message);
    return answer;
  }

  /** The thread's event-loop utilisation (the bench reports how busy the oracle kept it). */
  eventLoopUtilization(since?: EventLoopUtilization): EventLoopUtilization {
    return since ? this.worker.performance.eventLoopUtilization(since) : this.worker.performance.eventLoopUtilization();
  }

  async close(): Promise<void> {
    this.fail(new Error("the domain players' thread was closed"));
    await this.worker.terminate();
  }

  private fail(e: Error): void {
    this.failure ??= e;
    this.replies.failAll(e);
  }
}
