/**
 * Questions asked to a worker thread and not answered yet. Each question gets a number, the thread's reply names
 * it, and a thread that stops or is closed fails every question still waiting at once. The scoring thread's host
 * side and the benchmarks' players' thread use it.
 */

/** A thread's reply to question `req`: a value, or why it could not answer. */
export type Reply = { req: number; ok: true; value: unknown } | { req: number; ok: false; error: string };

interface Waiting { resolve: (v: unknown) => void; reject: (e: Error) => void }

export class PendingReplies {
  private lastReq = 0;
  private readonly waiting = new Map<number, Waiting>();

  /** Questions waiting for their reply. */
  get size(): number {
    return this.waiting.size;
  }

  /** Numbers a new question; `answer` settles with its reply. */
  open<T>(): { req: number; answer: Promise<T> } {
    const req = ++this.lastReq;
    const answer = new Promise<T>((resolve, reject) => {
      this.waiting.set(req, { resolve: resolve as (v: unknown) => void, reject });
    });
    return { req, answer };
  }

  /** Settles the question a reply names; false if none waits for it (already failed, or never asked). */
  settle(reply: Reply): boolean {
    const w = this.waiting.get(reply.req);
    if (!w) return false;
    this.waiting.delete(reply.req);
    if (reply.ok) w.resolve(reply.value);
    else w.reject(new Error(reply.error));
    return true;
  }

  /** Fails every question still waiting (their replies, if any come, are then ignored). */
  failAll(e: Error): void {
    const all = [...this.waiting.values()];
    this.waiting.clear();
    for (const w of all) w.reject(e);
  }
}
