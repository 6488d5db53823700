/**
 * The criteria DeskDrill scores, with the official French wording of each
 * performance criterion quoted from the REACs (TAI TP-00476, TSSR) for the
 * competency grid and the printable report, the short French label and our
 * English paraphrase from shared/criteria.md.
 */
import type { Criterion } from '../scenario.js';

export type TitleCode = 'TAI' | 'TSSR';

export interface CompetenceInfo { id: string; title: TitleCode; fr: string; en: string }
export interface CriterionInfo {
  id: string;
  competenceId: string;
  /** Official wording of the "critère de performance" (REAC, quoted). */
  official: string;
  /** Short French reminder used in tables. */
  short: string;
  /** English paraphrase (ours). */
  en: string;
}

export const COMPETENCES: Record<string, CompetenceInfo> = {
  'TAI-CP8': { id: 'TAI-CP8', title: 'TAI', fr: 'Traiter un incident dans un centre de services et participer au suivi du parc', en: 'Handle an incident in a service centre and take part in asset tracking' },
  'TAI-CP14': { id: 'TAI-CP14', title: 'TAI', fr: "Diagnostiquer et résoudre un dysfonctionnement d'accès à un réseau", en: 'Diagnose and solve a network-access malfunction' },
  'TAI-T1': { id: 'TAI-T1', title: 'TAI', fr: "Communiquer avec l'utilisateur d'un équipement informatique et les autres intervenants d'un centre de services informatiques", en: 'Communicate with users and other service-centre staff' },
  'TAI-T2': { id: 'TAI-T2', title: 'TAI', fr: 'Gérer la relation avec le client', en: 'Manage the customer relationship' },
  'TAI-T3': { id: 'TAI-T3', title: 'TAI', fr: 'Mettre en œuvre des modes opératoires en maintenance et assistance informatique', en: 'Apply operating procedures in IT maintenance and support' },
  'TSSR-CP2': { id: 'TSSR-CP2', title: 'TSSR', fr: 'Assister les utilisateurs sur leurs équipements numériques', en: 'Assist users with their digital equipment' },
  'TSSR-CP3': { id: 'TSSR-CP3', title: 'TSSR', fr: 'Gérer les incidents et les problèmes', en: 'Manage incidents and problems' },
  'TSSR-T1': { id: 'TSSR-T1', title: 'TSSR', fr: 'Exploiter une documentation technique rédigée en anglais', en: 'Use technical documentation written in English' },
  'TSSR-T2': { id: 'TSSR-T2', title: 'TSSR', fr: 'Adopter une démarche structurée de diagnostic', en: 'Follow a structured diagnostic approach' },
  'TSSR-T3': { id: 'TSSR-T3', title: 'TSSR', fr: 'Communiquer par écrit avec les utilisateurs et les techniciens', en: 'Communicate in writing with users and technicians' },
};

const C = (id: string, official: string, short: string, en: string): CriterionInfo => ({ id, competenceId: id.replace(/-C\d+$/, ''), official, short, en });

