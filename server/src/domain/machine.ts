/**
 * A drill session in memory: the log plus the state folded from it. Assigns
 * sequence numbers, runs the schedule up to a virtual instant, and turns
 * commands into events. No I/O: the server persists what `append` returns
 * before acknowledging anything.
 */
import type { EvaluatorCommand, TraineeCommand, TrainerCommand } from './commands.js';
import { draft, SYSTEM, type Actor, type EventDraft, type SessionEvent } from './events.js';
import { decide } from './decide.js';
import { err, ok, domainError, type DomainError, type Result } from './result.js';
import type { Catalog } from './scenario.js';
import { nextDue, planTimeline, TicketDueCache } from './schedule.js';
import { applyEvent, initialState, type SessionState } from './session.js';

export interface CreateOptions {
  drillId: string;
  seed: number;
  mode?: 'training' | 'exam';
  speed?: number;
  rubricVersion?: string;
  trainees: { id: string; name: string }[];
  /** The session's name, as the trainer gave it (already trimmed). */
  name?: string;
}

export class SessionMachine {
  readonly state: SessionState = initialState();
  readonly events: SessionEvent[] = [];
  private dueCache: { seq: number; next: EventDraft | undefined } | undefined;
  private readonly ticketsDue = new TicketDueCache();

  constructor(readonly catalog: Catalog, log: readonly SessionEvent[] = []) {
    for (const e of log) this.apply(e);
  }

  private apply(e: SessionEvent): void {
    applyEvent(this.state, e, this.catalog);
    this.events.push(e);
    // The ticket an event names may owe another event now (see TicketDueCache).
    const p = e.payload as { ticketId?: unknown; ticketIds?: unknown };
    if (typeof p.ticketId === 'string') this.ticketsDue.forget(p.ticketId);
    if (Array.isArray(p.ticketIds)) for (const id of p.ticketIds) if (typeof id === 'string') this.ticketsDue.forget(id);
  }

  /** The `session.created` event for a new session (timeline expanded with the seed). */
  static creation(catalog: Catalog, o: CreateOptions, actor: Actor = SYSTEM): Result<EventDraft, DomainError> {
    const drill = catalog.drills[o.drillId];
    if (!drill) return err(domainError('drill/unknown', `unknown drill "${o.drillId}"`));
    if (o.trainees.length === 0) return err(domainError('session/no_trainees', 'a session needs at least one trainee'));
    const timeline = planTimeline(drill, catalog, o.trainees.map((x) => x.id), o.seed);
    return ok(draft('session.created', 0, actor, {
      drillId: drill.id, contractId: drill.contract, seed: o.seed >>> 0, mode: o.mode ?? drill.mode, speed: o.speed ?? 1,
      rubricVersion: o.rubricVersion ?? 'v1', trainees: o.trainees, timeline, duration: drill.duration,
      ...(o.name !== undefined ? { name: o.name } : {}),
    }));
  }

  /**
   * Applies events another machine decided (a replica following the live one): they must continue this
   * machine's log exactly.
   */
  follow(events: readonly SessionEvent[]): void {
    for (const e of events) {
      if (e.seq !== this.state.seq + 1) throw new Error(`event ${e.seq} does not follow seq ${this.state.seq}`);
      this.apply(e);
    }
  }

  /** Gives drafts their sequence numbers and applies them. */
  append(drafts: readonly EventDraft[]): SessionEvent[] {
    const out: SessionEvent[] = [];
    for (const d of drafts) {
      const e = { ...d, seq: this.state.seq + 1, t: Math.max(d.t, this.state.now) } as SessionEvent;
      this.apply(e);
      out.push(e);
    }
    return out;
  }

  /** Appends every scheduled event due at or before virtual time `t`. */
  advanceTo(t: number): SessionEvent[] {
    const out: SessionEvent[] = [];
    for (let guard = 0; guard < 100_000; guard++) {
      const next = this.due();
      if (!next || next.t > t) break;
      out.push(...this.append([next]));
    }
    return out;
  }

  /** The next virtual instant at which something is scheduled (for the shell's timer). */
  nextDueAt(): number | undefined {
    return this.due()?.t;
  }

  /** nextDue for the current state, computed once per seq (every state change is an appended event). */
  private due(): EventDraft | undefined {
    if (this.dueCache?.seq !== this.state.seq) this.dueCache = { seq: this.state.seq, next: nextDue(this.state, this.catalog, this.ticketsDue) };
    return this.dueCache.next;
  }

  /**
   * Trainee action at virtual time `t`. Callers run `advanceTo(t)` first (and
   * persist what it returns) so the schedule has caught up with the action.
   */
  act(actor: Actor, cmd: TraineeCommand, t: number, clientId?: string): Result<SessionEvent[], DomainError> {
    const d = decide(this.state, this.catalog, actor, cmd, Math.max(t, this.state.now), clientId);
    return d.ok ? ok(this.append(d.value)) : d;
  }

