/** Security and confidentiality: identity checked before account changes, consent before remote control, advice explained. */
import { deadline, judged, type Rule } from '../rule.js';

export const securityIdentity: Rule = {
  id: 'security.identity',
  summary: "The caller's identity is checked before a password reset or account change.",
  judge(c, ctx) {
    if (!c.incident.truth.identityCheck || c.contact.takenAt === undefined) return undefined;
    const change = c.first(['ticket.fixApplied', 'remote.started', 'asset.updated', 'ticket.escalated', 'ticket.resolved']);
    const checked = c.first('call.identityChecked', (e) => !change || e.seq < change.seq);
    if (checked) return judged(1, checked.seq, "Identité de l'appelant vérifiée avant toute modification du compte.", "The caller's identity was checked before any account change.");
    const at = deadline(change, ctx);
    return at === undefined ? undefined : judged(0, at, "Compte modifié sans avoir vérifié l'identité de l'appelant (risque d'usurpation).", "Account changed without checking the caller's identity (impersonation risk).");
  },
};

export const securityRemoteConsent: Rule = {
  id: 'security.remoteConsent',
  summary: "The user's consent is asked before taking remote control.",
  judge(c) {
    const start = c.first('remote.started');
    if (!start) return undefined;
    const consent = c.first('remote.consentAsked', (e) => e.seq < start.seq);
    return consent
      ? judged(1, consent.seq, "Accord de l'utilisateur demandé avant la prise en main à distance.", "The user's consent was asked before taking remote control.")
      : judged(0, start.seq, "Prise en main à distance sans l'accord de l'utilisateur.", "Remote control taken without the user's consent.");
  },
};

export const securityRemoteEnd: Rule = {
  id: 'security.remoteEnd',
  summary: 'The remote-control session is ended before the ticket is resolved or the call ends.',
  judge(c, ctx) {
    const start = c.first('remote.started');
    if (!start) return undefined;
    const end = c.first('remote.ended', (e) => e.seq > start.seq);
    const next = c.first(['ticket.resolved', 'ticket.closed', 'call.ended'], (e) => e.seq > start.seq);
    if (end && (!next || end.seq < next.seq)) return judged(1, end.seq, 'Session de prise en main fermée avant de conclure.', 'Remote session ended before wrapping up.');
    const at = deadline(next, ctx);
    return at === undefined ? undefined : judged(0, at, "Session de prise en main laissée ouverte : l'accès au poste de l'utilisateur n'a pas été rendu.", "Remote session left open: access to the user's computer was not handed back.");
  },
};

export const securityAdvice: Rule = {
  id: 'security.advice',
  summary: 'Security rules are explained to the user when the scenario calls for it (phishing, password, malware).',
  judge(c, ctx) {
    if (!c.incident.truth.securityAdvice || c.contact.takenAt === undefined) return undefined;
    const advice = c.first('call.replied', (e) => e.payload.reply === 'security_advice');
    if (advice) return judged(1, advice.seq, "Règles de sécurité expliquées à l'utilisateur.", 'Security rules were explained to the user.');
    const at = deadline(c.first('call.ended'), ctx);
    return at === undefined ? undefined : judged(0, at, "Aucun conseil de sécurité donné : l'utilisateur risque de recommencer.", 'No security advice given: the user may do it again.');
  },
};