export const CRITERIA: Record<string, CriterionInfo> = Object.fromEntries([
  C('TAI-CP8-C1', "L'incident est correctement qualifié en fonction de son impact et de son urgence", 'qualification impact/urgence', 'The incident is correctly qualified by impact and urgency'),
  C('TAI-CP8-C2', "Les techniques d'écoute active sont mises en œuvre avec le client", 'écoute active', 'Active listening is applied with the caller'),
  C('TAI-CP8-C3', "L'incident est résolu par le technicien ou aiguillé vers un support de niveau supérieur", 'résolu ou aiguillé', 'The incident is resolved by the technician or routed to a higher support level'),
  C('TAI-CP8-C4', "Les procédures de gestion d'incidents et le contrat de services sont respectés", 'procédures et contrat de services', 'Incident procedures and the service contract are respected'),
  C('TAI-CP8-C5', "L'utilisation de l'utilitaire de prise en main à distance est maîtrisée de façon sécurisée", 'prise en main à distance sécurisée', 'Remote-control tool is used safely'),
  C('TAI-CP8-C6', "Les différentes interfaces de l'utilitaire de gestion de parc et de suivi des services sont renseignées de manière claire et exploitable", 'parc et suivi renseignés', 'Asset-management and service-tracking screens are filled in clearly'),
  C('TAI-CP8-C7', "L'attitude et les propos du technicien sont de nature à rassurer le client", 'rassurer le client', "The technician's attitude and words reassure the caller"),
  C('TAI-CP8-C8', 'Le technicien traite le client avec considération, tout en gardant le contrôle de la relation', 'considération et maîtrise', 'The caller is treated with consideration while the technician keeps control'),
  C('TAI-CP14-C1', 'Le contenu des messages rédigés en langue anglaise est compréhensible', 'messages en anglais', 'Messages in English are understandable'),
  C('TAI-CP14-C2', "L'incident est correctement qualifié en fonction de son impact et de son urgence", 'qualification', 'The incident is correctly qualified by impact and urgency'),
  C('TAI-CP14-C3', "Toutes les informations nécessaires au diagnostic sont collectées auprès de l'utilisateur et par test", 'informations collectées', 'All information needed for diagnosis is collected'),
  C('TAI-CP14-C4', 'Une solution est trouvée et mise en œuvre', 'solution trouvée', 'A solution is found and implemented'),
  C('TAI-CP14-C5', 'Les informations nécessaires à une escalade sont transmises de façon précise et complète', 'escalade complète', 'Escalation information is passed on precisely and completely'),
  C('TAI-CP14-C6', 'Les délais moyens et maximums du contrat de services sont respectés', 'délais du contrat', 'Mean and maximum delays of the service contract are met'),
  C('TAI-T1-C1', "Les techniques d'écoute active sont mises en œuvre (présentation, questionnement, écoute, reformulation, relance, conclusion)", 'écoute active (6 étapes)', 'Active listening steps are applied'),
  C('TAI-T1-C2', "Le langage est clair, précis et adapté à l'interlocuteur", 'langage adapté', 'Language is clear, precise and adapted to the person'),
  C('TAI-T1-C3', 'Les instructions lues sont comprises', 'consignes comprises', 'Written instructions read are understood'),
  C('TAI-T2-C1', "L'attitude et les propos du technicien sont de nature à rassurer le client", 'rassurer', 'Attitude and words reassure the customer'),
  C('TAI-T2-C2', 'Le technicien traite le client avec considération, tout en gardant le contrôle de la relation', 'considération', 'The customer is treated with consideration while keeping control'),
  C('TAI-T3-C1', 'Les règles de sécurité et de confidentialité sont respectées', 'sécurité et confidentialité', 'Security and confidentiality rules are respected'),
  C('TAI-T3-C2', "Les consignes données et les procédures de gestion d'incidents sont respectées", 'procédures respectées', 'Instructions and incident-management procedures are respected'),
  C('TSSR-CP2-C1', "La réponse correspond à la demande d'assistance", 'réponse adaptée', 'The answer matches the assistance request'),
  C('TSSR-CP2-C2', "La communication est adaptée à l'interlocuteur (niveau de langage et vocabulaire)", 'communication adaptée', 'Communication fits the person'),
  C('TSSR-CP2-C3', "L'incident est clairement identifié au moyen d'une communication adaptée", 'incident identifié', 'The incident is clearly identified through adapted communication'),
  C('TSSR-CP2-C4', "Les règles de sécurité sont clairement expliquées à l'utilisateur", 'règles de sécurité expliquées', 'Security rules are clearly explained to the user'),
  C('TSSR-CP2-C5', "Les documents sont rédigés de façon claire et adaptés aux besoins de l'interlocuteur", 'documents clairs', 'Documents are clear and fit the reader'),
  C('TSSR-CP3-C1', 'Les dossiers sont créés et qualifiés de manière pertinente', 'dossiers créés et qualifiés', 'Records are created and qualified relevantly'),
  C('TSSR-CP3-C2', "Les procédures de gestion d'incidents sont respectées", 'procédures respectées', 'Incident-management procedures are respected'),
  C('TSSR-CP3-C3', "Une solution temporaire ou définitive est acceptée par l'utilisateur", 'solution acceptée', 'A temporary or definitive solution is accepted by the user'),
  C('TSSR-CP3-C4', 'La base de connaissances est clairement renseignée', 'base de connaissances renseignée', 'The knowledge base is clearly filled in'),
  C('TSSR-T1-C1', "L'information est trouvée", 'information trouvée', 'The information is found'),
  C('TSSR-T1-C2', "L'information est correctement interprétée", 'information interprétée', 'The information is correctly interpreted'),
  C('TSSR-T2-C1', 'La cause du dysfonctionnement est identifiée', 'cause identifiée', 'The cause of the malfunction is identified'),
  C('TSSR-T2-C2', 'La démarche de diagnostic est logique et efficace', 'démarche logique et efficace', 'The diagnostic approach is logical and efficient'),
  C('TSSR-T3-C1', 'Les écrits sont rédigés de façon claire et concise et correctement orthographiés', 'écrits clairs, orthographe', 'Writing is clear, concise and correctly spelled'),
  C('TSSR-T3-C2', 'Les écrits sont structurés', 'écrits structurés', 'Writing is structured'),
  C('TSSR-T3-C3', "La communication écrite est adaptée à l'interlocuteur (niveau de langage et vocabulaire)", 'écrit adapté', 'Written communication fits the reader'),
].map((c) => [c.id, c]));

/**
 * Criterion info: the catalogue's entry (seeds/criteria.yaml) when given, else
 * ours, else a stub naming the id (a rubric may cite criteria we do not describe).
 */
export function criterionInfo(id: string, catalogCriteria?: Record<string, Criterion>): CriterionInfo {
  const mine = CRITERIA[id];
  const seed = catalogCriteria?.[id];
  const competenceId = id.replace(/-C\d+$/, '');
  if (seed) return { id, competenceId, official: seed.official.replace(/\.$/, ''), short: seed.fr, en: seed.en };
  return mine ?? { id, competenceId, official: id, short: id, en: id };
}

/** Criteria in catalogue order (TAI before TSSR, competences then criteria numerically). */
export function compareCriteria(a: string, b: string): number {
  const ka = Object.keys(CRITERIA).indexOf(a);
  const kb = Object.keys(CRITERIA).indexOf(b);
  if (ka >= 0 && kb >= 0) return ka - kb;
  if (ka >= 0) return -1;
  if (kb >= 0) return 1;
  return a.localeCompare(b, 'en', { numeric: true });
}

export const LEVEL_FR = { acquired: 'acquis', in_progress: "en cours d'acquisition", not_acquired: 'non acquis' } as const;
export const LEVEL_EN = { acquired: 'acquired', in_progress: 'in progress', not_acquired: 'not acquired' } as const;
