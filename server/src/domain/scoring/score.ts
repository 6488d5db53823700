/**
 * Scoring a session: fold the log, build one case per arrived contact, let each
 * rule of the rubric judge each case, fan judgements out into evidence per
 * criterion, then roll evidence up into criteria, competences and a total per
 * trainee. Pure: the same log, catalogue and rubric give the same score, to the point.
 */
import type { SessionEvent } from '../events.js';
import type { Catalog, Incident } from '../scenario.js';
import { fold, type SessionState } from '../session.js';
import { buildCases, type CaseView } from './case.js';
import type { CompetenceDef, Rubric } from './rubric.js';
import type { Rule, RuleContext } from './rule.js';
import { RULES } from './rules/index.js';
import { sameEvidence } from '../feedback-feed.js';
import type { CompetenceScore, CompetencyGrid, CriterionScore, Evidence, GridLevel, GridRow, SessionScore, TraineeScore } from './types.js';

const round2 = (x: number) => Math.round(x * 100) / 100;

export function levelOf(points: number, max: number, grid: Rubric['grid']): GridLevel {
  const share = max > 0 ? points / max : 0;
  return share >= grid.acquired - 1e-9 ? 'acquired' : share >= grid.inProgress - 1e-9 ? 'in_progress' : 'not_acquired';
}

/** criterion → its competence, and whether a case may feed it (competences scoped to the incidents that cite them). */
function scopeOf(rubric: Rubric): { competenceOf: Map<string, CompetenceDef>; feeds: (criterionId: string, inc: Incident) => boolean } {
  const competenceOf = new Map<string, CompetenceDef>();
  for (const c of rubric.competences) for (const id of c.criteria) competenceOf.set(id, c);
  const feeds = (criterionId: string, inc: Incident) => {
    const comp = competenceOf.get(criterionId);
    if (!comp) return false;
    return comp.scope === 'all' || inc.criteria.some((id) => comp.criteria.includes(id));
  };
  return { competenceOf, feeds };
}

interface RubricParts {
  competenceOf: Map<string, CompetenceDef>;
  lexicon: ReadonlySet<string>;
  jargon: ReadonlySet<string>;
  active: { rule: (typeof RULES)[number]; criteria: [string, number][]; params: RuleContext['params'] }[];
  /** Whether a criterion may be fed by a case of this incident (remembered per incident). */
  feedsCase: (criterionId: string, inc: Incident) => boolean;
}

/**
 * What scoring needs of a rubric whatever the session: its word sets, its active rules with their criteria,
 * and which criteria an incident's cases feed. Live scoring runs after every few actions; building these
 * each time was a large share of what it allocated.
 */
const partsOf = new WeakMap<Rubric, RubricParts>();
function rubricParts(rubric: Rubric): RubricParts {
  let parts = partsOf.get(rubric);
  if (parts) return parts;
  const { competenceOf, feeds } = scopeOf(rubric);
  const fed = new WeakMap<Incident, Map<string, boolean>>();
  parts = {
    competenceOf,
    lexicon: new Set(rubric.lexicon.words),
    jargon: new Set(rubric.lexicon.jargon),
    active: RULES.filter((r) => rubric.rules[r.id]).map((r) => ({ rule: r, criteria: Object.entries(rubric.rules[r.id]!.criteria), params: rubric.rules[r.id]!.params })),
    feedsCase: (criterionId, inc) => {
      let byCriterion = fed.get(inc);
      if (!byCriterion) { byCriterion = new Map(); fed.set(inc, byCriterion); }
      let yes = byCriterion.get(criterionId);
      if (yes === undefined) { yes = feeds(criterionId, inc); byCriterion.set(criterionId, yes); }
      return yes;
    },
  };
  partsOf.set(rubric, parts);
  return parts;
}

