/**
 * How the `drill_sessions` read model follows the log. Pure, so the SQLite
 * store and a future PostgreSQL one derive the same columns from the same
 * events (and a read model can be rebuilt by folding the log again).
 */
import type { SessionEvent } from '../domain/events.js';
import type { SessionStatus } from './types.js';

/**
 * `cancelled`: stopped before it ever started (the same rule as the fold's `SessionState.cancelled`); `startedAt`: the
 * wall time its `session.started` carries (null until then). The session's name is fixed by its creation: not here.
 */
export interface SessionRow { status: SessionStatus; cancelled: boolean; lastSeq: number; virtualNow: number; speed: number; startedAt: number | null }

export function advanceRow(row: SessionRow, events: readonly SessionEvent[]): SessionRow {
  let { status, cancelled, lastSeq, virtualNow, speed, startedAt } = row;
  for (const e of events) {
    lastSeq = e.seq;
    virtualNow = Math.max(virtualNow, e.t);
    switch (e.type) {
      case 'session.created': status = 'created'; speed = e.payload.speed; break;
      case 'session.started': status = 'running'; startedAt ??= e.payload.wallMs; break;
      case 'session.resumed': status = 'running'; break;
      case 'session.paused': status = 'paused'; break;
      case 'session.stopped': cancelled = status === 'created'; status = 'stopped'; break;
      case 'session.speedChanged': speed = e.payload.speed; break;
      default: break;
    }
  }
  return { status, cancelled, lastSeq, virtualNow, speed, startedAt };
}
