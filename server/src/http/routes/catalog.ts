/**
 * The scenario catalogue over REST. Trainees get the desk's reference data
 * (questions, tests, categories, resolver groups, contracts, knowledge base,
 * asset inventory): what a real service desk agent has on screen. Incidents,
 * personas and drills (which carry or point at the answer keys) are staff only,
 * and even then without the hidden truth.
 */
import { Router } from 'express';
import { z } from 'zod';
import { STAFF_ROLES } from '../../access/policy.js';
import { foldText, searchKb } from '../../domain/kb-search.js';
import { criterionInfo } from '../../domain/reports/criteria.js';
import type { Catalog } from '../../domain/scenario.js';
import type { Scorer } from '../../engine/scoring-adapter.js';
import type { RubricInfo } from '../../protocol.js';
import { HttpError } from '../errors.js';
import { param, parse, requireRole, requireUser } from '../guards.js';

const SearchQuery = z.strictObject({ q: z.string().max(200).optional() });

export function catalogRouter(catalog: Catalog, scorer: Pick<Scorer, 'describe' | 'versions'>): Router {
  const r = Router();
  const groups = Object.values(catalog.groups).map((g) => ({ id: g.id, name: g.name, kind: g.kind, description: g.description }));
  const kbHit = (a: Catalog['kb'][string]) => ({ id: a.id, title: a.title, lang: a.lang, knownError: a.knownError, keywords: a.keywords, symptoms: a.symptoms });

  r.get('/', (req, res) => {
    requireUser(req);
    res.json({
      questions: Object.values(catalog.questions), tests: Object.values(catalog.tests), categories: Object.values(catalog.categories),
      groups, contracts: catalog.contracts,
    });
  });

  r.get('/kb', (req, res) => {
    requireUser(req);
    const { q } = parse(SearchQuery, req.query);
    const hits = q && q.trim() ? searchKb(catalog, q, 20) : Object.values(catalog.kb).sort((a, b) => a.id.localeCompare(b.id));
    res.json(hits.map(kbHit));
  });

  r.get('/kb/:id', (req, res) => {
    requireUser(req);
    const id = param(req, 'id');
    const a = catalog.kb[id];
    if (!a) throw new HttpError(404, 'kb/not_found', `no KB article "${id}"`);
    res.json(a);
  });

  r.get('/assets', (req, res) => {
    requireUser(req);
    const { q } = parse(SearchQuery, req.query);
    const needle = q ? foldText(q.trim()) : '';
    const all = Object.values(catalog.assets);
    res.json(needle ? all.filter((a) => foldText([a.tag, a.model, a.owner ?? '', a.site, a.location ?? '', a.type].join(' ')).includes(needle)) : all);
  });

  r.get('/assets/:tag', (req, res) => {
    requireUser(req);
    const tag = param(req, 'tag');
    const a = catalog.assets[tag];
    if (!a) throw new HttpError(404, 'asset/not_found', `no asset "${tag}"`);
    res.json(a);
  });

  r.get('/rubrics/:version', (req, res) => {
    requireUser(req);
    const version = param(req, 'version');
    const info = scorer.describe(version);
    if (!info) throw new HttpError(404, 'rubric/not_found', `no rubric "${version}" (known: ${scorer.versions().join(', ')})`);
    const ids = [...new Set(info.competences.flatMap((c) => c.criteria))];
    const criteria = ids.map((id) => {
      const c = criterionInfo(id, catalog.criteria);
      return { id, label: { fr: c.official, en: c.en }, short: { fr: c.short, en: c.en } };
    });
    res.json({ ...info, criteria } satisfies RubricInfo);
  });

  r.get('/drills', (req, res) => {
    requireRole(req, STAFF_ROLES);
    res.json(Object.values(catalog.drills).map((d) => ({
      id: d.id, title: d.title, description: d.description, level: d.level, duration: d.duration, contract: d.contract, mode: d.mode,
      calls: d.timeline.reduce((n, e) => n + (e.repeat?.count ?? 1), 0),
    })));
  });

  // For a trainer injecting an incident live: what it is about, never its answer key.
  r.get('/incidents', (req, res) => {
    requireRole(req, STAFF_ROLES);
    res.json(Object.values(catalog.incidents).map((i) => ({ id: i.id, title: i.title, domain: i.domain, channel: i.channel, caller: i.caller, major: i.truth.major })));
  });

  r.get('/personas', (req, res) => {
    requireRole(req, STAFF_ROLES);
    res.json(Object.values(catalog.personas));
  });

  return r;
}
