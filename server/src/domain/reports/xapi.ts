/**
 * xAPI 1.0.3 statements, one per scored action (Evidence), so results can be
 * loaded into an LMS / LRS. Vocabulary and identifiers: docs/xapi.md.
 *
 * Statement ids are name-based UUIDs (v5) of session, evidence and rubric, so
 * exporting the same session twice gives the same ids and an LRS ignores the
 * duplicates.
 */
import { createHash } from 'node:crypto';
import type { SessionEvent } from '../events.js';
import type { Criterion } from '../scenario.js';
import type { Evidence, SessionScore } from '../scoring/types.js';
import { COMPETENCES, criterionInfo } from './criteria.js';
import { wallClock } from './time.js';

export const XAPI_VERSION = '1.0.3';
export const DEFAULT_BASE = 'https://deskdrill.example';

export const VERB_SCORED = { id: 'http://adlnet.gov/expapi/verbs/scored', display: { 'en-US': 'scored', 'fr-FR': 'a obtenu un score' } } as const;
export const ACTIVITY_TYPE_OBJECTIVE = 'http://adlnet.gov/expapi/activities/objective';
export const ACTIVITY_TYPE_SIMULATION = 'http://adlnet.gov/expapi/activities/simulation';
export const ACTIVITY_TYPE_ASSESSMENT = 'http://adlnet.gov/expapi/activities/assessment';
export const ACTIVITY_TYPE_COMPETENCE = 'http://adlnet.gov/expapi/activities/objective';

export interface XapiOptions {
  /** Base IRI of DeskDrill's activities and extensions. */
  base?: string;
  /** Home page of the accounts trainees are identified by (default: base). */
  homePage?: string;
  /** Wall time to use before the session was started (e.g. the store's creation time). */
  createdWallMs?: number;
  /** Names of trainees (default: their ids). */
  names?: Record<string, string>;
  drillTitle?: { fr: string; en?: string | undefined };
  /** The catalogue's criteria (official wording); defaults to ours. */
  criteria?: Record<string, Criterion>;
}

type LangMap = Record<string, string>;
export interface XapiStatement {
  id: string;
  version: string;
  timestamp: string;
  actor: { objectType: 'Agent'; name: string; account: { homePage: string; name: string } };
  verb: { id: string; display: LangMap };
  object: { objectType: 'Activity'; id: string; definition: { type: string; name: LangMap; description: LangMap } };
  result: {
    score: { raw: number; min: number; max: number; scaled: number };
    success: boolean;
    response: string;
    extensions: Record<string, unknown>;
  };
  context: {
    registration: string;
    platform: string;
    language: string;
    contextActivities: { parent: XActivity[]; grouping: XActivity[]; category: XActivity[] };
    extensions: Record<string, unknown>;
  };
}
interface XActivity { objectType: 'Activity'; id: string; definition?: { type: string; name?: LangMap } }

