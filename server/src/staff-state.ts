/**
 * What a trainer's or evaluator's live board holds after the staff updates
 * received so far: a whole view (from a join) with the partial pushes folded
 * in, desk by desk and roll-up by roll-up. Shared by the browser client and
 * the test clients. Pure.
 */
import type { StaffUpdate } from './protocol.js';
import { advanceDesk, applyDeskPart } from './view-time.js';

/**
 * Folds one update in. A whole update (a join answer) replaces what is held unless it is older. A partial
 * one needs the state it continues: returns undefined when nothing whole is held yet or when it starts after
 * the seq held (pushes were missed): the caller joins again and receives a whole view. In a partial update,
 * a desk comes whole (`view.desks`) or as the part that changed (`deskParts`); desks and tickets it leaves
 * out keep what is held, their running SLA clocks moved on to the update's virtual time.
 */
export function applyStaffUpdate(prev: StaffUpdate | undefined, u: StaffUpdate): StaffUpdate | undefined {
  if (!u.partial) return prev && u.seq < prev.seq ? prev : u;
  if (!prev || u.fromSeq > prev.seq) return undefined;
  // Older than what is held (a join answer overtook it): the whole view already contains it.
  if (u.seq < prev.seq) return prev;
  const ran = u.view.session.now - prev.view.session.now;
  const whole = new Map(u.view.desks.map((d) => [d.traineeId, d]));
  const parts = new Map((u.deskParts ?? []).map((p) => [p.traineeId, p]));
  const held = new Map(prev.view.desks.map((d) => [d.traineeId, d]));
  const desks = u.view.session.trainees.flatMap((t) => {
    const fresh = whole.get(t.id);
    if (fresh) return [fresh];
    const kept = held.get(t.id);
    if (!kept) return [];
    const part = parts.get(t.id);
    return [part ? applyDeskPart(kept, part, ran) : advanceDesk(kept, ran)];
  });
  const { partial: _partial, deskParts: _parts, ...rest } = u;
  return {
    ...rest,
    view: { ...u.view, desks },
    scores: { ...u.scores, trainees: { ...prev.scores.trainees, ...u.scores.trainees } },
  };
}
