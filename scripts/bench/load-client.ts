/**
 * A load client process: many real socket.io-client trainees (one websocket
 * each), forked by bench-load (and bench-crash) so the clients' CPU is not the
 * server's. Each trainee logs in over REST, opens its socket with the cookie,
 * joins its session, then acts on its own desk every `intervalMs` of wall time
 * from a seeded random phase: the domain's seeded players choose the command
 * (on a thread of this process, see domain-play-thread.ts), or the desk player
 * from the desk view it was last pushed (see `chooseCommand`).
 *
 * IPC: ← start (connect everyone) → connected;  ← go (act until endAt) → result;
 *      ← report (crash mode: acknowledged actions and last views so far) → report;  ← stop.
 *
 * Latencies, all measured in this process:
 *  - ack: `trainee:command` sent → its ack received (the server acks after the durable write);
 *  - push: `desk:update` received − `benchEmitAt` stamped by the bench server just before emitting;
 *  - incident: the same for `notice` of kind `contact` (a new caller on the desk).
 */
import { randomUUID } from 'node:crypto';
import { monitorEventLoopDelay, performance, type EventLoopUtilization } from 'node:perf_hooks';
import { io, type Socket } from 'socket.io-client';
import { DeskFeed, type FeedOutcome } from '../../server/src/desk-state.js';
import type { TraineeCommand } from '../../server/src/domain/commands.js';
import type { TraineeView } from '../../server/src/domain/projection.js';
import type { TraineeSnapshot, TraineeUpdate } from '../../server/src/protocol.js';
import { emptyCounters, rng, benchNow, type AckStamps, type Counters } from './common.js';
import type { DomainPlayConfig } from './domain-play.js';
import { DomainPlayThread } from './domain-play-thread.js';

export interface Assignment {
  username: string; traineeId: string; sessionId: string;
  /** A runaway client (`--flood`): keeps FLOOD_IN_FLIGHT commands in flight for the whole run; not measured. */
  flood?: boolean;
}

/** Commands a flooding trainee keeps in flight (each answered one is sent again at once). */
const FLOOD_IN_FLIGHT = 16;

export interface StartMessage {
  type: 'start';
  url: string;
  target: 'deskdrill' | 'baseline';
  mode: 'load' | 'crash';
  password: string;
  assignments: Assignment[];
  seed: number;
  questionIds: string[];
  ackTimeoutMs: number;
  connectConcurrency?: number;
  /** Play with the domain's seeded players (see domain-play.ts) instead of the desk player. */
  domain?: DomainPlayConfig;
}
export interface GoMessage { type: 'go'; startAt: number; intervalMs: number; measureFrom: number; measureTo: number; endAt: number }

export interface ConnectedMessage { type: 'connected'; ok: number; failed: number; ms: number; errors: string[] }
export interface ResultMessage {
  type: 'result';
  /** Every acknowledged action ([sessionId, clientId, seq]), to check after the run that each is in the log. */
  acked: [string, string, number][];
  ack: number[]; push: number[]; incident: number[];
  /** The ack's round trip split by the server's stamps: client → server event, event → ack sent, ack sent → client. */
  ackParts: AckParts;
  /** Acks received inside the measuring window. */
  ackedInWindow: number;
  /** Commands sent inside the window and refused by the drill's rules (answered, not stored). */
  refusedInWindow: number;
  counters: Counters;
  refusals: Record<string, number>;
  errors: Record<string, number>;
  /** This client process over the measuring window: a saturated client would inflate the latencies it measures. */
  client: ClientLoad;
}
export interface AckParts { toServer: number[]; inServer: number[]; toClient: number[] }
export interface ClientLoad {
  /** The whole process (every thread), as a share of one core. */
  cpuShare: number;
  loopDelayP50: number; loopDelayP99: number; loopDelayMax: number;
  /** Event-loop utilisation of the sockets' loop, and of the domain players' thread when there is one. */
  loopBusy: number; oracleBusy?: number;
}
export interface AckedAction { sessionId: string; traineeId: string; clientId: string; seq: number; duplicate: boolean }
export interface ReportMessage {
  type: 'report';
  acked: AckedAction[];
  /** The latest desk view each trainee received (push or join answer), when newer than the last report. */
  views: { sessionId: string; traineeId: string; seq: number; view: unknown }[];
  inDoubt: number;
  connected: number;
  counters: Counters;
}

