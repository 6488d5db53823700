import { describe, expect, it } from 'vitest';
import type { TraineeCommand } from '../../server/src/domain/commands.js';
import type { Actor, SessionEvent } from '../../server/src/domain/events.js';
import { SessionMachine } from '../../server/src/domain/machine.js';
import { fold } from '../../server/src/domain/session.js';
import { projectForStaff, projectForTrainee } from '../../server/src/domain/projection.js';
import { MINUTE } from '../../server/src/domain/sla.js';
import { fixtureCatalog } from './domain-fixture.js';

const catalog = fixtureCatalog();
const alice: Actor = { role: 'trainee', id: 'alice' };
const bob: Actor = { role: 'trainee', id: 'bob' };
const trainer: Actor = { role: 'trainer', id: 'tr' };

function newSession(seed = 7) {
  const created = SessionMachine.creation(catalog, { drillId: 'mini', seed, trainees: [{ id: 'alice', name: 'Alice' }, { id: 'bob', name: 'Bob' }] }, trainer);
  if (!created.ok) throw new Error(created.error.message);
  const m = new SessionMachine(catalog);
  m.append([created.value]);
  const started = m.control(trainer, { type: 'session.start' }, 0, 1_000);
  if (!started.ok) throw new Error(started.error.message);
  return m;
}

/** Advances the schedule then acts, as the server does; throws on refusal so scripts fail loudly. */
function act(m: SessionMachine, who: Actor, t: number, cmd: TraineeCommand, clientId?: string): SessionEvent[] {
  m.advanceTo(t);
  const r = m.act(who, cmd, t, clientId);
  if (!r.ok) throw new Error(`${cmd.type}: ${r.error.code}: ${r.error.message}`);
  return r.value;
}

/** Alice takes the VPN mail a minute after it arrives and escalates it at once, with no facts or tests. */
function escalateVpnBare(groupId: string) {
  const m = newSession();
  const c2 = m.state.timeline.find((a) => a.traineeId === 'alice' && a.incidentId === 'vpn')!;
  const t = c2.at + MINUTE;
  act(m, alice, t, { type: 'contact.take', contactId: c2.contactId });
  act(m, alice, t, { type: 'ticket.create', contactId: c2.contactId, title: 'VPN' });
  act(m, alice, t, { type: 'ticket.take', ticketId: 'INC-0001' });
  act(m, alice, t, { type: 'ticket.escalate', ticketId: 'INC-0001', groupId, factIds: [], testIds: [], note: 'VPN hors service' });
  return { m, c2, t };
}

