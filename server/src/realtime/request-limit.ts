/**
 * How many socket requests one user may make: a token bucket per user, shared by all of the user's sockets.
 * A person at a desk makes a few requests a second at most; a script or a client stuck in a loop could make
 * thousands, each one decided, stored and pushed, and the whole classroom would wait behind it (one event loop
 * serves every socket). Requests over the limit are refused before anything else is done for them.
 */

export interface RequestLimit {
  /** Sustained rate allowed per user (requests per second). */
  perSecond: number;
  /** Requests a user may make at once after a quiet spell (the bucket's size). */
  burst: number;
}

/** Ten a second, forty at once: far above a person's pace (each click or keystroke that acts is one request). */
export const DEFAULT_REQUEST_LIMIT: RequestLimit = { perSecond: 10, burst: 40 };

/**
 * A socket whose user piles up this many refusals is closed: answering a flood costs the event loop almost as
 * much as serving it (one runaway client refused over 20,000 times a second kept it 85–89 % busy,
 * docs/benchmarks-history.md, session 9), while a closed client has to connect and join again (the browser does so after
 * 500 ms). Refusals are forgiven at REFUSALS_FORGIVEN_PER_SECOND, so only a client that keeps asking well past the
 * limit gets there: a person cannot, each refusal says when to retry.
 */
export const CLOSE_AFTER_REFUSALS = 200;
export const REFUSALS_FORGIVEN_PER_SECOND = 20;

/** Every this many requests, the buckets that have refilled are dropped (see `sweep`). */
const SWEEP_EVERY = 1_000;
/** Refusals of one user are reported (logged) at most this often. */
const REPORT_EVERY_MS = 60_000;

interface Bucket { tokens: number; at: number; refused: number; reportedAt?: number }

export class RequestLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private takes = 0;

  /** `now` in ms (monotonic in the server; a test clock in tests). */
  constructor(readonly limit: RequestLimit, private readonly now: () => number = () => performance.now()) {
    if (!(limit.perSecond > 0) || !(limit.burst >= 1)) throw new Error(`a request limit needs perSecond > 0 and burst >= 1, got ${JSON.stringify(limit)}`);
  }

  /**
   * Counts one request of `userId`: true if it may go on (a token is spent), false if the user is over the limit
   * (no token is spent; the refusal counts towards `closeFlooder`).
   */
  take(userId: string): boolean {
    const now = this.now();
    if (++this.takes % SWEEP_EVERY === 0) this.sweep(now);
    const b = this.buckets.get(userId) ?? { tokens: this.limit.burst, at: now, refused: 0 };
    b.tokens = this.tokensAt(b, now);
    b.refused = Math.max(0, b.refused - ((now - b.at) / 1000) * REFUSALS_FORGIVEN_PER_SECOND);
    b.at = now;
    this.buckets.set(userId, b);
    if (b.tokens < 1) { b.refused++; return false; }
    b.tokens -= 1;
    return true;
  }

  /**
   * Whether the socket that just made a refused request should be closed (CLOSE_AFTER_REFUSALS piled up); the
   * count starts again, so the user's other sockets are not closed with it.
   */
  closeFlooder(userId: string): boolean {
    const b = this.buckets.get(userId);
    if (!b || b.refused < CLOSE_AFTER_REFUSALS) return false;
    b.refused = 0;
    return true;
  }

  /** Milliseconds until `userId` may make one more request (0 if now). */
  waitMs(userId: string): number {
    const b = this.buckets.get(userId);
    if (!b) return 0;
    const tokens = this.tokensAt(b, this.now());
    return tokens >= 1 ? 0 : Math.ceil(((1 - tokens) / this.limit.perSecond) * 1000);
  }

  /** What a refused request of `userId` is told: the limit, and when to retry. */
  refusalMessage(userId: string): string {
    const { perSecond, burst } = this.limit;
    return `too many requests: at most ${perSecond} per second (${burst} at once); this one was not applied, retry in ${this.waitMs(userId)} ms`;
  }

  /** Whether a refusal of `userId` should be reported now: the first one, then at most one a minute. */
  reportRefusal(userId: string): boolean {
    const b = this.buckets.get(userId);
    if (!b) return false;
    const now = this.now();
    if (b.reportedAt !== undefined && now - b.reportedAt < REPORT_EVERY_MS) return false;
    b.reportedAt = now;
    return true;
  }

  /** Users with a bucket (benchmarks and tests: the map does not grow with every user ever seen). */
  get tracked(): number {
    return this.buckets.size;
  }

  /** A bucket's tokens at `now`, refilled since it was last touched, up to the burst. */
  private tokensAt(b: Bucket, now: number): number {
    return Math.min(this.limit.burst, b.tokens + ((now - b.at) / 1000) * this.limit.perSecond);
  }

  /** Drops the buckets that have refilled and whose refusals are forgiven: a missing bucket is a full, clean one. */
  private sweep(now: number): void {
    const fullAfterMs = (this.limit.burst / this.limit.perSecond) * 1000;
    const forgivenAfterMs = (CLOSE_AFTER_REFUSALS / REFUSALS_FORGIVEN_PER_SECOND) * 1000;
    for (const [id, b] of this.buckets) if (now - b.at >= Math.max(fullAfterMs, forgivenAfterMs)) this.buckets.delete(id);
  }
}
