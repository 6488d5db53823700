/**
 * Printable report for one trainee's training file: a self-contained HTML
 * page (no script) with a print stylesheet (A4), in French (the default) or
 * English. Criterion wording is quoted from the REACs (in English, followed
 * by our paraphrase, as on the grid); levels show
 * the computed value and the evaluator's judgement side by side, as the grid
 * keeps both. French text follows the UI's typography (narrow no-break spaces).
 */
import type { SessionState } from '../session.js';
import type { Catalog } from '../scenario.js';
import { frenchTypography, formatNumber, localized } from '../text.js';
import { COMPETENCES, criterionInfo, LEVEL_EN, LEVEL_FR } from './criteria.js';
import type { CompareRow } from './compare.js';
import type { GridCell, GridRow } from './grid.js';
import { formatDuration, formatVirtual } from './time.js';
import type { GridLevel } from '../events.js';

export const REPORT_LANGS = ['fr', 'en'] as const;
export type ReportLang = (typeof REPORT_LANGS)[number];

export interface ReportInput {
  sessionId: string;
  state: SessionState;
  catalog: Catalog;
  row: GridRow;
  stats?: CompareRow;
  /** Wall time the drill started (ms), if it did. */
  startedAt?: number;
  /** When the report is generated (ms); passed in to keep this function pure. */
  generatedAt: number;
  /** Virtual time of each evidence event, by sequence number. */
  eventTime: (seq: number) => number | undefined;
  timeZone?: string;
  /** The reader's language (French when absent). */
  lang?: ReportLang;
}

/** The page's fixed text. French is written with plain spaces: `frenchTypography` sets them, as for the UI strings. */
const TEXT = {
  fr: {
    title: 'Bilan', heading: 'Bilan individuel de mise en situation professionnelle', subtitle: 'DeskDrill — simulation de centre de services (ITIL)',
    trainee: 'Stagiaire', drill: 'Exercice', session: 'Session', mode: 'Mode', date: 'Date', duration: 'Durée simulée', rubric: 'Barème', generated: 'Édité le',
    modes: { exam: 'examen', training: 'entraînement' },
    summary: 'Synthèse', score: 'Score', levels: { acquired: 'Acquis', in_progress: "En cours d'acquisition", not_acquired: 'Non acquis' },
    tickets: 'Tickets traités', resolved: 'Résolus', closed: 'Clôturés', escalated: 'Escaladés', breaches: 'Dépassements SLA', meanResolve: 'Délai moyen de résolution',
    criterion: 'Critère de performance', computed: 'Niveau calculé', judgement: "Avis de l'évaluateur", retained: 'Niveau retenu',
    notAssessed: 'non évalué', confirmed: 'confirmé', overridden: 'modifié', noEvidence: 'Aucune action observée pour ce critère.', noCriteria: 'Aucun critère évalué.',
    seq: 'n°', open: '« ', close: ' »',
    signTrainer: "Le formateur / l'évaluateur", signTrainee: 'Le stagiaire', signHelp: 'Nom, date et signature',
    footer: (rubric: string) => `Libellés des critères de performance cités d'après les référentiels emploi-activités-compétences (REAC) des titres professionnels
  Technicien(ne) d'assistance en informatique (TP-00476) et Technicien supérieur systèmes et réseaux. Le niveau calculé résulte
  du barème ${rubric} appliqué au journal de la session ; le niveau retenu est celui de l'évaluateur lorsqu'il s'est prononcé.
  Les numéros (n°) renvoient aux événements du journal, consultables dans la relecture de la session.`,
  },
  en: {
    title: 'Report', heading: 'Individual report on a simulated work situation', subtitle: 'DeskDrill — service desk simulation (ITIL)',
    trainee: 'Trainee', drill: 'Drill', session: 'Session', mode: 'Mode', date: 'Date', duration: 'Simulated duration', rubric: 'Rubric', generated: 'Issued on',
    modes: { exam: 'exam', training: 'training' },
    summary: 'Summary', score: 'Score', levels: { acquired: 'Acquired', in_progress: 'In progress', not_acquired: 'Not acquired' },
    tickets: 'Tickets handled', resolved: 'Resolved', closed: 'Closed', escalated: 'Escalated', breaches: 'SLA breaches', meanResolve: 'Mean time to resolve',
    criterion: 'Performance criterion', computed: 'Computed level', judgement: "Evaluator's judgement", retained: 'Level retained',
    notAssessed: 'not assessed', confirmed: 'confirmed', overridden: 'changed', noEvidence: 'No action observed for this criterion.', noCriteria: 'No criterion assessed.',
    seq: 'no.', open: '“', close: '”',
    signTrainer: 'Trainer / evaluator', signTrainee: 'Trainee', signHelp: 'Name, date and signature',
    footer: (rubric: string) => `Each performance criterion is quoted in the official French wording of the reference frameworks (REAC) of the
  French professional titles Technicien(ne) d'assistance en informatique (TP-00476) and Technicien supérieur systèmes et réseaux,
  followed by our English wording. The computed level comes from rubric ${rubric} applied to the session's log; the level
  retained is the evaluator's when they gave one. Numbers (no.) refer to the events of the log, which the session's replay shows.`,
  },
} as const;

