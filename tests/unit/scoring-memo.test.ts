/**
 * Live scoring's judgement memo against scoring from scratch. A case's judgement is kept only while nothing it
 * read has changed: a memo carried from pass to pass must give, after every event, exactly the evidence a fresh
 * score gives, including judgements that change because another case moved (recurring incidents), because the
 * clock moved (SLA) or because the log went on after the session's end (an evaluator's override).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCatalogOrThrow } from '../../server/src/catalog/load.js';
import type { SessionEvent } from '../../server/src/domain/events.js';
import { SessionMachine } from '../../server/src/domain/machine.js';
import { runDrill } from '../../server/src/domain/players/driver.js';
import { CarelessPlayer } from '../../server/src/domain/players/careless.js';
import { ModelPlayer } from '../../server/src/domain/players/model.js';
import { RandomPlayer } from '../../server/src/domain/players/random.js';
import { JudgementMemo, scoreSession } from '../../server/src/domain/scoring/score.js';
import type { Evidence } from '../../server/src/domain/scoring/types.js';
import { loadScorer, type Scorer } from '../../server/src/engine/scoring-adapter.js';
import { catalog as fixtureCatalog, on, playModel, replaceOnce, rubric } from './fixtures/scoring-harness.js';

/** Scores every prefix of a log with one memo and from scratch; answers the memo's evidence after each event. */
function comparePrefixes(events: readonly SessionEvent[], from: number): { evidence: Evidence[]; kept: number; items: number }[] {
  const memo = new JudgementMemo();
  const passes: { evidence: Evidence[]; kept: number; items: number }[] = [];
  let previous = new Set<Evidence>();
  for (let n = from; n <= events.length; n++) {
    const prefix = events.slice(0, n);
    const live = scoreSession(prefix, fixtureCatalog, rubric, undefined, undefined, memo);
    expect(live.evidence, `evidence after seq ${prefix.at(-1)!.seq}`).toEqual(scoreSession(prefix, fixtureCatalog, rubric).evidence);
    passes.push({ evidence: live.evidence, kept: live.evidence.filter((e) => previous.has(e)).length, items: live.evidence.length });
    previous = new Set(live.evidence);
  }
  return passes;
}

describe('judgement memo', () => {
  it('keeps a case\'s judgement while the case is untouched, and judges it again when another case changes it', () => {
    // Recurring incident: the problem record opened on the first occurrence alone, the second linked to it later.
    const played = playModel(replaceOnce(on('problem.create'), (c) => ({ ...(c as { type: 'problem.create'; title: string; ticketIds: string[] }), ticketIds: [(c as { ticketIds: string[] }).ticketIds[0]!] })));
    expect(played.refusals).toBe(0);
    const passes = comparePrefixes(played.events, 3);
    // The first occurrence went from half credit (its problem held no other occurrence) to full credit when the
    // second was linked: an event about the other ticket, none about its own.
    const first = played.events.find((e) => e.type === 'problem.created')!;
    const shares = passes.map((p) => p.evidence.find((e) => e.rule === 'problem.link' && e.eventSeq === first.seq)).filter((e) => e !== undefined).map((e) => e.points / e.max);
    expect(shares).toContain(0.5);
    expect(shares.at(-1)).toBe(1);
    const kept = passes.reduce((s, p) => s + p.kept, 0);
    expect(kept).toBeGreaterThan(passes.reduce((s, p) => s + p.items, 0) / 2);
  });

  it('judges again, after the session ended, what rests on the end of the log', () => {
    const played = playModel(replaceOnce(on('ticket.close', 'vpn'), () => ({ type: 'kb.search', query: 'vpn' })));
    const last = played.events.at(-1)!;
    expect(last.type).toBe('session.stopped');
    // An evaluator's override after the end moves the log's last seq, which judgements of things never done cite.
    const override = { seq: last.seq + 1, t: last.t, actor: { role: 'evaluator', id: 'eva' }, type: 'grid.overridden', payload: { traineeId: 'ana', criterionId: 'TAI-CP8-C1', level: 'acquired', comment: 'Vu en entretien.' } } as SessionEvent;
    const passes = comparePrefixes([...played.events, override], played.events.length);
    expect(passes[0]!.evidence.some((e) => e.eventSeq === last.seq)).toBe(true);
    expect(passes[1]!.evidence.some((e) => e.eventSeq === override.seq)).toBe(true);
  });
});

describe('judgement memo on the drills of seeds/', () => {
  const catalog = loadCatalogOrThrow();
  let scorer: Scorer;
  beforeAll(async () => { scorer = await loadScorer(); }, 120_000);

  it.each([['major-mail-outage', 11], ['exam-mixed', 7]])('gives after every batch the evidence of a score from scratch (%s, seed %i)', (drillId, seed) => {
    const run = runDrill({
      catalog, drillId, seed,
      seats: [{ id: 'a', player: new ModelPlayer() }, { id: 'b', player: new RandomPlayer(seed, 'b') }, { id: 'c', player: new CarelessPlayer() }],
    });
    const log = run.events;
    const m = new SessionMachine(catalog, log.slice(0, 3));
    const memo = new JudgementMemo();
    for (let i = 3, size = 1; i < log.length; i += size, size = (size % 5) + 1) {
      m.append(log.slice(i, i + size));
      const live = scorer.score(m.events, catalog, m.state.rubricVersion, m.state, undefined, memo);
      expect(live.evidence, `evidence at seq ${m.state.seq}`).toEqual(scorer.score(m.events, catalog, m.state.rubricVersion, m.state).evidence);
    }
    expect(m.state.status).toBe('stopped');
  }, 300_000);
});
