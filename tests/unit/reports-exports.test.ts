import { describe, expect, it } from 'vitest';
import { buildGrid } from '../../server/src/domain/reports/grid.js';
import { CSV_COLUMNS, csvField, parseCsv, scoresCsv } from '../../server/src/domain/reports/csv.js';
import { uuidV5, xapiStatements, VERB_SCORED } from '../../server/src/domain/reports/xapi.js';
import { compareTrainees } from '../../server/src/domain/reports/compare.js';
import { traineeReportHtml } from '../../server/src/domain/reports/report-html.js';
import { CRITERIA } from '../../server/src/domain/reports/criteria.js';
import { MINUTE } from '../../server/src/domain/sla.js';
import { catalog, fakeScore, playedSession, WALL0 } from './reports-fixture.js';

const m = playedSession();
const score = fakeScore(m.events);
const grid = buildGrid(score, m.state.trainees, m.state.overrides);

describe('competency grid', () => {
  it('keeps the computed level beside the evaluator override', () => {
    const bob = grid.find((r) => r.traineeId === 'bob')!;
    const c1 = bob.cells.find((c) => c.criterionId === 'TAI-CP8-C1')!;
    expect(c1.computed).toBe('not_acquired');
    expect(c1.judgement).toMatchObject({ level: 'in_progress', by: 'eva', confirmed: false });
    expect(c1.final).toBe('in_progress');
    expect(c1.evidence.map((e) => e.rule)).toEqual(['qualification.impact']);
    const alice = grid.find((r) => r.traineeId === 'alice')!;
    expect(alice.cells.map((c) => c.criterionId)).toEqual(['TAI-CP8-C1', 'TAI-CP8-C4']);
    expect(alice.cells[0]!.final).toBe('acquired');
    expect(alice.cells[0]!.judgement).toBeUndefined();
  });
  it('names the official wording of every criterion of criteria.md', () => {
    expect(Object.keys(CRITERIA)).toHaveLength(37);
    expect(CRITERIA['TSSR-CP3-C4']!.official).toBe('La base de connaissances est clairement renseignée');
  });
});

