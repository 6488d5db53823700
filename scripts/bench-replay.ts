/**
 * Replay seek benchmark: records a 1-hour, 30-trainee drill session through
 * the real SessionMachine (a scripted model trainee per desk), then measures
 * how long reaching a sequence number takes with the checkpointed replay
 * index: state at seq N + staff projection + evidence up to N, i.e. what
 * GET /api/sessions/:id/replay?seq=N computes before serialising.
 *
 *   npm run bench:replay                       # 30 trainees, 60 min, interval 500
 *   npm run bench:replay -- --trainees 30 --interval 250 --seeks 400 --out /tmp/log.json
 *
 * Uses the longest drill in seeds/drills lasting at least 60 minutes, or
 * builds a 60-minute drill from every incident in the catalogue.
 */
import { writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { loadCatalog } from '../server/src/catalog/load.js';
import type { TraineeCommand } from '../server/src/domain/commands.js';
import type { Actor, SessionEvent } from '../server/src/domain/events.js';
import { SessionMachine } from '../server/src/domain/machine.js';
import { projectForStaff } from '../server/src/domain/projection.js';
import { ReplayIndex } from '../server/src/domain/reports/replay.js';
import { DrillSchema, type Catalog, type Drill } from '../server/src/domain/scenario.js';
import type { SessionState } from '../server/src/domain/session.js';
import { MINUTE } from '../server/src/domain/sla.js';
import type { SessionScore } from '../server/src/domain/scoring/types.js';

const { values: args } = parseArgs({
  options: {
    trainees: { type: 'string', default: '30' },
    minutes: { type: 'string', default: '60' },
    interval: { type: 'string', default: '500' },
    seeks: { type: 'string', default: '300' },
    seed: { type: 'string', default: '42' },
    out: { type: 'string' },
    json: { type: 'boolean', default: false },
  },
});
const TRAINEES = Number(args.trainees), MINUTES = Number(args.minutes), INTERVAL = Number(args.interval), SEEKS = Number(args.seeks);

// ---------------------------------------------------------------- catalogue and drill

const { catalog, errors } = loadCatalog();
if (errors.length) console.warn(`catalogue: ${errors.length} error(s), first: ${errors[0]!.file} ${errors[0]!.path}: ${errors[0]!.message}`);

function pickDrill(c: Catalog): Drill {
  const long = Object.values(c.drills).filter((d) => d.duration >= MINUTES * MINUTE).sort((a, b) => b.duration - a.duration)[0];
  if (long) return long;
  const incidents = Object.keys(c.incidents).sort();
  if (!incidents.length) throw new Error('the catalogue has no incident');
  // One contact every 4 minutes per desk, cycling through every incident, with a minute of seeded jitter.
  const timeline = Array.from({ length: Math.floor(MINUTES / 4) }, (_, i) => ({ incident: incidents[i % incidents.length]!, at: i * 4, jitter: 1 }));
  const drill = { ...DrillSchema.parse({ title: { fr: `Banc d'essai ${MINUTES} min` }, description: { fr: 'Généré par bench-replay' }, level: 'mixed', duration: MINUTES, timeline }), id: 'bench-generated' };
  c.drills[drill.id] = drill;
  return drill;
}
const drill = pickDrill(catalog);

// ---------------------------------------------------------------- a scripted model trainee per desk

type Step = { t: number; actor: Actor; make: (s: SessionState) => TraineeCommand | undefined };
const STEP = 15_000;

function planContact(s: SessionState, contactId: string, start: number, actor: Actor): { steps: Step[]; end: number } {
  const c = s.contacts[contactId]!;
  const inc = catalog.incidents[c.incidentId]!;
  const truth = inc.truth;
  const steps: Step[] = [];
  let t = start;
  const push = (make: Step['make']) => { steps.push({ t, actor, make }); t += STEP; };
  const tk = (st: SessionState) => st.contacts[contactId]?.ticketId;
  const onTicket = (f: (ticketId: string) => TraineeCommand) => (st: SessionState) => { const id = tk(st); return id ? f(id) : undefined; };

  push(() => ({ type: 'contact.take', contactId }));
  push(() => ({ type: 'call.greet', contactId }));
  if (truth.identityCheck) push(() => ({ type: 'call.checkIdentity', contactId }));
  const questions = new Set<string>();
  for (const f of inc.facts) if (f.revealedBy[0] && (f.required || questions.size < 3)) questions.add(f.revealedBy[0]);
  for (const q of questions) if (catalog.questions[q]) push(() => ({ type: 'call.ask', contactId, questionId: q }));
  if (c.channel === 'phone' && (inc.mood ?? catalog.personas[c.callerId]?.mood) === 'stressed') push(() => ({ type: 'call.reply', contactId, reply: 'reassure' }));
  push(() => ({ type: 'ticket.create', contactId, title: inc.title.fr.slice(0, 200) }));
  push(onTicket((ticketId) => ({ type: 'ticket.take', ticketId })));
  push(onTicket((ticketId) => ({ type: 'ticket.qualify', ticketId, impact: truth.impact, urgency: truth.urgency, category: truth.category, ticketType: truth.type })));
  if (inc.asset) push(onTicket((ticketId) => ({ type: 'ticket.linkAsset', ticketId, assetTag: inc.asset! })));
  for (const x of inc.tests.filter((x) => x.relevant)) push(onTicket((ticketId) => ({ type: 'test.run', ticketId, testId: x.test })));
  push(() => ({ type: 'call.rephrase', contactId, text: inc.model.rephrase }));
  push(onTicket((ticketId) => ({ type: 'kb.search', ticketId, query: inc.title.fr.split(/\s+/).slice(0, 4).join(' ') })));
  const r = truth.resolution;
  const article = r.kbArticles[0];
  if (article) push(onTicket((ticketId) => ({ type: 'kb.open', ticketId, articleId: article })));
  push(onTicket((ticketId) => ({ type: 'ticket.addNote', ticketId, text: inc.model.resolutionNote.diagnosis })));
  let followUp: number | undefined;
  if (r.level === 'l1') {
    if (truth.remoteControl) { push(onTicket((ticketId) => ({ type: 'remote.askConsent', ticketId }))); push(onTicket((ticketId) => ({ type: 'remote.start', ticketId }))); }
    push(onTicket((ticketId) => ({ type: 'ticket.applyFix', ticketId, articleId: r.kbArticles[0]! })));
    if (truth.remoteControl) push(onTicket((ticketId) => ({ type: 'remote.end', ticketId })));
    push(onTicket((ticketId) => ({ type: 'ticket.resolve', ticketId, code: r.workaround ? 'workaround' : 'fixed', causeId: truth.rootCause, note: inc.model.resolutionNote })));
    push(onTicket((ticketId) => ({ type: 'ticket.requestConfirmation', ticketId })));
  } else {
    const required = inc.facts.filter((f) => f.required).map((f) => f.id);
    const tests = inc.tests.filter((x) => x.relevant).map((x) => x.test);
    push(onTicket((ticketId) => ({ type: 'ticket.escalate', ticketId, groupId: r.group, factIds: required, testIds: tests, note: `${inc.model.resolutionNote.symptom} ${inc.model.resolutionNote.diagnosis}` })));
    followUp = t + (catalog.groups[r.group]?.resolveMinutes ?? 20) * MINUTE + MINUTE;
  }
  if (truth.securityAdvice) push(() => ({ type: 'call.reply', contactId, reply: 'security_advice' }));
  push(() => ({ type: 'call.reply', contactId, reply: 'delay' }));
  push(() => ({ type: 'call.conclude', contactId, text: inc.model.userMessage }));
  push(() => ({ type: 'call.end', contactId }));
  if (r.level === 'l1') push(onTicket((ticketId) => ({ type: 'ticket.close', ticketId })));
  const end = t;
  if (followUp !== undefined) {
    const at = followUp;
    steps.push({ t: at, actor, make: onTicket((ticketId) => ({ type: 'ticket.informUser', ticketId, message: inc.model.userMessage })) });
    steps.push({ t: at + STEP, actor, make: onTicket((ticketId) => ({ type: 'ticket.requestConfirmation', ticketId })) });
    steps.push({ t: at + 2 * STEP, actor, make: onTicket((ticketId) => ({ type: 'ticket.close', ticketId })) });
  }
  return { steps, end };
}

function record(): { events: SessionEvent[]; refused: number } {
  const trainer: Actor = { role: 'trainer', id: 'bench-trainer' };
  const trainees = Array.from({ length: TRAINEES }, (_, i) => ({ id: `t${String(i + 1).padStart(2, '0')}`, name: `Stagiaire ${i + 1}` }));
  const created = SessionMachine.creation(catalog, { drillId: drill.id, seed: Number(args.seed), mode: 'exam', trainees }, trainer);
  if (!created.ok) throw new Error(created.error.message);
  const m = new SessionMachine(catalog);
  m.append([created.value]);
  const wall0 = Date.UTC(2025, 8, 15, 7, 0, 0);
  m.control(trainer, { type: 'session.start' }, 0, wall0);

  // Plan each desk's work as contacts arrive: a desk handles one contact at a time, in arrival order.
  const busy = new Map<string, number>();
  const agenda: Step[] = [];
  const planned = new Set<string>();
  const control: { t: number; run: () => void }[] = [
    { t: 20 * MINUTE, run: () => m.control(trainer, { type: 'session.pause' }, 20 * MINUTE, wall0 + 20 * MINUTE) },
    { t: 20 * MINUTE, run: () => m.control(trainer, { type: 'session.resume' }, 20 * MINUTE, wall0 + 22 * MINUTE) },
    { t: 30 * MINUTE, run: () => m.control(trainer, { type: 'session.broadcast', message: 'Incident majeur en cours sur la messagerie : ne pas escalader les doublons.', major: true }, 30 * MINUTE, wall0 + 32 * MINUTE) },
  ];
  let refused = 0;
  const planArrivals = (t: number) => {
    for (const c of Object.values(m.state.contacts)) {
      if (planned.has(c.id) || c.arrivedAt > t) continue;
      planned.add(c.id);
      const actor: Actor = { role: 'trainee', id: c.traineeId };
      const start = Math.max(c.arrivedAt + 20_000, busy.get(c.traineeId) ?? 0);
      const { steps, end } = planContact(m.state, c.id, start, actor);
      busy.set(c.traineeId, end);
      agenda.push(...steps);
    }
  };
  for (let guard = 0; guard < 1_000_000; guard++) {
    const nextDue = m.nextDueAt();
    agenda.sort((a, b) => a.t - b.t || a.actor.id.localeCompare(b.actor.id));
    control.sort((a, b) => a.t - b.t);
    const nextStep = agenda[0]?.t ?? Infinity;
    const nextControl = control[0]?.t ?? Infinity;
    if (m.state.status === 'stopped') break;
    if (nextDue !== undefined && nextDue <= Math.min(nextStep, nextControl)) {
      m.advanceTo(nextDue);
      planArrivals(nextDue);
      continue;
    }
    if (nextControl <= nextStep && nextControl !== Infinity) { control.shift()!.run(); continue; }
    if (nextStep === Infinity) { if (nextDue === undefined) break; m.advanceTo(nextDue); continue; }
    const step = agenda.shift()!;
    m.advanceTo(step.t);
    planArrivals(step.t);
    const cmd = step.make(m.state);
    if (!cmd) { refused++; continue; }
    const r = m.act(step.actor, cmd, step.t);
    if (!r.ok) refused++;
  }
  return { events: m.events, refused };
}

// ---------------------------------------------------------------- scoring (if the rules are there)

async function loadScore(): Promise<((events: readonly SessionEvent[]) => SessionScore) | undefined> {
  try {
    const mod = (await import('../server/src/domain/scoring/index.js' as string)) as { scoreSession?: (e: readonly SessionEvent[], c: Catalog, v?: string) => SessionScore };
    return mod.scoreSession ? (e) => mod.scoreSession!(e, catalog, 'v1') : undefined;
  } catch { return undefined; }
}

// ---------------------------------------------------------------- measure

const pct = (xs: number[], p: number) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!; };
const ms = (x: number) => `${x.toFixed(1)} ms`;