type View = { desk?: { contacts?: { id: string; takenAt?: number; endedAt?: number; ticketId?: string }[]; tickets?: { id: string; status: string }[] } };
type Cmd = Record<string, unknown> & { type: string };

let start: StartMessage;
let go: GoMessage | undefined;
const counters: Counters = emptyCounters();
/** The domain players' oracle on a thread of its own (`--player model|random|mixed`), started at start. */
let oracle: DomainPlayThread | undefined;
const ackLat: number[] = [];
const pushLat: number[] = [];
const incidentLat: number[] = [];
const ackParts: AckParts = { toServer: [], inServer: [], toClient: [] };
const refusals: Record<string, number> = {};
const errors: Record<string, number> = {};
let ackedInWindow = 0;
let refusedInWindow = 0;
const acked: AckedAction[] = [];
let stopping = false;

const bump = (o: Record<string, number>, k: string) => { o[k] = (o[k] ?? 0) + 1; };
const inWindow = (t: number) => !!go && t >= go.measureFrom && t < go.measureTo;

const NOTES = ['Rappel utilisateur prévu.', 'Redémarrage du poste effectué.', 'En attente du retour de l\'utilisateur.', 'Vérification en cours.'];
const QUERIES = ['imprimante', 'mot de passe', 'réseau', 'messagerie', 'vpn', 'écran', 'wifi', 'disque'];
const CLOSED = new Set(['closed', 'cancelled', 'new']);

/**
 * The desk player (`bench:load --player desk`; sessions 1-11 measured with it): seeded, working from the trainee's projection (a trainee never
 * sees the session state the domain players need): answer new contacts, open
 * and take a ticket for each, then cheap valid work — KB searches, questions to
 * callers still on the line, notes on open tickets.
 */
export function chooseCommand(view: View | undefined, r: () => number, questionIds: string[]): Cmd {
  const contacts = view?.desk?.contacts ?? [];
  const tickets = view?.desk?.tickets ?? [];
  const untaken = contacts.find((c) => c.takenAt === undefined);
  if (untaken) return { type: 'contact.take', contactId: untaken.id };
  const ticketless = contacts.find((c) => !c.ticketId);
  if (ticketless) return { type: 'ticket.create', contactId: ticketless.id, title: 'Demande utilisateur (bench)' };
  const fresh = tickets.find((t) => t.status === 'new');
  if (fresh) return { type: 'ticket.take', ticketId: fresh.id };
  const open = tickets.filter((t) => !CLOSED.has(t.status));
  const onCall = contacts.filter((c) => c.endedAt === undefined);
  const pick = <T>(xs: T[]) => xs[Math.floor(r() * xs.length)]!;
  const x = r();
  if (x < 0.34 && onCall.length && questionIds.length) return { type: 'call.ask', contactId: pick(onCall).id, questionId: pick(questionIds) };
  if (x < 0.67 && open.length) return { type: 'ticket.addNote', ticketId: pick(open).id, text: pick(NOTES) };
  return open.length ? { type: 'kb.search', ticketId: pick(open).id, query: pick(QUERIES) } : { type: 'kb.search', query: pick(QUERIES) };
}

class Trainee {
  socket!: Socket;
  /** The desk as the browser would show it, folded from the join's answer and the pushes (the browser's DeskFeed). */
  private readonly feed = new DeskFeed();
  get view(): TraineeView | undefined { return this.feed.desk?.view; }
  get viewSeq(): number { return this.feed.desk?.seq ?? -1; }
  reportedSeq = -1;
  pending: { clientId: string; command: Cmd; attempt: number } | undefined;
  /** Seq of the last acknowledged action: the next one waits until the desk view has caught up with it. */
  ackedSeq = 0;
  ackedAt = 0;
  attempt = 0;
  timer: NodeJS.Timeout | undefined;
  readonly r: () => number;
  /** The domain players' thread is choosing this seat's next command. */
  private choosing = false;

  constructor(readonly a: Assignment, private readonly seat: number) {
    this.r = rng(start.seed * 7919 + seat);
  }

