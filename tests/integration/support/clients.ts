/**
 * Real clients: fetch for REST (with the login cookie) and socket.io-client
 * sockets that record every message they receive, so tests can both await a
 * specific push and inspect everything a user was ever sent.
 */
import { randomUUID } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';
import type { Ack, ClientToServerEvents, ServerToClientEvents, StaffUpdate, TraineeResults, TraineeUpdate } from '../../../server/src/protocol.js';
import { applyTraineeUpdate, type DeskState } from '../../../server/src/desk-state.js';
import { applyStaffUpdate } from '../../../server/src/staff-state.js';
import { PASSWORD, startServer, type TestServer } from './server.js';

export interface HttpResult<T = unknown> { status: number; body: T; headers: Headers }

export async function http<T = unknown>(url: string, method: string, path: string, o: { cookie?: string; body?: unknown; rawBody?: string; headers?: Record<string, string> } = {}): Promise<HttpResult<T>> {
  const headers: Record<string, string> = { accept: 'application/json', ...o.headers };
  if (o.cookie) headers.cookie = o.cookie;
  let body: string | undefined;
  if (o.rawBody !== undefined) { body = o.rawBody; headers['content-type'] ??= 'application/json'; }
  else if (o.body !== undefined) { body = JSON.stringify(o.body); headers['content-type'] = 'application/json'; }
  const res = await fetch(url + path, { method, headers, ...(body !== undefined ? { body } : {}) });
  const text = await res.text();
  let parsed: unknown = text;
  try { parsed = text ? JSON.parse(text) : undefined; } catch { /* not JSON */ }
  return { status: res.status, body: parsed as T, headers: res.headers };
}

/**
 * A server with the real scorer and one classroom, « Promo A »: trainer `tr` (Tina Trainer) and trainee `alice`
 * (Alice A.), both logged in.
 */
export async function classroomServer(): Promise<{ srv: TestServer; classroomId: string; aliceId: string; trainerCookie: string; aliceCookie: string }> {
  const srv = await startServer({ scorer: 'real' });
  const tr = await srv.createUser('tr', 'trainer', 'Tina Trainer');
  const a = await srv.createUser('alice', 'trainee', 'Alice A.');
  const classroomId = await srv.createClassroom('Promo A', [tr, a]);
  return { srv, classroomId, aliceId: a.id, trainerCookie: await login(srv.url, 'tr'), aliceCookie: await login(srv.url, 'alice') };
}

/** Logs in and returns the cookie header value. */
export async function login(url: string, username: string, password = PASSWORD): Promise<string> {
  const r = await http(url, 'POST', '/api/auth/login', { body: { username, password } });
  if (r.status !== 200) throw new Error(`login ${username} failed: ${r.status} ${JSON.stringify(r.body)}`);
  const set = r.headers.get('set-cookie');
  if (!set) throw new Error('no cookie set');
  return set.split(';')[0]!;
}

export interface Received { event: string; payload: unknown }

export class TestClient {
  readonly socket: Socket<ServerToClientEvents, ClientToServerEvents>;
  /** Every message received, pushes and acks alike, in arrival order. */
  readonly received: Received[] = [];
  private waiters: { event: string; pred: (p: never) => boolean; resolve: (p: unknown) => void }[] = [];
  /** The desk as the real client folds it from joins and pushes (feedback rebuilt from patches). */
  lastDesk: DeskState | undefined;
  lastStaff: StaffUpdate | undefined;
  /** Feedback patches that did not fit the list held (the real client would join again). */
  feedbackGaps = 0;
  /** Partial staff pushes that did not continue the view held (the real client would join again). */
  staffGaps = 0;
  /** Highest seq seen in any update (what a client would send to resync). */
  lastSeq = 0;

  constructor(readonly url: string, readonly cookie: string, opts: { reconnection?: boolean } = {}) {
    this.socket = io(url, {
      transports: ['websocket'], extraHeaders: { cookie }, forceNew: true, timeout: 20_000,
      reconnection: opts.reconnection ?? false, reconnectionDelay: 200, reconnectionDelayMax: 1000,
    });
    this.socket.onAny((event: string, payload: unknown) => this.record(event, payload));
  }

  private record(event: string, payload: unknown): void {
    this.received.push({ event, payload });
    if (event === 'desk:update') this.take(payload as TraineeUpdate, 'desk');
    if (event === 'desk:results') {
      const next = applyTraineeUpdate(this.lastDesk, payload as TraineeResults);
      if (next) this.lastDesk = next; else this.feedbackGaps++;
    }
    if (event === 'staff:update') this.take(payload as StaffUpdate, 'staff');
    for (const w of [...this.waiters]) {
      if (w.event === event && w.pred(payload as never)) { this.waiters.splice(this.waiters.indexOf(w), 1); w.resolve(payload); }
    }
  }

