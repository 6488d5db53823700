/**
 * REST endpoints used by the client (see docs/protocol.md). Keep every URL
 * here so adapting to the server is a one-file change.
 */
import type { Asset, Category, Contract, DiagnosticTest, KbArticle, Question, ResolverGroup } from '../../../server/src/domain/scenario.js';
import type { RubricInfo, SessionSummary } from '../../../server/src/protocol.js';
import { get, post } from './http.js';

export type Role = 'trainee' | 'trainer' | 'evaluator' | 'admin';
export interface User { id: string; username: string; name: string; role: Role }

/** One row of GET /api/sessions (a trainee sees only the sessions they take part in, and only themselves in `trainees`). */
export type { SessionSummary };

/** Reference data a trainee may see: no incident, persona or answer key in it. */
export interface TraineeCatalog {
  questions: Question[];
  tests: DiagnosticTest[];
  categories: Category[];
  groups: Pick<ResolverGroup, 'id' | 'name' | 'kind' | 'description'>[];
  contracts: Record<string, Contract>;
}

export type { RubricInfo };

export type KbHit = Pick<KbArticle, 'id' | 'title' | 'lang' | 'knownError'> & Partial<Pick<KbArticle, 'symptoms' | 'keywords'>>;

const q = (params: Record<string, string | undefined>) => {
  const s = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') s.set(k, v);
  const str = s.toString();
  return str ? `?${str}` : '';
};

export const auth = {
  login: (username: string, password: string) => post<User>('/auth/login', { username, password }),
  logout: () => post<unknown>('/auth/logout'),
  me: () => get<User>('/auth/me'),
};

export const sessions = {
  /** Sessions the current user takes part in (a trainee sees only theirs). */
  list: () => get<SessionSummary[]>('/sessions'),
};

export const catalog = {
  reference: () => get<TraineeCatalog>('/catalog'),
  kbSearch: (query: string) => get<KbHit[]>(`/catalog/kb${q({ q: query })}`),
  kbArticle: (id: string) => get<KbArticle>(`/catalog/kb/${encodeURIComponent(id)}`),
  assets: (query: string) => get<Asset[]>(`/catalog/assets${q({ q: query })}`),
  asset: (tag: string) => get<Asset>(`/catalog/assets/${encodeURIComponent(tag)}`),
  /** A rubric version's description; versions do not change while the page is open: each is fetched once (again after a failure). */
  rubric: (version: string): Promise<RubricInfo> => {
    let p = rubrics.get(version);
    if (!p) rubrics.set(version, p = get<RubricInfo>(`/catalog/rubrics/${encodeURIComponent(version)}`).catch((e: unknown) => { rubrics.delete(version); throw e; }));
    return p;
  },
};

const rubrics = new Map<string, Promise<RubricInfo>>();