/**
 * What live scoring keeps between passes over one session: each case's judgements, by rule, that read nothing
 * but the case (its events, its contact and ticket, the catalogue, the contract, whether the session is over).
 * They stand until an event names the case's contact or ticket or the session ends (`CaseView.touchedSeq`,
 * `final`); a judgement that read the session's state, `endSeq` or other cases is made again at every pass.
 * An hour into a drill a trainee has a dozen cases and an action changes one: this spares judging the others.
 */
export class JudgementMemo {
  private rubric: Rubric | undefined;
  private readonly cases = new Map<string, CaseJudgements>();

  /** A case's judgements as last made (none yet: undefined), those still standing marked current. */
  of(rubric: Rubric, c: CaseView, final: boolean): CaseJudgements | undefined {
    if (rubric !== this.rubric) { this.cases.clear(); this.rubric = rubric; }
    const held = this.cases.get(c.contact.id);
    if (held && (held.touchedSeq !== c.touchedSeq || held.final !== final)) { held.touchedSeq = c.touchedSeq; held.final = final; held.current.fill(0); }
    return held;
  }

  /** A case seen for the first time: nothing judged yet, every rule to judge. */
  fresh(c: CaseView, final: boolean, rules: number): CaseJudgements {
    const none: CaseJudgements = { touchedSeq: c.touchedSeq, final, items: NO_ITEMS, start: new Uint16Array(rules + 1), current: new Uint8Array(rules) };
    this.cases.set(c.contact.id, none);
    return none;
  }
}

/**
 * One case's items as last judged, in the rubric's order of active rules, in one list (a class holds hundreds of
 * cases: one list each, not one per rule): rule i's are `items[start[i]] … items[start[i + 1] - 1]`, and still
 * stand if `current[i]` is 1.
 */
interface CaseJudgements { touchedSeq: number; final: boolean; items: readonly Evidence[]; start: Uint16Array; current: Uint8Array }

/** `next` with the objects of `was[from…to)` where equal: one copy held, by the memo and the feedback. */
function reuseItems(was: readonly Evidence[], from: number, to: number, next: readonly Evidence[]): readonly Evidence[] {
  if (next === NO_ITEMS) return next;
  const mine = next as Evidence[]; // judgeCase's fresh list
  for (let k = 0; k < Math.min(to - from, mine.length); k++) if (sameEvidence(was[from + k]!, mine[k]!)) mine[k] = was[from + k]!;
  return mine;
}

/** A rule with nothing to say about a case (shared: never written to). */
const NO_ITEMS: readonly Evidence[] = Object.freeze([]);

/** A rule's context that notes whether the rule looked beyond its case (`JudgementMemo`). */
function watchedContext(base: RuleContext, seen: { beyond: boolean }): RuleContext {
  return {
    catalog: base.catalog, contract: base.contract, final: base.final, params: base.params,
    spell: base.spell, lexicon: base.lexicon, jargon: base.jargon,
    get state() { seen.beyond = true; return base.state; },
    get endSeq() { seen.beyond = true; return base.endSeq; },
    casesOf(id) { seen.beyond = true; return base.casesOf(id); },
  };
}

/**
 * Evidence for every case of the session under the rubric, in arrival order then rule order; with `only`,
 * the same items for those trainees alone (a rule judges one case, so one trainee's items do not depend on
 * whether the others are judged too). With a `memo` (live scoring), the same items, judging again only what
 * may have changed since the memo's last pass.
 */
