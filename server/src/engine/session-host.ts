/**
 * Runs drill sessions: one SessionMachine per live session, one timer per
 * session set from the machine's next due event, and one queue per session so
 * commands and timer ticks are decided one at a time, in this order:
 *
 *   advance the schedule to "now" → decide → hand the batch to the store ┄┄ committed → ack → push views
 *
 * The session's turn ends once the batch is handed to the store: the next
 * command is decided on the state that includes it while its commit (an fsync)
 * is still running, so a session's actions do not wait for each other's disk
 * writes (pipelining). The store commits a session's batches in order and each
 * continues the previous one, so a batch whose predecessor failed fails too.
 *
 * Nothing is acknowledged, pushed or read out (`read`) before the store has
 * committed it. If an append fails, the machine is rebuilt from the stored log
 * once every append in flight has settled, so memory never stays ahead of the
 * disk. The host knows nothing of sockets: listeners (`onBatch`) prepare their
 * payloads inside the session's turn and the host emits them right after the
 * command's caller has been answered.
 */
import type { Logger } from 'pino';
import { virtualNow, wallAt } from '../domain/clock.js';
import type { EvaluatorCommand, TraineeCommand, TrainerCommand } from '../domain/commands.js';
import type { Actor, SessionEvent } from '../domain/events.js';
import { SessionMachine } from '../domain/machine.js';
import { err, ok, type DomainError, type Result } from '../domain/result.js';
import type { Catalog } from '../domain/scenario.js';
import { newId } from '../ids.js';
import type { ApiError, CommandAck } from '../protocol.js';
import type { SessionRecord, StoredScore, Store } from '../store/types.js';
import { LiveSession } from './live-session.js';
import type { Scorer } from './scoring-adapter.js';
import type { FeedbackFactory } from './feedback-source.js';
import { KeyedQueue } from './serial.js';

/** setTimeout's ceiling is 2^31-1 ms; a far event is re-checked at least this often. */
const MAX_TIMER_MS = 60_000;
/** Pause before retrying a timer tick whose append failed. */
const RETRY_MS = 1_000;
/** Stopped sessions kept in memory after a read (replays, re-scores); older ones are folded again on demand. */
const MAX_IDLE_STOPPED = 32;

export interface HostDeps {
  store: Store;
  catalog: Catalog;
  scorer: Scorer;
  logger: Logger;
  /** Wall clock in ms since the epoch. */
  wallNow?: () => number;
  /** Where live feedback is scored (default: in-thread with `scorer`; the server uses the scoring thread). */
  feedback?: FeedbackFactory;
}

export interface StoredBatch {
  sessionId: string;
  live: LiveSession;
  /** Seq before the batch: the events cover fromSeq < seq ≤ live.machine.state.seq. */
  fromSeq: number;
  events: SessionEvent[];
  /** The trainees whose desk the batch concerns (all of them for session-wide events). */
  concerned: string[];
}

/** Prepares what to send for a stored batch (inside the session's turn) and returns the sending step. */
export type BatchListener = (b: StoredBatch) => (() => void) | void;

export interface CreateSessionInput {
  classroomId: string;
  drillId: string;
  mode?: 'training' | 'exam';
  speed?: number;
  seed?: number;
  /** The trainer's name for the session (trimmed, 1–80 characters). */
  name?: string;
  createdBy: Actor;
  trainees: { id: string; name: string }[];
}

const storeFailure: ApiError = { code: 'store/unavailable', message: 'the action could not be stored; nothing was applied, please retry' };
const notFound = (id: string): ApiError => ({ code: 'session/not_found', message: `no session "${id}"` });

export class SessionHost {
  private readonly live = new Map<string, LiveSession>();
  private readonly queue = new KeyedQueue();
  private readonly listeners: BatchListener[] = [];
  /** Final scores being stored after a drill's stop was committed. */
  private readonly finishing = new Set<Promise<void>>();
  /** Sessions waiting to be rebuilt after a failed append. */
  private readonly rebuilding = new Set<LiveSession>();
  private readonly wallNow: () => number;
  private closed = false;

  constructor(private readonly deps: HostDeps) {
    this.wallNow = deps.wallNow ?? Date.now;
  }

  get catalog(): Catalog { return this.deps.catalog; }
  get scorer(): Scorer { return this.deps.scorer; }

  onBatch(listener: BatchListener): void {
    this.listeners.push(listener);
  }

