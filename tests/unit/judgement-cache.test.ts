/**
 * Live scoring reuses judgements whose inputs did not change (JudgementCache). Scored with one cache after
 * every event of a drill, as a live session is, the evidence must equal a fresh score of the same events:
 * with the model player, with a supervisor alerted from a duplicate call (a judgement of the parent ticket
 * that changes through another case's events only), and with careless and random players (SLA clocks,
 * returns, recurrences).
 */
import { describe, expect, it } from 'vitest';
import type { TraineeCommand } from '../../server/src/domain/commands.js';
import { CarelessPlayer } from '../../server/src/domain/players/careless.js';
import { runDrill, type Player } from '../../server/src/domain/players/driver.js';
import { ModelPlayer } from '../../server/src/domain/players/model.js';
import { RandomPlayer } from '../../server/src/domain/players/random.js';
import { collectEvidence, JudgementCache } from '../../server/src/domain/scoring/score.js';
import { fold } from '../../server/src/domain/session.js';
import { catalog, chain, injectBefore, on, rubric, skip } from './fixtures/scoring-harness.js';

/** The supervisor is alerted from a duplicate's ticket, just before it is linked to the parent, never from the parent (stateful: one per run). */
const alertFromDuplicate = () => chain(
  skip(on('ticket.alertSupervisor')),
  injectBefore(on('ticket.linkParent'), [(c) => ({ type: 'ticket.alertSupervisor', ticketId: (c as Extract<TraineeCommand, { type: 'ticket.linkParent' }>).ticketId, reason: 'Incident majeur : plusieurs utilisateurs touchés.' })]),
);

const plays: [string, () => Player][] = [
  ['model', () => new ModelPlayer()],
  ['supervisor alerted from a duplicate', () => new ModelPlayer(alertFromDuplicate())],
  ['careless', () => new CarelessPlayer()],
  ['random', () => new RandomPlayer(4, 'ana')],
];

describe('JudgementCache', () => {
  it.each(plays)('gives, after every event, the evidence a fresh score gives (%s)', (_name, player) => {
    const run = runDrill({ catalog, drillId: 'fixture', seed: 3, seats: [{ id: 'ana', player: player() }] });
    const cache = new JudgementCache();
    for (let n = 1; n <= run.events.length; n++) {
      const events = run.events.slice(0, n);
      const state = fold(events, catalog);
      expect(collectEvidence(events, catalog, rubric, state, undefined, cache), `after seq ${n}`).toEqual(collectEvidence(events, catalog, rubric, state));
    }
  });

  it('the duplicate\'s alert reaches the parent\'s judgement through the other case alone', () => {
    const run = runDrill({ catalog, drillId: 'fixture', seed: 3, seats: [{ id: 'ana', player: new ModelPlayer(alertFromDuplicate()) }] });
    const alert = run.events.find((e) => e.type === 'ticket.alertSupervisor' || e.type === 'ticket.supervisorAlerted')!;
    expect(alert).toBeDefined();
    const score = collectEvidence(run.events, catalog, rubric);
    const item = score.find((e) => e.rule === 'major.supervisor')!;
    // Judged on the parent's case, resting on an event of another case.
    expect(item.points).toBe(item.max);
    expect(item.eventSeq).toBe(alert.seq);
    expect(run.machine.state.contacts[item.contactId!]!.ticketId).not.toBe((alert.payload as { ticketId: string }).ticketId);
  });
});
