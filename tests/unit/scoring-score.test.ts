/** Roll-up, scope, feedback modes, competency grid, replay and live (mid-session) scoring. */
import { describe, expect, it } from 'vitest';
import type { SessionEvent } from '../../server/src/domain/events.js';
import { CarelessPlayer } from '../../server/src/domain/players/careless.js';
import { ModelPlayer } from '../../server/src/domain/players/model.js';
import { SessionMachine } from '../../server/src/domain/machine.js';
import { fold } from '../../server/src/domain/session.js';
import { competencyGrid, feedbackFor, levelOf, scoreSession } from '../../server/src/domain/scoring/score.js';
import { catalog, playModel, playWith, rubric, rubricV, skip, on } from './fixtures/scoring-harness.js';

const base = playModel();

describe('roll-up', () => {
  it('adds evidence into criteria, criteria into competences, competences into the total', () => {
    const careless = playWith(new CarelessPlayer());
    const t = careless.score.trainees['ana']!;
    for (const c of Object.values(t.criteria)) {
      expect(c.points).toBeCloseTo(c.evidence.reduce((s, e) => s + e.points, 0), 6);
      expect(c.max).toBeCloseTo(c.evidence.reduce((s, e) => s + e.max, 0), 6);
      expect(c.evidence.every((e) => e.criterionId === c.criterionId)).toBe(true);
    }
    for (const comp of Object.values(t.competences)) {
      expect(comp.points).toBeCloseTo(comp.criteria.reduce((s, id) => s + t.criteria[id]!.points, 0), 6);
      expect(comp.criteria.every((id) => id.startsWith(`${comp.competenceId}-`))).toBe(true);
    }
    expect(t.points).toBeCloseTo(Object.values(t.competences).reduce((s, c) => s + c.points, 0), 6);
    expect(t.max).toBeCloseTo(careless.evidence.reduce((s, e) => s + e.max, 0), 6);
  });

  it('grid levels follow the rubric thresholds (acquired ≥ 80 %, in progress ≥ 50 %)', () => {
    expect(levelOf(8, 10, rubric.grid)).toBe('acquired');
    expect(levelOf(7.99, 10, rubric.grid)).toBe('in_progress');
    expect(levelOf(5, 10, rubric.grid)).toBe('in_progress');
    expect(levelOf(4.99, 10, rubric.grid)).toBe('not_acquired');
    expect(levelOf(0, 0, rubric.grid)).toBe('not_acquired');
  });

  it('the careless player stays under half the points of the fixture drill', () => {
    const t = playWith(new CarelessPlayer()).score.trainees['ana']!;
    expect(t.max).toBeGreaterThan(100);
    expect(t.points / t.max).toBeLessThan(0.5);
  });

  it('a TAI-CP14 (network access) criterion only gets evidence from incidents that cite TAI-CP14', () => {
    const cp14 = base.evidence.filter((e) => e.criterionId.startsWith('TAI-CP14-'));
    expect(cp14.length).toBeGreaterThan(0);
    const incidents = new Set(cp14.map((e) => base.state.contacts[e.contactId!]!.incidentId));
    expect([...incidents].sort()).toEqual(['outage', 'vpn']);
    // The same rule still feeds TAI-CP8 for the other incidents.
    expect(base.evidence.some((e) => e.rule === 'qualification.impact' && e.criterionId === 'TAI-CP8-C1' && base.state.contacts[e.contactId!]!.incidentId === 'pwd')).toBe(true);
  });

  it('every evidence item cites a criterion of the rubric, an event of the log and both languages', () => {
    const criteria = new Set(rubric.competences.flatMap((c) => c.criteria));
    const seqs = new Set(base.events.map((e) => e.seq));
    for (const e of base.evidence) {
      expect(criteria.has(e.criterionId)).toBe(true);
      expect(seqs.has(e.eventSeq)).toBe(true);
      expect(e.explanation.fr.length).toBeGreaterThan(5);
      expect(e.explanation.en.length).toBeGreaterThan(5);
    }
  });
});

