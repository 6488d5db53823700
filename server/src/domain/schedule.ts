/**
 * What the simulation does by itself: callers arriving on the drill's timeline,
 * SLA warnings and breaches, resolver groups answering escalations, the drill
 * ending. `nextDue` gives the earliest such event; the shell appends it when
 * virtual time reaches it. Pure: everything comes from the state.
 */
import { draft, SYSTEM, type Arrival, type EventDraft } from './events.js';
import { Rng } from './random.js';
import type { Catalog, Drill } from './scenario.js';
import { MINUTE, reachesAt, targetsFor } from './sla.js';
import type { SessionState, TicketState } from './session.js';

/** Delay before a resolver group bounces back an incomplete or misrouted escalation. */
export const RETURN_DELAY = 5 * MINUTE;

/** Expands a drill's timeline for each trainee: repeats, seeded jitter, stable contact ids. */
export function planTimeline(drill: Drill, catalog: Catalog, traineeIds: string[], seed: number): Arrival[] {
  const rng = new Rng(seed >>> 0);
  const out: Arrival[] = [];
  for (const traineeId of traineeIds) {
    let n = 0;
    for (const entry of drill.timeline) {
      const inc = catalog.incidents[entry.incident]!;
      const count = entry.repeat?.count ?? 1;
      for (let k = 0; k < count; k++) {
        const base = entry.at + k * (entry.repeat?.every ?? 0);
        const jitter = entry.jitter ? Math.round((rng.next() * 2 - 1) * entry.jitter) : 0;
        const at = Math.min(drill.duration, Math.max(0, base + jitter));
        n++;
        out.push({ contactId: `${traineeId}-C${String(n).padStart(3, '0')}`, traineeId, incidentId: inc.id, callerId: entry.caller ?? inc.caller, channel: inc.channel, at });
      }
    }
  }
  // Stable order: by time, then trainee, then contact id.
  return out.sort((a, b) => a.at - b.at || a.contactId.localeCompare(b.contactId));
}

interface Candidate { t: number; rank: number; key: string; make: (t: number) => EventDraft }

/**
 * Candidates are ordered by time, then rank (arrivals, group answers, SLA, end), then key. Called after every
 * event on every live session, so the scan keeps only the earliest candidate and builds an event only for it
 * (the key and its locale comparison only matter on a tie).
 */
class Earliest {
  best: Candidate | undefined;
  beats(t: number, rank: number): boolean {
    const b = this.best;
    return !b || t < b.t || (t === b.t && rank <= b.rank);
  }
  offer(c: Candidate): void {
    const b = this.best;
    // Past `beats`, only a tie on time and rank is left for the key to decide.
    if (this.beats(c.t, c.rank) && (!b || c.t < b.t || c.rank < b.rank || c.key.localeCompare(b.key) < 0)) this.best = c;
  }
}

/** The order `Earliest` keeps: time, then rank, then key (unique per ticket candidate, so a total order). */
function before(a: Candidate, b: Candidate): boolean {
  return a.t < b.t || (a.t === b.t && (a.rank < b.rank || (a.rank === b.rank && a.key.localeCompare(b.key) < 0)));
}

interface HeapEntry { id: string; c: Candidate }

/**
 * Each ticket's earliest owed event (a group's answer, an SLA warning or breach), kept between calls. A ticket
 * changes only through events whose payload names it (`ticketId`, `ticketIds`; `ticket.created` too), and its
 * owed event depends only on the ticket, the contract and the catalogue (both fixed for a session), so the owner
 * forgets a ticket when such an event is applied (`SessionMachine` does) and `earliest` computes only those.
 * Candidates sit in a binary min-heap in `Earliest`'s order so a call costs the forgotten tickets, not the
 * session's (the scan grew with every ticket of a drill). Deletion is lazy: an entry counts only while its
 * candidate is still the ticket's current one.
 */