export function collectEvidence(events: readonly SessionEvent[], catalog: Catalog, rubric: Rubric, state: SessionState = fold(events, catalog), only?: ReadonlySet<string>, memo?: JudgementMemo): Evidence[] {
  // A rule judges one case and looks only at its own trainee's other cases: the others need not be built.
  const cases = buildCases(events, state, catalog, only);
  const byTrainee = new Map<string, CaseView[]>();
  for (const c of cases) { const list = byTrainee.get(c.traineeId) ?? []; list.push(c); byTrainee.set(c.traineeId, list); }
  const fixed = rubricParts(rubric);
  const base: Omit<RuleContext, 'params'> = {
    state, catalog, contract: state.contract, final: state.status === 'stopped', endSeq: state.seq,
    spell: rubric.spell, lexicon: fixed.lexicon, jargon: fixed.jargon, casesOf: (id) => byTrainee.get(id) ?? [],
  };
  const seen = { beyond: false };
  const active = fixed.active.map((a) => {
    const ctx: RuleContext = { ...base, params: a.params };
    return { ...a, ctx: memo ? watchedContext(ctx, seen) : ctx };
  });
  const feedsCase = fixed.feedsCase;

  const evidence: Evidence[] = [];
  for (const c of cases) {
    if (!memo) {
      for (const { rule, criteria, ctx } of active) for (const e of judgeCase(c, rule, ctx, criteria, feedsCase)) evidence.push(e);
      continue;
    }
    const held = memo.of(rubric, c, base.final) ?? memo.fresh(c, base.final, active.length);
    const { start, current } = held;
    if (current.every((x) => x === 1)) { for (const e of held.items) evidence.push(e); continue; }
    // Judged again where not current, the rest taken from the list held; the case's new list replaces it.
    const items: Evidence[] = [];
    let from = start[0]!;
    active.forEach(({ rule, criteria, ctx }, i) => {
      const to = start[i + 1]!;
      start[i] = items.length;
      if (current[i]) { for (let k = from; k < to; k++) items.push(held.items[k]!); }
      else {
        seen.beyond = false;
        for (const e of reuseItems(held.items, from, to, judgeCase(c, rule, ctx, criteria, feedsCase))) items.push(e);
        current[i] = seen.beyond ? 0 : 1;
      }
      from = to;
    });
    start[active.length] = items.length;
    held.items = items.slice(); // sized to fit: a list grown by push keeps spare room
    for (const e of held.items) evidence.push(e);
  }
  return evidence;
}

/** One rule's judgement of one case, as evidence items: one per criterion the rubric lets it feed there. */
function judgeCase(c: CaseView, rule: Rule, ctx: RuleContext, criteria: [string, number][], feedsCase: RubricParts['feedsCase']): readonly Evidence[] {
  const j = rule.judge(c, ctx);
  if (!j) return NO_ITEMS;
  const { traineeId, ticketId } = c;
  const contactId = c.contact.id;
  const explanation = { fr: j.fr, en: j.en };
  const items: Evidence[] = [];
  for (const [criterionId, max] of criteria) {
    if (!feedsCase(criterionId, c.incident)) continue;
    const points = round2(j.fraction * max);
    items.push(ticketId
      ? { criterionId, traineeId, points, max, eventSeq: j.eventSeq, ticketId, contactId, rule: rule.id, explanation }
      : { criterionId, traineeId, points, max, eventSeq: j.eventSeq, contactId, rule: rule.id, explanation });
  }
  return items;
}