const esc = (s: string | number | undefined) => String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

function dateIn(lang: ReportLang, ms: number | undefined, timeZone: string): string {
  if (ms === undefined) return '—';
  return new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'fr-FR', { dateStyle: 'long', timeStyle: 'short', timeZone }).format(new Date(ms));
}

export function traineeReportHtml(r: ReportInput): string {
  const lang: ReportLang = r.lang ?? 'fr';
  const T = TEXT[lang];
  // Fixed and authored text (`localized`) in the reader's language, French with its typography; free text (names, comments) stays as typed.
  const typo = (s: string) => (lang === 'fr' ? frenchTypography(s) : s);
  /** "Stagiaire :" (narrow no-break space) / "Trainee:". */
  const label = (s: string) => esc(lang === 'fr' ? typo(`${s} :`) : `${s}:`);
  const num = (n: number) => formatNumber(n, lang);
  const pct = (p: number, m: number) => (m > 0 ? `${Math.round((p / m) * 100)}${lang === 'fr' ? '\u202f' : ''}%` : '—');
  const levelNames = lang === 'en' ? LEVEL_EN : LEVEL_FR;
  const levelBadge = (level: GridLevel | undefined) => (level ? `<span class="lvl lvl-${level}">${esc(levelNames[level])}</span>` : `<span class="lvl lvl-none">${esc(T.notAssessed)}</span>`);
  const tz = r.timeZone ?? 'Europe/Paris';
  const drill = r.catalog.drills[r.state.drillId];
  const drillTitle = drill ? localized(drill.title, lang) : r.state.drillId;
  const cells = r.row.cells;
  const counts = { acquired: 0, in_progress: 0, not_acquired: 0 } as Record<GridLevel, number>;
  for (const c of cells) if (c.final) counts[c.final]++;
  const groups = new Map<string, GridCell[]>();
  for (const c of cells) (groups.get(c.competenceId) ?? groups.set(c.competenceId, []).get(c.competenceId)!).push(c);

  const criterionRows = (c: GridCell) => {
    const info = criterionInfo(c.criterionId, r.catalog.criteria);
    // As on the grid: the official wording, then (in English) ours.
    const wording = lang === 'en' ? `<q lang="fr">${esc(frenchTypography(info.official))}</q><span class="en muted">${esc(info.en)}</span>` : `<q>${esc(typo(info.official))}</q>`;
    const evidence = c.evidence.length
      ? `<ul class="evidence">${c.evidence.map((e) => {
          const t = r.eventTime(e.eventSeq);
          return `<li><span class="seq">${T.seq} ${e.eventSeq}${t !== undefined ? ` · ${formatVirtual(t)}` : ''}${e.ticketId ? ` · ${esc(e.ticketId)}` : ''}</span> ${esc(localized(e.explanation, lang))} <span class="pts">(${esc(num(e.points))}/${esc(num(e.max))})</span></li>`;
        }).join('')}</ul>`
      : `<p class="muted">${esc(T.noEvidence)}</p>`;
    const judgement = c.judgement
      ? `${levelBadge(c.judgement.level)} <span class="muted">(${esc(c.judgement.confirmed ? T.confirmed : T.overridden)})</span><div class="comment">${esc(typo(T.open))}${esc(c.judgement.comment)}${esc(typo(T.close))}<br><span class="muted">${esc(c.judgement.byName ?? c.judgement.by)}</span></div>`
      : '<span class="muted">—</span>';
    return `<tr>
      <th scope="row"><span class="cid">${esc(c.criterionId)}</span>${wording}${evidence}</th>
      <td>${levelBadge(c.computed)}<div class="muted">${esc(num(c.points))} / ${esc(num(c.max))} · ${pct(c.points, c.max)}</div></td>
      <td>${judgement}</td>
      <td>${levelBadge(c.final)}</td>
    </tr>`;
  };

  const sections = [...groups.entries()].map(([compId, cs]) => {
    const comp = COMPETENCES[compId];
    return `<section class="competence">
      <h2><span class="cid">${esc(compId)}</span> ${esc(comp ? (lang === 'en' ? comp.en : typo(comp.fr)) : '')}</h2>
      <table>
        <thead><tr><th scope="col">${esc(T.criterion)}</th><th scope="col">${esc(T.computed)}</th><th scope="col">${esc(T.judgement)}</th><th scope="col">${esc(T.retained)}</th></tr></thead>
        <tbody>${cs.map(criterionRows).join('')}</tbody>
      </table>
    </section>`;
  }).join('\n');

  const s = r.stats;
  const statsHtml = s ? `<dl class="stats">
      <div><dt>${esc(T.tickets)}</dt><dd>${s.tickets.total}</dd></div>
      <div><dt>${esc(T.resolved)}</dt><dd>${s.tickets.resolved}</dd></div>
      <div><dt>${esc(T.closed)}</dt><dd>${s.tickets.closed}</dd></div>
      <div><dt>${esc(T.escalated)}</dt><dd>${s.tickets.escalated}</dd></div>
      <div><dt>${esc(T.breaches)}</dt><dd>${s.tickets.breaches}</dd></div>
      <div><dt>${esc(T.meanResolve)}</dt><dd>${s.meanResolveMs !== undefined ? formatDuration(s.meanResolveMs, lang) : '—'}</dd></div>
    </dl>` : '';

  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(T.title)} — ${esc(r.row.name)} — ${esc(r.state.name ?? drillTitle)}</title>
