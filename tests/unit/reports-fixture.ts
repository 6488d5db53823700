/**
 * A small played session for the reports tests: the domain fixture catalogue,
 * two trainees, a pause, an injected incident, an evaluator override, and a
 * hand-made score (the real rubric is tested by the scoring suite).
 */
import type { TraineeCommand } from '../../server/src/domain/commands.js';
import type { Actor, SessionEvent } from '../../server/src/domain/events.js';
import { SessionMachine } from '../../server/src/domain/machine.js';
import { MINUTE } from '../../server/src/domain/sla.js';
import type { Evidence, GridLevel, SessionScore, TraineeScore } from '../../server/src/domain/scoring/types.js';
import { fixtureCatalog } from './domain-fixture.js';

export const catalog = fixtureCatalog();
export const alice: Actor = { role: 'trainee', id: 'alice' };
export const bob: Actor = { role: 'trainee', id: 'bob' };
export const trainer: Actor = { role: 'trainer', id: 'tr' };
export const evaluator: Actor = { role: 'evaluator', id: 'eva' };
export const WALL0 = Date.UTC(2025, 2, 10, 8, 0, 0);

function act(m: SessionMachine, who: Actor, t: number, cmd: TraineeCommand): void {
  m.advanceTo(t);
  const r = m.act(who, cmd, t);
  if (!r.ok) throw new Error(`${cmd.type}: ${r.error.code}: ${r.error.message}`);
}

export function playedSession(): SessionMachine {
  const created = SessionMachine.creation(catalog, { drillId: 'mini', seed: 7, trainees: [{ id: 'alice', name: 'Alice Dupont' }, { id: 'bob', name: 'Bob Leroy' }] }, trainer);
  if (!created.ok) throw new Error(created.error.message);
  const m = new SessionMachine(catalog);
  m.append([created.value]);
  const ok = <T>(r: { ok: boolean; error?: { message: string } } & T) => { if (!r.ok) throw new Error(r.error!.message); };
  ok(m.control(trainer, { type: 'session.start' }, 0, WALL0));
  const c1 = 'alice-C001';
  act(m, alice, 1.2 * MINUTE, { type: 'contact.take', contactId: c1 });
  act(m, alice, 1.3 * MINUTE, { type: 'call.greet', contactId: c1 });
  act(m, alice, 1.4 * MINUTE, { type: 'call.ask', contactId: c1, questionId: 'q-error-message' });
  act(m, alice, 1.5 * MINUTE, { type: 'call.ask', contactId: c1, questionId: 'q-since-when' });
  act(m, alice, 1.7 * MINUTE, { type: 'ticket.create', contactId: c1, title: 'Imprimante bloquée' });
  act(m, alice, 1.8 * MINUTE, { type: 'ticket.take', ticketId: 'INC-0001' });
  act(m, alice, 1.9 * MINUTE, { type: 'ticket.qualify', ticketId: 'INC-0001', impact: 'medium', urgency: 'medium', category: 'printing', ticketType: 'incident' });
  // The trainer pauses for 10 wall seconds at 2 virtual minutes, then resumes at x2.
  m.advanceTo(2 * MINUTE);
  ok(m.control(trainer, { type: 'session.pause' }, 2 * MINUTE, WALL0 + 2 * MINUTE));
  ok(m.control(trainer, { type: 'session.resume' }, 2 * MINUTE, WALL0 + 2 * MINUTE + 10_000));
  ok(m.control(trainer, { type: 'session.setSpeed', speed: 2 }, 2 * MINUTE, WALL0 + 2 * MINUTE + 10_000));
  act(m, alice, 2.1 * MINUTE, { type: 'ticket.applyFix', ticketId: 'INC-0001', articleId: 'KB-0001' });
  act(m, alice, 2.2 * MINUTE, { type: 'ticket.resolve', ticketId: 'INC-0001', code: 'fixed', causeId: 'jam', note: { symptom: 's', diagnosis: 'd', action: 'a', result: 'r' } });
  act(m, alice, 2.3 * MINUTE, { type: 'ticket.requestConfirmation', ticketId: 'INC-0001' });
  act(m, alice, 2.4 * MINUTE, { type: 'ticket.close', ticketId: 'INC-0001' });
  act(m, bob, 2.5 * MINUTE, { type: 'contact.take', contactId: 'bob-C001' });
  act(m, bob, 2.6 * MINUTE, { type: 'ticket.create', contactId: 'bob-C001', title: 'Imprimante' });
  act(m, bob, 2.7 * MINUTE, { type: 'ticket.take', ticketId: 'INC-0002' });
  act(m, bob, 2.8 * MINUTE, { type: 'ticket.qualify', ticketId: 'INC-0002', impact: 'high', urgency: 'high', category: 'printing', ticketType: 'incident' });
  m.advanceTo(5 * MINUTE);
  ok(m.control(trainer, { type: 'session.inject', incidentId: 'printer', traineeId: 'bob' }, 5 * MINUTE, WALL0));
  m.advanceTo(50 * MINUTE);
  ok(m.control(trainer, { type: 'session.stop' }, 50 * MINUTE, WALL0));
  ok(m.evaluate(evaluator, { type: 'grid.override', traineeId: 'bob', criterionId: 'TAI-CP8-C1', level: 'in_progress', comment: 'Impact surestimé; mais "urgence" justifiée' }));
  return m;
}

/** A score built by hand from the log: one item per qualification and per closure. */
export function fakeScore(events: readonly SessionEvent[], rubricVersion = 'v1'): SessionScore {
  const evidence: Evidence[] = [];
  for (const e of events) {
    if (e.type === 'ticket.qualified') {
      const good = e.payload.impact === 'medium';
      evidence.push({ criterionId: 'TAI-CP8-C1', traineeId: e.actor.id, points: good ? 2 : 0.5, max: 2, eventSeq: e.seq, ticketId: e.payload.ticketId, rule: 'qualification.impact',
        explanation: { fr: good ? 'Impact et urgence conformes' : 'Impact surestimé', en: good ? 'Impact and urgency right' : 'Impact overestimated' } });
    }
    if (e.type === 'ticket.closed') {
      evidence.push({ criterionId: 'TAI-CP8-C4', traineeId: e.actor.id, points: 0, max: 1, eventSeq: e.seq, ticketId: e.payload.ticketId, rule: 'procedure.confirm', explanation: { fr: 'Clôturé sans confirmation', en: 'Closed without confirmation' } });
    }
  }
  const trainees: Record<string, TraineeScore> = {};
  const level = (p: number, m: number): GridLevel => (p >= 0.75 * m ? 'acquired' : p >= 0.4 * m ? 'in_progress' : 'not_acquired');
  for (const id of ['alice', 'bob']) {
    const mine = evidence.filter((x) => x.traineeId === id);
    const criteria: TraineeScore['criteria'] = {};
    for (const ev of mine) {
      const c = (criteria[ev.criterionId] ??= { criterionId: ev.criterionId, points: 0, max: 0, level: 'not_acquired', evidence: [] });
      c.points += ev.points; c.max += ev.max; c.evidence.push(ev);
    }
    for (const c of Object.values(criteria)) c.level = level(c.points, c.max);
    const points = mine.reduce((a, x) => a + x.points, 0), max = mine.reduce((a, x) => a + x.max, 0);
    trainees[id] = { traineeId: id, points, max, criteria, competences: {} };
  }
  return { rubricVersion, trainees, evidence };
}
