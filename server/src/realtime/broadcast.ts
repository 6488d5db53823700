/**
 * Pushes after each stored batch. This is the projection boundary: a trainee
 * room only ever receives `projectForTrainee` of its own desk (plus feedback
 * when the mode allows it) and notices addressed to it; raw events, the
 * timeline and scores go to the staff room only.
 */
import type { BatchListener } from '../engine/session-host.js';
import { audienceOf, noticesFor } from '../engine/fanout.js';
import { staffUpdate, traineeUpdate } from '../engine/views.js';
import type { Catalog } from '../domain/scenario.js';
import { sessionRoom, staffRoom, traineeRoom } from './rooms.js';
import type { DeskServer } from './types.js';

export function broadcaster(io: DeskServer, catalog: Catalog): BatchListener {
  return ({ sessionId, live, fromSeq, events }) => {
    const m = live.machine;
    const audience = audienceOf(events, m.state);
    const trainees = audience.all ? m.state.trainees.map((x) => x.id) : [...audience.trainees];
    // Built now, inside the session's turn, so each payload matches this batch exactly; sent after the ack.
    const desks = trainees.map((id) => ({ id, update: traineeUpdate(sessionId, m, id, () => live.feedbackFor(id)) }));
    const staff = staffUpdate(sessionId, m, events, fromSeq, live.scores());
    const notices = noticesFor(sessionId, events, m.state, catalog);
    return () => {
      for (const d of desks) io.to(traineeRoom(sessionId, d.id)).emit('desk:update', d.update);
      io.to(staffRoom(sessionId)).emit('staff:update', staff);
      for (const n of notices) {
        if (n.to === 'all') io.to(sessionRoom(sessionId)).emit('notice', n.notice);
        else io.to(traineeRoom(sessionId, n.to)).to(staffRoom(sessionId)).emit('notice', n.notice);
      }
    };
  };
}
