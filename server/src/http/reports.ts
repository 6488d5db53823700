/**
 * Staff-only report endpoints: replay at any sequence number, competency
 * grid, exports (CSV, xAPI, printable report), comparison and the time series
 * behind the live board's chart. Everything is computed from the stored log
 * through the pure functions of domain/reports; per session the router keeps
 * a checkpointed replay index and the score of the last seq it saw, and
 * extends them incrementally while a session runs.
 *
 *   GET /api/sessions/:id/replay?seq=N[&traineeId=]   state at N for staff + evidence up to N
 *   GET /api/sessions/:id/replay/log[?traineeId=&from=&to=]   events with their evidence
 *   GET /api/sessions/:id/grid                        competency grid (computed + evaluator judgements)
 *   GET /api/sessions/:id/timeseries[?step=ms]        SLA compliance and score over virtual time
 *   GET /api/sessions/:id/compare[?with=id,id]        same drill, trainees side by side
 *   GET /api/sessions/:id/export.csv                  scores per criterion (Excel-FR)
 *   GET /api/sessions/:id/export.xapi.json            xAPI statements, one per scored action
 *   GET /api/sessions/:id/report/:traineeId[?lang=en] printable HTML report (French, or English)
 */
import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { sessionAccess, STAFF_ROLES } from '../access/policy.js';
import type { Scorer } from '../engine/scoring-adapter.js';
import { compareTrainees, type CompareInput } from '../domain/reports/compare.js';
import { COMPETENCES, compareCriteria, criterionInfo, type CriterionInfo } from '../domain/reports/criteria.js';
import { scoresCsv } from '../domain/reports/csv.js';
import { buildGrid } from '../domain/reports/grid.js';
import { ReplayIndex, staffView } from '../domain/reports/replay.js';
import { REPORT_LANGS, traineeReportHtml } from '../domain/reports/report-html.js';
import { timeSeries } from '../domain/reports/series.js';
import { wallClock } from '../domain/reports/time.js';
import { xapiStatements } from '../domain/reports/xapi.js';
import type { Catalog } from '../domain/scenario.js';
import type { SessionState } from '../domain/session.js';
import type { Evidence, SessionScore } from '../domain/scoring/types.js';
import type { SessionRecord, Store } from '../store/types.js';
import { HttpError } from './errors.js';
import { IdParam, parse, requireRole } from './guards.js';

export interface ReportsDeps {
  /** Reads the log and the session records; access follows access/policy.ts (staff of the session's classroom, or admin). */
  store: Store;
  catalog: Catalog;
  scorer: Pick<Scorer, 'score' | 'versions'>;
  /** Base IRI of xAPI activities and home page of trainee accounts. */
  xapi?: { base?: string; homePage?: string };
  /** Wall clock (ms), for the report's edition date. */
  now?: () => number;
  /** Sessions whose replay index is kept in memory (least recently used are dropped). */
  cacheSize?: number;
  /** Events between replay checkpoints. */
  replayInterval?: number;
}

interface Cached { index: ReplayIndex; scores: Map<string, { seq: number; score: SessionScore }>; used: number }

const send = (res: Response, data: unknown) => res.json(data);
const intParam = (v: unknown, name: string): number | undefined => {
  if (v === undefined || v === '') return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new HttpError(400, 'request/invalid', `${name} must be a non-negative integer`);
  return n;
};
/** The printable report's language: the reader's (the link the client builds carries it), French by default. */
const ReportLang = z.enum(REPORT_LANGS).default('fr');
const strParam = (v: unknown): string | undefined => (typeof v === 'string' && v.length > 0 && v.length <= 80 ? v : undefined);

