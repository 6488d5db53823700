/**
 * Drill sessions over REST: list, create, read. A trainee can read only their
 * own desk view of a session they take part in; staff of the classroom read
 * the full view, the log and the scores, and can re-score under a rubric.
 */
import { Router, type Request } from 'express';
import { z } from 'zod';
import { actorOf, canRunClassroom, sessionAccess, STAFF_ROLES, type SessionAccess } from '../../access/policy.js';
import { projectForStaff } from '../../domain/projection.js';
import { fold } from '../../domain/session.js';
import type { SessionHost } from '../../engine/session-host.js';
import type { SessionSummary } from '../../protocol.js';
import { staffJoin, traineeSnapshot } from '../../engine/views.js';
import type { SessionRecord, Store, User } from '../../store/types.js';
import { fromApiError, HttpError } from '../errors.js';
import { IdParam, param, parse, requireRole, requireUser } from '../guards.js';

const SESSION_NAME_MAX = 80;
const CreateBody = z.strictObject({
  classroomId: IdParam,
  drillId: IdParam,
  mode: z.enum(['training', 'exam']).optional(),
  speed: z.number().min(0.1).max(120).optional(),
  seed: z.number().int().min(0).max(2 ** 32 - 1).optional(),
  /** What the trainer calls this run of the drill (« BTS SIO groupe B — matin »). */
  name: z.string().trim().min(1, 'the session name must not be empty (leave it out instead)').max(SESSION_NAME_MAX, `the session name is limited to ${SESSION_NAME_MAX} characters`).optional(),
});
const seqQuery = z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const ViewQuery = z.strictObject({ since: seqQuery.optional(), atSeq: seqQuery.optional() });
const LogQuery = z.strictObject({ fromSeq: seqQuery.default(0), limit: z.coerce.number().int().min(1).max(5000).default(1000) });
const RescoreBody = z.strictObject({ rubricVersion: z.string().min(1).max(40) });

export function sessionsRouter(store: Store, host: SessionHost): Router {
  const r = Router();

  async function sessionFor(req: Request, need?: SessionAccess): Promise<{ me: User; record: SessionRecord; access: SessionAccess }> {
    const me = requireUser(req);
    const id = param(req, 'id');
    const record = await store.getSession(id);
    if (!record) throw new HttpError(404, 'session/not_found', `no session "${id}"`);
    const access = await sessionAccess(store, me, record);
    if (!access) throw new HttpError(403, 'auth/forbidden', 'you do not take part in this session');
    if (need && access !== need) throw new HttpError(403, 'auth/forbidden', 'only the session\'s staff can read this');
    return { me, record, access };
  }

  r.get('/', async (req, res) => {
    const me = requireUser(req);
    const list = me.role === 'admin' ? await store.listSessions()
      : me.role === 'trainee' ? await store.listSessions({ traineeId: me.id })
        : await store.listSessions({ classroomIds: (await store.listClassrooms(me.id)).map((c) => c.id) });
    // One read per person, however many sessions name them.
    const people = new Map<string, Promise<{ id: string; name: string }>>();
    const person = (id: string) => {
      let p = people.get(id);
      if (!p) people.set(id, p = store.getUser(id).then((u) => ({ id, name: u?.displayName ?? id })));
      return p;
    };
    const rows: SessionSummary[] = await Promise.all(list.map(async (s) => ({
      id: s.id, classroomId: s.classroomId, drillId: s.drillId, ...(s.name !== undefined ? { name: s.name } : {}), title: host.catalog.drills[s.drillId]?.title,
      status: s.status, cancelled: s.cancelled, mode: s.mode, speed: s.speed, createdAt: s.createdAt, ...(s.startedAt !== undefined ? { startedAt: s.startedAt } : {}),
      createdBy: await person(s.createdBy),
      // A trainee's list names only themselves, and leaves out the session's event count (the others' activity moves it).
      ...(me.role === 'trainee' ? {} : { lastSeq: s.lastSeq }),
      trainees: await Promise.all((me.role === 'trainee' ? [me.id] : s.traineeIds).map(person)),
    })));
    res.json(rows);
  });

  r.post('/', async (req, res) => {
    const me = requireRole(req, ['trainer', 'admin']);
    const body = parse(CreateBody, req.body);
    if (!(await store.getClassroom(body.classroomId))) throw new HttpError(404, 'classroom/not_found', `no classroom "${body.classroomId}"`);
    if (!(await canRunClassroom(store, me, body.classroomId))) throw new HttpError(403, 'auth/forbidden', 'you are not a trainer of this classroom');
    if (!host.catalog.drills[body.drillId]) throw new HttpError(422, 'drill/unknown', `unknown drill "${body.drillId}"`);
    const trainees = (await store.listMembers(body.classroomId)).filter((m) => m.role === 'trainee').map((m) => ({ id: m.userId, name: m.displayName }));
    const created = await host.create({
      classroomId: body.classroomId, drillId: body.drillId, createdBy: actorOf(me), trainees,
      ...(body.mode ? { mode: body.mode } : {}), ...(body.speed !== undefined ? { speed: body.speed } : {}), ...(body.seed !== undefined ? { seed: body.seed } : {}),
      ...(body.name !== undefined ? { name: body.name } : {}),
    });
    if (!created.ok) throw fromApiError(created.error);
    res.status(201).json(created.value);
  });

  r.get('/:id', async (req, res) => {
    const { me, record, access } = await sessionFor(req);
    const q = parse(ViewQuery, req.query);
    if (access === 'trainee') {
      if (q.atSeq !== undefined || q.since !== undefined) throw new HttpError(403, 'auth/forbidden', 'replay and log queries are for staff');
      res.json(await host.read(record.id, (live) => traineeSnapshot(live, me.id)));
      return;
    }
    if (q.atSeq !== undefined) {
      // Replay: the staff view as it was at a sequence number (same fold as live).
      const view = await host.read(record.id, (live) => {
        if (q.atSeq! > live.machine.state.seq) return undefined;
        return { sessionId: record.id, seq: q.atSeq!, view: projectForStaff(fold(live.machine.events, host.catalog, q.atSeq), host.catalog) };
      });
      if (!view) throw new HttpError(422, 'session/seq_out_of_range', `the session has no event ${q.atSeq}`);
      res.json(view);
      return;
    }
    res.json(await host.read(record.id, (live) => staffJoin(live, q.since)));
  });

  r.get('/:id/log', async (req, res) => {
    const { record } = await sessionFor(req, 'staff');
    const q = parse(LogQuery, req.query);
    res.json({ sessionId: record.id, events: await store.readLog(record.id, q.fromSeq, q.limit) });
  });

  r.get('/:id/scores', async (req, res) => {
    const { record } = await sessionFor(req, 'staff');
    res.json({ sessionId: record.id, rubricVersions: host.scorer.versions(), scores: await host.scores(record.id) });
  });

  r.post('/:id/scores', async (req, res) => {
    requireRole(req, STAFF_ROLES);
    const { record } = await sessionFor(req, 'staff');
    const body = parse(RescoreBody, req.body);
    const r2 = await host.rescore(record.id, body.rubricVersion);
    if (!r2.ok) throw fromApiError(r2.error);
    res.status(201).json(r2.value);
  });

  return r;
}
