/**
 * One queue per key (a drill session): jobs for the same session run one
 * after the other, jobs for different sessions do not wait for each other.
 * Every read or write of a live session's machine goes through its queue, so a
 * view never shows events whose append has not yet completed.
 */
export class KeyedQueue {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, job: () => T | Promise<T>): Promise<T> {
    const prev = this.tails.get(key) ?? Promise.resolve();
    const next = prev.then(() => job());
    // Keep the chain alive whatever the job's outcome; drop it once idle.
    const tail = next.then(() => undefined, () => undefined);
    this.tails.set(key, tail);
    void tail.then(() => { if (this.tails.get(key) === tail) this.tails.delete(key); });
    return next;
  }

  /** Resolves when every queued job has finished. */
  async drain(): Promise<void> {
    while (this.tails.size) await Promise.all([...this.tails.values()]);
  }
}
