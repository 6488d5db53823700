/** Priority from impact × urgency through the contract's matrix (ITIL, as GLPI and iTop do it). */
import type { Contract } from './scenario.js';
import { err, ok, domainError, type DomainError, type Result } from './result.js';

export function priorityOf(contract: Contract, impact: string, urgency: string): Result<string, DomainError> {
  if (!contract.impact.some((l) => l.id === impact)) return err(domainError('priority/unknown_impact', `impact "${impact}" is not on the contract's scale (${contract.impact.map((l) => l.id).join(', ')})`));
  if (!contract.urgency.some((l) => l.id === urgency)) return err(domainError('priority/unknown_urgency', `urgency "${urgency}" is not on the contract's scale (${contract.urgency.map((l) => l.id).join(', ')})`));
  const p = contract.matrix[impact]?.[urgency];
  if (!p) return err(domainError('priority/no_cell', `the contract's matrix has no cell for impact "${impact}" and urgency "${urgency}"`));
  return ok(p);
}

/** How many levels apart two values are on a scale (0 = equal); undefined if either is off the scale. */
export function levelDistance(scale: { id: string }[], a: string, b: string): number | undefined {
  const i = scale.findIndex((l) => l.id === a);
  const j = scale.findIndex((l) => l.id === b);
  return i < 0 || j < 0 ? undefined : Math.abs(i - j);
}

/** The default ITIL 3×3 contract, used when a drill names none and by tests. */
export const DEFAULT_CONTRACT: Contract = {
  name: { fr: 'Contrat de services standard', en: 'Standard service contract' },
  impact: [
    { id: 'high', label: { fr: 'Élevé', en: 'High' } },
    { id: 'medium', label: { fr: 'Moyen', en: 'Medium' } },
    { id: 'low', label: { fr: 'Faible', en: 'Low' } },
  ],
  urgency: [
    { id: 'high', label: { fr: 'Élevée', en: 'High' } },
    { id: 'medium', label: { fr: 'Moyenne', en: 'Medium' } },
    { id: 'low', label: { fr: 'Faible', en: 'Low' } },
  ],
  matrix: {
    high: { high: 'P1', medium: 'P2', low: 'P3' },
    medium: { high: 'P2', medium: 'P3', low: 'P4' },
    low: { high: 'P3', medium: 'P4', low: 'P5' },
  },
  priorities: {
    P1: { label: { fr: 'Critique', en: 'Critical' }, responseMinutes: 5, resolutionMinutes: 60 },
    P2: { label: { fr: 'Haute', en: 'High' }, responseMinutes: 10, resolutionMinutes: 240 },
    P3: { label: { fr: 'Moyenne', en: 'Medium' }, responseMinutes: 15, resolutionMinutes: 480 },
    P4: { label: { fr: 'Basse', en: 'Low' }, responseMinutes: 30, resolutionMinutes: 1440 },
    P5: { label: { fr: 'Planifiée', en: 'Planning' }, responseMinutes: 60, resolutionMinutes: 2880 },
  },
  defaultPriority: 'P3',
  warnShare: 0.75,
};