  private take(u: TraineeUpdate | StaffUpdate, kind: 'desk' | 'staff'): void {
    if (kind === 'desk') {
      const next = applyTraineeUpdate(this.lastDesk, u as TraineeUpdate);
      if (next) this.lastDesk = next; else this.feedbackGaps++;
    }
    if (kind === 'staff') {
      const next = applyStaffUpdate(this.lastStaff, u as StaffUpdate);
      if (next) this.lastStaff = next; else this.staffGaps++;
    }
    // Pushes and join answers can cross; the highest seq wins, as in the real client.
    if (u.seq < this.lastSeq) return;
    this.lastSeq = u.seq;
  }

  connected(): Promise<void> {
    if (this.socket.connected) return Promise.resolve();
    return new Promise((resolve, reject) => {
      this.socket.once('connect', () => resolve());
      this.socket.once('connect_error', (e) => reject(e));
    });
  }

  /** Emits a request and resolves with the ack (recorded like any received message). */
  request<T = unknown>(event: keyof ClientToServerEvents | string, payload: unknown, timeoutMs = 20_000): Promise<Ack<T>> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ack for ${event} within ${timeoutMs} ms`)), timeoutMs);
      (this.socket as unknown as Socket).emit(event, payload, (res: Ack<T>) => {
        clearTimeout(timer);
        this.received.push({ event: `ack:${event}`, payload: res });
        const data = res.ok ? res.data as unknown as { seq?: number; view?: unknown } : undefined;
        if (data?.view && typeof data.seq === 'number') this.take(data as unknown as TraineeUpdate, (data.view as { role: string }).role === 'trainee' ? 'desk' : 'staff');
        resolve(res);
      });
    });
  }

  async join(sessionId: string, lastSeq?: number): Promise<Ack<TraineeUpdate | StaffUpdate>> {
    return this.request('session:join', lastSeq === undefined ? { sessionId } : { sessionId, lastSeq });
  }

  /** Sends a trainee command with a fresh client id; returns the ack. */
  act(sessionId: string, command: unknown, clientId: string = randomUUID()) {
    return this.request<{ seq: number; duplicate: boolean }>('trainee:command', { sessionId, clientId, command });
  }

  control(sessionId: string, command: unknown, clientId: string = randomUUID()) {
    return this.request<{ seq: number; duplicate: boolean }>('trainer:command', { sessionId, clientId, command });
  }

  /** Resolves with the first message of `event` (already received or future) matching `pred`. */
  waitFor<T>(event: string, pred: (p: T) => boolean = () => true, timeoutMs = 30_000): Promise<T> {
    const seen = this.received.find((r) => r.event === event && pred(r.payload as T));
    if (seen) return Promise.resolve(seen.payload as T);
    return this.next(event, pred, timeoutMs);
  }

  /** Resolves with the next future message of `event` matching `pred`. */
  next<T>(event: string, pred: (p: T) => boolean = () => true, timeoutMs = 30_000): Promise<T> {
    return new Promise((resolve, reject) => {
      const w = { event, pred: pred as (p: never) => boolean, resolve: resolve as (p: unknown) => void };
      this.waiters.push(w);
      setTimeout(() => {
        const i = this.waiters.indexOf(w);
        if (i >= 0) { this.waiters.splice(i, 1); reject(new Error(`no ${event} matching within ${timeoutMs} ms`)); }
      }, timeoutMs);
    });
  }

  /** The desk view once it includes seq (the push that follows an ack). */
  async deskAt(seq: number): Promise<DeskState> {
    return this.deskWhen((d) => d.seq >= seq);
  }

  /** The folded staff view once it satisfies `pred` (checked now and after each staff push). */
  async staffWhen(pred: (s: StaffUpdate) => boolean, timeoutMs = 30_000): Promise<StaffUpdate> {
    if (this.lastStaff && pred(this.lastStaff)) return this.lastStaff;
    await this.next<StaffUpdate>('staff:update', () => this.lastStaff !== undefined && pred(this.lastStaff), timeoutMs);
    return this.lastStaff!;
  }

  /** The folded desk once it satisfies `pred` (checked now and after each desk push). */
  async deskWhen(pred: (d: DeskState) => boolean, timeoutMs = 30_000): Promise<DeskState> {
    if (this.lastDesk && pred(this.lastDesk)) return this.lastDesk;
    const met = () => this.lastDesk !== undefined && pred(this.lastDesk);
    const onView = this.next('desk:update', met, timeoutMs);
    const onResults = this.next('desk:results', met, timeoutMs);
    // The one that does not settle it times out later: nothing waits on it.
    onView.catch(() => undefined);
    onResults.catch(() => undefined);
    await Promise.race([onView, onResults]);
    return this.lastDesk!;
  }

  close(): void { this.socket.disconnect(); }
}

export async function connect(url: string, cookie: string, opts: { reconnection?: boolean } = {}): Promise<TestClient> {
  const c = new TestClient(url, cookie, opts);
  await c.connected();
  return c;
}

export function unwrap<T>(ack: Ack<T>): T {
  if (!ack.ok) throw new Error(`refused: ${ack.error.code}: ${ack.error.message}`);
  return ack.data;
}