/** Rolls evidence up per trainee: criteria, then competences (in rubric order), then the total. */
export function rollUp(evidence: readonly Evidence[], traineeIds: readonly string[], rubric: Rubric): Record<string, TraineeScore> {
  const { competenceOf } = rubricParts(rubric);
  const out: Record<string, TraineeScore> = {};
  for (const id of traineeIds) out[id] = { traineeId: id, points: 0, max: 0, criteria: {}, competences: {} };
  for (const e of evidence) {
    const t = (out[e.traineeId] ??= { traineeId: e.traineeId, points: 0, max: 0, criteria: {}, competences: {} });
    const c = (t.criteria[e.criterionId] ??= { criterionId: e.criterionId, points: 0, max: 0, level: 'not_acquired', evidence: [] });
    c.points += e.points; c.max += e.max; c.evidence.push(e);
  }
  for (const t of Object.values(out)) {
    // Criteria and competences listed in the rubric's order, whatever order evidence came in.
    const ordered: Record<string, CriterionScore> = {};
    for (const comp of rubric.competences) {
      const present = comp.criteria.filter((id) => t.criteria[id]);
      if (present.length === 0) continue;
      const cs: CompetenceScore = { competenceId: comp.id, points: 0, max: 0, level: 'not_acquired', criteria: present };
      for (const id of present) {
        const c = t.criteria[id]!;
        c.points = round2(c.points); c.max = round2(c.max); c.level = levelOf(c.points, c.max, rubric.grid);
        ordered[id] = c;
        cs.points += c.points; cs.max += c.max;
      }
      cs.points = round2(cs.points); cs.max = round2(cs.max); cs.level = levelOf(cs.points, cs.max, rubric.grid);
      t.competences[comp.id] = cs;
      t.points += cs.points; t.max += cs.max;
    }
    for (const [id, c] of Object.entries(t.criteria)) if (!competenceOf.has(id)) ordered[id] = c;
    t.criteria = ordered;
    t.points = round2(t.points); t.max = round2(t.max);
  }
  return out;
}

/**
 * Scores a whole session log under a rubric. A caller that already holds the
 * fold of exactly these events (the live engine) may pass it to skip a second fold;
 * `only` limits the score to some trainees (their part is what the whole score gives them); a `memo` carries
 * judgements over from the last pass (live scoring: the same score for less work).
 */
export function scoreSession(events: readonly SessionEvent[], catalog: Catalog, rubric: Rubric, state: SessionState = fold(events, catalog), only?: ReadonlySet<string>, memo?: JudgementMemo): SessionScore {
  const evidence = collectEvidence(events, catalog, rubric, state, only, memo);
  const ids = state.trainees.map((t) => t.id).filter((id) => !only || only.has(id));
  return { rubricVersion: rubric.version, trainees: rollUp(evidence, ids, rubric), evidence };
}

/** Training mode shows feedback right after each action; an exam withholds it until the trainer releases it. */
export const feedbackVisible = (s: Pick<SessionState, 'mode' | 'feedbackReleased'>) => s.mode === 'training' || s.feedbackReleased;

/**
 * The evidence a trainee may see now: all of theirs in training mode (the
 * client shows what is new since the last action), nothing in exam mode until
 * the trainer releases feedback.
 */
export function feedbackFor(score: SessionScore, state: Pick<SessionState, 'mode' | 'feedbackReleased'>, traineeId: string): Evidence[] {
  if (!feedbackVisible(state)) return [];
  return score.evidence.filter((e) => e.traineeId === traineeId);
}

/**
 * A trainee's competency grid: one row per competence, one cell per criterion
 * with the computed level, the evaluator's latest override (kept beside it, never
 * replacing it) and the events the cell rests on.
 */
export function competencyGrid(score: SessionScore, state: Pick<SessionState, 'overrides'>, traineeId: string, rubric: Pick<Rubric, 'competences'>): CompetencyGrid {
  const t = score.trainees[traineeId];
  const rows: GridRow[] = [];
  for (const comp of rubric.competences) {
    const cs = t?.competences[comp.id];
    if (!cs) continue;
    const cells = cs.criteria.map((id) => {
      const c = t!.criteria[id]!;
      const o = [...state.overrides].reverse().find((x) => x.traineeId === traineeId && x.criterionId === id);
      return {
        criterionId: id, competenceId: comp.id, points: c.points, max: c.max, computed: c.level, level: o?.level ?? c.level,
        ...(o ? { override: { level: o.level, comment: o.comment, by: o.by, seq: o.seq } } : {}),
        evidenceSeqs: [...new Set(c.evidence.map((e) => e.eventSeq))].sort((a, b) => a - b),
      };
    });
    rows.push({ competenceId: comp.id, points: cs.points, max: cs.max, level: cs.level, cells });
  }
  return { traineeId, rubricVersion: score.rubricVersion, rows };
}
