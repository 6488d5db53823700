/**
 * Answer keys stay on the server. Every message a trainee's socket receives
 * over a whole drill (pushes, notices and acks), plus their REST view of the
 * session, is searched for the hidden truth of every scenario they were sent:
 * expected impact/urgency/category, resolver group, root cause, unrevealed
 * facts, model answers, incident ids, and for anything of the other trainee.
 *
 * Exam mode, with a trainee who gets everything wrong (so nothing true can
 * reach them by their own doing) beside one who gets everything right (so a
 * leak of the neighbour's desk would show the truth too). A training-mode run
 * then checks the same boundaries while feedback is flowing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Incident } from '../../server/src/domain/scenario.js';
import type { StaffUpdate, TraineeSnapshot, TraineeUpdate } from '../../server/src/protocol.js';
import type { User } from '../../server/src/store/types.js';
import { connect, http, login, unwrap, type TestClient } from './support/clients.js';
import { DeskDriver } from './support/desk-driver.js';
import { realCatalog, startServer, type TestServer } from './support/server.js';

let srv: TestServer;
let classroomId: string;
let trainerCookie: string;
let ana: User, ben: User;

beforeAll(async () => {
  srv = await startServer({ scorer: 'real' });
  const tr = await srv.createUser('tr', 'trainer');
  ana = await srv.createUser('ana', 'trainee', 'Ana Zwiebel');
  ben = await srv.createUser('ben', 'trainee', 'Ben Quixote');
  classroomId = await srv.createClassroom('Promo H', [tr, ana, ben]);
  trainerCookie = await login(srv.url, 'tr');
}, 120_000);
afterAll(async () => { await srv?.close(); });

/** Drops the parts of a payload that are public by design before searching it. */
function withoutPublic(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutPublic);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    // `causes` lists every candidate cause, the root cause among them: which one is right is the secret.
    for (const [k, v] of Object.entries(value)) if (k !== 'causes') out[k] = withoutPublic(v);
    return out;
  }
  return value;
}

const chunk = (text: string) => JSON.stringify(text.replace(/\s+/g, ' ').trim()).slice(1, 61);

interface Secret { what: string; needle: string }

async function secretsFor(sessionId: string, trainee: User, other: User, strict: boolean): Promise<Secret[]> {
  const catalog = realCatalog();
  const state = (await srv.app.host.read(sessionId, (l) => structuredClone(l.machine.state)))!;
  const secrets: Secret[] = [];
  const add = (what: string, needle: string) => secrets.push({ what, needle });
  for (const key of ['truth', 'rootCause', 'kbArticles', 'revealedBy', 'timeline', 'incidentId', 'seed', 'rubricVersion', 'problemKey', 'confirmYes', 'confirmNo', 'resolveMinutes', 'scores', 'events', 'overrides']) {
    add(`field ${key}`, `"${key}":`);
  }
  add('the creation event', 'session.created');
  if (strict) { add('exam evidence', '"criterionId"'); add('exam evidence', '"explanation"'); }
  add('other trainee id', other.id);
  add('other trainee name', other.displayName);
  const contacts = Object.values(state.contacts).filter((c) => c.traineeId === trainee.id);
  expect(contacts.length).toBeGreaterThanOrEqual(3);
  for (const c of contacts) {
    const inc: Incident = catalog.incidents[c.incidentId]!;
    const tk = c.ticketId ? state.tickets[c.ticketId] : undefined;
    add(`incident id ${inc.id}`, `"${inc.id}"`);
    for (const f of inc.facts) if (!c.revealed.includes(f.id)) add(`${inc.id} unrevealed fact ${f.id}`, chunk(f.text));
    if (strict) {
      // The wrong-answering trainee neither typed the model texts nor chose the root cause.
      add(`${inc.id} root cause`, `"${inc.truth.rootCause}"`);
      add(`${inc.id} model rephrase`, chunk(inc.model.rephrase));
      add(`${inc.id} model user message`, chunk(inc.model.userMessage));
      for (const [k, v] of Object.entries(inc.model.resolutionNote)) add(`${inc.id} model note ${k}`, chunk(v));
      // A value the trainee chose on none of her tickets can only come from the answer key (per-ticket values are checked apart).
      const mine = Object.values(state.tickets).filter((t) => t.traineeId === trainee.id);
      for (const field of ['impact', 'urgency', 'category'] as const) {
        if (!mine.some((t) => t[field] === inc.truth[field])) add(`${inc.id} expected ${field}`, `"${field}":"${inc.truth[field]}"`);
      }
      const r = inc.truth.resolution;
      if (r.level === 'escalate' && tk?.groupId !== r.group) add(`${inc.id} resolver group`, `"${r.group}"`);
      for (const a of r.kbArticles) add(`${inc.id} KB answer`, `"${a}"`);
    }
  }
  return secrets;
}

/** Every object in a payload. */
function* objects(value: unknown): Generator<Record<string, unknown>> {
  if (Array.isArray(value)) for (const v of value) yield* objects(v);
  else if (value && typeof value === 'object') {
    yield value as Record<string, unknown>;
    for (const v of Object.values(value)) yield* objects(v);
  }
}

/** Each of the trainee's tickets, wherever it appears, carries only the qualification she gave it. */
async function assertOwnQualifications(sessionId: string, trainee: User, client: TestClient, extra: unknown[]): Promise<void> {
  const state = (await srv.app.host.read(sessionId, (l) => structuredClone(l.machine.state)))!;
  const chosen = new Map(Object.values(state.tickets).filter((t) => t.traineeId === trainee.id).map((t) => [t.id, t]));
  let seen = 0;
  for (const payload of [...client.received.map((m) => m.payload), ...extra]) {
    for (const o of objects(payload)) {
      const tk = typeof o.id === 'string' ? chosen.get(o.id) : undefined;
      if (!tk || !('status' in o)) continue;
      seen++;
      for (const f of ['impact', 'urgency', 'category', 'priority', 'groupId'] as const) {
        if (f in o) expect(o[f], `${tk.id}.${f}`).toBe(tk[f]);
      }
    }
  }
  expect(seen).toBeGreaterThan(10);
}