describe('live scoring (the server scores after every action)', () => {
  it('never judges the model too early: every prefix of its log scores full marks', () => {
    for (let cut = 20; cut < base.events.length; cut += 7) {
      const s = scoreSession(base.events.slice(0, cut), catalog, rubric);
      const wrong = s.evidence.filter((e) => e.points < e.max);
      expect(wrong.map((e) => `${cut}: ${e.rule}: ${e.explanation.en}`)).toEqual([]);
    }
  });

  it('only contacts that arrived count: nothing about the e-mail before it arrives', () => {
    const arrived = base.events.find((e): e is SessionEvent<'contact.arrived'> => e.type === 'contact.arrived' && base.state.contacts[e.payload.contactId]!.incidentId === 'mail')!;
    const before = scoreSession(base.events.slice(0, arrived.seq - 1), catalog, rubric);
    expect(before.evidence.some((e) => e.contactId === arrived.payload.contactId)).toBe(false);
  });

  it('an omission is judged when its chance has passed, not before', () => {
    const p = playModel(skip(on('call.conclude', 'pwd')));
    const ended = p.events.find((e): e is SessionEvent<'call.ended'> => e.type === 'call.ended' && p.state.contacts[e.payload.contactId]!.incidentId === 'pwd')!;
    const judged = (n: number) => scoreSession(p.events.slice(0, n), catalog, rubric).evidence.filter((e) => e.rule === 'listening.conclusion' && e.contactId === ended.payload.contactId);
    expect(judged(ended.seq - 1)).toEqual([]);
    const atEnd = judged(ended.seq);
    expect(atEnd.length).toBeGreaterThan(0);
    expect(atEnd.every((e) => e.points === 0 && e.eventSeq === ended.seq)).toBe(true);
  });
});

describe('replay and re-scoring', () => {
  it('a stored log (JSON round trip) scores the same, to the point', () => {
    const stored = JSON.parse(JSON.stringify(base.events));
    expect(scoreSession(stored, catalog, rubric)).toEqual(base.score);
    const careless = playWith(new CarelessPlayer());
    expect(scoreSession(JSON.parse(JSON.stringify(careless.events)), catalog, rubric)).toEqual(careless.score);
  });

  it('replaying the log through a new machine rebuilds the same state and score', () => {
    const m = new SessionMachine(catalog, base.events);
    expect(m.state).toEqual(fold(base.events, catalog));
    expect(scoreSession(m.events, catalog, rubric)).toEqual(base.score);
    expect(scoreSession(m.events, catalog, rubric, m.state)).toEqual(base.score);
  });

  it('the same drill, seed and player give the same log and score', () => {
    const again = playModel();
    expect(again.events).toEqual(base.events);
    expect(again.score).toEqual(base.score);
  });

  it('re-scoring under v2 changes only writing.spelling, and exactly as v2 says (weights doubled)', () => {
    const v2 = rubricV('v2');
    for (const p of [base, playWith(new CarelessPlayer())]) {
      const s1 = scoreSession(p.events, catalog, rubric);
      const s2 = scoreSession(p.events, catalog, v2);
      expect(s2.rubricVersion).toBe('v2');
      expect(s2.evidence).toHaveLength(s1.evidence.length);
      s1.evidence.forEach((e1, i) => {
        const e2 = s2.evidence[i]!;
        if (e1.rule !== 'writing.spelling') { expect(e2).toEqual(e1); return; }
        expect({ ...e2, points: e1.points, max: e1.max }).toEqual(e1);
        expect(e2.max).toBe(2 * e1.max);
        expect(e2.points).toBeCloseTo(2 * e1.points, 6);
      });
      const spelling = s1.evidence.filter((e) => e.rule === 'writing.spelling');
      const t1 = s1.trainees['ana']!;
      const t2 = s2.trainees['ana']!;
      expect(t2.max - t1.max).toBeCloseTo(spelling.reduce((s, e) => s + e.max, 0), 6);
      expect(t2.points - t1.points).toBeCloseTo(spelling.reduce((s, e) => s + e.points, 0), 6);
      // Criteria the spelling rule does not feed are untouched.
      for (const [id, c] of Object.entries(t1.criteria)) if (id !== 'TSSR-T3-C1' && id !== 'TAI-T1-C2') expect(t2.criteria[id]).toEqual(c);
    }
  });

  it('v2 does change a careless score (its notes are misspelled), so the comparison above is not vacuous', () => {
    const careless = playWith(new CarelessPlayer());
    const spelling = careless.evidence.filter((e) => e.rule === 'writing.spelling');
    expect(spelling.some((e) => e.points < e.max)).toBe(true);
    expect(scoreSession(careless.events, catalog, rubricV('v2')).trainees['ana']!.points / scoreSession(careless.events, catalog, rubricV('v2')).trainees['ana']!.max)
      .not.toBeCloseTo(careless.score.trainees['ana']!.points / careless.score.trainees['ana']!.max, 4);
  });
});