  /** Creates a session (its `session.created` event is seq 1) and holds it in memory. */
  async create(input: CreateSessionInput): Promise<Result<SessionRecord, ApiError>> {
    const { catalog, store, scorer } = this.deps;
    const seed = input.seed ?? Math.floor(Math.random() * 2 ** 32);
    const created = SessionMachine.creation(catalog, {
      drillId: input.drillId, seed, trainees: input.trainees, rubricVersion: scorer.currentVersion,
      ...(input.mode ? { mode: input.mode } : {}), ...(input.speed !== undefined ? { speed: input.speed } : {}),
      ...(input.name !== undefined ? { name: input.name } : {}),
    }, input.createdBy);
    if (!created.ok) return err(created.error);
    const machine = new SessionMachine(catalog);
    const [first] = machine.append([created.value]);
    const id = newId('ses');
    let record: SessionRecord;
    try {
      record = await store.createSession({
        id, classroomId: input.classroomId, createdBy: input.createdBy.id, traineeIds: input.trainees.map((x) => x.id),
        created: first as Extract<SessionEvent, { type: 'session.created' }>,
      }, this.wallNow());
    } catch (e) {
      this.deps.logger.error({ err: e, sessionId: id }, 'session creation failed');
      return err(storeFailure);
    }
    this.live.set(id, this.open(record, machine));
    return ok(record);
  }

  /** Loads every session that has not stopped and restarts its timer (start-up after a crash or a restart). */
  async resumeAll(): Promise<string[]> {
    const open = await this.deps.store.listSessions({ statuses: ['created', 'running', 'paused'] });
    const resumed: string[] = [];
    for (const r of open) {
      const live = await this.queue.run(r.id, () => this.load(r.id));
      if (live) resumed.push(r.id);
    }
    return resumed;
  }

  traineeCommand(sessionId: string, actor: Actor, clientId: string, cmd: TraineeCommand): Promise<Result<CommandAck, ApiError>> {
    return this.command(sessionId, actor, clientId, (m, t) => m.act(actor, cmd, t, clientId));
  }

  trainerCommand(sessionId: string, actor: Actor, clientId: string, cmd: TrainerCommand): Promise<Result<CommandAck, ApiError>> {
    return this.command(sessionId, actor, clientId, (m, t, wallMs) => m.control(actor, cmd, t, wallMs, clientId));
  }

  evaluatorCommand(sessionId: string, actor: Actor, clientId: string, cmd: EvaluatorCommand): Promise<Result<CommandAck, ApiError>> {
    return this.command(sessionId, actor, clientId, (m) => m.evaluate(actor, cmd, clientId));
  }

  /**
   * Reads a session in its turn, and answers once everything the read saw is committed (so what it returns is
   * exactly stored state); undefined if the session does not exist. If an append it saw failed, it reads
   * again after the rebuild. `fn` may return a promise (an answer asked in the turn and computed elsewhere,
   * such as the scoring thread's): the read then answers with its value.
   */
  async read<T>(sessionId: string, fn: (live: LiveSession) => T): Promise<Awaited<T> | undefined> {
    for (let attempt = 1; ; attempt++) {
      const seen = await this.queue.run(sessionId, async () => {
        const live = await this.load(sessionId);
        return live ? { value: fn(live), durable: live.durable } : undefined;
      });
      if (!seen) return undefined;
      if (await seen.durable) return await seen.value;
      // Read again: an answer still being computed from this attempt is dropped, failures included.
      if (seen.value instanceof Promise) seen.value.catch(() => {});
      if (attempt >= 3) throw new Error(`session ${sessionId}: the store keeps failing`);
    }
  }

  /** Scores a session under a rubric version and stores the result beside earlier ones. */
  async rescore(sessionId: string, rubricVersion: string): Promise<Result<StoredScore, ApiError>> {
    if (!this.scorer.versions().includes(rubricVersion)) {
      return err({ code: 'rubric/unknown', message: `unknown rubric version "${rubricVersion}" (known: ${this.scorer.versions().join(', ')})` });
    }
    const computed = await this.read(sessionId, (live) => ({
      score: rubricVersion === live.machine.state.rubricVersion ? live.scores() : this.scorer.score(live.machine.events, this.catalog, rubricVersion),
      lastSeq: live.machine.state.seq,
    }));
    if (!computed) return err(notFound(sessionId));
    return ok(await this.deps.store.saveScore({ sessionId, rubricVersion, computedAt: this.wallNow(), ...computed }));
  }