/** Name-based UUID (RFC 4122 version 5, SHA-1) in DeskDrill's namespace. */
export function uuidV5(name: string, namespace = '6f1c1e4a-6e0b-5d7e-9a57-0d3c5b8f2a41'): string {
  const ns = Buffer.from(namespace.replace(/-/g, ''), 'hex');
  const h = createHash('sha1').update(ns).update(name, 'utf8').digest();
  h[6] = (h[6]! & 0x0f) | 0x50;
  h[8] = (h[8]! & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString('hex');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
}

/** A scored action succeeds when it earns at least half its points (documented). */
export const SUCCESS_SHARE = 0.5;

export function ext(base: string, name: string): string { return `${base}/xapi/extensions/${name}`; }

export function xapiStatements(sessionId: string, events: readonly SessionEvent[], score: SessionScore, o: XapiOptions = {}): XapiStatement[] {
  const base = (o.base ?? DEFAULT_BASE).replace(/\/$/, '');
  const homePage = o.homePage ?? base;
  const created = events.find((e) => e.type === 'session.created');
  const drillId = created?.type === 'session.created' ? created.payload.drillId : 'unknown';
  const mode = created?.type === 'session.created' ? created.payload.mode : 'training';
  const trainees = created?.type === 'session.created' ? created.payload.trainees : [];
  const names: Record<string, string> = { ...Object.fromEntries(trainees.map((x) => [x.id, x.name])), ...o.names };
  const wall = wallClock(events, o.createdWallMs ?? 0);
  const bySeq = new Map(events.map((e) => [e.seq, e] as const));
  const registration = uuidV5(`session:${sessionId}`);
  const sessionActivity: XActivity = { objectType: 'Activity', id: `${base}/sessions/${encodeURIComponent(sessionId)}`, definition: { type: ACTIVITY_TYPE_ASSESSMENT, name: { 'fr-FR': `Session ${sessionId}`, 'en-US': `Session ${sessionId}` } } };
  const drillActivity: XActivity = {
    objectType: 'Activity', id: `${base}/drills/${encodeURIComponent(drillId)}`,
    definition: { type: ACTIVITY_TYPE_SIMULATION, name: { 'fr-FR': o.drillTitle?.fr ?? drillId, 'en-US': o.drillTitle?.en ?? o.drillTitle?.fr ?? drillId } },
  };
  const category: XActivity = { objectType: 'Activity', id: `${base}/xapi/profile`, definition: { type: 'http://adlnet.gov/expapi/activities/profile' } };

  const seen = new Map<string, number>();
  return [...score.evidence]
    .sort((a, b) => a.eventSeq - b.eventSeq || a.traineeId.localeCompare(b.traineeId) || a.criterionId.localeCompare(b.criterionId) || a.rule.localeCompare(b.rule))
    .map((ev) => {
      // Two items with the same key (rare) get an occurrence number so ids stay unique and stable.
      const key = `${sessionId}:${score.rubricVersion}:${ev.traineeId}:${ev.criterionId}:${ev.eventSeq}:${ev.rule}`;
      const n = seen.get(key) ?? 0;
      seen.set(key, n + 1);
      return statement(ev, n ? `evidence:${key}:${n}` : `evidence:${key}`);
    });

  function statement(ev: Evidence, name: string): XapiStatement {
    const info = criterionInfo(ev.criterionId, o.criteria);
    const comp = COMPETENCES[info.competenceId];
    const event = bySeq.get(ev.eventSeq);
    const ts = event ? wall(event) : wall({ seq: ev.eventSeq, t: 0 });
    const scaled = ev.max > 0 ? Math.round((ev.points / ev.max) * 10000) / 10000 : 0;
    const competence: XActivity = {
      objectType: 'Activity', id: `${base}/competences/${info.competenceId}`,
      definition: { type: ACTIVITY_TYPE_COMPETENCE, name: { 'fr-FR': comp?.fr ?? info.competenceId, 'en-US': comp?.en ?? info.competenceId } },
    };
    return {
      id: uuidV5(name),
      version: XAPI_VERSION,
      timestamp: new Date(ts).toISOString(),
      actor: { objectType: 'Agent', name: names[ev.traineeId] ?? ev.traineeId, account: { homePage, name: ev.traineeId } },
      verb: { id: VERB_SCORED.id, display: { ...VERB_SCORED.display } },
      object: {
        objectType: 'Activity', id: `${base}/criteria/${ev.criterionId}`,
        definition: { type: ACTIVITY_TYPE_OBJECTIVE, name: { 'fr-FR': info.official, 'en-US': info.en }, description: { 'fr-FR': `${info.id} — ${info.short}`, 'en-US': `${info.id} — ${info.en}` } },
      },
      result: {
        score: { raw: ev.points, min: 0, max: ev.max, scaled },
        success: ev.max > 0 ? ev.points / ev.max >= SUCCESS_SHARE : true,
        response: ev.explanation.fr,
        extensions: { [ext(base, 'explanation')]: { 'fr-FR': ev.explanation.fr, 'en-US': ev.explanation.en }, [ext(base, 'rule')]: ev.rule },
      },
      context: {
        registration,
        platform: 'DeskDrill',
        language: 'fr-FR',
        contextActivities: { parent: [drillActivity], grouping: [sessionActivity, competence], category: [category] },
        extensions: {
          [ext(base, 'session-id')]: sessionId,
          [ext(base, 'event-seq')]: ev.eventSeq,
          [ext(base, 'virtual-time-ms')]: event?.t ?? null,
          [ext(base, 'event-type')]: event?.type ?? null,
          [ext(base, 'ticket-id')]: ev.ticketId ?? null,
          [ext(base, 'rubric-version')]: score.rubricVersion,
          [ext(base, 'mode')]: mode,
        },
      },
    };
  }
}
