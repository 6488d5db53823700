/**
 * Seeking in a recorded session: a checkpointed fold. While the log is folded
 * once, a deep copy of the state is kept every `interval` events; reaching any
 * sequence number then means copying the nearest checkpoint at or before it
 * and applying at most `interval - 1` events. The live engine and the replay
 * share `applyEvent`, so the state at seq N is the state the trainee had.
 *
 * Copies use `cloneData` (a plain-data deep copy, several times faster than
 * structuredClone on this shape). Memory stays bounded on very long logs: past
 * `maxCheckpoints`, every other checkpoint is dropped and the interval doubles.
 */
import { cloneData } from '../clone.js';
import type { SessionEvent } from '../events.js';
import { projectForStaff, type StaffView } from '../projection.js';
import type { Catalog } from '../scenario.js';
import { applyEvent, initialState, type SessionState } from '../session.js';

export interface ReplayOptions {
  /** Events between checkpoints (default 500). Smaller: faster seeks, more memory. */
  interval?: number;
  /** Checkpoints kept at most (default 64); beyond, the interval doubles. */
  maxCheckpoints?: number;
}

interface Checkpoint { seq: number; /** Index in `events` of the first event not yet applied. */ next: number; state: SessionState }

export class ReplayIndex {
  private step: number;
  private readonly maxCheckpoints: number;
  private readonly events: SessionEvent[] = [];
  private readonly checkpoints: Checkpoint[] = [];
  /** The fold at the end of the log, kept so `extend` continues from it. */
  private readonly head: SessionState = initialState();
  /** ticket/contact id → trainee, for filtering the log per trainee. */
  private readonly owners = new Map<string, string>();

  constructor(readonly catalog: Catalog, events: readonly SessionEvent[] = [], options: ReplayOptions = {}) {
    this.step = Math.max(1, Math.floor(options.interval ?? 500));
    this.maxCheckpoints = Math.max(2, Math.floor(options.maxCheckpoints ?? 64));
    this.checkpoints.push({ seq: 0, next: 0, state: initialState() });
    this.extend(events);
  }

  /** Sequence number of the last event indexed. */
  get lastSeq(): number { return this.head.seq; }
  get length(): number { return this.events.length; }
  get checkpointCount(): number { return this.checkpoints.length; }
  /** Current events between checkpoints (a seek folds fewer than this many events). */
  get interval(): number { return this.step; }

  /** Indexes events appended after the last one seen (a running session keeps growing). */
  extend(events: readonly SessionEvent[]): void {
    for (const e of events) {
      if (e.seq <= this.head.seq) continue;
      this.noteOwner(e);
      applyEvent(this.head, e, this.catalog);
      this.events.push(e);
      const last = this.checkpoints[this.checkpoints.length - 1]!;
      if (this.events.length - last.next >= this.step) {
        this.checkpoints.push({ seq: e.seq, next: this.events.length, state: cloneData(this.head) });
        if (this.checkpoints.length > this.maxCheckpoints) this.thin();
      }
    }
  }

  /** The session state right after event `seq` (clamped to the log); the caller owns the copy. */
  stateAt(seq: number): SessionState {
    const target = Math.max(0, Math.min(Math.floor(seq), this.head.seq));
    const cp = this.checkpointAtOrBefore(target);
    const s = cloneData(cp.state);
    for (let i = cp.next; i < this.events.length; i++) {
      const e = this.events[i]!;
      if (e.seq > target) break;
      applyEvent(s, e, this.catalog);
    }
    return s;
  }

  /** The stored event with this sequence number, if any. */
  eventAt(seq: number): SessionEvent | undefined {
    const i = this.indexOf(seq);
    return i >= 0 ? this.events[i] : undefined;
  }

  /** Events with from < seq <= to, optionally only those concerning one trainee. */
  slice(from = 0, to = Number.POSITIVE_INFINITY, traineeId?: string): SessionEvent[] {
    const out: SessionEvent[] = [];
    let i = this.lowerBound(from + 1);
    for (; i < this.events.length; i++) {
      const e = this.events[i]!;
      if (e.seq > to) break;
      if (traineeId === undefined || this.traineeOf(e) === traineeId) out.push(e);
    }
    return out;
  }

  all(): readonly SessionEvent[] { return this.events; }

  /** The trainee an event concerns (its actor, or the owner of its ticket or contact); undefined for session-wide events. */
  traineeOf(e: SessionEvent): string | undefined {
    if (e.actor.role === 'trainee') return e.actor.id;
    const p = e.payload as { ticketId?: unknown; contactId?: unknown; traineeId?: unknown };
    if (typeof p.traineeId === 'string') return p.traineeId;
    if (typeof p.ticketId === 'string') return this.owners.get(p.ticketId);
    if (typeof p.contactId === 'string') return this.owners.get(p.contactId);
    return undefined;
  }

  private noteOwner(e: SessionEvent): void {
    if (e.type === 'session.created') for (const a of e.payload.timeline) this.owners.set(a.contactId, a.traineeId);
    else if (e.type === 'contact.injected') this.owners.set(e.payload.contactId, e.payload.traineeId);
    else if (e.type === 'ticket.created') {
      const owner = this.owners.get(e.payload.contactId) ?? (e.actor.role === 'trainee' ? e.actor.id : undefined);
      if (owner) this.owners.set(e.payload.ticketId, owner);
    }
  }

  /** Keeps every other checkpoint (the initial state always) and doubles the interval. */
  private thin(): void {
    const kept = this.checkpoints.filter((_, i) => i % 2 === 0);
    this.checkpoints.length = 0;
    this.checkpoints.push(...kept);
    this.step *= 2;
  }

  private checkpointAtOrBefore(seq: number): Checkpoint {
    let lo = 0, hi = this.checkpoints.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.checkpoints[mid]!.seq <= seq) lo = mid; else hi = mid - 1;
    }
    return this.checkpoints[lo]!;
  }

  /** First index whose seq >= seq. */
  private lowerBound(seq: number): number {
    let lo = 0, hi = this.events.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.events[mid]!.seq < seq) lo = mid + 1; else hi = mid;
    }
    return lo;
  }

  private indexOf(seq: number): number {
    const i = this.lowerBound(seq);
    return i < this.events.length && this.events[i]!.seq === seq ? i : -1;
  }
}

/**
 * The staff view of a state, optionally for one trainee's desk only (what the
 * replay shows by default): only that trainee's contacts and tickets are
 * projected, while the header still lists every trainee.
 */
export function staffView(s: SessionState, catalog: Catalog, traineeId?: string): StaffView {
  if (!traineeId) return projectForStaff(s, catalog);
  const own = <T extends { traineeId: string }>(r: Record<string, T>) => {
    const out: Record<string, T> = {};
    for (const [k, v] of Object.entries(r)) if (v.traineeId === traineeId) out[k] = v;
    return out;
  };
  const view = projectForStaff({ ...s, trainees: s.trainees.filter((x) => x.id === traineeId), contacts: own(s.contacts), tickets: own(s.tickets) }, catalog);
  view.session.trainees = s.trainees;
  return view;
}
