/**
 * The acceptance check between scenarios and scoring, on the real library in
 * seeds/: for every drill, the model player earns 100 % of the points the engine
 * makes available and the careless player stays under 50 % — both computed by the
 * scorer from the log of a real SessionMachine run, under the real rubric and the
 * real French dictionary. Every incident is also played alone, so a scenario that
 * the model cannot ace is caught before a drill uses it.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCatalogOrThrow } from '../../server/src/catalog/load.js';
import { runDrill, type DrillRun, type Player } from '../../server/src/domain/players/driver.js';
import { CarelessPlayer } from '../../server/src/domain/players/careless.js';
import { ModelPlayer } from '../../server/src/domain/players/model.js';
import { RandomPlayer } from '../../server/src/domain/players/random.js';
import type { Catalog } from '../../server/src/domain/scenario.js';
import { loadRubric, type Rubric } from '../../server/src/domain/scoring/rubric.js';
import { scoreSession } from '../../server/src/domain/scoring/score.js';

const catalog = loadCatalogOrThrow();
let rubric: Rubric;
beforeAll(async () => { rubric = await loadRubric('v1'); });

function play(c: Catalog, drillId: string, player: Player, seed = 1): { run: DrillRun; points: number; max: number; lost: string[] } {
  const run = runDrill({ catalog: c, drillId, seed, seats: [{ id: 'trainee-1', player }] });
  const score = scoreSession(run.events, c, rubric);
  const t = score.trainees['trainee-1']!;
  const lost = score.evidence.filter((e) => e.points < e.max).map((e) => `${e.ticketId ?? e.contactId} ${e.rule}: ${e.explanation.en}`);
  return { run, points: t.points, max: t.max, lost: [...new Set(lost)] };
}

const drills = Object.keys(catalog.drills);

describe('every drill in seeds/', () => {
  it('there is at least one drill to play', () => {
    expect(drills.length).toBeGreaterThan(0);
  });

  for (const drillId of drills) {
    it(`${drillId}: the model player scores 100 % of the available points, with no refused command`, () => {
      const r = play(catalog, drillId, new ModelPlayer());
      expect(r.run.refusals.map((x) => `${x.command.type}: ${x.message}`)).toEqual([]);
      expect(r.max).toBeGreaterThan(0);
      expect(r.lost).toEqual([]);
      expect(r.points).toBe(r.max);
    });

    it(`${drillId}: the careless player scores under 50 %`, () => {
      const r = play(catalog, drillId, new CarelessPlayer());
      expect(r.max).toBeGreaterThan(0);
      expect(r.points / r.max).toBeLessThan(0.5);
    });

    it(`${drillId}: the random player is reproducible from its seed and scores within bounds`, () => {
      const a = play(catalog, drillId, new RandomPlayer(42, 'trainee-1'), 42);
      const b = play(catalog, drillId, new RandomPlayer(42, 'trainee-1'), 42);
      expect(b.run.events).toEqual(a.run.events);
      expect(a.points).toBe(b.points);
      expect(a.points).toBeGreaterThanOrEqual(0);
      expect(a.points).toBeLessThanOrEqual(a.max);
      // The live engine scores with the machine's own folded state: it must give what a fresh fold gives.
      expect(scoreSession(a.run.events, catalog, rubric, a.run.machine.state)).toEqual(scoreSession(a.run.events, catalog, rubric));
    });
  }
});

describe('every incident in seeds/, played alone for two hours', () => {
  const single = (incidentId: string): Catalog => ({
    ...catalog,
    drills: { solo: { id: 'solo', title: { fr: incidentId }, description: { fr: incidentId }, level: 'mixed', duration: 120 * 60_000, contract: 'standard', mode: 'training', timeline: [{ incident: incidentId, at: 60_000 }] } },
  });
  for (const incidentId of Object.keys(catalog.incidents)) {
    it(`${incidentId}: model 100 %, careless under 50 %`, () => {
      const c = single(incidentId);
      const model = play(c, 'solo', new ModelPlayer());
      expect(model.run.refusals.map((x) => `${x.command.type}: ${x.message}`)).toEqual([]);
      expect(model.lost).toEqual([]);
      expect(model.points).toBe(model.max);
      const careless = play(c, 'solo', new CarelessPlayer());
      expect(careless.points / careless.max).toBeLessThan(0.5);
    });
  }
});