function assertNoLeak(client: TestClient, extra: unknown[], secrets: Secret[]): void {
  const payloads = [...client.received.map((m) => ({ event: m.event, payload: m.payload })), ...extra.map((payload) => ({ event: 'rest', payload }))];
  expect(payloads.length).toBeGreaterThan(50);
  const leaks: string[] = [];
  for (const p of payloads) {
    const text = JSON.stringify(withoutPublic(p.payload));
    for (const s of secrets) if (text.includes(s.needle)) leaks.push(`${p.event}: ${s.what} (${s.needle})`);
    if (p.event === 'staff:update') leaks.push('a staff update reached a trainee');
  }
  expect([...new Set(leaks)]).toEqual([]);
}

async function drill(mode: 'exam' | 'training', anaStyle: 'wrong' | 'expert', runToEnd: boolean) {
  const created = await http<{ id: string }>(srv.url, 'POST', '/api/sessions', { cookie: trainerCookie, body: { classroomId, drillId: 'demo-short', mode, speed: 40, seed: 11 } });
  expect(created.status).toBe(201);
  const sessionId = created.body.id;
  const anaCookie = await login(srv.url, 'ana');
  const [trainer, anaC, benC] = await Promise.all([connect(srv.url, trainerCookie), connect(srv.url, anaCookie), connect(srv.url, await login(srv.url, 'ben'))]);
  for (const c of [trainer, anaC, benC]) unwrap(await c.join(sessionId));
  unwrap(await trainer.control(sessionId, { type: 'session.start' }));
  // Live extras: a major-incident broadcast to all, a private message to Ben, an incident injected on Ana's desk.
  unwrap(await trainer.control(sessionId, { type: 'session.broadcast', message: 'Panne générale de la messagerie', major: true }));
  unwrap(await trainer.control(sessionId, { type: 'session.message', traineeId: ben.id, message: 'Ben : message privé ultra-secret' }));
  unwrap(await trainer.control(sessionId, { type: 'session.inject', incidentId: 'laptop-disk-failure', traineeId: ana.id }));
  const slow = trainer.staffWhen((u) => u.view.desks.every((d) => d.contacts.length >= 3), 60_000)
    .then(async () => { if (!runToEnd) unwrap(await trainer.control(sessionId, { type: 'session.setSpeed', speed: 1 })); });
  const incidentOf = (id: string) => srv.app.host.read(sessionId, (l) => l.machine.state.contacts[id]!.incidentId).then((x) => x!);
  await Promise.all([
    new DeskDriver(anaC, sessionId, realCatalog(), anaStyle).run(4, incidentOf),
    new DeskDriver(benC, sessionId, realCatalog(), 'expert').run(3, incidentOf),
  ]);
  await slow;
  if (!runToEnd) unwrap(await trainer.control(sessionId, { type: 'session.stop' }));
  // Exam: let the clock run out, so SLA breaches, group returns and the end of the drill reach the desk too.
  await anaC.deskWhen((u) => u.view.session.status === 'stopped', 60_000);
  const rest = await http<TraineeSnapshot>(srv.url, 'GET', `/api/sessions/${sessionId}`, { cookie: anaCookie });
  expect(rest.status).toBe(200);
  for (const c of [trainer, anaC, benC]) c.close();
  return { sessionId, anaC, benC, rest: rest.body };
}

describe('no trainee payload ever contains hidden truth', () => {
  it('exam mode: a wrong-answering trainee receives nothing of the answer key, the exam scores or the neighbour', async () => {
    const { sessionId, anaC, rest } = await drill('exam', 'wrong', true);
    const kinds = new Set(anaC.received.map((m) => m.event === 'notice' ? `notice:${(m.payload as { kind: string }).kind}` : m.event));
    // The capture covers the whole drill: pushes, every kind of notice and the acks.
    for (const k of ['desk:update', 'notice:contact', 'notice:broadcast', 'notice:group', 'notice:session', 'ack:trainee:command', 'ack:session:join']) expect(kinds).toContain(k);
    expect(rest.feedback).toBeUndefined();
    expect(rest.score).toBeUndefined();
    expect(anaC.lastDesk!.feedback).toEqual([]);
    // The private message to Ben is not Ana's.
    expect(JSON.stringify(anaC.received)).not.toContain('ultra-secret');
    assertNoLeak(anaC, [rest], await secretsFor(sessionId, ana, ben, true));
    await assertOwnQualifications(sessionId, ana, anaC, [rest]);
  }, 240_000);

  // Here Ana plays the model answer, so her own desk holds the truth she found; what must not reach her is the rest.
  it('training mode: feedback flows, but never the neighbour\'s data, unrevealed facts or the answer key\'s structure', async () => {
    const { sessionId, anaC, rest } = await drill('training', 'expert', false);
    expect(rest.feedback!.set.length).toBeGreaterThan(0);
    expect(rest.feedback!.set.every((e) => e.traineeId === ana.id)).toBe(true);
    expect(anaC.lastDesk!.feedback.every((e) => e.traineeId === ana.id)).toBe(true);
    expect(rest.score?.traineeId).toBe(ana.id);
    assertNoLeak(anaC, [rest], await secretsFor(sessionId, ana, ben, false));
  }, 240_000);
});