<style>
  :root { --ink: #1b1f24; --muted: #5b6470; --line: #c9ced6; --ok: #1e6b34; --mid: #8a5a00; --ko: #a3222b; }
  * { box-sizing: border-box; }
  body { font: 11pt/1.45 "Segoe UI", system-ui, sans-serif; color: var(--ink); margin: 2rem auto; max-width: 60rem; padding: 0 1rem; }
  header { border-bottom: 2px solid var(--ink); margin-bottom: 1rem; }
  h1 { font-size: 1.5rem; margin: 0 0 .25rem; }
  h2 { font-size: 1.1rem; margin: 1.5rem 0 .5rem; }
  .meta { display: grid; grid-template-columns: repeat(2, 1fr); gap: .15rem 2rem; margin: .75rem 0; }
  .meta dt { font-weight: 600; display: inline; } .meta dd { display: inline; margin: 0 0 0 .25rem; }
  .summary { display: flex; gap: 1rem; flex-wrap: wrap; margin: .5rem 0 1rem; }
  .summary div { border: 1px solid var(--line); padding: .4rem .8rem; border-radius: 4px; }
  .stats { display: grid; grid-template-columns: repeat(3, 1fr); gap: .25rem 1rem; }
  .stats dt { color: var(--muted); font-size: .9em; } .stats dd { margin: 0; font-weight: 600; }
  table { width: 100%; border-collapse: collapse; }
  th, td { border: 1px solid var(--line); padding: .4rem .5rem; vertical-align: top; text-align: left; }
  thead th { background: #eef1f4; font-size: .9em; }
  tbody th { font-weight: normal; width: 52%; }
  q { display: block; font-style: italic; }
  q:lang(fr) { quotes: "«\\202F" "\\202F»"; } q:lang(en) { quotes: "“" "”"; }
  .en { display: block; }
  .cid { font-family: ui-monospace, monospace; font-size: .85em; font-weight: 600; }
  .evidence { margin: .3rem 0 0; padding-left: 1.1rem; font-size: .9em; }
  .seq { font-family: ui-monospace, monospace; color: var(--muted); }
  .muted { color: var(--muted); font-size: .9em; }
  .comment { margin-top: .25rem; font-size: .92em; }
  .lvl { font-weight: 700; white-space: nowrap; }
  .lvl-acquired { color: var(--ok); } .lvl-in_progress { color: var(--mid); } .lvl-not_acquired { color: var(--ko); } .lvl-none { color: var(--muted); font-weight: normal; }
  .signatures { display: grid; grid-template-columns: 1fr 1fr; gap: 2rem; margin-top: 2rem; }
  .signatures div { border: 1px solid var(--line); min-height: 6rem; padding: .5rem; }
  footer { margin-top: 1.5rem; font-size: .85em; color: var(--muted); border-top: 1px solid var(--line); padding-top: .5rem; }
  @page { size: A4; margin: 14mm 12mm; }
  @media print {
    body { margin: 0; max-width: none; padding: 0; font-size: 10pt; }
    section.competence, tr, .signatures { break-inside: avoid; page-break-inside: avoid; }
    thead { display: table-header-group; }
    h2 { break-after: avoid; page-break-after: avoid; }
    a { color: inherit; text-decoration: none; }
  }
</style>
</head>
<body>
<header>
  <h1>${esc(T.heading)}</h1>
  <p class="muted">${esc(T.subtitle)}</p>
</header>
<main>
  <dl class="meta">
    <div><dt>${label(T.trainee)}</dt><dd>${esc(r.row.name)}</dd></div>
    <div><dt>${label(T.drill)}</dt><dd>${esc(drillTitle)}</dd></div>
    <div><dt>${label(T.session)}</dt><dd>${r.state.name !== undefined ? `${esc(r.state.name)} <span class="muted">(${esc(r.sessionId)})</span>` : esc(r.sessionId)}</dd></div>
    <div><dt>${label(T.mode)}</dt><dd>${esc(T.modes[r.state.mode])}</dd></div>
    <div><dt>${label(T.date)}</dt><dd>${esc(dateIn(lang, r.startedAt, tz))}</dd></div>
    <div><dt>${label(T.duration)}</dt><dd>${formatVirtual(r.state.now)}</dd></div>
    <div><dt>${label(T.rubric)}</dt><dd>${esc(r.state.rubricVersion)}</dd></div>
    <div><dt>${label(T.generated)}</dt><dd>${esc(dateIn(lang, r.generatedAt, tz))}</dd></div>
  </dl>
  <h2>${esc(T.summary)}</h2>
  <div class="summary">
    <div>${label(T.score)} <strong>${esc(num(r.row.points))} / ${esc(num(r.row.max))}</strong> (${pct(r.row.points, r.row.max)})</div>
    <div><span class="lvl lvl-acquired">${esc(T.levels.acquired)}</span>${label('')} ${counts.acquired}</div>
    <div><span class="lvl lvl-in_progress">${esc(T.levels.in_progress)}</span>${label('')} ${counts.in_progress}</div>
    <div><span class="lvl lvl-not_acquired">${esc(T.levels.not_acquired)}</span>${label('')} ${counts.not_acquired}</div>
  </div>
  ${statsHtml}
  ${sections || `<p>${esc(T.noCriteria)}</p>`}
  <div class="signatures">
    <div>${esc(T.signTrainer)}<br><span class="muted">${esc(T.signHelp)}</span></div>
    <div>${esc(T.signTrainee)}<br><span class="muted">${esc(T.signHelp)}</span></div>
  </div>
</main>
<footer>
  ${esc(typo(T.footer(r.state.rubricVersion)))}
</footer>
</body>
</html>
`;
}