describe('CSV export', () => {
  const csv = scoresCsv({ sessionId: 's-1', drillId: 'mini', mode: 'training', grid });
  it('is UTF-8 with BOM, ;-separated, CRLF, one record per trainee × criterion', () => {
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(csv.replace(/\r\n/g, '').includes('\n')).toBe(false);
    const rows = parseCsv(csv);
    expect(rows[0]).toEqual([...CSV_COLUMNS]);
    expect(rows).toHaveLength(1 + 3);
    for (const r of rows) expect(r).toHaveLength(CSV_COLUMNS.length);
    const col = (name: (typeof CSV_COLUMNS)[number]) => CSV_COLUMNS.indexOf(name);
    const bob = rows.find((r) => r[col('stagiaire_id')] === 'bob' && r[col('critere')] === 'TAI-CP8-C1')!;
    expect(bob[col('niveau_calcule')]).toBe('non acquis');
    expect(bob[col('niveau_evaluateur')]).toBe("en cours d'acquisition");
    expect(bob[col('niveau_retenu')]).toBe("en cours d'acquisition");
    expect(bob[col('commentaire_evaluateur')]).toBe('Impact surestimé; mais "urgence" justifiée');
    expect(bob[col('points')]).toBe('0,5');
    expect(bob[col('taux')]).toBe('0,25');
  });
  it('quotes per RFC 4180 and defuses formulas', () => {
    expect(csvField('a;b')).toBe('"a;b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('line1\nline2')).toBe('"line1\nline2"');
    expect(csvField('=SUM(A1)')).toBe("'=SUM(A1)");
    expect(csvField(-1.5)).toBe('-1,5');
    expect(csv).toContain('"Impact surestimé; mais ""urgence"" justifiée"');
  });
});

describe('xAPI statements', () => {
  const st = xapiStatements('s-1', m.events, score, { homePage: 'https://lms.example.fr' });
  it('gives one statement per evidence item, with documented verb, activity ids and extensions', () => {
    expect(st).toHaveLength(score.evidence.length);
    const q = st.find((s) => s.actor.account.name === 'alice' && s.object.id.endsWith('/criteria/TAI-CP8-C1'))!;
    expect(q.verb.id).toBe(VERB_SCORED.id);
    expect(q.actor).toEqual({ objectType: 'Agent', name: 'Alice Dupont', account: { homePage: 'https://lms.example.fr', name: 'alice' } });
    expect(q.object.id).toBe('https://deskdrill.example/criteria/TAI-CP8-C1');
    expect(q.object.definition.name['fr-FR']).toBe(CRITERIA['TAI-CP8-C1']!.official);
    expect(q.result.score).toEqual({ raw: 2, min: 0, max: 2, scaled: 1 });
    expect(q.result.success).toBe(true);
    const ev = m.events.find((e) => e.type === 'ticket.qualified' && e.actor.id === 'alice')!;
    expect(q.context.extensions['https://deskdrill.example/xapi/extensions/event-seq']).toBe(ev.seq);
    expect(q.context.extensions['https://deskdrill.example/xapi/extensions/rubric-version']).toBe('v1');
    expect(q.timestamp).toBe(new Date(WALL0 + 1.9 * MINUTE).toISOString());
    expect(q.context.registration).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const low = st.find((s) => s.actor.account.name === 'bob')!;
    expect(low.result.success).toBe(false);
    expect(low.result.score.scaled).toBe(0.25);
  });
  it('has stable, unique ids so an LRS ignores a second export', () => {
    const again = xapiStatements('s-1', m.events, score, { homePage: 'https://lms.example.fr' });
    expect(again.map((s) => s.id)).toEqual(st.map((s) => s.id));
    expect(new Set(st.map((s) => s.id)).size).toBe(st.length);
    expect(uuidV5('a')).not.toBe(uuidV5('b'));
  });
});

describe('comparison and printable report', () => {
  const cmp = compareTrainees([{ sessionId: 's-1', state: m.state, score }], catalog);
  it('compares trainees per criterion and time to resolve', () => {
    expect(cmp.drillIds).toEqual(['mini']);
    expect(cmp.criteria).toEqual(['TAI-CP8-C1', 'TAI-CP8-C4']);
    const alice = cmp.rows.find((r) => r.traineeId === 'alice')!;
    expect(alice.tickets).toMatchObject({ total: 1, resolved: 1, closed: 1 });
    expect(alice.meanResolveMs).toBe(2.2 * MINUTE - MINUTE);
    expect(alice.byIncident.printer).toMatchObject({ count: 1, resolved: 1, meanResolveMs: 1.2 * MINUTE });
    const bob = cmp.rows.find((r) => r.traineeId === 'bob')!;
    expect(bob.meanResolveMs).toBeUndefined();
    expect(bob.tickets.warnings).toBe(1); // P1 resolution clock past 75 % at 50 min
  });
  it('prints a French page quoting the official wording, both levels and the comment, with a print stylesheet', () => {
    const row = grid.find((r) => r.traineeId === 'bob')!;
    const html = traineeReportHtml({
      sessionId: 's-1', state: m.state, catalog, row, stats: cmp.rows.find((r) => r.traineeId === 'bob')!,
      startedAt: WALL0, generatedAt: WALL0, eventTime: (seq) => m.events.find((e) => e.seq === seq)?.t,
    });
    expect(html).toContain('<html lang="fr">');
    expect(html).toContain('@media print');
    expect(html).toContain(CRITERIA['TAI-CP8-C1']!.official.replace(/'/g, '&#39;'));
    expect(html).toContain('non acquis');
    expect(html).toContain("en cours d&#39;acquisition");
    expect(html).toContain('Impact surestimé; mais &quot;urgence&quot; justifiée');
    expect(html).not.toContain('<script');
  });
});