  async connect(): Promise<void> {
    const headers: Record<string, string> = {};
    if (start.target === 'deskdrill') headers.cookie = await login(start.url, this.a.username, start.password);
    const crash = start.mode === 'crash';
    this.socket = io(start.url, {
      transports: ['websocket'], forceNew: true, extraHeaders: headers, query: { user: this.a.traineeId },
      reconnection: crash, reconnectionDelay: 100, reconnectionDelayMax: 400, randomizationFactor: 0.3, timeout: 20_000,
    });
    this.socket.on('desk:update', (u: TraineeUpdate & { benchEmitAt?: number }) => {
      const now = benchNow();
      counters.pushes++;
      if (u.benchEmitAt !== undefined && inWindow(now) && !this.a.flood) pushLat.push(now - u.benchEmitAt);
      // Payload size on a sample of pushes (stringifying every one would load the client).
      if (counters.pushes % 50 === 0) { counters.pushBytesSampled += JSON.stringify(u).length; counters.pushesSampled++; }
      this.take(u);
    });
    this.socket.on('notice', (n: { kind: string; benchEmitAt?: number }) => {
      const now = benchNow();
      counters.notices++;
      if (n.kind === 'contact' && n.benchEmitAt !== undefined && inWindow(now)) incidentLat.push(now - n.benchEmitAt);
    });
    this.socket.on('disconnect', (reason) => {
      if (stopping) return;
      if (this.a.flood) {
        // As the browser client does after a server-side close (socket.ts): connect again 500 ms later, then go on.
        counters.floodClosed++;
        setTimeout(() => { if (!stopping) { this.socket.once('connect', () => this.rejoin()); this.socket.connect(); } }, 500);
        return;
      }
      counters.disconnects++;
      bump(errors, `disconnect: ${reason}`);
      // An action in flight is now in doubt: it may or may not have been stored. It is retried with its clientId.
    });
    this.socket.io.on('reconnect', () => this.rejoin());
    await new Promise<void>((ok, fail) => {
      this.socket.once('connect', () => ok());
      this.socket.once('connect_error', (e) => { counters.connectErrors++; fail(e); });
    });
    await this.join();
  }

  /** After a reconnection: join again (retrying while the restarted server is busy), then retry the action in doubt. */
  private rejoin(): void {
    this.join().then(() => (this.a.flood ? this.startFlood() : this.retryPending()), () => {
      bump(errors, 'rejoin failed (retried)');
      setTimeout(() => { if (this.socket.connected && !stopping) this.rejoin(); }, 250);
    });
  }

  /** Folds a push as the browser does; one that does not fit means a missed push: join again. */
  private take(u: TraineeUpdate): void {
    this.gapCheck(this.feed.take(u));
  }

  private gapCheck(outcome: FeedOutcome): void {
    if (outcome !== 'gap') return;
    bump(errors, 'desk patch gap (joined again)');
    this.join().catch(() => bump(errors, 'join after a patch gap failed'));
  }

  async join(): Promise<void> {
    this.feed.joining();
    let res: { ok: boolean; data?: TraineeSnapshot; error?: { code: string } };
    try {
      res = await this.socket.timeout(start.ackTimeoutMs).emitWithAck('session:join', { sessionId: this.a.sessionId }) as typeof res;
    } catch (e) {
      this.feed.joinFailed();
      throw e;
    }
    if (!res.ok || !res.data) { this.feed.joinFailed(); throw new Error(`join refused: ${res.error?.code}`); }
    this.gapCheck(this.feed.joined(res.data));
  }

  schedule(at: number): void {
    if (!go || at >= go.endAt || stopping) return;
    if (this.a.flood) { this.timer = setTimeout(() => this.startFlood(), Math.max(0, go.startAt - benchNow())); return; }
    this.timer = setTimeout(() => { this.act(); this.schedule(at + go!.intervalMs); }, Math.max(0, at - benchNow()));
  }

  private act(): void {
    if (this.pending || this.choosing) { counters.skippedBusy++; return; }
    if (!this.socket.connected) { counters.skippedOffline++; return; }
    // As a person at the desk would: look at the result of the last action before the next one (up to 5 s).
    if (this.viewSeq < this.ackedSeq && benchNow() - this.ackedAt < 5_000) { counters.skippedStale++; return; }
    if (!oracle) { this.sendNew(this.deskCommand()); return; }
    this.choosing = true;
    oracle.next(this.seat, this.a.sessionId, this.a.traineeId).then(
      (command) => { this.choosing = false; this.sendChosen(command); },
      () => { this.choosing = false; counters.domainErrors++; this.sendChosen(undefined); },
    );
  }

