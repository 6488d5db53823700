/**
 * CSV export of scores per trainee and criterion, for French spreadsheets.
 *
 * Choices (documented in docs/reports.md):
 * - `;` separates fields: French Excel uses the comma as decimal separator, so
 *   it expects `;` as list separator and opens such files with columns split.
 * - Decimal numbers use a comma ("0,75") for the same reason.
 * - UTF-8 with a byte-order mark, so Excel does not read accents as Windows-1252.
 * - Records end with CRLF and fields are quoted as RFC 4180 says: a field
 *   holding the separator, a quote, CR or LF is wrapped in quotes and its quotes
 *   doubled. Fields starting with = + - @ are prefixed with an apostrophe so a
 *   spreadsheet never evaluates a comment as a formula (CSV injection).
 */
import { criterionInfo, LEVEL_FR } from './criteria.js';
import type { GridRow } from './grid.js';
import type { Criterion } from '../scenario.js';

export const CSV_SEPARATOR = ';';
export const CSV_BOM = '\uFEFF';

export function csvField(value: string | number | undefined | null, sep = CSV_SEPARATOR): string {
  let s = value === undefined || value === null ? '' : typeof value === 'number' ? frNumber(value) : value;
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return s.includes(sep) || /["\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** A number with at most two decimals and a decimal comma. */
export function frNumber(n: number): string {
  return String(Math.round(n * 100) / 100).replace('.', ',');
}

export function csvLine(fields: readonly (string | number | undefined | null)[], sep = CSV_SEPARATOR): string {
  return fields.map((f) => csvField(f, sep)).join(sep);
}

export const CSV_COLUMNS = [
  'session', 'exercice', 'mode', 'stagiaire_id', 'stagiaire', 'titre', 'competence', 'critere', 'libelle_officiel',
  'points', 'max', 'taux', 'niveau_calcule', 'niveau_evaluateur', 'commentaire_evaluateur', 'evaluateur', 'niveau_retenu',
  'nb_preuves', 'sequences_preuves',
] as const;

export interface CsvInput { sessionId: string; drillId: string; mode: 'training' | 'exam'; grid: GridRow[]; criteria?: Record<string, Criterion> }

/** The whole file: BOM, header, one record per trainee × criterion, CRLF line ends. */
export function scoresCsv(input: CsvInput): string {
  const lines = [csvLine(CSV_COLUMNS)];
  for (const row of input.grid) {
    for (const c of row.cells) {
      const info = criterionInfo(c.criterionId, input.criteria);
      lines.push(csvLine([
        input.sessionId, input.drillId, input.mode === 'exam' ? 'examen' : 'entraînement', row.traineeId, row.name,
        c.criterionId.split('-')[0], c.competenceId, c.criterionId, info.official,
        c.points, c.max, c.max > 0 ? c.points / c.max : '',
        c.computed ? LEVEL_FR[c.computed] : '', c.judgement ? LEVEL_FR[c.judgement.level] : '', c.judgement?.comment ?? '', c.judgement?.byName ?? c.judgement?.by ?? '',
        c.final ? LEVEL_FR[c.final] : '', c.evidence.length, c.evidence.map((e) => e.eventSeq).join(' '),
      ]));
    }
  }
  return CSV_BOM + lines.join('\r\n') + '\r\n';
}

/** Parses what `scoresCsv` writes (RFC 4180 with `;`): used by tests and by anyone re-importing a file. */
export function parseCsv(text: string, sep = CSV_SEPARATOR): string[][] {
  const src = text.startsWith(CSV_BOM) ? text.slice(1) : text;
  const rows: string[][] = [];
  let row: string[] = [], field = '', quoted = false, i = 0;
  while (i < src.length) {
    const ch = src[i]!;
    if (quoted) {
      if (ch === '"') { if (src[i + 1] === '"') { field += '"'; i += 2; continue; } quoted = false; i++; continue; }
      field += ch; i++; continue;
    }
    if (ch === '"' && field === '') { quoted = true; i++; continue; }
    if (ch === sep) { row.push(field); field = ''; i++; continue; }
    if (ch === '\r' && src[i + 1] === '\n') { row.push(field); rows.push(row); row = []; field = ''; i += 2; continue; }
    if (ch === '\n') { row.push(field); rows.push(row); row = []; field = ''; i++; continue; }
    field += ch; i++;
  }
  if (field !== '' || row.length) { row.push(field); rows.push(row); }
  return rows;
}
