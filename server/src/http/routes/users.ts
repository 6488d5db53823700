/** Accounts: an admin creates any account; a trainer creates trainee accounts for their classrooms. */
import { Router } from 'express';
import { z } from 'zod';
import { hashPassword } from '../../access/login-sessions.js';
import { newId } from '../../ids.js';
import { ROLES, type Store } from '../../store/types.js';
import { HttpError } from '../errors.js';
import { parse, requireRole } from '../guards.js';
import { publicUser } from './auth.js';

const NewUserBody = z.strictObject({
  username: z.string().trim().min(2).max(64).regex(/^[a-zA-Z0-9._-]+$/, 'usernames use letters, digits, ".", "_" and "-"'),
  name: z.string().trim().min(1).max(120),
  role: z.enum(ROLES),
  password: z.string().min(8, 'passwords have at least 8 characters').max(200),
});

export function usersRouter(store: Store, bcryptRounds: number): Router {
  const r = Router();

  r.get('/', async (req, res) => {
    requireRole(req, ['admin']);
    res.json((await store.listUsers()).map(publicUser));
  });

  r.post('/', async (req, res) => {
    const me = requireRole(req, ['admin', 'trainer']);
    const body = parse(NewUserBody, req.body);
    if (me.role !== 'admin' && body.role !== 'trainee') throw new HttpError(403, 'auth/forbidden', 'a trainer can only create trainee accounts');
    if (await store.getCredentials(body.username)) throw new HttpError(409, 'user/exists', `username "${body.username}" is taken`);
    const user = await store.createUser({ id: newId('usr'), username: body.username, displayName: body.name, role: body.role, passwordHash: await hashPassword(body.password, bcryptRounds) });
    res.status(201).json(publicUser(user));
  });

  return r;
}