  /** The domain player's move; when it would wait (nothing to do yet), the desk player's, so the offered rate holds. */
  private sendChosen(command: TraineeCommand | undefined): void {
    if (stopping || !go || benchNow() >= go.endAt) return;
    if (!this.socket.connected) { counters.skippedOffline++; return; }
    if (command) counters.domainCommands++;
    else counters.deskFallbacks++;
    this.sendNew(command ? (command as unknown as Cmd) : this.deskCommand());
  }

  /** The desk player's move, from the view this seat was last pushed. */
  private deskCommand(): Cmd {
    return chooseCommand(this.view, this.r, start.questionIds);
  }

  private sendNew(command: Cmd): void {
    this.send({ clientId: randomUUID(), command, attempt: ++this.attempt });
  }

  private startFlood(): void {
    for (let i = 0; i < FLOOD_IN_FLIGHT; i++) this.floodOne();
  }

  /** One command of a runaway client (a KB search is always valid), sent again as soon as it is answered. */
  private floodOne(): void {
    if (!go || benchNow() >= go.endAt || stopping || !this.socket.connected) return;
    counters.floodSent++;
    this.socket.timeout(start.ackTimeoutMs).emit('trainee:command', { sessionId: this.a.sessionId, clientId: randomUUID(), command: { type: 'kb.search', query: 'imprimante' } },
      (err: Error | null, res?: { ok: boolean; error?: { code: string } }) => {
        if (err) { counters.floodLost++; return; } // closed meanwhile: the flood starts again once it has reconnected
        else if (res?.ok) counters.floodAcked++;
        else if (res?.error?.code === 'request/rate_limited') counters.floodLimited++;
        else counters.floodRefused++;
        this.floodOne();
      });
  }

  private retryPending(): void {
    if (this.pending && this.socket.connected) this.send({ ...this.pending, attempt: ++this.attempt });
  }

  private send(p: { clientId: string; command: Cmd; attempt: number }): void {
    this.pending = p;
    const sentAt = benchNow();
    counters.sent++;
    this.socket.timeout(start.ackTimeoutMs).emit('trainee:command', { sessionId: this.a.sessionId, clientId: p.clientId, command: p.command },
      (err: Error | null, res?: { ok: boolean; data?: { seq: number; duplicate: boolean }; error?: { code: string } } & AckStamps) => {
        if (this.pending?.attempt !== p.attempt) return; // superseded by a retry after a reconnection
        const now = benchNow();
        if (err) {
          counters.ackTimeouts++;
          bump(errors, 'ack timeout');
          // In crash mode the action stays pending (in doubt) and is retried on reconnection.
          if (start.mode === 'load' || this.socket.connected) this.pending = undefined;
          return;
        }
        this.pending = undefined;
        if (res?.ok && res.data) {
          counters.acked++;
          this.ackedSeq = res.data.seq;
          this.ackedAt = now;
          if (res.data.duplicate) counters.duplicates++;
          if (inWindow(sentAt)) {
            ackLat.push(now - sentAt);
            ackedInWindow++;
            if (res.benchRecvAt !== undefined && res.benchAckAt !== undefined) {
              ackParts.toServer.push(res.benchRecvAt - sentAt);
              ackParts.inServer.push(res.benchAckAt - res.benchRecvAt);
              ackParts.toClient.push(now - res.benchAckAt);
            }
          }
          acked.push({ sessionId: this.a.sessionId, traineeId: this.a.traineeId, clientId: p.clientId, seq: res.data.seq, duplicate: res.data.duplicate });
        } else {
          const code = res?.error?.code ?? 'no answer';
          // Rule refusals (the desk moved on since the last view) are not failures of the server.
          if (/^(store|internal|auth|request|session\/not_found)/.test(code)) { counters.ackErrors++; bump(errors, code); } else { counters.refused++; bump(refusals, code); if (inWindow(sentAt)) refusedInWindow++; }
        }
      });
  }

  close(): void {
    clearTimeout(this.timer);
    this.socket?.close();
  }
}

async function login(url: string, username: string, password: string): Promise<string> {
  for (let attempt = 1; ; attempt++) {
    try {
      const res = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
      if (res.status !== 200) throw new Error(`login ${username}: HTTP ${res.status}`);
      const set = res.headers.get('set-cookie');
      if (!set) throw new Error('no cookie');
      return set.split(';')[0]!;
    } catch (e) {
      if (attempt >= 5) throw e;
      await new Promise((ok) => setTimeout(ok, 200 * attempt));
    }
  }
}

let trainees: Trainee[] = [];