export class TicketDueCache {
  private readonly byTicket = new Map<string, Candidate | null>();
  private readonly dirty = new Set<string>();
  private heap: HeapEntry[] = [];
  /** Tickets with a candidate: the heap's valid entries. */
  private live = 0;
  /** `s.counters.ticket` when the cache last checked it knew every ticket. */
  private counted = 0;

  forget(ticketId: string): void { this.dirty.add(ticketId); }

  /** The earliest candidate over all tickets of `s`, as a scan offering each ticket's `ticketDue` would give. */
  earliest(s: SessionState, catalog: Catalog): Candidate | undefined {
    this.refresh(s, catalog);
    // Every ticket is created by a `ticket.created` naming it, so it is already known; the counter (one per
    // created ticket) checks that cheaply and catches up by a scan for an owner that did not forget it.
    if (s.counters.ticket !== this.counted) {
      this.counted = s.counters.ticket;
      if (this.byTicket.size !== this.counted) {
        for (const id in s.tickets) if (!this.byTicket.has(id)) this.dirty.add(id);
        this.refresh(s, catalog);
      }
    }
    const h = this.heap;
    while (h.length && this.byTicket.get(h[0]!.id) !== h[0]!.c) this.pop();
    return h[0]?.c;
  }

  /** Computes the forgotten tickets again and pushes their new candidates (the old entries go stale). */
  private refresh(s: SessionState, catalog: Catalog): void {
    for (const id of this.dirty) {
      const tk = s.tickets[id];
      if (!tk) continue; // not a ticket (yet): its `ticket.created` will name it
      const c = ticketDue(tk, s, catalog) ?? null;
      this.live += (c ? 1 : 0) - (this.byTicket.get(id) ? 1 : 0);
      this.byTicket.set(id, c);
      if (c) this.push({ id, c });
    }
    this.dirty.clear();
    // Stale entries would pile up on a long drill: rebuild from the current candidates now and then.
    if (this.heap.length > 2 * this.live + 64) {
      this.heap = [];
      for (const [id, c] of this.byTicket) if (c) this.push({ id, c });
    }
  }

  private push(e: HeapEntry): void {
    const h = this.heap;
    let i = h.push(e) - 1;
    while (i > 0) {
      const up = (i - 1) >> 1;
      if (!before(e.c, h[up]!.c)) break;
      h[i] = h[up]!;
      i = up;
    }
    h[i] = e;
  }

  private pop(): void {
    const h = this.heap;
    const e = h.pop()!;
    if (!h.length) return;
    let i = 0;
    for (;;) {
      let min = 2 * i + 1;
      if (min >= h.length) break;
      if (min + 1 < h.length && before(h[min + 1]!.c, h[min]!.c)) min++;
      if (!before(h[min]!.c, e.c)) break;
      h[i] = h[min]!;
      i = min;
    }
    h[i] = e;
  }
}

/** The earliest event the simulation owes, with its virtual time (never before the state's `now`). */
export function nextDue(s: SessionState, catalog: Catalog, cache?: TicketDueCache): EventDraft | undefined {
  if (s.status === 'created' || s.status === 'stopped') return undefined;
  const cands = new Earliest();
  const a = s.timeline[s.nextArrival];
  if (a) cands.offer({ t: a.at, rank: 0, key: a.contactId, make: (t) => draft('contact.arrived', t, SYSTEM, { contactId: a.contactId }) });

  if (cache) {
    // The cache's earliest candidate is the scan's winner among tickets: the order is total (unique keys).
    const c = cache.earliest(s, catalog);
    if (c) cands.offer(c);
  } else {
    for (const id in s.tickets) {
      const tk = s.tickets[id]!;
      if (tk.status === 'escalated' && tk.escalatedAt !== undefined && tk.groupId) groupAnswer(tk, s, catalog, cands);
      slaDue(tk, s, cands);
    }
  }
  cands.offer({ t: s.duration, rank: 9, key: '', make: (t) => draft('session.stopped', t, SYSTEM, { reason: 'ended' }) });

  const first = cands.best;
  return first ? first.make(Math.max(first.t, s.now)) : undefined;
}