  /** Stored scores; a stopped session that has none under its own rubric (crash right after the stop) is scored now. */
  async scores(sessionId: string): Promise<StoredScore[]> {
    const stored = await this.deps.store.listScores(sessionId);
    const rec = await this.deps.store.getSession(sessionId);
    if (rec?.status === 'stopped' && !stored.some((s) => s.rubricVersion === rec.rubricVersion)) {
      const r = await this.rescore(sessionId, rec.rubricVersion);
      if (r.ok) stored.push(r.value);
    }
    return stored;
  }

  /** Stops the timers and waits for queued work and appends in flight; the store stays open (the caller owns it). */
  async close(): Promise<void> {
    this.closed = true;
    for (const live of this.live.values()) clearTimeout(live.timer);
    await this.queue.drain();
    await Promise.all([...this.live.values()].map((l) => l.durable));
    await Promise.all([...this.finishing]);
    await this.queue.drain();
    for (const live of this.live.values()) clearTimeout(live.timer);
  }

  // ------------------------------------------------------------------ internals

  private async command(
    sessionId: string, actor: Actor, clientId: string,
    run: (m: SessionMachine, t: number, wallMs: number) => Result<SessionEvent[], DomainError>,
  ): Promise<Result<CommandAck, ApiError>> {
    const turn = await this.queue.run(sessionId, async (): Promise<{ answer: Result<CommandAck, ApiError>; durable?: Promise<boolean> }> => {
      const live = await this.load(sessionId);
      if (!live) return { answer: err(notFound(sessionId)) };
      // A retry of an applied command: answer as the first time (once that is committed), apply nothing.
      const seen = live.applied.get(clientId);
      if (seen) {
        return seen.actorId === actor.id
          ? { answer: ok({ seq: seen.seq, duplicate: true }), durable: live.durable }
          : { answer: err({ code: 'command/client_id_taken', message: 'this clientId was already used for another action; generate a new one per action' }) };
      }
      const m = live.machine;
      const wallMs = this.wallNow();
      const t = Math.floor(virtualNow(m.state.clock, wallMs));
      const fromSeq = m.state.seq;
      // The schedule catches up first, so the action lands after everything already due.
      const due = m.advanceTo(t);
      const decided = run(m, t, wallMs);
      const durable = this.stage(live, fromSeq, decided.ok ? [...due, ...decided.value] : due, wallMs);
      if (!decided.ok) return { answer: err(decided.error), durable };
      const own = decided.value.find((e) => e.clientId === clientId) ?? decided.value[decided.value.length - 1]!;
      return { answer: ok({ seq: own.seq, duplicate: false }), durable };
    });
    // Outside the turn: the session's next command is decided while this one's commit runs.
    if (turn.durable && !(await turn.durable)) return err(storeFailure);
    return turn.answer;
  }

  /**
   * Inside the session's turn: hands a decided batch to the store and lets listeners prepare their pushes.
   * Resolves true once it (and everything before it) is committed, then sends the pushes; false if an append
   * failed (the session is then rebuilt from the stored log).
   */
  private stage(live: LiveSession, fromSeq: number, events: SessionEvent[], wallMs: number): Promise<boolean> {
    this.schedule(live);
    if (events.length === 0) return live.durable;
    const concerned = live.noteDecided(events);
    const sends: (() => void)[] = [];
    for (const listener of this.listeners) {
      try {
        const send = listener({ sessionId: live.id, live, fromSeq, events, concerned });
        if (send) sends.push(send);
      } catch (e) {
        this.deps.logger.error({ err: e, sessionId: live.id }, 'batch listener failed');
      }
    }
    live.appendsInFlight++;
    const durable = this.deps.store.appendBatch(live.id, events, wallMs).then(() => true, (e: unknown) => {
      this.deps.logger.error({ err: e, sessionId: live.id, fromSeq, count: events.length }, 'append failed; rebuilding the session from the stored log');
      this.rebuildSoon(live);
      return false;
    }).then((committed) => { live.appendsInFlight--; return committed; });
    live.durable = durable;
    const stopped = events.some((e) => e.type === 'session.stopped');
    const after = durable.then(async (committed) => {
      if (!committed) return;
      // After the caller's ack: the command's promise settles in this tick's microtasks, setImmediate runs after them.
      if (sends.length) setImmediate(() => { for (const send of sends) send(); });
      if (stopped) {
        await this.storeFinalScore(live.id, wallMs);
        this.unloadIdleStopped();
      }
    });
    if (stopped) {
      // close() waits for it: a drill stopped just before a shutdown still gets its stored score.
      this.finishing.add(after);
      void after.then(() => this.finishing.delete(after));
    }
    return durable;
  }