async function connectAll(): Promise<void> {
  const t0 = benchNow();
  if (start.domain) oracle = await DomainPlayThread.start(start.domain);
  trainees = start.assignments.map((a, i) => new Trainee(a, i));
  let next = 0;
  let failed = 0;
  const errs: string[] = [];
  const worker = async () => {
    while (next < trainees.length) {
      const t = trainees[next++]!;
      try { await t.connect(); } catch (e) { failed++; if (errs.length < 5) errs.push(e instanceof Error ? e.message : String(e)); bump(errors, 'connect failed'); }
    }
  };
  await Promise.all(Array.from({ length: start.connectConcurrency ?? 32 }, worker));
  const msg: ConnectedMessage = { type: 'connected', ok: trainees.length - failed, failed, ms: Math.round(benchNow() - t0), errors: errs };
  process.send!(msg);
}

/** CPU and event-loop delay of this process between measureFrom and measureTo. */
function watchLoad(g: GoMessage): () => ClientLoad {
  const loop = monitorEventLoopDelay({ resolution: 5 });
  let cpu0: NodeJS.CpuUsage | undefined;
  let at0 = 0;
  let elu0: EventLoopUtilization | undefined;
  let oracleElu0: EventLoopUtilization | undefined;
  let result: ClientLoad = { cpuShare: 0, loopDelayP50: 0, loopDelayP99: 0, loopDelayMax: 0, loopBusy: 0 };
  setTimeout(() => {
    loop.enable(); cpu0 = process.cpuUsage(); at0 = benchNow();
    elu0 = performance.eventLoopUtilization(); oracleElu0 = oracle?.eventLoopUtilization();
  }, Math.max(0, g.measureFrom - benchNow()));
  setTimeout(() => {
    loop.disable();
    const cpu = process.cpuUsage(cpu0);
    const share = (x: number) => Math.round(x * 1000) / 1000;
    result = {
      cpuShare: share((cpu.user + cpu.system) / 1000 / (benchNow() - at0)),
      loopDelayP50: loop.percentile(50) / 1e6, loopDelayP99: loop.percentile(99) / 1e6, loopDelayMax: loop.max / 1e6,
      loopBusy: share(performance.eventLoopUtilization(elu0).utilization),
      ...(oracle && oracleElu0 ? { oracleBusy: share(oracle.eventLoopUtilization(oracleElu0).utilization) } : {}),
    };
  }, Math.max(0, g.measureTo - benchNow()));
  return () => result;
}

function begin(g: GoMessage): void {
  go = g;
  const load = watchLoad(g);
  for (const t of trainees) t.schedule(g.startAt + t.r() * g.intervalMs);
  // After the last action: wait for the acks still in flight (at most the ack timeout), then report.
  const deadline = g.endAt + start.ackTimeoutMs + 200;
  const finish = () => {
    const now = benchNow();
    if (now < g.endAt || (now < deadline && trainees.some((t) => t.pending))) { setTimeout(finish, now < g.endAt ? g.endAt - now : 100); return; }
    const msg: ResultMessage = { type: 'result', acked: acked.map((a) => [a.sessionId, a.clientId, a.seq]), ack: ackLat, ackParts, push: pushLat, incident: incidentLat, ackedInWindow, refusedInWindow, counters, refusals, errors, client: load() };
    process.send!(msg);
  };
  setTimeout(finish, Math.max(0, g.endAt - benchNow()));
}

function report(): void {
  const views: ReportMessage['views'] = [];
  for (const t of trainees) {
    if (t.viewSeq > t.reportedSeq && t.view) { views.push({ sessionId: t.a.sessionId, traineeId: t.a.traineeId, seq: t.viewSeq, view: t.view }); t.reportedSeq = t.viewSeq; }
  }
  const msg: ReportMessage = { type: 'report', acked: acked.splice(0), views, inDoubt: trainees.filter((t) => t.pending).length, connected: trainees.filter((t) => t.socket?.connected).length, counters };
  process.send!(msg);
}

process.on('message', (m: { type: string }) => {
  if (m.type === 'start') { start = m as StartMessage; void connectAll(); }
  if (m.type === 'go') begin(m as GoMessage);
  if (m.type === 'report') report();
  if (m.type === 'stop') { stopping = true; for (const t of trainees) t.close(); void oracle?.close(); setTimeout(() => process.exit(0), 50); }
});
process.on('disconnect', () => process.exit(0));
