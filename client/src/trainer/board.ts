/** Live-board figures per trainee, computed from the staff view and scores (pure). */
import type { StaffView } from '../../../server/src/domain/projection.js';
import type { SessionScore } from '../../../server/src/domain/scoring/types.js';

export interface BoardRow {
  traineeId: string;
  name: string;
  open: number;
  pending: number;
  escalated: number;
  resolved: number;
  closed: number;
  waiting: number;
  slaWarnings: number;
  slaBreaches: number;
  points: number;
  max: number;
  /** Percent, or undefined before anything was scored. */
  score?: number;
  call?: { contactId: string; caller: string; channel: string; since: number; ticketId?: string };
}

export function boardRows(view: StaffView, scores: SessionScore | undefined): BoardRow[] {
  return view.session.trainees.map((tr) => {
    const desk = view.desks.find((d) => d.traineeId === tr.id);
    const row: BoardRow = { traineeId: tr.id, name: tr.name, open: 0, pending: 0, escalated: 0, resolved: 0, closed: 0, waiting: 0, slaWarnings: 0, slaBreaches: 0, points: 0, max: 0 };
    for (const tk of desk?.tickets ?? []) {
      if (tk.status === 'new' || tk.status === 'in_progress') row.open++;
      else if (tk.status === 'pending') row.pending++;
      else if (tk.status === 'escalated') row.escalated++;
      else if (tk.status === 'resolved') row.resolved++;
      else if (tk.status === 'closed') row.closed++;
      for (const c of ['response', 'resolution'] as const) {
        if (tk.sla[c].phase === 'breached') row.slaBreaches++;
        else if (tk.sla[c].phase === 'warning' && !tk.sla[c].stopped) row.slaWarnings++;
      }
    }
    for (const c of desk?.contacts ?? []) {
      if (c.takenAt === undefined) row.waiting++;
      else if (c.endedAt === undefined && (!row.call || c.takenAt > row.call.since)) {
        row.call = { contactId: c.id, caller: c.caller.name, channel: c.channel, since: c.takenAt, ...(c.ticketId ? { ticketId: c.ticketId } : {}) };
      }
    }
    const ts = scores?.trainees[tr.id];
    if (ts) { row.points = ts.points; row.max = ts.max; if (ts.max > 0) row.score = Math.round((ts.points / ts.max) * 100); }
    return row;
  });
}

/** One chart sample from a live update (same definitions as the server's time series). */
export function liveSample(view: StaffView, scores: SessionScore | undefined, traineeId?: string): { t: number; sla: number | null; score: number | null; tSla: number | null; tScore: number | null } {
  let tickets = 0, ok = 0, points = 0, max = 0, tt = 0, tok = 0;
  for (const d of view.desks) {
    for (const tk of d.tickets) {
      const good = tk.sla.response.phase !== 'breached' && tk.sla.resolution.phase !== 'breached';
      tickets++; if (good) ok++;
      if (d.traineeId === traineeId) { tt++; if (good) tok++; }
    }
  }
  for (const ts of Object.values(scores?.trainees ?? {})) { points += ts.points; max += ts.max; }
  const r = (a: number, b: number) => (b > 0 ? Math.round((a / b) * 1000) / 10 : null);
  const mine = traineeId ? scores?.trainees[traineeId] : undefined;
  return { t: view.session.now, sla: r(ok, tickets), score: r(points, max), tSla: traineeId ? r(tok, tt) : null, tScore: mine ? r(mine.points, mine.max) : null };
}
