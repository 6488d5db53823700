/**
 * Partial staff pushes carry, for each desk a flush concerned, only the contacts and tickets its events named
 * (whole desks after a session-wide event). Folded by the console's code (`applyStaffUpdate`), they must give
 * exactly the staff view the server would project at the push's seq: every desk, the ones left out included
 * (their running SLA clocks moved on to the push's virtual time), after every flush of real drills.
 */
import { describe, expect, it } from 'vitest';
import { loadCatalogOrThrow } from '../../server/src/catalog/load.js';
import type { SessionEvent } from '../../server/src/domain/events.js';
import { SessionMachine } from '../../server/src/domain/machine.js';
import { createPlayer } from '../../server/src/domain/players/index.js';
import { runDrill } from '../../server/src/domain/players/driver.js';
import { projectForStaff } from '../../server/src/domain/projection.js';
import { LiveSession } from '../../server/src/engine/live-session.js';
import { emptyScorer } from '../../server/src/engine/scoring-adapter.js';
import { staffJoinUpdate, staffUpdate } from '../../server/src/engine/views.js';
import type { StaffUpdate } from '../../server/src/protocol.js';
import { applyStaffUpdate } from '../../server/src/staff-state.js';
import type { SessionRecord } from '../../server/src/store/types.js';

const catalog = loadCatalogOrThrow();
/** The empty scorer's roll-ups: this test is about the desks. */
const noScores = { rubricVersion: 'v1', trainees: {}, evidence: [] };

describe('partial staff pushes', () => {
  for (const drillId of ['tai-morning-shift', 'major-mail-outage']) {
    it(`fold into exactly the projected staff view after every flush (${drillId})`, () => {
      const seats = (['model', 'careless', 'random', 'random'] as const).map((kind, i) => ({ id: `t${i}`, player: createPlayer(kind, 41 + i, `t${i}`) }));
      const run = runDrill({ catalog, drillId, seed: 4, seats, stepMs: 20_000 });
      const m = new SessionMachine(catalog, run.events.slice(0, 2));
      const live = new LiveSession({ id: 's1' } as SessionRecord, m, emptyScorer());
      // The console joins once the drill has begun: a whole view.
      let held: StaffUpdate | undefined = applyStaffUpdate(undefined, staffJoinUpdate('s1', m, undefined, noScores));
      let since: SessionEvent[] = [];
      let fromSeq = m.state.seq;
      const touched = new Set<string>();
      let flushes = 0, partBytes = 0, wholeBytes = 0;
      for (let i = 2, k = 0; i < run.events.length; i += 1 + (k % 3), k++) {
        const events = m.append(run.events.slice(i, i + 1 + (k % 3)));
        for (const id of live.noteDecided(events)) touched.add(id);
        since.push(...events);
        if (k % 4 !== 3) continue;
        // A flush: everything since the previous one, for the desks it concerned.
        const u = staffUpdate('s1', m, since, fromSeq, noScores, touched);
        const want = projectForStaff(m.state, catalog);
        held = applyStaffUpdate(held, u);
        expect(held, `push at seq ${u.seq} did not fit`).toBeDefined();
        expect(held!.view.desks, `desks at seq ${m.state.seq}`).toEqual(want.desks);
        expect(held!.view.session).toEqual(want.session);
        partBytes += JSON.stringify(u.view.desks).length + JSON.stringify(u.deskParts ?? []).length;
        wholeBytes += JSON.stringify(projectForStaff(m.state, catalog, touched).desks).length;
        flushes++;
        since = [];
        fromSeq = m.state.seq;
        touched.clear();
      }
      expect(flushes).toBeGreaterThan(20);
      // The parts weigh much less than the whole desks they stand for.
      expect(partBytes).toBeLessThan(wholeBytes / 2);
    });
  }
});