/** Alice handles the printer call at L1 and escalates the VPN mail; Bob only takes his call. */
function playScript(m: SessionMachine) {
  const c1 = 'alice-C001';
  act(m, alice, 1.2 * MINUTE, { type: 'contact.take', contactId: c1 }, 'a-1');
  act(m, alice, 1.3 * MINUTE, { type: 'call.greet', contactId: c1 });
  act(m, alice, 1.4 * MINUTE, { type: 'call.ask', contactId: c1, questionId: 'q-error-message' });
  act(m, alice, 1.5 * MINUTE, { type: 'call.ask', contactId: c1, questionId: 'q-since-when' });
  act(m, alice, 1.6 * MINUTE, { type: 'call.rephrase', contactId: c1, text: 'Bourrage bac 2 depuis ce matin.' });
  act(m, alice, 1.7 * MINUTE, { type: 'ticket.create', contactId: c1, title: 'Imprimante bloquée' });
  act(m, alice, 1.8 * MINUTE, { type: 'ticket.take', ticketId: 'INC-0001' });
  act(m, alice, 1.9 * MINUTE, { type: 'ticket.qualify', ticketId: 'INC-0001', impact: 'medium', urgency: 'medium', category: 'printing', ticketType: 'incident' });
  act(m, alice, 2.0 * MINUTE, { type: 'kb.search', ticketId: 'INC-0001', query: 'bourrage imprimante' });
  act(m, alice, 2.1 * MINUTE, { type: 'ticket.applyFix', ticketId: 'INC-0001', articleId: 'KB-0001' });
  act(m, alice, 2.2 * MINUTE, { type: 'ticket.resolve', ticketId: 'INC-0001', code: 'fixed', causeId: 'jam', note: { symptom: 's', diagnosis: 'd', action: 'a', result: 'r' } });
  act(m, alice, 2.3 * MINUTE, { type: 'ticket.requestConfirmation', ticketId: 'INC-0001' });
  act(m, alice, 2.4 * MINUTE, { type: 'ticket.close', ticketId: 'INC-0001' });
  const c2 = m.state.timeline.find((a) => a.traineeId === 'alice' && a.incidentId === 'vpn')!;
  const t2 = c2.at + 0.5 * MINUTE;
  act(m, alice, t2, { type: 'contact.take', contactId: c2.contactId });
  act(m, alice, t2 + 1000, { type: 'ticket.create', contactId: c2.contactId, title: 'VPN' });
  act(m, alice, t2 + 2000, { type: 'ticket.take', ticketId: 'INC-0002' });
  act(m, alice, t2 + 3000, { type: 'test.run', ticketId: 'INC-0002', testId: 't-test-vpn' });
  act(m, alice, t2 + 4000, { type: 'ticket.linkAsset', ticketId: 'INC-0002', assetTag: 'LAP-NAN-0031' });
  act(m, alice, t2 + 5000, { type: 'ticket.escalate', ticketId: 'INC-0002', groupId: 'N2-NET', factIds: ['vpn-error'], testIds: ['t-test-vpn'], note: 'Certificat expiré' });
  act(m, bob, 2 * MINUTE, { type: 'contact.take', contactId: 'bob-C001' });
  return { vpnAt: t2 };
}

