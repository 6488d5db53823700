/** Classrooms (cohorts): a trainer or evaluator sees only the classrooms they belong to; a trainee only their names. */
import { Router } from 'express';
import { z } from 'zod';
import { canRunClassroom, canSeeClassroom } from '../../access/policy.js';
import { newId } from '../../ids.js';
import type { Store } from '../../store/types.js';
import { HttpError } from '../errors.js';
import { IdParam, param, parse, requireRole, requireUser } from '../guards.js';

const NewClassroomBody = z.strictObject({ name: z.string().trim().min(1).max(120) });
const AddMemberBody = z.strictObject({ userId: IdParam });

export function classroomsRouter(store: Store): Router {
  const r = Router();

  r.get('/', async (req, res) => {
    const me = requireUser(req);
    res.json(await store.listClassrooms(me.role === 'admin' ? undefined : me.id));
  });

  r.post('/', async (req, res) => {
    const me = requireRole(req, ['trainer', 'admin']);
    const body = parse(NewClassroomBody, req.body);
    const c = await store.createClassroom({ id: newId('cls'), name: body.name, createdBy: me.id });
    if (me.role === 'trainer') await store.addMember(c.id, me.id);
    res.status(201).json(c);
  });

  r.get('/:id', async (req, res) => {
    const me = requireUser(req);
    const id = param(req, 'id');
    const c = await store.getClassroom(id);
    if (!c) throw new HttpError(404, 'classroom/not_found', `no classroom "${id}"`);
    if (!(await canSeeClassroom(store, me, id))) throw new HttpError(403, 'auth/forbidden', 'you are not staff of this classroom');
    res.json({ ...c, members: await store.listMembers(id) });
  });

  r.post('/:id/members', async (req, res) => {
    const me = requireRole(req, ['trainer', 'admin']);
    const id = param(req, 'id');
    const body = parse(AddMemberBody, req.body);
    if (!(await store.getClassroom(id))) throw new HttpError(404, 'classroom/not_found', `no classroom "${id}"`);
    if (!(await canRunClassroom(store, me, id))) throw new HttpError(403, 'auth/forbidden', 'you are not a trainer of this classroom');
    const user = await store.getUser(body.userId);
    if (!user) throw new HttpError(404, 'user/not_found', `no user "${body.userId}"`);
    if (me.role !== 'admin' && user.role !== 'trainee') throw new HttpError(403, 'auth/forbidden', 'a trainer can only add trainees');
    await store.addMember(id, user.id);
    res.status(201).json({ classroomId: id, userId: user.id });
  });

  return r;
}
