/**
 * The reports router over an in-memory store: role guard, replay at a seq,
 * grid, exports and comparison answer from the log.
 */
import express from 'express';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportsRouter } from '../../server/src/http/reports.js';
import { HttpError } from '../../server/src/http/errors.js';
import type { Role, Store } from '../../server/src/store/types.js';
import { parseCsv } from '../../server/src/domain/reports/csv.js';
import { timeSeries } from '../../server/src/domain/reports/series.js';
import { fold } from '../../server/src/domain/session.js';
import type { SessionRecord } from '../../server/src/store/types.js';
import { catalog, fakeScore, playedSession } from './reports-fixture.js';

const m = playedSession();
const record: SessionRecord = {
  id: 'ses-1', classroomId: 'c1', drillId: 'mini', mode: 'training', speed: 1, seed: 7, rubricVersion: 'v1', status: 'stopped', cancelled: false,
  lastSeq: m.state.seq, virtualNow: m.state.now, createdBy: 'tr', createdAt: 0, updatedAt: 0, traineeIds: ['alice', 'bob'],
};
let base = '';
let server: ReturnType<ReturnType<typeof express>['listen']>;

beforeAll(async () => {
  const app = express();
  // Stands in for the server's cookie authentication: the test names the user in headers.
  app.use((req, _res, next) => {
    const role = req.get('x-role') as Role | undefined;
    if (role) req.user = { id: req.get('x-user') ?? 'eva', username: 'u', displayName: 'U', role, createdAt: 0 };
    next();
  });
  const store = {
    getSession: async (id: string) => (id === record.id ? record : undefined),
    readLog: async (_id: string, from = 0) => m.events.filter((e) => e.seq > from),
    listSessions: async () => [record],
    isMember: async (classroomId: string, userId: string) => classroomId === 'c1' && userId === 'eva',
    getUser: async (id: string) => (id === 'eva' ? { id, username: 'eva', displayName: 'Eva Juge', role: 'evaluator', createdAt: 0 } : undefined),
  } as unknown as Store;
  app.use(reportsRouter({ store, catalog, scorer: { score: (events, _c, v) => fakeScore(events, v), versions: () => ['v1'] }, now: () => 0 }));
  app.use((e: unknown, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
    if (e instanceof HttpError) res.status(e.status).json({ error: { code: e.code, message: e.message } });
    else res.status(500).json({ error: { code: 'internal', message: String(e) } });
  });
  await new Promise<void>((r) => { server = app.listen(0, '127.0.0.1', () => r()); });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const get = (path: string, role = 'evaluator', user = 'eva') => fetch(base + path, { headers: { 'x-role': role, 'x-user': user } });

describe('reports router', () => {
  it('refuses trainees, anonymous users and staff of other classrooms', async () => {
    expect((await get('/api/sessions/ses-1/grid', 'trainee', 'alice')).status).toBe(403);
    expect((await fetch(`${base}/api/sessions/ses-1/grid`)).status).toBe(401);
    expect((await get('/api/sessions/ses-1/export.csv', 'trainer', 'other')).status).toBe(403);
    expect((await get('/api/sessions/ses-1/grid', 'admin', 'root')).status).toBe(200);
  });

  it('replays the state at a sequence number with the evidence up to it', async () => {
    const qualifyBob = m.events.find((e) => e.type === 'ticket.qualified' && e.actor.id === 'bob')!;
    const body = await (await get(`/api/sessions/ses-1/replay?seq=${qualifyBob.seq}&traineeId=bob`)).json();
    expect(body.seq).toBe(qualifyBob.seq);
    expect(body.event.type).toBe('ticket.qualified');
    expect(body.view.desks.map((d: { traineeId: string }) => d.traineeId)).toEqual(['bob']);
    const tk = body.view.desks[0].tickets[0];
    expect(tk.truth.impact).toBe('medium');
    expect(tk.impact).toBe('high');
    expect(body.evidence).toHaveLength(1);
    expect(body.view.session.seq).toBe(fold(m.events, catalog, qualifyBob.seq).seq);
    const bad = await get('/api/sessions/ses-1/replay?seq=-3');
    expect(bad.status).toBe(400);
    expect((await get('/api/sessions/nope/replay')).status).toBe(404);
  });

  it('serves the log with its evidence, the grid, the time series and the comparison', async () => {
    const log = (await (await get('/api/sessions/ses-1/replay/log?traineeId=alice')).json());
    expect(log.events.length).toBeGreaterThan(5);
    expect(Object.values(log.evidence).flat()).toHaveLength(2);
    const grid = (await (await get('/api/sessions/ses-1/grid')).json());
    expect(grid.rows).toHaveLength(2);
    expect(grid.criteria['TAI-CP8-C1'].official).toMatch(/qualifié/);
    const bobC1 = grid.rows[1].cells.find((c: { criterionId: string }) => c.criterionId === 'TAI-CP8-C1');
    expect(bobC1.judgement).toMatchObject({ by: 'eva', byName: 'Eva Juge', level: 'in_progress' });
    const ts = (await (await get('/api/sessions/ses-1/timeseries?step=60000')).json());
    expect(ts.samples.length).toBeGreaterThan(40);
    const cmp = (await (await get('/api/sessions/ses-1/compare')).json());
    expect(cmp.rows).toHaveLength(2);
    expect(cmp.rubricVersions).toEqual([grid.rubricVersion]); // what the client words the criteria from
  });

  it('exports CSV, xAPI and a printable report', async () => {
    const csv = await get('/api/sessions/ses-1/export.csv');
    expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
    expect(csv.headers.get('content-disposition')).toMatch(/attachment; filename="deskdrill-ses-1-scores.csv"/);
    const buf = new Uint8Array(await csv.arrayBuffer());
    expect([...buf.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(parseCsv(new TextDecoder().decode(buf))).toHaveLength(4);
    const x = await (await get('/api/sessions/ses-1/export.xapi.json')).json();
    expect(x).toHaveLength(3);
    const html = await get('/api/sessions/ses-1/report/bob');
    expect(html.headers.get('content-type')).toMatch(/text\/html/);
    expect(await html.text()).toContain('Bob Leroy');
    expect((await get('/api/sessions/ses-1/report/zoe')).status).toBe(404);
  });
});

describe('printable report', () => {
  /** The report's fixed French text (headings, labels, levels, mentions). */
  const FRENCH = ['Bilan individuel de mise en situation professionnelle', 'simulation de centre de services', 'Stagiaire', 'Exercice', 'Durée simulée',
    'Barème', 'Édité le', 'entraînement', 'Synthèse', 'Acquis', "En cours d'acquisition", 'Non acquis', 'Tickets traités', 'Résolus', 'Clôturés',
    'Escaladés', 'Dépassements SLA', 'Délai moyen de résolution', 'Critère de performance', 'Niveau calculé', "Avis de l'évaluateur",
    'Niveau retenu', 'modifié', 'Nom, date et signature', 'Le stagiaire', 'Libellés des critères'];
  /** Text of the page (tags and the style sheet left out), entities decoded as a reader sees them. */
  const visible = (html: string) => html.replace(/<style>[\s\S]*?<\/style>/, '').replace(/<[^>]+>/g, ' ').replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, '&')
    .replace(/[ \t\r\n]+/g, ' ').replace(/ \)/g, ')').replace(/\( /g, '('); // not \s: it would take the narrow no-break spaces

  it('is French by default, with the UI\'s French typography', async () => {
    const res = await get('/api/sessions/ses-1/report/bob');
    const html = await res.text();
    expect(html).toContain('<html lang="fr">');
    const text = visible(html);
    for (const fr of FRENCH) expect(text, fr).toContain(fr);
    expect(await (await get('/api/sessions/ses-1/report/bob?lang=fr')).text()).toBe(html);
    // A narrow no-break space before « : ; ! ? » and inside guillemets, never a plain one (the evaluator's comment is free text, left as typed).
    expect(text).toMatch(/Stagiaire\u202f: Bob Leroy/);
    expect(text).toContain('Impact surestimé (0,5/2)');
    expect(text.replace(/«\u202f.*?\u202f»/g, '')).not.toMatch(/ [:;!?»]|« /);
  });

  it('follows the reader\'s language: in English, no French heading, label or level', async () => {
    const res = await get('/api/sessions/ses-1/report/bob?lang=en');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-language')).toBe('en');
    const html = await res.text();
    expect(html).toContain('<html lang="en">');
    for (const en of ['Individual report', 'Trainee: Bob Leroy', 'Summary', 'Performance criterion', 'Computed level', "Evaluator's judgement", 'Level retained', 'in progress', 'Name, date and signature'])
      expect(visible(html), en).toContain(en);
    // The official French wording of each criterion stays, quoted and marked as French, then ours in English (as on the grid).
    expect(html).toMatch(/<q lang="fr">L&#39;incident est correctement qualifié[^<]*<\/q><span class="en muted">The incident is correctly qualified/);
    const english = visible(html.replace(/<q lang="fr">[^<]*<\/q>/g, '').replace(/<footer>[\s\S]*<\/footer>/, ''));
    for (const fr of FRENCH) expect(english, fr).not.toContain(fr);
    expect(english).toContain('Impact overestimated (0.5/2)');
    expect(english).not.toMatch(/\d,\d/); // decimal point in English
    expect((await get('/api/sessions/ses-1/report/bob?lang=de')).status).toBe(400);
  });
});

describe('time series', () => {
  it('samples SLA compliance and running score per virtual minute', () => {
    const samples = timeSeries(m.events, catalog, fakeScore(m.events), 60_000);
    expect(samples[0]!.t).toBe(0);
    expect(samples[1]!.t).toBe(60_000);
    const last = samples.at(-1)!;
    expect(last.tickets).toBe(2);
    expect(last.trainees.alice!.sla).toBe(100);
    expect(last.trainees.alice!.score).toBe(round((2 + 0) / 3));
    expect(last.trainees.bob!.score).toBe(25);
  });
});
const round = (x: number) => Math.round(x * 1000) / 10;
