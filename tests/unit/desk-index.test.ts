/**
 * A desk view reads the trainee's own contacts and tickets through the state's per-trainee index
 * (`byTrainee`) instead of filtering the whole class's records. The index must list exactly what the filter
 * gives, in the same order, after every event of real drills, injected contacts included.
 */
import { describe, expect, it } from 'vitest';
import { loadCatalogOrThrow } from '../../server/src/catalog/load.js';
import type { Actor } from '../../server/src/domain/events.js';
import { SessionMachine } from '../../server/src/domain/machine.js';
import { createPlayer } from '../../server/src/domain/players/index.js';
import { runDrill } from '../../server/src/domain/players/driver.js';
import { projectForTrainee } from '../../server/src/domain/projection.js';
import type { SessionState } from '../../server/src/domain/session.js';

const catalog = loadCatalogOrThrow();
const TRAINER: Actor = { role: 'trainer', id: 'trainer-1' };

/** What a desk holds by definition: every record whose owner is the trainee, in creation order. */
function filtered(s: SessionState, traineeId: string) {
  return {
    contacts: Object.values(s.contacts).filter((c) => c.traineeId === traineeId).map((c) => c.id),
    tickets: Object.values(s.tickets).filter((t) => t.traineeId === traineeId).map((t) => t.id),
  };
}

describe('the per-trainee desk index', () => {
  it('lists exactly each trainee\'s contacts and tickets after every event of a played drill, injected contacts included', () => {
    const seats = (['model', 'careless', 'random'] as const).map((kind, i) => ({ id: `t${i}`, player: createPlayer(kind, 21 + i, `t${i}`) }));
    const run = runDrill({ catalog, drillId: 'tai-morning-shift', seed: 9, seats, stepMs: 20_000 });
    const m = new SessionMachine(catalog);
    let injectedAt = -1;
    let checked = 0;
    for (const e of run.events) {
      m.append([e]);
      // Halfway through, a trainer injects a call for everyone: the injected contacts join each desk.
      if (e.seq === Math.floor(run.events.length / 2) && m.state.status === 'running') {
        const r = m.control(TRAINER, { type: 'session.inject', incidentId: Object.keys(catalog.incidents).sort()[0]! }, m.state.now, 0);
        expect(r.ok).toBe(true);
        injectedAt = m.state.seq;
      }
      for (const { id } of seats) {
        const want = filtered(m.state, id);
        expect(m.state.byTrainee[id] ?? { contacts: [], tickets: [] }, `${id} after seq ${m.state.seq}`).toEqual(want);
        const desk = projectForTrainee(m.state, catalog, id).desk;
        expect(desk.contacts.map((c) => c.id)).toEqual(want.contacts);
        expect(desk.tickets.map((t) => t.id)).toEqual(want.tickets);
        checked++;
      }
    }
    expect(injectedAt).toBeGreaterThan(0);
    for (const { id } of seats) {
      expect(m.state.byTrainee[id]!.contacts.some((c) => c.includes('-X'))).toBe(true);
      expect(m.state.byTrainee[id]!.tickets.length).toBeGreaterThan(0);
    }
    expect(checked).toBeGreaterThan(100);
  });
});