/** One ticket's earliest owed event, whatever the others owe. */
function ticketDue(tk: TicketState, s: SessionState, catalog: Catalog): Candidate | undefined {
  const cands = new Earliest();
  if (tk.status === 'escalated' && tk.escalatedAt !== undefined && tk.groupId) groupAnswer(tk, s, catalog, cands);
  slaDue(tk, s, cands);
  return cands.best;
}

const SLA_CLOCKS = ['response', 'resolution'] as const;

function slaDue(tk: TicketState, s: SessionState, cands: Earliest): void {
  if (tk.status === 'closed' || tk.status === 'cancelled') return;
  if (tk.sla.response === 'breached' && tk.sla.resolution === 'breached') return;
  const targets = targetsFor(s.contract, tk.priority);
  const share = s.contract.warnShare;
  for (const clock of SLA_CLOCKS) {
    const timer = clock === 'response' ? tk.responseSla : tk.resolutionSla;
    const target = targets[clock];
    const phase = tk.sla[clock];
    if (phase === 'breached') continue;
    const amount = phase === 'ok' ? target * share : target;
    const at = reachesAt(timer, amount);
    if (at === undefined || !cands.beats(at, 2)) continue;
    const type = phase === 'ok' ? 'sla.warning' : 'sla.breached';
    cands.offer({ t: at, rank: 2, key: `${tk.id}:${clock}`, make: (t) => draft(type, t, SYSTEM, { ticketId: tk.id, clock }) });
  }
}

function groupAnswer(tk: TicketState, s: SessionState, catalog: Catalog, cands: Earliest): void {
  // Resolved answers come after returns, both at the escalation time plus a delay: a cheap bound first.
  if (!cands.beats(tk.escalatedAt! + Math.min(RETURN_DELAY, catalog.groups[tk.groupId!]!.resolveMinutes * MINUTE), 1)) return;
  const inc = catalog.incidents[tk.incidentId]!;
  const group = catalog.groups[tk.groupId!]!;
  const last = tk.escalations[tk.escalations.length - 1]!;
  const r = inc.truth.resolution;
  const by = { role: 'system' as const, id: group.id };
  if (r.level !== 'escalate' || r.group !== group.id) {
    const text = r.level === 'escalate'
      ? `${group.name.fr} : ce ticket ne relève pas de notre périmètre, merci de le réorienter.`
      : `${group.name.fr} : ce cas se traite au niveau 1 avec la base de connaissances, nous vous le retournons.`;
    cands.offer({ t: tk.escalatedAt! + RETURN_DELAY, rank: 1, key: tk.id, make: (t) => draft('group.returned', t, by, { ticketId: tk.id, groupId: group.id, missing: [], text }) });
    return;
  }
  const missing = inc.facts.filter((f) => f.required && !last.factIds.includes(f.id)).map((f) => f.id);
  if (!tk.assetTag && inc.asset) missing.push('asset');
  if (missing.length) {
    const labels = missing.map((m) => (m === 'asset' ? 'le matériel concerné' : inc.facts.find((f) => f.id === m)!.label.fr.toLowerCase()));
    cands.offer({ t: tk.escalatedAt! + RETURN_DELAY, rank: 1, key: tk.id, make: (t) => draft('group.returned', t, by, { ticketId: tk.id, groupId: group.id, missing, text: `${group.name.fr} : escalade incomplète, il manque : ${labels.join(', ')}.` }) });
    return;
  }
  cands.offer({ t: tk.escalatedAt! + group.resolveMinutes * MINUTE, rank: 1, key: tk.id, make: (t) => draft('group.resolved', t, by, { ticketId: tk.id, groupId: group.id, text: `${group.name.fr} : intervention réalisée, le service est rétabli. Merci de faire valider la résolution par l'utilisateur.` }) });
}
