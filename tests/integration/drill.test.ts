/**
 * A whole drill with the real server, real SQLite and real socket.io clients:
 * a trainer creates and starts `demo-short` for two trainees, incidents are
 * pushed to each desk on the virtual clock, both trainees qualify, escalate,
 * resolve and close through their sockets, the trainer and the evaluator watch
 * both desks live, and the stopped session's scores are stored.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evidenceKey } from '../../server/src/domain/feedback-feed.js';
import type { Evidence } from '../../server/src/domain/scoring/types.js';
import type { RubricInfo, StaffUpdate, TraineeSnapshot, TraineeUpdate } from '../../server/src/protocol.js';
import { connect, http, login, unwrap, type TestClient } from './support/clients.js';
import { DeskDriver, type Handled } from './support/desk-driver.js';
import { realCatalog, startServer, type TestServer } from './support/server.js';

let srv: TestServer;
let sessionId: string;
let trainer: TestClient, evaluator: TestClient, alice: TestClient, bob: TestClient;
let trainerCookie: string, evaluatorCookie: string;
const ids: Record<string, string> = {};

beforeAll(async () => {
  srv = await startServer({ scorer: 'real' });
  const tr = await srv.createUser('tr', 'trainer', 'Tina Trainer');
  const ev = await srv.createUser('ev', 'evaluator', 'Eve Evaluator');
  const a = await srv.createUser('alice', 'trainee', 'Alice A.');
  const b = await srv.createUser('bob', 'trainee', 'Bob B.');
  Object.assign(ids, { alice: a.id, bob: b.id });
  const classroomId = await srv.createClassroom('Promo A', [tr, ev, a, b]);

  trainerCookie = await login(srv.url, 'tr');
  evaluatorCookie = await login(srv.url, 'ev');
  const created = await http<{ id: string; status: string; traineeIds: string[] }>(srv.url, 'POST', '/api/sessions', {
    cookie: trainerCookie, body: { classroomId, drillId: 'demo-short', mode: 'training', speed: 40, seed: 7 },
  });
  expect(created.status).toBe(201);
  expect(created.body.status).toBe('created');
  expect(created.body.traineeIds.sort()).toEqual([a.id, b.id].sort());
  sessionId = created.body.id;

  [trainer, evaluator, alice, bob] = await Promise.all([
    connect(srv.url, trainerCookie), connect(srv.url, evaluatorCookie),
    connect(srv.url, await login(srv.url, 'alice')), connect(srv.url, await login(srv.url, 'bob')),
  ]);
  for (const c of [trainer, evaluator, alice, bob]) unwrap(await c.join(sessionId));
}, 120_000);

afterAll(async () => {
  for (const c of [trainer, evaluator, alice, bob]) c?.close();
  await srv?.close();
});

const incidentOf = (contactId: string) => srv.app.host.read(sessionId, (l) => l.machine.state.contacts[contactId]!.incidentId).then((x) => x!);

describe('a full drill for two trainees', () => {
  let results: Handled[][];

  it('pushes incidents on the virtual clock and lets both trainees work them to the end', async () => {
    const started = unwrap(await trainer.control(sessionId, { type: 'session.start' }));
    expect(started.duplicate).toBe(false);

    // Once every call has arrived, slow the clock down so the trainees finish before the drill's end.
    const slowDown = trainer.staffWhen((u) => u.view.desks.every((d) => d.contacts.length === 3), 60_000)
      .then(async () => unwrap(await trainer.control(sessionId, { type: 'session.setSpeed', speed: 1 })));

    const catalog = realCatalog();
    results = await Promise.all([
      new DeskDriver(alice, sessionId, catalog, 'expert').run(3, incidentOf),
      new DeskDriver(bob, sessionId, catalog, 'expert').run(3, incidentOf),
    ]);
    await slowDown;

    for (const r of results) {
      expect(r.map((h) => h.outcome).sort()).toEqual(['closed', 'closed', 'escalated']);
    }
    // The first push of each desk was a notice and an update about a new contact.
    const notice = alice.received.find((m) => m.event === 'notice' && (m.payload as { kind: string }).kind === 'contact');
    expect(notice).toBeDefined();
  }, 180_000);

  it('shows each trainee only their own desk, and staff both desks live', async () => {
    const aliceDesk = alice.lastDesk!.view.desk;
    expect(aliceDesk.traineeId).toBe(ids.alice);
    expect(aliceDesk.tickets.map((t) => t.status).sort()).toEqual(['closed', 'closed', 'escalated']);
    for (const m of alice.received) {
      if (m.event === 'desk:update') {
        const u = m.payload as TraineeUpdate;
        // A whole view is Alice's desk; a patch carries only her own calls (contact ids are made from the trainee's id).
        if (u.view) expect(u.view.desk.traineeId).toBe(ids.alice);
        else expect(u.patch.contacts.every((c) => c.id.startsWith(`${ids.alice}-`))).toBe(true);
      }
      expect(m.event).not.toBe('staff:update');
    }

    for (const staff of [trainer, evaluator]) {
      const st = await staff.staffWhen((u) => u.view.desks.every((d) => d.tickets.filter((t) => t.status === 'closed').length === 2));
      expect(staff.staffGaps).toBe(0);
      const desks = st.view.desks;
      expect(desks.map((d) => d.traineeId).sort()).toEqual([ids.alice, ids.bob].sort());
      for (const d of desks) {
        expect(d.tickets).toHaveLength(3);
        // Staff see the answer key beside each ticket.
        for (const t of d.tickets) expect(t.truth?.incidentId).toBeTruthy();
      }
    }
  });

  it('stores every action in the log before acknowledging it', async () => {
    const log = await srv.app.store.readLog(sessionId);
    const inMemory = await srv.app.host.read(sessionId, (l) => l.machine.state.seq);
    expect(log.at(-1)!.seq).toBe(inMemory);
    expect(log.map((e) => e.seq)).toEqual(log.map((_, i) => i + 1));
    const acks = alice.received.filter((m) => m.event === 'ack:trainee:command').map((m) => (m.payload as { ok: true; data: { seq: number } }).data.seq);
    expect(acks.length).toBeGreaterThan(40);
    for (const seq of acks) {
      const e = log[seq - 1]!;
      expect(e.actor).toEqual({ role: 'trainee', id: ids.alice });
      expect(e.clientId).toBeTruthy();
    }
  });

  it('gives each trainee their own feedback and roll-up in training mode, with the rubric\'s labels', async () => {
    // The coalesced push brings the feedback up to the trainee's last action.
    const lastAck = Math.max(...alice.received.filter((m) => m.event === 'ack:trainee:command').map((m) => (m.payload as { data: { seq: number } }).data.seq));
    const u = await alice.deskWhen((x) => x.seq >= lastAck && x.feedback.some((e) => e.eventSeq >= lastAck - 5));
    expect(u.feedback.length).toBeGreaterThan(0);
    // Rebuilt from patches, the list holds exactly the server's evidence for Alice; no patch was out of step.
    const own = await srv.app.host.read(sessionId, (l) => l.scores().evidence.filter((e) => e.traineeId === ids.alice));
    const byKey = (xs: readonly Evidence[]) => [...xs].sort((a, b) => evidenceKey(a).localeCompare(evidenceKey(b)));
    expect(byKey(u.feedback)).toEqual(byKey(own!));
    expect(alice.feedbackGaps).toBe(0);
    expect(u.feedback.every((e) => e.traineeId === ids.alice)).toBe(true);
    expect(u.score?.traineeId).toBe(ids.alice);
    expect(u.score!.max).toBeGreaterThan(0);
    const aliceCookie = alice.cookie;
    const rubric = await http<RubricInfo>(srv.url, 'GET', '/api/catalog/rubrics/v1', { cookie: aliceCookie });
    expect(rubric.status).toBe(200);
    expect(rubric.body.competences.map((c) => c.id)).toContain('TAI-CP8');
    // Every criterion the grid can show has its wording, in French (the REAC's) and English.
    expect(rubric.body.criteria.map((c) => c.id)).toEqual([...new Set(rubric.body.competences.flatMap((c) => c.criteria))]);
    expect(rubric.body.criteria.find((c) => c.id === 'TAI-CP8-C1')?.label).toEqual({ fr: "L'incident est correctement qualifié en fonction de son impact et de son urgence", en: 'The incident is correctly qualified by impact and urgency' });
    expect(rubric.body.criteria.find((c) => c.id === 'TAI-CP8-C1')?.short).toEqual({ fr: 'qualification impact/urgence', en: 'The incident is correctly qualified by impact and urgency' });
    for (const c of rubric.body.criteria) expect(c.label.fr !== c.id && c.label.en !== c.id && c.short.fr !== c.id, c.id).toBe(true);
    expect(Object.keys(u.score!.competences).every((id) => rubric.body.competences.some((c) => c.id === id))).toBe(true);
    expect((await http(srv.url, 'GET', '/api/catalog/rubrics/v9', { cookie: aliceCookie })).status).toBe(404);
  });

  it('stops on the trainer\'s command and stores the scores of both trainees', async () => {
    const stopped = alice.deskWhen((u) => u.view.session.status === 'stopped');
    unwrap(await trainer.control(sessionId, { type: 'session.stop' }));
    await stopped;
    const r = await http<{ scores: { rubricVersion: string; lastSeq: number; score: { trainees: Record<string, { points: number; max: number }> } }[] }>(
      srv.url, 'GET', `/api/sessions/${sessionId}/scores`, { cookie: evaluatorCookie });
    expect(r.status).toBe(200);
    expect(r.body.scores).toHaveLength(1);
    const s = r.body.scores[0]!;
    expect(s.rubricVersion).toBe('v1');
    for (const id of [ids.alice!, ids.bob!]) {
      expect(s.score.trainees[id]!.max).toBeGreaterThan(0);
      expect(s.score.trainees[id]!.points).toBeGreaterThan(0);
    }
    const rec = await srv.app.store.getSession(sessionId);
    expect(rec!.status).toBe('stopped');
    expect(s.lastSeq).toBe(rec!.lastSeq);
  });

  it('gave the staff partial pushes that fold into exactly the whole view a join gives', async () => {
    const partials = trainer.received.filter((m) => m.event === 'staff:update' && (m.payload as StaffUpdate).partial);
    expect(partials.length).toBeGreaterThan(0);
    const lastSeq = (await srv.app.store.getSession(sessionId))!.lastSeq;
    const folded = await trainer.staffWhen((u) => u.seq === lastSeq);
    expect(trainer.staffGaps).toBe(0);
    const fresh = await connect(srv.url, trainer.cookie);
    const whole = unwrap(await fresh.join(sessionId)) as StaffUpdate;
    fresh.close();
    expect(whole.partial).toBeUndefined();
    expect(folded.view).toEqual(whole.view);
    expect(folded.scores.trainees).toEqual(whole.scores.trainees);
  });

  it('re-scores under another rubric version beside the original', async () => {
    const r = await http<{ rubricVersion: string }>(srv.url, 'POST', `/api/sessions/${sessionId}/scores`, { cookie: evaluatorCookie, body: { rubricVersion: 'v2' } });
    expect(r.status).toBe(201);
    expect(r.body.rubricVersion).toBe('v2');
    const list = await http<{ scores: { rubricVersion: string }[] }>(srv.url, 'GET', `/api/sessions/${sessionId}/scores`, { cookie: evaluatorCookie });
    expect(list.body.scores.map((s) => s.rubricVersion)).toEqual(['v1', 'v2']);
  });
});
