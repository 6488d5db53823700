/** The live board's figures per trainee and the chart's live sample, from a staff view. */
import { describe, expect, it } from 'vitest';
import { boardRows, liveSample } from '../../client/src/trainer/board.js';
import { projectForStaff } from '../../server/src/domain/projection.js';
import { fold } from '../../server/src/domain/session.js';
import { timeSeries } from '../../server/src/domain/reports/series.js';
import { catalog, fakeScore, playedSession } from './reports-fixture.js';

describe('live board rows', () => {
  const m = playedSession();
  const view = projectForStaff(m.state, catalog);
  const score = fakeScore(m.events);
  const rows = boardRows(view, score);

  it('counts tickets by status, SLA warnings and breaches, score and queue per trainee', () => {
    const alice = rows.find((r) => r.traineeId === 'alice')!;
    expect(alice).toMatchObject({ name: 'Alice Dupont', open: 0, closed: 1, waiting: 1, slaBreaches: 0, points: 2, max: 3, score: 67 });
    const bob = rows.find((r) => r.traineeId === 'bob')!;
    expect(bob).toMatchObject({ open: 1, closed: 0, slaWarnings: 1, score: 25 });
    // Bob's injected contact and his second arrival wait in his queue.
    expect(bob.waiting).toBe(2);
    // His first call was still on until the drill stopped; the stop ended it, so none is shown in progress.
    const stop = m.events.find((e) => e.type === 'session.stopped')!;
    const beforeStop = boardRows(projectForStaff(fold(m.events, catalog, stop.seq - 1), catalog), score).find((r) => r.traineeId === 'bob')!;
    expect(beforeStop.call).toMatchObject({ contactId: 'bob-C001', caller: 'Claire Durand', channel: 'phone' });
    expect(bob.call).toBeUndefined();
  });

  it('gives the same chart figures live as the server time series at the same point', () => {
    const live = liveSample(view, score, 'bob');
    const last = timeSeries(m.events, catalog, score).at(-1)!;
    expect(live.sla).toBe(last.sla);
    expect(live.score).toBe(last.score);
    expect(live.tScore).toBe(last.trainees.bob!.score);
    expect(live.tSla).toBe(last.trainees.bob!.sla);
  });
});