describe('session machine', () => {
  it('delivers callers on the timeline, per trainee, in order', () => {
    const m = newSession();
    m.advanceTo(10 * MINUTE);
    const arrived = m.events.filter((e) => e.type === 'contact.arrived');
    expect(arrived).toHaveLength(4);
    expect(Object.keys(m.state.contacts).sort()).toEqual(['alice-C001', 'alice-C002', 'bob-C001', 'bob-C002']);
    const times = arrived.map((e) => e.t);
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    expect(m.state.contacts['alice-C001']!.arrivedAt).toBe(MINUTE);
  });

  it('jitters arrivals with the seed only', () => {
    const at = (seed: number) => newSession(seed).state.timeline.filter((a) => a.incidentId === 'vpn').map((a) => a.at);
    expect(at(7)).toEqual(at(7));
    expect(at(7)).not.toEqual(at(8));
    for (const t of at(9)) expect(Math.abs(t - 3 * MINUTE)).toBeLessThanOrEqual(MINUTE);
  });

  it('replay: folding the recorded log equals the live state, deep-equal, at the end and at every prefix', () => {
    const m = newSession();
    playScript(m);
    m.advanceTo(45 * MINUTE);
    expect(fold(m.events, catalog)).toEqual(m.state);
    const log = structuredClone(m.events);
    const half = log[Math.floor(log.length / 2)]!.seq;
    const partial = new SessionMachine(catalog, log.filter((e) => e.seq <= half));
    expect(fold(log, catalog, half)).toEqual(partial.state);
  });

  it('determinism: the same drill, seed and actions give identical logs twice', () => {
    const run = () => { const m = newSession(11); playScript(m); m.advanceTo(60 * MINUTE); return JSON.stringify(m.events); };
    const a = run();
    expect(run()).toBe(a);
    expect(a).toContain('group.resolved');
  });

  it('the caller reveals facts only when asked the right question', () => {
    const m = newSession();
    act(m, alice, 1.2 * MINUTE, { type: 'contact.take', contactId: 'alice-C001' });
    act(m, alice, 1.3 * MINUTE, { type: 'call.ask', contactId: 'alice-C001', questionId: 'q-location' });
    expect(m.state.contacts['alice-C001']!.revealed).toEqual([]);
    const ev = act(m, alice, 1.4 * MINUTE, { type: 'call.ask', contactId: 'alice-C001', questionId: 'q-error-message' });
    expect(ev.map((e) => e.type)).toEqual(['call.asked', 'caller.replied']);
    expect(m.state.contacts['alice-C001']!.revealed).toEqual(['error']);
    const free = act(m, alice, 1.5 * MINUTE, { type: 'call.askFree', contactId: 'alice-C001', text: 'Et ça se produit depuis quand, ce problème ?' });
    expect(free[1]!.payload).toMatchObject({ factIds: ['since'] });
  });

  it('SLA: warns and breaches on schedule, and pending pauses the resolution clock', () => {
    const m = newSession();
    act(m, alice, 1.2 * MINUTE, { type: 'contact.take', contactId: 'alice-C001' });
    act(m, alice, 1.3 * MINUTE, { type: 'ticket.create', contactId: 'alice-C001', title: 'Imprimante' });
    // Default priority P3: response 15 min from arrival (1 min) → warning at 12.25, breach at 16.
    m.advanceTo(12 * MINUTE);
    expect(m.state.tickets['INC-0001']!.sla.response).toBe('ok');
    const warn = m.advanceTo(13 * MINUTE).find((e) => e.type === 'sla.warning');
    expect(warn?.t).toBe(MINUTE + 0.75 * 15 * MINUTE);
    const breach = m.advanceTo(17 * MINUTE).find((e) => e.type === 'sla.breached');
    expect(breach?.t).toBe(16 * MINUTE);
    act(m, alice, 17 * MINUTE, { type: 'ticket.take', ticketId: 'INC-0001' });
    act(m, alice, 18 * MINUTE, { type: 'ticket.qualify', ticketId: 'INC-0001', impact: 'high', urgency: 'high', category: 'printing', ticketType: 'incident' });
    // P1: resolution 60 min → warning due at 1 + 45 = 46 min of active time.
    act(m, alice, 20 * MINUTE, { type: 'ticket.setPending', ticketId: 'INC-0001', reason: 'user', note: 'Attente du retour de l’utilisatrice' });
    expect(m.advanceTo(59 * MINUTE).some((e) => e.type === 'sla.warning' && e.payload.clock === 'resolution')).toBe(false);
    act(m, alice, 59 * MINUTE, { type: 'ticket.resume', ticketId: 'INC-0001' });
    const w = m.advanceTo(90 * MINUTE).find((e) => e.type === 'sla.warning' && e.payload.clock === 'resolution');
    expect(w?.t).toBe(59 * MINUTE + (46 - 20) * MINUTE);
  });

  it('a resolver group returns an incomplete escalation naming what is missing, and resolves a complete one', () => {
    const { m, c2, t } = escalateVpnBare('N2-NET');
    const back = m.advanceTo(t + 6 * MINUTE).find((e) => e.type === 'group.returned');
    expect(back?.payload).toMatchObject({ missing: ['vpn-error', 'asset'] });
    expect(back && 'text' in back.payload && back.payload.text).toMatch(/message du client vpn, le matériel concerné/);
    expect(m.state.tickets['INC-0001']!.status).toBe('in_progress');
    act(m, alice, t + 7 * MINUTE, { type: 'call.ask', contactId: c2.contactId, questionId: 'q-error-message' });
    act(m, alice, t + 7 * MINUTE, { type: 'ticket.linkAsset', ticketId: 'INC-0001', assetTag: 'LAP-NAN-0031' });
    act(m, alice, t + 8 * MINUTE, { type: 'ticket.escalate', ticketId: 'INC-0001', groupId: 'N2-NET', factIds: ['vpn-error'], testIds: [], note: 'Certificat expiré' });
    const done = m.advanceTo(t + 40 * MINUTE).find((e) => e.type === 'group.resolved');
    expect(done?.t).toBe(t + 28 * MINUTE);
    expect(m.state.tickets['INC-0001']!.status).toBe('resolved');
  });

  it('a wrong group bounces the ticket back', () => {
    const { m, t } = escalateVpnBare('N2-SYS');
    expect(m.advanceTo(t + 10 * MINUTE).find((e) => e.type === 'group.returned')?.payload).toMatchObject({ groupId: 'N2-SYS', text: expect.stringMatching(/ne relève pas/) });
  });

  it('the user confirms a real fix and refuses a wrong one', () => {
    const m = newSession();
    const c = 'alice-C001';
    act(m, alice, 1.2 * MINUTE, { type: 'contact.take', contactId: c });
    act(m, alice, 1.3 * MINUTE, { type: 'ticket.create', contactId: c, title: 'Imprimante' });
    act(m, alice, 1.4 * MINUTE, { type: 'ticket.take', ticketId: 'INC-0001' });
    act(m, alice, 1.5 * MINUTE, { type: 'ticket.applyFix', ticketId: 'INC-0001', articleId: 'KB-0002' });
    act(m, alice, 1.6 * MINUTE, { type: 'ticket.resolve', ticketId: 'INC-0001', code: 'fixed', causeId: 'driver', note: { symptom: 's', diagnosis: 'd', action: 'a', result: 'r' } });
    const no = act(m, alice, 1.7 * MINUTE, { type: 'ticket.requestConfirmation', ticketId: 'INC-0001' });
    expect(no[1]!.type).toBe('user.refused');
    act(m, alice, 1.8 * MINUTE, { type: 'ticket.reopen', ticketId: 'INC-0001' });
    act(m, alice, 1.9 * MINUTE, { type: 'ticket.applyFix', ticketId: 'INC-0001', articleId: 'KB-0001' });
    act(m, alice, 2.0 * MINUTE, { type: 'ticket.resolve', ticketId: 'INC-0001', code: 'fixed', causeId: 'jam', note: { symptom: 's', diagnosis: 'd', action: 'a', result: 'r' } });
    expect(act(m, alice, 2.1 * MINUTE, { type: 'ticket.requestConfirmation', ticketId: 'INC-0001' })[1]!.type).toBe('user.confirmed');
  });

  it('refuses, with typed errors, acting on another trainee’s work, out-of-order steps and a paused drill', () => {
    const m = newSession();
    m.advanceTo(2 * MINUTE);
    const r1 = m.act(alice, { type: 'contact.take', contactId: 'bob-C001' }, 2 * MINUTE);
    expect(!r1.ok && r1.error.code).toBe('contact/not_found');
    const r2 = m.act(alice, { type: 'call.greet', contactId: 'alice-C001' }, 2 * MINUTE);
    expect(!r2.ok && r2.error.code).toBe('contact/not_taken');
    act(m, bob, 2 * MINUTE, { type: 'contact.take', contactId: 'bob-C001' });
    act(m, bob, 2 * MINUTE, { type: 'ticket.create', contactId: 'bob-C001', title: 'x' });
    const r3 = m.act(alice, { type: 'ticket.take', ticketId: 'INC-0001' }, 2 * MINUTE);
    expect(!r3.ok && r3.error.code).toBe('ticket/not_found');
    const r4 = m.act(bob, { type: 'ticket.close', ticketId: 'INC-0001' }, 2 * MINUTE);
    expect(!r4.ok && r4.error).toMatchObject({ code: 'ticket/invalid_transition', message: expect.stringContaining('cannot close a ticket that is new') });
    const r5 = m.act(bob, { type: 'ticket.qualify', ticketId: 'INC-0001', impact: 'huge', urgency: 'high', category: 'printing', ticketType: 'incident' }, 2 * MINUTE);
    expect(!r5.ok && r5.error.code).toBe('ticket/not_taken');
    m.control(trainer, { type: 'session.pause' }, 2 * MINUTE, 5_000);
    const r6 = m.act(bob, { type: 'ticket.take', ticketId: 'INC-0001' }, 2 * MINUTE);
    expect(!r6.ok && r6.error.code).toBe('session/paused');
    const before = m.events.length;
    expect(m.events.length).toBe(before);
  });

  it('projection: a trainee sees only their own desk and nothing of the answer key', () => {
    const m = newSession();
    playScript(m);
    const view = projectForTrainee(m.state, catalog, 'alice');
    const json = JSON.stringify(view);
    expect(view.desk.contacts.every((c) => c.id.startsWith('alice-'))).toBe(true);
    expect(json).not.toContain('bob-C');
    expect(json).not.toMatch(/"truth"|incidentId|rootCause|problemKey|"timeline"|"seed"/);
    // Unrevealed facts stay hidden: alice never asked where the VPN caller was.
    expect(json).not.toContain('Je suis chez moi, en fibre.');
    expect(json).toContain('« Certificat expiré ».');
    const staff = JSON.stringify(projectForStaff(m.state, catalog));
    expect(staff).toContain('"rootCause":"cert"');
    expect(staff).toContain('bob-C001');
    // Staff get the required facts by name too, revealed or not (the read-only desk lists what is still to gather).
    expect(staff).toMatch(/"factLabels":\{"vpn-error":\{"fr":"Message du client VPN"\}\}/);
    expect(json).not.toContain('factLabels');
  });

  it('projection: a view is a copy, unchanged by the events that follow it (it is sent after its turn)', () => {
    const m = newSession();
    const c1 = 'alice-C001';
    act(m, alice, 1.2 * MINUTE, { type: 'contact.take', contactId: c1 });
    act(m, alice, 1.7 * MINUTE, { type: 'ticket.create', contactId: c1, title: 'Imprimante bloquée' });
    act(m, alice, 1.8 * MINUTE, { type: 'ticket.take', ticketId: 'INC-0001' });
    const view = projectForTrainee(m.state, catalog, 'alice');
    const before = JSON.stringify(view);
    act(m, alice, 1.9 * MINUTE, { type: 'ticket.addNote', ticketId: 'INC-0001', text: 'Relance de l’utilisateur effectuée.' });
    act(m, alice, 2.0 * MINUTE, { type: 'ticket.qualify', ticketId: 'INC-0001', impact: 'medium', urgency: 'medium', category: 'printing', ticketType: 'incident' });
    act(m, alice, 2.1 * MINUTE, { type: 'call.ask', contactId: c1, questionId: 'q-error-message' });
    expect(JSON.stringify(projectForTrainee(m.state, catalog, 'alice'))).not.toBe(before);
    expect(JSON.stringify(view)).toBe(before);
  });
});