describe('feedback modes', () => {
  it('training: the trainee sees their own evidence right away', () => {
    expect(base.state.mode).toBe('training');
    const fb = feedbackFor(base.score, base.state, 'ana');
    expect(fb).toEqual(base.score.evidence.filter((e) => e.traineeId === 'ana'));
    expect(fb.length).toBeGreaterThan(0);
    expect(feedbackFor(base.score, base.state, 'someone-else')).toEqual([]);
  });

  it('exam: nothing until the trainer releases feedback, then everything', () => {
    const p = playWith(new ModelPlayer(), { mode: 'exam' });
    expect(p.state.mode).toBe('exam');
    expect(feedbackFor(p.score, p.state, 'ana')).toEqual([]);
    const m = new SessionMachine(catalog, p.events);
    const released = m.control({ role: 'trainer', id: 'tr' }, { type: 'session.releaseFeedback' }, m.state.now, 0);
    expect(released.ok).toBe(true);
    const score = scoreSession(m.events, catalog, rubric);
    expect(feedbackFor(score, m.state, 'ana').length).toBe(score.evidence.length);
  });
});

describe('competency grid', () => {
  it('shows each criterion with its computed level, the evidence events and an override beside it', () => {
    const careless = playWith(new CarelessPlayer());
    const m = new SessionMachine(catalog, careless.events);
    const r = m.evaluate({ role: 'evaluator', id: 'eva' }, { type: 'grid.override', traineeId: 'ana', criterionId: 'TAI-CP8-C1', level: 'in_progress', comment: 'Impact juste à l\'oral, saisie fautive.' });
    expect(r.ok).toBe(true);
    const score = scoreSession(m.events, catalog, rubric);
    const grid = competencyGrid(score, m.state, 'ana', rubric);
    expect(grid.rows.map((row) => row.competenceId)).toEqual(rubric.competences.map((c) => c.id).filter((id) => score.trainees['ana']!.competences[id]));
    const cell = grid.rows.find((row) => row.competenceId === 'TAI-CP8')!.cells.find((c) => c.criterionId === 'TAI-CP8-C1')!;
    expect(cell.computed).toBe('not_acquired');
    expect(cell.level).toBe('in_progress');
    expect(cell.override).toMatchObject({ level: 'in_progress', by: 'eva' });
    expect(cell.evidenceSeqs.length).toBeGreaterThan(0);
    expect(cell.evidenceSeqs).toEqual(score.trainees['ana']!.criteria['TAI-CP8-C1']!.evidence.map((e) => e.eventSeq).filter((s, i, a) => a.indexOf(s) === i).sort((a, b) => a - b));
    const untouched = grid.rows[0]!.cells.find((c) => c.criterionId !== 'TAI-CP8-C1')!;
    expect(untouched.override).toBeUndefined();
    expect(untouched.level).toBe(untouched.computed);
  });
});
