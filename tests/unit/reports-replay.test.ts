import { describe, expect, it } from 'vitest';
import { cloneData } from '../../server/src/domain/clone.js';
import { ReplayIndex, staffView } from '../../server/src/domain/reports/replay.js';
import { projectForStaff } from '../../server/src/domain/projection.js';
import { wallClock, formatVirtual } from '../../server/src/domain/reports/time.js';
import { fold } from '../../server/src/domain/session.js';
import { MINUTE } from '../../server/src/domain/sla.js';
import { catalog, playedSession, WALL0 } from './reports-fixture.js';

describe('replay index (checkpointed fold)', () => {
  const m = playedSession();
  const events = m.events;

  it.each([1, 3, 7, 500])('state at every seq equals a fold from scratch (interval %i)', (interval) => {
    const r = new ReplayIndex(catalog, events, { interval });
    expect(r.lastSeq).toBe(events.at(-1)!.seq);
    for (let seq = 0; seq <= r.lastSeq; seq++) expect(r.stateAt(seq)).toEqual(fold(events, catalog, seq));
  });

  it('keeps a checkpoint every interval and clamps out-of-range seeks', () => {
    const r = new ReplayIndex(catalog, events, { interval: 10 });
    expect(r.checkpointCount).toBe(1 + Math.floor(events.length / 10));
    expect(r.stateAt(-5)).toEqual(fold(events, catalog, 0));
    expect(r.stateAt(1e9)).toEqual(m.state);
  });

  it('bounds memory: past maxCheckpoints every other checkpoint goes and the interval doubles', () => {
    const r = new ReplayIndex(catalog, events, { interval: 2, maxCheckpoints: 4 });
    expect(r.checkpointCount).toBeLessThanOrEqual(4);
    expect(r.interval).toBeGreaterThan(2);
    for (let seq = 0; seq <= r.lastSeq; seq++) expect(r.stateAt(seq)).toEqual(fold(events, catalog, seq));
  });

  it('never lets a seek alter a checkpoint: seeks in random order all equal a fresh fold', () => {
    const r = new ReplayIndex(catalog, events, { interval: 3 });
    let x = 12345;
    for (let i = 0; i < 300; i++) {
      x = (x * 1103515245 + 12345) >>> 0;
      const seq = x % (r.lastSeq + 1);
      expect(r.stateAt(seq)).toEqual(fold(events, catalog, seq));
    }
  });

  it('copies plain data deeply', () => {
    const a = { n: 1, s: 'x', u: undefined, arr: [{ k: [1, 2] }], o: { p: { q: null } } };
    const b = cloneData(a);
    expect(b).toEqual(a);
    b.arr[0]!.k.push(3); b.o.p.q = 1 as never;
    expect(a.arr[0]!.k).toEqual([1, 2]);
    expect(a.o.p.q).toBeNull();
  });

  it('hands out copies: mutating a seek result does not corrupt later seeks', () => {
    const r = new ReplayIndex(catalog, events, { interval: 4 });
    const s = r.stateAt(20);
    s.tickets = {}; s.trainees.length = 0;
    expect(r.stateAt(20)).toEqual(fold(events, catalog, 20));
  });

  it('extends incrementally as a running session grows, ignoring events already seen', () => {
    const r = new ReplayIndex(catalog, events.slice(0, 15), { interval: 4 });
    r.extend(events.slice(10));
    expect(r.length).toBe(events.length);
    expect(r.stateAt(r.lastSeq)).toEqual(m.state);
  });

  it('filters the log per trainee through ticket and contact ownership', () => {
    const r = new ReplayIndex(catalog, events);
    const bobs = r.slice(0, Infinity, 'bob');
    expect(bobs.length).toBeGreaterThan(0);
    expect(bobs.every((e) => r.traineeOf(e) === 'bob')).toBe(true);
    // System events about Bob's ticket (SLA, arrivals) are his too.
    expect(bobs.some((e) => e.actor.role === 'system')).toBe(true);
    expect(bobs.some((e) => e.type === 'contact.injected')).toBe(true);
    expect(r.slice(5, 8).map((e) => e.seq)).toEqual([6, 7, 8]);
    expect(r.eventAt(6)?.seq).toBe(6);
    expect(r.eventAt(99999)).toBeUndefined();
  });
});

describe('staff view for one trainee', () => {
  it('is the full view restricted to that desk, with every trainee in the header', () => {
    const m = playedSession();
    const full = projectForStaff(m.state, catalog);
    const bob = staffView(m.state, catalog, 'bob');
    expect(bob.desks).toEqual(full.desks.filter((d) => d.traineeId === 'bob'));
    expect(bob.session).toEqual(full.session);
    expect(staffView(m.state, catalog)).toEqual(full);
  });
});

describe('wall clock of events', () => {
  const m = playedSession();
  const wall = wallClock(m.events);
  it('runs from the start anchor at the session speed, stops during a pause and follows speed changes', () => {
    expect(wall.startedAt).toBe(WALL0);
    const qualify = m.events.find((e) => e.type === 'ticket.qualified')!;
    expect(wall(qualify)).toBe(WALL0 + 1.9 * MINUTE);
    const fix = m.events.find((e) => e.type === 'ticket.fixApplied')!;
    // paused 10 s at 2 min, then x2: 0.1 virtual minute = 3 wall seconds.
    expect(wall(fix)).toBe(WALL0 + 2 * MINUTE + 10_000 + 3_000);
  });
  it('formats virtual durations', () => {
    expect(formatVirtual(0)).toBe('00:00');
    expect(formatVirtual(61_500)).toBe('01:01');
    expect(formatVirtual(3_725_000)).toBe('1:02:05');
  });
});