/** An exam session created for Alice, not started. */
function plannedExam() {
  const created = SessionMachine.creation(catalog, { drillId: 'mini', seed: 7, mode: 'exam', trainees: [{ id: 'alice', name: 'Alice' }] }, trainer);
  if (!created.ok) throw new Error(created.error.message);
  const m = new SessionMachine(catalog);
  m.append([created.value]);
  return m;
}

describe('stopping a drill', () => {
  it('ends the calls still on the line: once stopped nobody is in a call, in the state, the replay and every view', () => {
    const m = newSession();
    act(m, alice, 1.2 * MINUTE, { type: 'contact.take', contactId: 'alice-C001' });
    act(m, bob, 2 * MINUTE, { type: 'contact.take', contactId: 'bob-C001' });
    act(m, bob, 2.5 * MINUTE, { type: 'call.end', contactId: 'bob-C001' });
    m.advanceTo(4 * MINUTE);
    const stopped = m.control(trainer, { type: 'session.stop' }, 4 * MINUTE, 9_000);
    expect(stopped.ok && stopped.value.map((e) => e.type)).toEqual(['session.stopped']);
    // No call.ended is logged (the trainee did not hang up, and scoring reads the log): the stop itself ends the call.
    expect(m.state.contacts['alice-C001']!.endedAt).toBe(4 * MINUTE);
    expect(m.state.contacts['bob-C001']!.endedAt).toBe(2.5 * MINUTE);
    // A contact nobody took is not a call: it stays untaken.
    const untaken = Object.values(m.state.contacts).filter((c) => c.takenAt === undefined);
    expect(untaken.length).toBeGreaterThan(0);
    expect(untaken.every((c) => c.endedAt === undefined)).toBe(true);
    expect(fold(m.events, catalog)).toEqual(m.state);
    const onLine = (contacts: { takenAt?: number; endedAt?: number }[]) => contacts.filter((c) => c.takenAt !== undefined && c.endedAt === undefined);
    expect(projectForStaff(m.state, catalog).desks.flatMap((d) => onLine(d.contacts))).toEqual([]);
    expect(onLine(projectForTrainee(m.state, catalog, 'alice').desk.contacts)).toEqual([]);
  });

  it('cancels a session stopped before it started: it never runs, and an exam has no results to publish', () => {
    const m = plannedExam();
    const stopped = m.control(trainer, { type: 'session.stop' }, 0, 2_000);
    expect(stopped.ok && stopped.value.map((e) => [e.type, e.t])).toEqual([['session.stopped', 0]]);
    expect(m.state).toMatchObject({ status: 'stopped', cancelled: true, now: 0 });
    expect(projectForTrainee(m.state, catalog, 'alice').session).toMatchObject({ status: 'stopped', cancelled: true });
    expect(projectForStaff(m.state, catalog).session).toMatchObject({ status: 'stopped', cancelled: true });
    // Nothing is scheduled and nothing can restart it.
    expect(m.nextDueAt()).toBeUndefined();
    const start = m.control(trainer, { type: 'session.start' }, 0, 3_000);
    expect(!start.ok && start.error.code).toBe('session/already_started');
    const release = m.control(trainer, { type: 'session.releaseFeedback' }, 0, 3_000);
    expect(!release.ok && release.error.code).toBe('session/cancelled');
    expect(fold(m.events, catalog)).toEqual(m.state);
  });

  it('a drill stopped after it ran is not cancelled: an exam publishes its results', () => {
    const m = plannedExam();
    m.control(trainer, { type: 'session.start' }, 0, 1_000);
    m.control(trainer, { type: 'session.stop' }, MINUTE, 2_000);
    expect(m.state).toMatchObject({ status: 'stopped', cancelled: false });
    expect(m.control(trainer, { type: 'session.releaseFeedback' }, MINUTE, 3_000).ok).toBe(true);
  });
});