export function reportsRouter(deps: ReportsDeps): Router {
  const router = Router();
  const cache = new Map<string, Cached>();
  const max = deps.cacheSize ?? 16;
  const now = deps.now ?? Date.now;
  let clock = 0;

  /** The session, if the logged-in user is staff of it (403 otherwise, 404 when it does not exist). */
  async function session(req: Request, id: string = parse(IdParam, req.params.id)): Promise<SessionRecord> {
    const me = requireRole(req, STAFF_ROLES);
    const record = await deps.store.getSession(id);
    if (!record) throw new HttpError(404, 'session/not_found', `no session "${id}"`);
    if ((await sessionAccess(deps.store, me, record)) !== 'staff') throw new HttpError(403, 'auth/forbidden', 'only the staff of this session\'s classroom can read its reports');
    return record;
  }

  /** The session's replay index, brought up to the stored log's last event. */
  async function indexOf(record: SessionRecord): Promise<Cached> {
    let c = cache.get(record.id);
    if (!c) {
      c = { index: new ReplayIndex(deps.catalog, [], { interval: deps.replayInterval ?? 500 }), scores: new Map(), used: 0 };
      cache.set(record.id, c);
      if (cache.size > max) {
        const oldest = [...cache.entries()].sort((a, b) => a[1].used - b[1].used)[0];
        if (oldest && oldest[0] !== record.id) cache.delete(oldest[0]);
      }
    }
    c.used = ++clock;
    if (c.index.lastSeq < record.lastSeq || record.status !== 'stopped') {
      const more = await deps.store.readLog(record.id, c.index.lastSeq);
      c.index.extend(more);
    }
    return c;
  }

  /** Display names of the evaluators who judged the grid (user ids are what the log keeps). */
  async function judges(overrides: SessionState['overrides']): Promise<Record<string, string>> {
    const out: Record<string, string> = {};
    for (const id of new Set(overrides.map((o) => o.by))) {
      const u = await Promise.resolve().then(() => deps.store.getUser(id)).catch(() => undefined);
      if (u) out[id] = u.displayName;
    }
    return out;
  }

  function rubricOf(req: Request, record: SessionRecord): string {
    const asked = strParam(req.query.rubric);
    if (!asked) return record.rubricVersion;
    if (!deps.scorer.versions().includes(asked)) throw new HttpError(400, 'rubric/unknown', `unknown rubric version "${asked}"`);
    return asked;
  }

  function scoreOf(c: Cached, version: string): SessionScore {
    const seq = c.index.lastSeq;
    const hit = c.scores.get(version);
    if (hit && hit.seq === seq) return hit.score;
    const score = deps.scorer.score(c.index.all(), deps.catalog, version);
    c.scores.set(version, { seq, score });
    return score;
  }

  router.get('/api/sessions/:id/replay', async (req, res) => {
    const record = await session(req);
    const c = await indexOf(record);
    const seq = Math.min(intParam(req.query.seq, 'seq') ?? c.index.lastSeq, c.index.lastSeq);
    const traineeId = strParam(req.query.traineeId);
    const state = c.index.stateAt(seq);
    const score = scoreOf(c, rubricOf(req, record));
    const evidence = score.evidence.filter((e) => e.eventSeq <= seq && (!traineeId || e.traineeId === traineeId));
    send(res, {
      sessionId: record.id, seq: state.seq, lastSeq: c.index.lastSeq, t: state.now,
      event: c.index.eventAt(seq) ?? null,
      view: staffView(state, deps.catalog, traineeId),
      evidence,
    });
  });

  router.get('/api/sessions/:id/replay/log', async (req, res) => {
    const record = await session(req);
    const c = await indexOf(record);
    const traineeId = strParam(req.query.traineeId);
    const from = intParam(req.query.from, 'from') ?? 0;
    const to = intParam(req.query.to, 'to') ?? Number.POSITIVE_INFINITY;
    const events = c.index.slice(from, to, traineeId);
    const score = scoreOf(c, rubricOf(req, record));
    const bySeq: Record<number, Evidence[]> = {};
    for (const e of score.evidence) {
      if (traineeId && e.traineeId !== traineeId) continue;
      (bySeq[e.eventSeq] ??= []).push(e);
    }
    send(res, { sessionId: record.id, lastSeq: c.index.lastSeq, events, evidence: bySeq, rubricVersion: score.rubricVersion });
  });

  router.get('/api/sessions/:id/grid', async (req, res) => {
    const record = await session(req);
    const c = await indexOf(record);
    const state = c.index.stateAt(c.index.lastSeq);
    const score = scoreOf(c, rubricOf(req, record));
    const rows = buildGrid(score, state.trainees, state.overrides, await judges(state.overrides));
    const criteria: Record<string, CriterionInfo> = {};
    for (const r of rows) for (const cell of r.cells) criteria[cell.criterionId] ??= criterionInfo(cell.criterionId, deps.catalog.criteria);
    send(res, {
      sessionId: record.id, drillId: state.drillId, mode: state.mode, status: state.status, lastSeq: c.index.lastSeq,
      rubricVersion: score.rubricVersion, rubricVersions: deps.scorer.versions(),
      criteria, competences: COMPETENCES, order: Object.keys(criteria).sort(compareCriteria), rows,
    });
  });

  router.get('/api/sessions/:id/timeseries', async (req, res) => {
    const record = await session(req);
    const c = await indexOf(record);
    const step = Math.max(10_000, intParam(req.query.step, 'step') ?? 60_000);
    const score = scoreOf(c, record.rubricVersion);
    send(res, { sessionId: record.id, lastSeq: c.index.lastSeq, step, samples: timeSeries(c.index.all(), deps.catalog, score, step) });
  });

  router.get('/api/sessions/:id/compare', async (req, res) => {
    const record = await session(req);
    const ids = [record.id, ...String(req.query.with ?? '').split(',').map((s) => s.trim()).filter((s) => s && s !== record.id)].slice(0, 20);
    const inputs: CompareInput[] = [];
    for (const id of ids) {
      const r = id === record.id ? record : await session(req, parse(IdParam, id));
      if (r.drillId !== record.drillId) throw new HttpError(400, 'compare/other_drill', `session "${id}" is a different drill (${r.drillId})`);
      const c = await indexOf(r);
      inputs.push({ sessionId: r.id, state: c.index.stateAt(c.index.lastSeq), score: scoreOf(c, r.rubricVersion) });
    }
    // A cancelled session did not take place: nothing to compare with.
    const sameDrill = (await deps.store.listSessions()).filter((s) => s.drillId === record.drillId && s.id !== record.id && !s.cancelled)
      .map((s) => ({ id: s.id, ...(s.name !== undefined ? { name: s.name } : {}), status: s.status, createdAt: s.createdAt, trainees: s.traineeIds.length }));
    // The rubric versions the rows were scored under: the client words their criteria from them (GET /api/catalog/rubrics/:version).
    const rubricVersions = [...new Set(inputs.map((i) => i.score.rubricVersion))];
    send(res, { ...compareTrainees(inputs, deps.catalog), sessions: ids, rubricVersions, candidates: sameDrill });
  });

  router.get('/api/sessions/:id/export.csv', async (req, res) => {
    const record = await session(req);
    const c = await indexOf(record);
    const state = c.index.stateAt(c.index.lastSeq);
    const score = scoreOf(c, rubricOf(req, record));
    const csv = scoresCsv({ sessionId: record.id, drillId: state.drillId, mode: state.mode, grid: buildGrid(score, state.trainees, state.overrides, await judges(state.overrides)), ...(deps.catalog.criteria ? { criteria: deps.catalog.criteria } : {}) });
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="deskdrill-${record.id}-scores.csv"`);
    res.send(csv);
  });

  router.get('/api/sessions/:id/export.xapi.json', async (req, res) => {
    const record = await session(req);
    const c = await indexOf(record);
    const score = scoreOf(c, rubricOf(req, record));
    const drill = deps.catalog.drills[record.drillId];
    const statements = xapiStatements(record.id, c.index.all(), score, {
      ...deps.xapi, createdWallMs: record.createdAt, ...(drill ? { drillTitle: drill.title } : {}),
      ...(deps.catalog.criteria ? { criteria: deps.catalog.criteria } : {}),
    });
    res.setHeader('Content-Type', 'application/json; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="deskdrill-${record.id}-xapi.json"`);
    res.send(JSON.stringify(statements, null, 2));
  });

  router.get('/api/sessions/:id/report/:traineeId', async (req, res) => {
    const record = await session(req);
    const c = await indexOf(record);
    const state = c.index.stateAt(c.index.lastSeq);
    const traineeId = parse(IdParam, req.params.traineeId);
    const lang = parse(ReportLang, req.query.lang);
    const score = scoreOf(c, rubricOf(req, record));
    const row = buildGrid(score, state.trainees, state.overrides, await judges(state.overrides)).find((r) => r.traineeId === traineeId);
    if (!row) throw new HttpError(404, 'session/unknown_trainee', `trainee "${traineeId}" is not in this session`);
    const stats = compareTrainees([{ sessionId: record.id, state, score, traineeIds: [traineeId] }], deps.catalog).rows[0];
    const wall = wallClock(c.index.all(), record.createdAt);
    const html = traineeReportHtml({
      sessionId: record.id, state, catalog: deps.catalog, row, ...(stats ? { stats } : {}),
      ...(wall.startedAt !== undefined ? { startedAt: wall.startedAt } : {}), generatedAt: now(),
      eventTime: (seq) => c.index.eventAt(seq)?.t, lang,
    });
    res.setHeader('Content-Type', 'text/html; charset=utf-8');
    res.setHeader('Content-Language', lang);
    res.send(html);
  });

  return router;
}