  /**
   * Trainer control at virtual time `t` and wall time `wallMs` (the clock anchor); `advanceTo(t)` first, as for `act`.
   * `clientId`, when given, is stamped on the first event so a retried command is recognised.
   */
  control(actor: Actor, cmd: TrainerCommand, t: number, wallMs: number, clientId?: string): Result<SessionEvent[], DomainError> {
    const s = this.state;
    const at = Math.max(t, s.now);
    const ev = (d: EventDraft) => ok(this.append(stamp([d], clientId)));
    switch (cmd.type) {
      case 'session.start':
        if (s.status !== 'created') return err(domainError('session/already_started', `the session is ${s.status}; it can be started once`));
        return ev(draft('session.started', 0, actor, { wallMs }));
      case 'session.pause':
        if (s.status !== 'running') return err(domainError('session/not_running', `the session is ${s.status}, not running`));
        return ev(draft('session.paused', at, actor, { wallMs }));
      case 'session.resume':
        if (s.status !== 'paused') return err(domainError('session/not_paused', `the session is ${s.status}, not paused`));
        return ev(draft('session.resumed', s.now, actor, { wallMs }));
      case 'session.setSpeed':
        if (s.status === 'stopped') return err(domainError('session/stopped', 'the session is stopped'));
        return ev(draft('session.speedChanged', s.status === 'running' ? at : s.now, actor, { speed: cmd.speed, wallMs }));
      case 'session.stop':
        if (s.status === 'stopped') return err(domainError('session/stopped', 'the session is already stopped'));
        return ev(draft('session.stopped', at, actor, { reason: 'trainer' }));
      case 'session.inject': {
        if (s.status === 'stopped') return err(domainError('session/stopped', 'the session is stopped'));
        const inc = this.catalog.incidents[cmd.incidentId];
        if (!inc) return err(domainError('incident/unknown', `unknown incident "${cmd.incidentId}"`));
        if (cmd.callerId && !this.catalog.personas[cmd.callerId]) return err(domainError('persona/unknown', `unknown caller "${cmd.callerId}"`));
        const targets = cmd.traineeId ? [cmd.traineeId] : s.trainees.map((x) => x.id);
        if (cmd.traineeId && !s.trainees.some((x) => x.id === cmd.traineeId)) return err(domainError('session/unknown_trainee', `trainee "${cmd.traineeId}" is not in this session`));
        const drafts = targets.map((traineeId, i) => {
          // Injected contacts are named after the sequence number they will get, so ids stay unique and replayable.
          const contactId = `${traineeId}-X${s.seq + 1 + i}`;
          return draft('contact.injected', at, actor, { contactId, traineeId, incidentId: inc.id, callerId: cmd.callerId ?? inc.caller, channel: inc.channel, at });
        });
        return ok(this.append(stamp(drafts, clientId)));
      }
      case 'session.broadcast':
        return ev(draft('broadcast.sent', at, actor, { message: cmd.message, major: cmd.major }));
      case 'session.message':
        if (cmd.traineeId && !s.trainees.some((x) => x.id === cmd.traineeId)) return err(domainError('session/unknown_trainee', `trainee "${cmd.traineeId}" is not in this session`));
        return ev(draft('message.sent', at, actor, { ...(cmd.traineeId ? { traineeId: cmd.traineeId } : {}), message: cmd.message }));
      case 'session.releaseFeedback':
        if (s.mode !== 'exam') return err(domainError('session/not_exam', 'feedback is only withheld in exam mode'));
        if (s.cancelled) return err(domainError('session/cancelled', 'the session was cancelled before it started: there are no results to publish'));
        if (s.feedbackReleased) return err(domainError('session/already_released', 'feedback is already released'));
        return ev(draft('feedback.released', at, actor, {}));
    }
  }

  /** Evaluator judgement; allowed at any time, even after the session stopped. */
  evaluate(actor: Actor, cmd: EvaluatorCommand, clientId?: string): Result<SessionEvent[], DomainError> {
    if (!this.state.trainees.some((x) => x.id === cmd.traineeId)) return err(domainError('session/unknown_trainee', `trainee "${cmd.traineeId}" is not in this session`));
    return ok(this.append([draft('grid.overridden', this.state.now, actor, { traineeId: cmd.traineeId, criterionId: cmd.criterionId, level: cmd.level, comment: cmd.comment }, clientId)]));
  }
}

/** Puts the command's client id on the first draft (follow-ups carry none, as in `decide`). */
function stamp(drafts: EventDraft[], clientId: string | undefined): EventDraft[] {
  if (clientId === undefined || drafts.length === 0) return drafts;
  return [{ ...drafts[0]!, clientId } as EventDraft, ...drafts.slice(1)];
}
