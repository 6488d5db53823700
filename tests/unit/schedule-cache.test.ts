/**
 * The machine keeps each ticket's owed event between calls (TicketDueCache); the schedule must owe exactly what
 * the uncached scan of the whole state owes, after every event of real drills played by every kind of player
 * (escalations answered and returned, SLA warnings and breaches, pending and reopened tickets).
 */
import { describe, expect, it } from 'vitest';
import { loadCatalogOrThrow } from '../../server/src/catalog/load.js';
import type { TraineeCommand } from '../../server/src/domain/commands.js';
import type { EventType, SessionEvent } from '../../server/src/domain/events.js';
import { SessionMachine } from '../../server/src/domain/machine.js';
import { createPlayer, type Player, type PlayerView } from '../../server/src/domain/players/index.js';
import { runDrill } from '../../server/src/domain/players/driver.js';
import { Rng } from '../../server/src/domain/random.js';
import { nextDue, TicketDueCache } from '../../server/src/domain/schedule.js';
import { applyEvent, initialState } from '../../server/src/domain/session.js';

const catalog = loadCatalogOrThrow();
const due = (m: SessionMachine) => (m as unknown as { due(): unknown }).due();

describe('the cached schedule', () => {
  for (const drillId of ['tai-morning-shift', 'major-mail-outage', 'exam-mixed']) {
    it(`owes what a full scan owes after every event (${drillId})`, () => {
      const seats = (['model', 'careless', 'random', 'random'] as const).map((kind, i) => ({ id: `t${i}`, player: createPlayer(kind, 11 + i, `t${i}`) }));
      const run = runDrill({ catalog, drillId, seed: 5, seats, stepMs: 20_000 });
      const types = new Set(run.events.map((e) => e.type));
      // The drill exercised the ticket-driven parts of the schedule.
      for (const t of ['ticket.escalated', 'sla.warning']) expect(types.has(t as never), t).toBe(true);
      const m = new SessionMachine(catalog);
      let compared = 0;
      for (const e of run.events) {
        m.append([e]);
        const cached = due(m);
        expect(cached, `after seq ${e.seq} (${e.type})`).toEqual(nextDue(m.state, catalog));
        compared++;
      }
      expect(compared).toBe(run.events.length);
      expect(m.events).toEqual(run.events);
    });
  }

  /**
   * A busier class whose players also cancel, hold, resume and reopen tickets: well over a hundred tickets, many
   * of them closed or cancelled (no candidate) and most candidates replaced many times, so the cache's stale
   * entries pile up and get compacted.
   */
  describe('with many tickets changing state', () => {
    const seats = Array.from({ length: 12 }, (_, i) => ({ id: `t${i}`, player: new Churner(createPlayer((['model', 'careless', 'random'] as const)[i % 3]!, 7 + i, `t${i}`), 100 + i) }));
    // Played on first use, so a broken schedule fails a test rather than the file's collection.
    let played: SessionEvent[] | undefined;
    const drill = () => (played ??= runDrill({ catalog, drillId: 'exam-mixed', seed: 9, seats, stepMs: 15_000 }).events);

    it('plays a drill that reaches every ticket-driven case', () => {
      const events = drill();
      const count = (t: EventType) => events.filter((e) => e.type === t).length;
      expect(count('ticket.created')).toBeGreaterThan(150);
      for (const t of ['ticket.cancelled', 'ticket.closed', 'ticket.reopened', 'ticket.pending', 'ticket.resumed', 'group.returned', 'group.resolved', 'sla.warning', 'sla.breached'] as const) expect(count(t), t).toBeGreaterThan(0);
    });

    it('owes what a full scan owes after every event, also on a machine loaded from a log', () => {
      const events = drill();
      // Loaded from a prefix (every ticket so far forgotten at once, as when the server loads a session), then live.
      for (const cut of [0, 200, Math.floor(events.length / 2), events.length - 50]) {
        const m = new SessionMachine(catalog, events.slice(0, cut));
        expect(due(m), `loaded up to ${cut}`).toEqual(nextDue(m.state, catalog));
        for (const e of events.slice(cut)) {
          m.append([e]);
          expect(due(m), `cut ${cut}, after seq ${e.seq} (${e.type})`).toEqual(nextDue(m.state, catalog));
        }
      }
    });

    it('stays exact when asked only now and then, with spurious forgets and unannounced tickets', () => {
      // A cache told only about changes to existing tickets (never about new ones), plus random extra forgets,
      // queried after irregular runs of events: new tickets must still be found, and many forgets pile up.
      const events = drill();
      const rng = new Rng(3);
      const s = initialState();
      const cache = new TicketDueCache();
      let queried = 0;
      for (const e of events) {
        const p = e.payload as { ticketId?: string; ticketIds?: string[] };
        applyEvent(s, e, catalog);
        if (e.type !== 'ticket.created') for (const id of [p.ticketId, ...(p.ticketIds ?? [])]) if (id) cache.forget(id);
        const ids = Object.keys(s.tickets);
        for (let k = rng.int(0, 3); k > 0 && ids.length; k--) cache.forget(rng.pick(ids));
        if (rng.next() < 0.3) {
          expect(nextDue(s, catalog, cache), `after seq ${e.seq} (${e.type})`).toEqual(nextDue(s, catalog));
          queried++;
        }
      }
      expect(queried).toBeGreaterThan(events.length / 5);
    });
  });
});

/** Plays like `inner`, but now and then cancels, holds, resumes or reopens one of the trainee's tickets. */
class Churner implements Player {
  readonly kind = 'churn';
  private readonly rng: Rng;
  constructor(private readonly inner: Player, seed: number) { this.rng = new Rng(seed); }

  next(v: PlayerView): TraineeCommand | undefined {
    const rng = this.rng;
    const mine = v.state.byTrainee[v.traineeId]?.tickets ?? [];
    if (mine.length && rng.next() < 0.12) {
      const tk = v.state.tickets[rng.pick(mine)]!;
      const ticketId = tk.id;
      switch (tk.status) {
        case 'resolved': return { type: 'ticket.reopen', ticketId };
        case 'pending': return { type: 'ticket.resume', ticketId };
        case 'in_progress': return rng.next() < 0.7 ? { type: 'ticket.setPending', ticketId, reason: 'user', note: 'Utilisateur absent.' } : { type: 'ticket.cancel', ticketId, reason: 'Doublon.' };
        case 'new': case 'escalated': if (rng.next() < 0.3) return { type: 'ticket.cancel', ticketId, reason: 'Doublon.' };
      }
    }
    return this.inner.next(v);
  }
}
