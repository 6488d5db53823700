/**
 * Who may see and do what. One module so HTTP routes and socket handlers
 * apply the same rules:
 * - a trainee sees only the sessions they take part in, and only their own desk;
 * - trainers and evaluators see the classrooms they belong to (and those classrooms' sessions), nothing else;
 * - admins see everything.
 */
import type { Actor } from '../domain/events.js';
import type { Role, SessionRecord, Store, User } from '../store/types.js';

export type SessionAccess = 'trainee' | 'staff';

export const STAFF_ROLES: readonly Role[] = ['trainer', 'evaluator', 'admin'];
export const isStaff = (u: User) => STAFF_ROLES.includes(u.role);

export const actorOf = (u: User): Actor => ({ role: u.role, id: u.id });

export async function sessionAccess(store: Store, user: User, s: SessionRecord): Promise<SessionAccess | undefined> {
  if (user.role === 'admin') return 'staff';
  if (user.role === 'trainee') return s.traineeIds.includes(user.id) ? 'trainee' : undefined;
  return (await store.isMember(s.classroomId, user.id)) ? 'staff' : undefined;
}

/** Staff member of the classroom (or admin). */
export async function canSeeClassroom(store: Store, user: User, classroomId: string): Promise<boolean> {
  if (user.role === 'admin') return true;
  if (!isStaff(user)) return false;
  return store.isMember(classroomId, user.id);
}

/** Trainer of the classroom (or admin): may create and run its sessions and add trainees. */
export async function canRunClassroom(store: Store, user: User, classroomId: string): Promise<boolean> {
  if (user.role === 'admin') return true;
  return user.role === 'trainer' && store.isMember(classroomId, user.id);
}

/** Roles allowed to send each kind of session command (on top of having staff access to the session). */
export const CONTROL_ROLES: readonly Role[] = ['trainer', 'admin'];
/** Evaluators judge the grid at any time; a trainer may judge too, but only once the drill is over (the trainer as juror after the drill). */
export const EVALUATE_ROLES: readonly Role[] = ['evaluator', 'trainer', 'admin'];

export function mayEvaluate(user: User, s: SessionRecord): boolean {
  return user.role !== 'trainer' || s.status === 'stopped';
}