describe('a session\'s name', () => {
  const trainees = [{ id: 'alice', name: 'Alice' }];
  const log = (name?: string) => {
    const created = SessionMachine.creation(catalog, { drillId: 'mini', seed: 3, trainees, ...(name !== undefined ? { name } : {}) }, trainer);
    if (!created.ok) throw new Error(created.error.message);
    return new SessionMachine(catalog).append([created.value]);
  };

  it('is recorded by the creation event and folds into the state and both views', () => {
    const events = log('BTS SIO groupe B — matin');
    expect(events[0]!.type === 'session.created' && events[0]!.payload.name).toBe('BTS SIO groupe B — matin');
    const s = fold(events, catalog);
    expect(s.name).toBe('BTS SIO groupe B — matin');
    expect(projectForTrainee(s, catalog, 'alice').session.name).toBe('BTS SIO groupe B — matin');
    expect(projectForStaff(s, catalog).session.name).toBe('BTS SIO groupe B — matin');
  });

  it('is absent without one: the creation event and the views read as before (older logs fold unchanged)', () => {
    const events = log();
    expect(Object.keys(events[0]!.payload)).not.toContain('name');
    const s = fold(events, catalog);
    expect('name' in s).toBe(false);
    expect('name' in projectForTrainee(s, catalog, 'alice').session).toBe(false);
    expect('name' in projectForStaff(s, catalog).session).toBe(false);
  });
});
