/**
 * The machine keeps each ticket's owed event between calls (TicketDueCache); the schedule must owe exactly what
 * the uncached scan of the whole state owes, after every event of real drills played by every kind of player
 * (escalations answered and returned, SLA warnings and breaches, pending and reopened tickets).
 */
import { describe, expect, it } from 'vitest';
import { loadCatalogOrThrow } from '../../server/src/catalog/load.js';
import { SessionMachine } from '../../server/src/domain/machine.js';
import { createPlayer } from '../../server/src/domain/players/index.js';
import { runDrill } from '../../server/src/domain/players/driver.js';
import { nextDue } from '../../server/src/domain/schedule.js';

const catalog = loadCatalogOrThrow();

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
        const cached = (m as unknown as { due(): unknown }).due();
        expect(cached, `after seq ${e.seq} (${e.type})`).toEqual(nextDue(m.state, catalog));
        compared++;
      }
      expect(compared).toBe(run.events.length);
      expect(m.events).toEqual(run.events);
    });
  }
});
