/**
 * The rule registry, in the order evidence is listed (the order of the
 * incident workflow). Ids are stable: rubrics and stored evidence cite them.
 */
import type { Rule } from '../rule.js';
import { assetsLink, assetsUpdate } from './assets.js';
import { callerConduct, callerDeescalate, callerReassure, callerRegister } from './caller.js';
import { closureConfirmation, closureFollowUp } from './closure.js';
import { informEscalation, informResolution } from './communication.js';
import { diagnosisCause, diagnosisFacts, diagnosisTests } from './diagnosis.js';
import { escalationFacts, escalationReassignment, escalationRouting } from './escalation.js';
import { intakeTicket } from './intake.js';
import { knowledgeArticle, knowledgeEnglish, knowledgeSearch, knowledgeWrite } from './knowledge.js';
import { listeningConclusion, listeningGreeting, listeningQuestions, listeningRephrase } from './listening.js';
import { majorParent, majorSupervisor, problemLink } from './problems.js';
import { proceduresPending } from './procedures.js';
import { qualificationCategory, qualificationImpact, qualificationStability, qualificationType, qualificationUrgency } from './qualification.js';
import { resolutionLevel1 } from './resolution.js';
import { securityAdvice, securityIdentity, securityRemoteConsent, securityRemoteEnd } from './security.js';
import { slaResolution, slaResponse } from './sla.js';
import { writingJargon, writingSpelling, writingStructure } from './writing.js';

export const RULES: readonly Rule[] = register([
  intakeTicket,
  listeningGreeting, securityIdentity, callerReassure, callerDeescalate, callerConduct, callerRegister,
  listeningQuestions, diagnosisFacts, diagnosisTests, listeningRephrase,
  assetsLink, qualificationImpact, qualificationUrgency, qualificationCategory, qualificationType, qualificationStability,
  majorSupervisor, majorParent,
  knowledgeSearch, knowledgeArticle, knowledgeEnglish,
  securityRemoteConsent, securityRemoteEnd,
  resolutionLevel1, diagnosisCause, escalationRouting, escalationFacts, escalationReassignment,
  proceduresPending, slaResponse, slaResolution,
  informEscalation, informResolution, securityAdvice, listeningConclusion,
  closureConfirmation, closureFollowUp,
  assetsUpdate, knowledgeWrite, problemLink,
  writingStructure, writingSpelling, writingJargon,
]);

export const RULE_IDS: readonly string[] = RULES.map((r) => r.id);

function register(rules: Rule[]): Rule[] {
  const seen = new Set<string>();
  for (const r of rules) {
    if (seen.has(r.id)) throw new Error(`duplicate scoring rule id "${r.id}"`);
    seen.add(r.id);
  }
  return rules;
}
