/** The autoplay driver and players on the scoring fixture: time steps, schedule, determinism, several trainees. */
import { describe, expect, it } from 'vitest';
import { runDrill } from '../../server/src/domain/players/driver.js';
import { CarelessPlayer, farthest, oneOff } from '../../server/src/domain/players/careless.js';
import { createPlayer } from '../../server/src/domain/players/index.js';
import { ModelPlayer } from '../../server/src/domain/players/model.js';
import { RandomPlayer } from '../../server/src/domain/players/random.js';
import { DEFAULT_CONTRACT } from '../../server/src/domain/priority.js';
import { scoreSession } from '../../server/src/domain/scoring/score.js';
import { catalog, rubric } from './fixtures/scoring-harness.js';

describe('runDrill', () => {
  it('starts the session, lets the schedule run to the end and stops it', () => {
    const run = runDrill({ catalog, drillId: 'fixture', seed: 3, seats: [{ id: 'ana', player: new ModelPlayer() }] });
    const types = run.events.map((e) => e.type);
    expect(types[0]).toBe('session.created');
    expect(types[1]).toBe('session.started');
    expect(types[types.length - 1]).toBe('session.stopped');
    expect(run.machine.state.status).toBe('stopped');
    expect(run.events.filter((e) => e.type === 'contact.arrived')).toHaveLength(run.machine.state.timeline.length);
    expect(run.events.some((e) => e.type === 'group.resolved')).toBe(true);
  });

  it('acts in virtual-time steps, one action per trainee per step, never before the event it reacts to', () => {
    const step = 5_000;
    const run = runDrill({ catalog, drillId: 'fixture', seed: 3, stepMs: step, seats: [{ id: 'ana', player: new ModelPlayer() }] });
    const acts = run.events.filter((e) => e.actor.role === 'trainee');
    for (const e of acts) expect(e.t % step).toBe(0);
    expect(new Set(acts.map((e) => e.t)).size).toBe(acts.length);
  });

  it('seats several trainees, each on their own desk, with their own score', () => {
    const seats = ['m', 'c', 'r'].map((id) => ({ id, player: createPlayer(id === 'm' ? 'model' : id === 'c' ? 'careless' : 'random', 9, id) }));
    const run = runDrill({ catalog, drillId: 'fixture', seed: 9, seats });
    const s = scoreSession(run.events, catalog, rubric);
    expect(Object.keys(s.trainees).sort()).toEqual(['c', 'm', 'r']);
    expect(s.trainees['m']!.points).toBe(s.trainees['m']!.max);
    expect(s.trainees['c']!.points / s.trainees['c']!.max).toBeLessThan(0.5);
    expect(run.refusals.every((r) => r.traineeId === 'r')).toBe(true);
  });
});

describe('players', () => {
  it('careless: impact one level off, urgency at the far end of the scale', () => {
    expect(oneOff(DEFAULT_CONTRACT.impact, 'high')).toBe('medium');
    expect(oneOff(DEFAULT_CONTRACT.impact, 'low')).toBe('medium');
    expect(farthest(DEFAULT_CONTRACT.urgency, 'high')).toBe('low');
    expect(farthest(DEFAULT_CONTRACT.urgency, 'low')).toBe('high');
  });

  it('careless: escalates everything to N2-SYS without facts, never asks for confirmation', () => {
    const run = runDrill({ catalog, drillId: 'fixture', seed: 3, seats: [{ id: 'ana', player: new CarelessPlayer() }] });
    const escalations = run.events.filter((e) => e.type === 'ticket.escalated');
    expect(escalations.length).toBe(Object.keys(run.machine.state.tickets).length);
    expect(escalations.every((e) => e.payload.groupId === 'N2-SYS' && e.payload.factIds.length === 0)).toBe(true);
    expect(run.events.some((e) => e.type === 'ticket.confirmationRequested' || e.type === 'call.greeted' || e.type === 'call.asked' || e.type === 'kb.searched')).toBe(false);
    expect(run.events.some((e) => e.type === 'ticket.closed')).toBe(true);
  });

  it('random: the same seed plays the same game, another seed another one', () => {
    const play = (seed: number) => runDrill({ catalog, drillId: 'fixture', seed: 3, seats: [{ id: 'ana', player: new RandomPlayer(seed, 'ana') }] }).events;
    expect(play(1)).toEqual(play(1));
    expect(play(2)).not.toEqual(play(1));
    expect(play(1).filter((e) => e.actor.role === 'trainee').length).toBeGreaterThan(50);
  });
});