async function main() {
  let t0 = performance.now();
  const { events, refused } = record();
  const recordMs = performance.now() - t0;
  if (args.out) writeFileSync(args.out, JSON.stringify(events));
  const last = events.at(-1)!;
  const byType = new Map<string, number>();
  for (const e of events) byType.set(e.actor.role, (byType.get(e.actor.role) ?? 0) + 1);

  const scorer = await loadScore();
  t0 = performance.now();
  const score = scorer?.(events);
  const scoreMs = performance.now() - t0;

  t0 = performance.now();
  const index = new ReplayIndex(catalog, events, { interval: INTERVAL });
  const indexMs = performance.now() - t0;
  const heapMb = process.memoryUsage().heapUsed / 1e6;

  // Targets: random seqs, the worst case for each checkpoint (just before the next one), the first and the last.
  let rng = Number(args.seed) >>> 0;
  const rand = () => { rng = (rng * 1664525 + 1013904223) >>> 0; return rng / 2 ** 32; };
  const targets: number[] = [1, last.seq];
  for (let i = 0; i < SEEKS; i++) targets.push(1 + Math.floor(rand() * last.seq));
  for (let s = INTERVAL - 1; s < last.seq; s += INTERVAL) targets.push(events[s]?.seq ?? last.seq);

  const seekOnly: number[] = [];
  const full: number[] = [];
  let bytes = 0;
  for (const seq of targets) {
    const a = performance.now();
    const state = index.stateAt(seq);
    const b = performance.now();
    const view = projectForStaff(state, catalog);
    const evidence = score ? score.evidence.filter((e) => e.eventSeq <= seq) : [];
    const c = performance.now();
    seekOnly.push(b - a);
    full.push(c - a);
    if (seq === last.seq) bytes = JSON.stringify({ view, evidence }).length;
  }
  const result = {
    drill: drill.id, drillMinutes: drill.duration / MINUTE, trainees: TRAINEES, events: events.length, lastSeq: last.seq,
    virtualEndMin: +(last.t / MINUTE).toFixed(1), traineeActions: byType.get('trainee') ?? 0, refusedSteps: refused,
    contacts: events.filter((e) => e.type === 'contact.arrived' || e.type === 'contact.injected').length,
    tickets: events.filter((e) => e.type === 'ticket.created').length,
    interval: INTERVAL, checkpoints: index.checkpointCount, recordMs: Math.round(recordMs), scoreMs: score ? Math.round(scoreMs) : null,
    evidence: score?.evidence.length ?? null, indexBuildMs: Math.round(indexMs), heapMb: Math.round(heapMb),
    seeks: targets.length,
    seekStateMs: { p50: +pct(seekOnly, 50).toFixed(2), p95: +pct(seekOnly, 95).toFixed(2), max: +Math.max(...seekOnly).toFixed(2) },
    seekWithProjectionMs: { p50: +pct(full, 50).toFixed(2), p95: +pct(full, 95).toFixed(2), max: +Math.max(...full).toFixed(2) },
    lastViewJsonKb: Math.round(bytes / 1024),
  };
  if (args.json) { console.log(JSON.stringify(result, null, 2)); return; }
  console.log(`Recorded "${result.drill}" (${result.drillMinutes} min) with ${TRAINEES} trainees: ${result.events} events, ${result.contacts} contacts, ${result.tickets} tickets, ${result.traineeActions} trainee actions (${refused} scripted steps refused/skipped) in ${ms(recordMs)}.`);
  console.log(score ? `Scored: ${result.evidence} evidence items in ${ms(scoreMs)}.` : 'Scoring rules not available: evidence left empty.');
  console.log(`Replay index: ${result.checkpoints} checkpoints every ${INTERVAL} events, built in ${ms(indexMs)}, heap ${result.heapMb} MB.`);
  console.log(`Seek to any seq (${targets.length} seeks incl. worst case before each checkpoint):`);
  console.log(`  state only             p50 ${ms(result.seekStateMs.p50)}  p95 ${ms(result.seekStateMs.p95)}  max ${ms(result.seekStateMs.max)}`);
  console.log(`  state + staff view     p50 ${ms(result.seekWithProjectionMs.p50)}  p95 ${ms(result.seekWithProjectionMs.p95)}  max ${ms(result.seekWithProjectionMs.max)}`);
  console.log(`  (staff view at the last seq: ${result.lastViewJsonKb} KB of JSON)`);
  console.log(result.seekWithProjectionMs.max < 200 ? 'OK: every seek under 200 ms.' : 'SLOW: some seek took 200 ms or more.');
}

void main();
