/**
 * Runs background jobs one per event-loop iteration. Timers that fall due
 * together (the scored flushes of every session, after a GC pause or a busy
 * stretch) would otherwise all run in one timers phase, holding the loop for
 * tens of milliseconds while acks, socket reads and the store's answers wait.
 * Between two jobs the pump yields with setImmediate, so the loop polls I/O.
 *
 * A job resolves when its own CPU-bound part has run (not when everything it
 * started has settled), so waiting on the disk does not slow the pump.
 * A key is queued at most once: adding a queued key keeps its place.
 */
export type PumpJob = () => Promise<unknown> | void;

export class LoopPump {
  private readonly queue = new Map<string, PumpJob>();
  private running = false;
  private stopped = false;

  constructor(private readonly onError: (key: string, e: unknown) => void = () => {}) {}

  /** Queues a job under `key` unless one is already queued there. */
  add(key: string, job: PumpJob): void {
    if (this.stopped || this.queue.has(key)) return;
    this.queue.set(key, job);
    if (!this.running) {
      this.running = true;
      setImmediate(() => void this.next());
    }
  }

  get size(): number { return this.queue.size; }

  /** Forgets queued jobs and takes no more. */
  stop(): void {
    this.stopped = true;
    this.queue.clear();
  }

  private async next(): Promise<void> {
    const first = this.queue.entries().next();
    if (first.done) { this.running = false; return; }
    const [key, job] = first.value;
    this.queue.delete(key);
    try {
      await job();
    } catch (e) {
      this.onError(key, e);
    }
    setImmediate(() => void this.next());
  }
}
