/**
 * REST calls of the staff apps (trainer console, evaluator replay). Report
 * endpoints are served by server/src/http/reports.ts; session and classroom
 * endpoints by the server's sessions router (docs/protocol.md). Every URL
 * the staff apps use is here.
 */
import { get, post } from '../../api/http.js';
import type { SessionEvent } from '../../../../server/src/domain/events.js';
import type { StaffView } from '../../../../server/src/domain/projection.js';
import type { Evidence } from '../../../../server/src/domain/scoring/types.js';
import type { GridRow } from '../../../../server/src/domain/reports/grid.js';
import type { CompetenceInfo, CriterionInfo } from '../../../../server/src/domain/reports/criteria.js';
import type { Comparison } from '../../../../server/src/domain/reports/compare.js';
import type { SeriesSample } from '../../../../server/src/domain/reports/series.js';

export type Localized = { fr: string; en?: string | undefined };

/** A session as the server lists it (SessionRecord, plus a title when the server adds one). */
export interface StaffSession {
  id: string;
  classroomId?: string;
  drillId: string;
  /** The trainer's name for the session, when given. */
  name?: string;
  title?: Localized;
  mode: 'training' | 'exam';
  status: 'created' | 'running' | 'paused' | 'stopped';
  /** Stopped before it started: the drill did not take place. */
  cancelled?: boolean;
  speed?: number;
  seed?: number;
  lastSeq?: number;
  virtualNow?: number;
  createdAt?: number | string;
  traineeIds?: string[];
  trainees?: { id: string; name: string }[];
}

export interface Classroom { id: string; name: string }
export interface Member { userId: string; username: string; displayName: string; role: string }
export interface DrillInfo { id: string; title: Localized; description?: Localized; level?: string; duration: number; mode?: 'training' | 'exam' }
export interface IncidentInfo { id: string; title: Localized; channel?: string; domain?: string; major?: boolean }

export interface ReplayAt { sessionId: string; seq: number; lastSeq: number; t: number; event: SessionEvent | null; view: StaffView; evidence: Evidence[] }
export interface ReplayLog { sessionId: string; lastSeq: number; events: SessionEvent[]; evidence: Record<number, Evidence[]>; rubricVersion: string }
export interface GridData {
  sessionId: string; drillId: string; mode: 'training' | 'exam'; status: string; lastSeq: number;
  rubricVersion: string; rubricVersions: string[];
  criteria: Record<string, CriterionInfo>; competences: Record<string, CompetenceInfo>; order: string[]; rows: GridRow[];
}
export interface SeriesData { sessionId: string; lastSeq: number; step: number; samples: SeriesSample[] }
export interface CompareData extends Comparison {
  sessions: string[];
  /** The rubric versions the rows were scored under (one per session at most). */
  rubricVersions: string[];
  candidates: { id: string; name?: string; status: string; createdAt: number; trainees: number }[];
}

const enc = encodeURIComponent;
const qs = (p: Record<string, string | number | undefined>) => {
  const s = new URLSearchParams();
  for (const [k, v] of Object.entries(p)) if (v !== undefined && v !== '') s.set(k, String(v));
  const str = s.toString();
  return str ? `?${str}` : '';
};

export const staffApi = {
  sessions: () => get<StaffSession[]>('/sessions'),
  session: (id: string) => get<StaffSession>(`/sessions/${enc(id)}`),
  classrooms: () => get<Classroom[]>('/classrooms'),
  classroom: (classroomId: string) => get<Classroom & { members: Member[] }>(`/classrooms/${enc(classroomId)}`),
  drills: () => get<DrillInfo[]>('/catalog/drills'),
  incidents: () => get<IncidentInfo[]>('/catalog/incidents'),
  createSession: (body: { classroomId: string; drillId: string; mode: 'training' | 'exam'; speed: number; seed?: number; name?: string }) => post<StaffSession>('/sessions', body),

  replay: (id: string, seq: number | undefined, traineeId?: string, signal?: AbortSignal) => get<ReplayAt>(`/sessions/${enc(id)}/replay${qs({ seq, traineeId })}`, signal),
  replayLog: (id: string, traineeId?: string) => get<ReplayLog>(`/sessions/${enc(id)}/replay/log${qs({ traineeId })}`),
  grid: (id: string, rubric?: string) => get<GridData>(`/sessions/${enc(id)}/grid${qs({ rubric })}`),
  series: (id: string, step?: number) => get<SeriesData>(`/sessions/${enc(id)}/timeseries${qs({ step })}`),
  compare: (id: string, withIds: string[]) => get<CompareData>(`/sessions/${enc(id)}/compare${qs({ with: withIds.join(',') })}`),
};

/** Plain links (downloads and the printable report open outside the app). */
export const exportUrls = {
  csv: (id: string) => `/api/sessions/${enc(id)}/export.csv`,
  xapi: (id: string) => `/api/sessions/${enc(id)}/export.xapi.json`,
  /** In the reader's language (the server writes French when not told). */
  report: (id: string, traineeId: string, lang: string) => `/api/sessions/${enc(id)}/report/${enc(traineeId)}${qs({ lang: lang === 'en' ? 'en' : 'fr' })}`,
};
