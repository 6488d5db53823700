/**
 * Runs a whole drill on the real engine with scripted players, the way the
 * server will: virtual time advances in steps, the schedule is caught up with
 * `advanceTo(t)` before every action, and each trainee gets at most one action
 * per step. Refused commands are recorded (the model player must have none).
 */
import type { TraineeCommand } from '../commands.js';
import type { Actor, SessionEvent } from '../events.js';
import { SessionMachine } from '../machine.js';
import type { Catalog } from '../scenario.js';
import type { ContactState, SessionState, TicketState } from '../session.js';

export interface PlayerView { state: SessionState; catalog: Catalog; traineeId: string; t: number }

export interface Player {
  readonly kind: string;
  /** The next command at virtual time `view.t`, or undefined to wait. */
  next(view: PlayerView): TraineeCommand | undefined;
}

export interface Seat { id: string; name?: string; player: Player }

export interface RunOptions {
  catalog: Catalog;
  drillId: string;
  seed?: number;
  seats: Seat[];
  /** Virtual time between two actions of one trainee (default DEFAULT_STEP_MS). */
  stepMs?: number;
  mode?: 'training' | 'exam';
  rubricVersion?: string;
}

export interface Refusal { traineeId: string; t: number; command: TraineeCommand; code: string; message: string }
export interface DrillRun { machine: SessionMachine; events: SessionEvent[]; refusals: Refusal[] }

export const TRAINER: Actor = { role: 'trainer', id: 'autoplay-trainer' };
/** An expert acts every 5 virtual seconds: dense drills (demo-short: three calls in ten minutes) need it. */
export const DEFAULT_STEP_MS = 5_000;

export function runDrill(o: RunOptions): DrillRun {
  const created = SessionMachine.creation(o.catalog, {
    drillId: o.drillId, seed: o.seed ?? 1, trainees: o.seats.map((s) => ({ id: s.id, name: s.name ?? s.id })),
    ...(o.mode ? { mode: o.mode } : {}), ...(o.rubricVersion ? { rubricVersion: o.rubricVersion } : {}),
  }, TRAINER);
  if (!created.ok) throw new Error(`${created.error.code}: ${created.error.message}`);
  const machine = new SessionMachine(o.catalog);
  machine.append([created.value]);
  const started = machine.control(TRAINER, { type: 'session.start' }, 0, 0);
  if (!started.ok) throw new Error(`${started.error.code}: ${started.error.message}`);

  const step = o.stepMs ?? DEFAULT_STEP_MS;
  const refusals: Refusal[] = [];
  const actors = o.seats.map((s) => ({ seat: s, actor: { role: 'trainee', id: s.id } as Actor }));
  const limit = machine.state.duration + step;
  const stopped = () => machine.state.status === 'stopped';
  for (let t = step; !stopped() && t <= limit; t += step) {
    for (const { seat, actor } of actors) {
      machine.advanceTo(t);
      if (stopped()) break;
      const command = seat.player.next({ state: machine.state, catalog: o.catalog, traineeId: seat.id, t });
      if (!command) continue;
      const r = machine.act(actor, command, t);
      if (!r.ok) refusals.push({ traineeId: seat.id, t, command, code: r.error.code, message: r.error.message });
    }
  }
  machine.advanceTo(limit);
  return { machine, events: machine.events, refusals };
}

// ------------------------------------------------------------ helpers the players share

/** A trainee's contacts in arrival order. */
export function contactsOf(state: SessionState, traineeId: string): ContactState[] {
  return Object.values(state.contacts).filter((c) => c.traineeId === traineeId).sort((a, b) => a.arrivedAt - b.arrivedAt || a.id.localeCompare(b.id));
}

export const ticketOf = (state: SessionState, c: ContactState): TicketState | undefined => (c.ticketId ? state.tickets[c.ticketId] : undefined);

export const hasReplied = (c: ContactState, reply: string) => c.transcript.some((l) => l.kind === 'call.replied' && l.reply === reply);

/** Untaken contacts, ticketless contacts and untaken tickets first: answering promptly stops the response clock. */
export function* triage(state: SessionState, contacts: ContactState[], title: (c: ContactState) => string): Generator<TraineeCommand> {
  for (const c of contacts) if (c.takenAt === undefined) yield { type: 'contact.take', contactId: c.id };
  for (const c of contacts) if (!c.ticketId) yield { type: 'ticket.create', contactId: c.id, title: title(c) };
  for (const c of contacts) { const tk = ticketOf(state, c); if (tk?.status === 'new') yield { type: 'ticket.take', ticketId: tk.id }; }
}