  private async storeFinalScore(sessionId: string, wallMs: number): Promise<void> {
    try {
      // Through read(): the score of committed events only, with the seq it covers.
      const final = await this.read(sessionId, (live) => ({ rubricVersion: live.machine.state.rubricVersion, lastSeq: live.machine.state.seq, score: live.scores() }));
      if (final) await this.deps.store.saveScore({ sessionId, computedAt: wallMs, ...final });
    } catch (e) {
      // The log holds everything needed: scores() recomputes it on demand.
      this.deps.logger.error({ err: e, sessionId }, 'storing the final score failed');
    }
  }

  /** Rebuilds a session from its stored log in its turn, once the appends in flight have settled (one rebuild per failure burst). */
  private rebuildSoon(live: LiveSession): void {
    if (this.rebuilding.has(live)) return;
    this.rebuilding.add(live);
    clearTimeout(live.timer);
    live.timer = undefined;
    void this.queue.run(live.id, async () => {
      // In the turn nothing new is staged: the latest append is the last to settle (a session's appends settle in order).
      await live.durable;
      this.rebuilding.delete(live);
      try {
        live.reset(new SessionMachine(this.catalog, await this.deps.store.readLog(live.id)));
        this.schedule(live, RETRY_MS);
      } catch (e) {
        // The store cannot even be read: forget the session, the next access loads it again.
        this.deps.logger.error({ err: e, sessionId: live.id }, 'rebuild failed; session unloaded');
        this.forget(live);
      }
    });
  }

  /** The live session, loading it from the store on first use. Call only inside the session's turn. */
  private async load(sessionId: string): Promise<LiveSession | undefined> {
    const known = this.live.get(sessionId);
    if (known) {
      // Map order is the recency order used to unload stopped sessions.
      this.live.delete(sessionId);
      this.live.set(sessionId, known);
      return known;
    }
    const record = await this.deps.store.getSession(sessionId);
    if (!record) return undefined;
    const live = this.open(record, new SessionMachine(this.catalog, await this.deps.store.readLog(sessionId)));
    this.live.set(sessionId, live);
    this.unloadIdleStopped();
    this.schedule(live);
    return live;
  }

  /**
   * Forgets the least recently used stopped sessions beyond MAX_IDLE_STOPPED. Safe outside their turn: a
   * stopped session's log only grows by evaluator judgements, a session whose judgements are still being
   * committed is kept, and the next use folds the stored log again.
   */
  private unloadIdleStopped(): void {
    const stopped = [...this.live.values()].filter((l) => l.machine.state.status === 'stopped');
    const idle = stopped.filter((l) => l.appendsInFlight === 0);
    for (const l of idle.slice(0, Math.max(0, stopped.length - MAX_IDLE_STOPPED))) this.forget(l);
  }

  private open(record: SessionRecord, machine: SessionMachine): LiveSession {
    return new LiveSession(record, machine, this.deps.scorer, this.deps.feedback);
  }

  private forget(live: LiveSession): void {
    if (this.live.get(live.id) === live) this.live.delete(live.id);
    live.feedback.dispose();
  }

  /** Sets the session's single timer for its next due event (none while paused, stopped or not started). */
  private schedule(live: LiveSession, minDelay = 0): void {
    clearTimeout(live.timer);
    live.timer = undefined;
    const s = live.machine.state;
    if (this.closed || s.status !== 'running') return;
    const due = live.machine.nextDueAt();
    if (due === undefined) return;
    const delay = Math.min(MAX_TIMER_MS, Math.max(minDelay, Math.ceil(wallAt(s.clock, due) - this.wallNow())));
    live.timer = setTimeout(() => { void this.tick(live.id); }, delay);
  }

  private tick(sessionId: string): Promise<void> {
    return this.queue.run(sessionId, async () => {
      const live = this.live.get(sessionId);
      if (!live || this.closed) return;
      live.timer = undefined;
      const m = live.machine;
      if (m.state.status !== 'running') return;
      const wallMs = this.wallNow();
      const fromSeq = m.state.seq;
      const events = m.advanceTo(Math.floor(virtualNow(m.state.clock, wallMs)));
      // stage() reschedules (a timer that fired a little early simply finds nothing due and waits again).
      void this.stage(live, fromSeq, events, wallMs);
    }).catch((e: unknown) => {
      this.deps.logger.error({ err: e, sessionId }, 'timer tick failed');
    });
  }
}
