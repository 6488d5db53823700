/**
 * Printable report for one trainee's training file: a self-contained French
 * HTML page (no script) with a print stylesheet (A4). Criterion wording is
 * quoted from the REACs; levels show the computed value and the evaluator's
 * judgement side by side, as the grid keeps both.
 */
import type { SessionState } from '../session.js';
import type { Catalog } from '../scenario.js';
import { COMPETENCES, criterionInfo, LEVEL_FR } from './criteria.js';
import type { CompareRow } from './compare.js';
import type { GridCell, GridRow } from './grid.js';
import { formatDuration, formatVirtual } from './time.js';
import type { GridLevel } from '../events.js';

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
}

const esc = (s: string | number | undefined) => String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

function frDate(ms: number | undefined, timeZone: string): string {
  if (ms === undefined) return '—';
  return new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeStyle: 'short', timeZone }).format(new Date(ms));
}

const levelBadge = (level: GridLevel | undefined) => (level ? `<span class="lvl lvl-${level}">${esc(LEVEL_FR[level])}</span>` : '<span class="lvl lvl-none">non évalué</span>');
const pct = (p: number, m: number) => (m > 0 ? `${Math.round((p / m) * 100)} %` : '—');

export function traineeReportHtml(r: ReportInput): string {
  const tz = r.timeZone ?? 'Europe/Paris';
  const drill = r.catalog.drills[r.state.drillId];
  const drillTitle = drill?.title.fr ?? r.state.drillId;
  const cells = r.row.cells;
  const counts = { acquired: 0, in_progress: 0, not_acquired: 0 } as Record<GridLevel, number>;
  for (const c of cells) if (c.final) counts[c.final]++;
  const groups = new Map<string, GridCell[]>();
  for (const c of cells) (groups.get(c.competenceId) ?? groups.set(c.competenceId, []).get(c.competenceId)!).push(c);

  const criterionRows = (c: GridCell) => {
    const info = criterionInfo(c.criterionId, r.catalog.criteria);
    const evidence = c.evidence.length
      ? `<ul class="evidence">${c.evidence.map((e) => {
          const t = r.eventTime(e.eventSeq);
          return `<li><span class="seq">n° ${e.eventSeq}${t !== undefined ? ` · ${formatVirtual(t)}` : ''}${e.ticketId ? ` · ${esc(e.ticketId)}` : ''}</span> ${esc(e.explanation.fr)} <span class="pts">(${esc(String(e.points).replace('.', ','))}/${esc(e.max)})</span></li>`;
        }).join('')}</ul>`
      : '<p class="muted">Aucune action observée pour ce critère.</p>';
    const judgement = c.judgement
      ? `${levelBadge(c.judgement.level)} ${c.judgement.confirmed ? '<span class="muted">(confirmé)</span>' : '<span class="muted">(modifié)</span>'}<div class="comment">« ${esc(c.judgement.comment)} »<br><span class="muted">${esc(c.judgement.byName ?? c.judgement.by)}</span></div>`
      : '<span class="muted">—</span>';
    return `<tr>
      <th scope="row"><span class="cid">${esc(c.criterionId)}</span><q>${esc(info.official)}</q>${evidence}</th>
      <td>${levelBadge(c.computed)}<div class="muted">${esc(String(c.points).replace('.', ','))} / ${esc(c.max)} · ${pct(c.points, c.max)}</div></td>
      <td>${judgement}</td>
      <td>${levelBadge(c.final)}</td>
    </tr>`;
  };

  const sections = [...groups.entries()].map(([compId, cs]) => {
    const comp = COMPETENCES[compId];
    return `<section class="competence">
      <h2><span class="cid">${esc(compId)}</span> ${esc(comp?.fr ?? '')}</h2>
      <table>
        <thead><tr><th scope="col">Critère de performance</th><th scope="col">Niveau calculé</th><th scope="col">Avis de l'évaluateur</th><th scope="col">Niveau retenu</th></tr></thead>
        <tbody>${cs.map(criterionRows).join('')}</tbody>
      </table>
    </section>`;
  }).join('\n');

  const s = r.stats;
  const statsHtml = s ? `<dl class="stats">
      <div><dt>Tickets traités</dt><dd>${s.tickets.total}</dd></div>
      <div><dt>Résolus</dt><dd>${s.tickets.resolved}</dd></div>
      <div><dt>Clôturés</dt><dd>${s.tickets.closed}</dd></div>
      <div><dt>Escaladés</dt><dd>${s.tickets.escalated}</dd></div>
      <div><dt>Dépassements SLA</dt><dd>${s.tickets.breaches}</dd></div>
      <div><dt>Délai moyen de résolution</dt><dd>${s.meanResolveMs !== undefined ? formatDuration(s.meanResolveMs) : '—'}</dd></div>
    </dl>` : '';

  return `<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Bilan — ${esc(r.row.name)} — ${esc(drillTitle)}</title>
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
  q { display: block; font-style: italic; quotes: "« " " »"; }
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
  <h1>Bilan individuel de mise en situation professionnelle</h1>
  <p class="muted">DeskDrill — simulation de centre de services (ITIL)</p>
</header>
<main>
  <dl class="meta">
    <div><dt>Stagiaire :</dt><dd>${esc(r.row.name)}</dd></div>
    <div><dt>Exercice :</dt><dd>${esc(drillTitle)}</dd></div>
    <div><dt>Session :</dt><dd>${esc(r.sessionId)}</dd></div>
    <div><dt>Mode :</dt><dd>${r.state.mode === 'exam' ? 'examen' : 'entraînement'}</dd></div>
    <div><dt>Date :</dt><dd>${esc(frDate(r.startedAt, tz))}</dd></div>
    <div><dt>Durée simulée :</dt><dd>${formatVirtual(r.state.now)}</dd></div>
    <div><dt>Barème :</dt><dd>${esc(r.state.rubricVersion)}</dd></div>
    <div><dt>Édité le :</dt><dd>${esc(frDate(r.generatedAt, tz))}</dd></div>
  </dl>
  <h2>Synthèse</h2>
  <div class="summary">
    <div>Score : <strong>${esc(String(Math.round(r.row.points * 100) / 100).replace('.', ','))} / ${esc(r.row.max)}</strong> (${pct(r.row.points, r.row.max)})</div>
    <div><span class="lvl lvl-acquired">Acquis</span> : ${counts.acquired}</div>
    <div><span class="lvl lvl-in_progress">En cours d'acquisition</span> : ${counts.in_progress}</div>
    <div><span class="lvl lvl-not_acquired">Non acquis</span> : ${counts.not_acquired}</div>
  </div>
  ${statsHtml}
  ${sections || '<p>Aucun critère évalué.</p>'}
  <div class="signatures">
    <div>Le formateur / l'évaluateur<br><span class="muted">Nom, date et signature</span></div>
    <div>Le stagiaire<br><span class="muted">Nom, date et signature</span></div>
  </div>
</main>
<footer>
  Libellés des critères de performance cités d'après les référentiels emploi-activités-compétences (REAC) des titres professionnels
  Technicien(ne) d'assistance en informatique (TP-00476) et Technicien supérieur systèmes et réseaux. Le niveau calculé résulte
  du barème ${esc(r.state.rubricVersion)} appliqué au journal de la session ; le niveau retenu est celui de l'évaluateur lorsqu'il s'est prononcé.
  Les numéros (n°) renvoient aux événements du journal, consultables dans la relecture de la session.
</footer>
</body>
</html>
`;
}
