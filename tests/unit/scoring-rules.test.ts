/**
 * Each scoring rule with a good action (the model player) and a bad one (the
 * model deviating in one precise way); the explanation must name what was wrong.
 */
import { describe, expect, it } from 'vitest';
import type { TraineeCommand } from '../../server/src/domain/commands.js';
import { readFileSync } from 'node:fs';
import { RULE_IDS } from '../../server/src/domain/scoring/rules/index.js';
import { count, duration, midSentence } from '../../server/src/domain/scoring/rules/labels.js';
import type { Evidence } from '../../server/src/domain/scoring/types.js';
import {
  byRule, chain, incidentOf, injectBefore, on, playModel, replaceOnce, skip, type Played,
} from './fixtures/scoring-harness.js';

const base = playModel();

function full(items: Evidence[]) {
  expect(items.length).toBeGreaterThan(0);
  for (const e of items) expect(e.points, `${e.rule} ${e.criterionId}: ${e.explanation.en}`).toBe(e.max);
}

/** Every item of the rule on that incident lost points, and says why in both languages. */
function lost(p: Played, rule: string, incidentId: string | undefined, fr: RegExp, en: RegExp, share?: number) {
  const items = byRule(p, rule, incidentId);
  expect(items.length, `${rule} gave no evidence`).toBeGreaterThan(0);
  for (const e of items) {
    expect(e.points).toBeLessThan(e.max);
    if (share !== undefined) expect(e.points / e.max).toBeCloseTo(share, 5);
    expect(e.explanation.fr).toMatch(fr);
    expect(e.explanation.en).toMatch(en);
    // English quotes names “like this”; guillemets are French.
    expect(e.explanation.en).not.toMatch(/[«»]/);
  }
  return items;
}

const none = (p: Played, rule: string, incidentId?: string) => expect(byRule(p, rule, incidentId)).toEqual([]);

describe('coverage', () => {
  it('every registered rule has its good/bad test below', () => {
    const titles = [...readFileSync(new URL(import.meta.url), 'utf8').matchAll(/\bit\('([^']+)'/g)].map((m) => m[1]!).join('\n');
    expect(RULE_IDS.filter((id) => !new RegExp(`(^|[\\s(])${id.replace('.', '\\.')}\\b`, 'm').test(titles))).toEqual([]);
  });
});

describe('the model player (good actions)', () => {
  it('earns every point of the fixture drill without a refused command', () => {
    expect(base.refusals).toBe(0);
    const t = base.score.trainees['ana']!;
    expect(t.max).toBeGreaterThan(0);
    expect(t.points).toBe(t.max);
  });
});

describe('intake', () => {
  it('intake.ticket: good with a ticket, bad for a contact left without one', () => {
    full(byRule(base, 'intake.ticket'));
    const p = playModel(skip(on('ticket.create', 'mail')));
    lost(p, 'intake.ticket', 'mail', /Aucun ticket ouvert pour le contact de Marc Roux/, /^No ticket was opened when Marc Roux got in touch: the request is not recorded\.$/);
  });
});

describe('active listening', () => {
  it('listening.greeting: the call must open with a greeting', () => {
    full(byRule(base, 'listening.greeting', 'pwd'));
    const p = playModel(skip(on('call.greet', 'pwd')));
    lost(p, 'listening.greeting', 'pwd', /commencé par une vérification d'identité sans vous présenter/, /started with an identity check/);
  });

  it('listening.greeting: spoken steps are not judged on an e-mail contact', () => {
    none(base, 'listening.greeting', 'mail');
    none(base, 'listening.rephrase', 'mail');
    none(base, 'listening.conclusion', 'mail');
  });

  it('listening.questions: acting before any question loses the points', () => {
    full(byRule(base, 'listening.questions'));
    const p = playModel(skip(on('call.ask', 'pwd')));
    lost(p, 'listening.questions', 'pwd', /lancé un test sans avoir posé une seule question/, /ran a test without asking/);
  });

  it('listening.rephrase: half credit when rephrased before the facts are known, naming them', () => {
    full(byRule(base, 'listening.rephrase', 'pwd'));
    const early = playModel(injectBefore(on('call.ask', 'pwd'), [(c) => ({ type: 'call.rephrase', contactId: (c as { contactId: string }).contactId, text: 'Vous ne pouvez plus vous connecter.' })]));
    lost(early, 'listening.rephrase', 'pwd', /trop tôt.*message d'erreur et depuis quand/, /too early.*error message and since when/, 0.5);
    const never = playModel(skip(on('call.rephrase', 'pwd')));
    lost(never, 'listening.rephrase', 'pwd', /Aucune reformulation/, /No rephrasing/, 0);
  });

  it('listening.conclusion: the call must end with a conclusion', () => {
    full(byRule(base, 'listening.conclusion', 'pwd'));
    const p = playModel(skip(on('call.conclude', 'pwd')));
    lost(p, 'listening.conclusion', 'pwd', /Appel terminé sans conclusion/, /ended without a conclusion/);
  });
});

describe('caller handling', () => {
  it('caller.reassure: a stressed caller needs a reassuring reply', () => {
    full(byRule(base, 'caller.reassure', 'pwd'));
    none(base, 'caller.reassure', 'vpn');
    const p = playModel(skip(on('call.reply', 'pwd', (c) => c.reply === 'reassure')));
    lost(p, 'caller.reassure', 'pwd', /stressé et aucune réponse rassurante/, /stressed and got no reassuring reply/);
  });

  it('caller.deescalate: an angry caller needs a de-escalating reply', () => {
    full(byRule(base, 'caller.deescalate', 'vpn'));
    const p = playModel(skip(on('call.reply', 'vpn', (c) => c.reply === 'deescalate')));
    lost(p, 'caller.deescalate', 'vpn', /en colère/, /angry/);
  });

  it('caller.conduct: penalty for a blaming reply, nothing otherwise', () => {
    none(base, 'caller.conduct');
    const p = playModel(replaceOnce(on('call.reply', 'vpn', (c) => c.reply === 'deescalate'), (c) => ({ ...(c as Extract<TraineeCommand, { type: 'call.reply' }>), reply: 'blame' })));
    lost(p, 'caller.conduct', 'vpn', /culpabilisante/, /Blaming reply/, 0);
  });

  it('caller.register: penalty for a technical reply to a novice, not to an intermediate caller', () => {
    none(base, 'caller.register');
    const toNovice = playModel(injectBefore(on('call.ask', 'pwd'), [(c) => ({ type: 'call.reply', contactId: (c as { contactId: string }).contactId, reply: 'technical' })]));
    lost(toNovice, 'caller.register', 'pwd', /non technicien/, /non-technical caller/, 0);
    const toIntermediate = playModel(injectBefore(on('call.ask', 'vpn'), [(c) => ({ type: 'call.reply', contactId: (c as { contactId: string }).contactId, reply: 'technical' })]));
    none(toIntermediate, 'caller.register', 'vpn');
  });
});

describe('diagnosis', () => {
  it('diagnosis.facts: names the facts missing at the escalation or resolution', () => {
    full(byRule(base, 'diagnosis.facts'));
    const p = playModel(skip(on('call.ask', 'pwd', (c) => c.questionId === 'q-since-when')));
    lost(p, 'diagnosis.facts', 'pwd', /manquantes avant la résolution : depuis quand/, /missing before resolving: since when/, 0.5);
  });

  it('diagnosis.tests: names relevant tests not run and unrelated tests run', () => {
    full(byRule(base, 'diagnosis.tests', 'pwd'));
    const notRun = playModel(skip(on('test.run', 'pwd')));
    lost(notRun, 'diagnosis.tests', 'pwd', /non réalisés : test « Vérifier le compte dans l'annuaire »/, /^Diagnostic approach: relevant tests not run: “Check the directory account”\.$/, 0);
    const scattergun = playModel(injectBefore(on('test.run', 'pwd'), [
      (c) => ({ type: 'test.run', ticketId: (c as { ticketId: string }).ticketId, testId: 't-nslookup' }),
      (c) => ({ type: 'test.run', ticketId: (c as { ticketId: string }).ticketId, testId: 't-ping' }),
    ]));
    lost(scattergun, 'diagnosis.tests', 'pwd', /sans rapport avec le symptôme : test « Tester la résolution de noms » et test « Tester la passerelle »/, /unrelated to the symptom: “Test name resolution” and “Ping the gateway”\.$/, 0.75);
  });

  it('diagnosis.cause: the recorded cause must be the root cause', () => {
    full(byRule(base, 'diagnosis.cause'));
    const p = playModel(replaceOnce(on('ticket.resolve', 'pwd'), (c) => ({ ...(c as Extract<TraineeCommand, { type: 'ticket.resolve' }>), causeId: 'locked' })));
    lost(p, 'diagnosis.cause', 'pwd', /Cause indiquée « Compte verrouillé » ; la cause réelle était « Mot de passe expiré »/, /^Cause recorded as “Locked account”; the actual cause was “Expired password”\.$/, 0);
  });
});

describe('qualification', () => {
  // ana-C002 is the first VPN call of the fixture drill (ana-C006 the recurrence).
  const wrong = playModel(replaceOnce(on('ticket.qualify', 'ana-C002'), (c) => ({ ...(c as Extract<TraineeCommand, { type: 'ticket.qualify' }>), impact: 'high', urgency: 'low', category: 'reseau', ticketType: 'request' })));

  it('qualification.impact: full when right, half one level off', () => {
    full(byRule(base, 'qualification.impact'));
    lost(wrong, 'qualification.impact', 'ana-C002', /Impact « Élevé » à un niveau de l'attendu \(« Moyen »\)/, /^Impact “High” is one level off the expected “Medium”\.$/, 0.5);
  });

  it('qualification.urgency: nothing two levels off', () => {
    full(byRule(base, 'qualification.urgency'));
    lost(wrong, 'qualification.urgency', 'ana-C002', /Urgence « Faible » au lieu de « Élevée »/, /^Urgency “Low” instead of “High”\.$/, 0);
  });

  it('qualification.category and qualification.type: exact', () => {
    full(byRule(base, 'qualification.category'));
    full(byRule(base, 'qualification.type'));
    lost(wrong, 'qualification.category', 'ana-C002', /Catégorie « Réseau local » au lieu de « VPN »/, /^Category “Local network” instead of “VPN”\.$/, 0);
    lost(wrong, 'qualification.type', 'ana-C002', /^Enregistré comme « demande de service » alors qu'il s'agit d'un incident\.$/, /^Recorded as a service request but it is an incident\.$/, 0);
  });

  it('qualification.*: judged on the latest qualification, so a correction counts', () => {
    const corrected = playModel(replaceOnce(on('ticket.qualify', 'vpn'), (c) => ({ ...(c as Extract<TraineeCommand, { type: 'ticket.qualify' }>), urgency: 'low' }), false));
    full(byRule(corrected, 'qualification.urgency', 'vpn'));
    none(corrected, 'qualification.stability', 'vpn');
  });

  it('qualification.stability: penalty when the priority moves to a wrong value without a new fact', () => {
    none(base, 'qualification.stability');
    const p = playModel(injectBefore(on('kb.search', 'vpn'), [(c) => ({ type: 'ticket.qualify', ticketId: (c as { ticketId: string }).ticketId, impact: 'high', urgency: 'high', category: 'vpn', ticketType: 'incident' })]));
    lost(p, 'qualification.stability', 'vpn', /Priorité changée de P2 à P1 sans fait nouveau \(la bonne priorité était P2\)/, /from P2 to P1 without any new fact/, 0);
  });
});

describe('assets', () => {
  it('assets.link: the affected CI must be linked, and the right one', () => {
    full(byRule(base, 'assets.link'));
    const missing = playModel(skip(on('ticket.linkAsset', 'pwd')));
    lost(missing, 'assets.link', 'pwd', /Aucun matériel lié au ticket ; le matériel concerné était PC-1/, /No asset linked.*PC-1/);
    const wrongOne = playModel(replaceOnce(on('ticket.linkAsset', 'pwd'), (c) => ({ ...(c as Extract<TraineeCommand, { type: 'ticket.linkAsset' }>), assetTag: 'LAP-1' })));
    lost(wrongOne, 'assets.link', 'pwd', /Mauvais matériel lié : LAP-1 au lieu de PC-1/, /Wrong asset linked: LAP-1 instead of PC-1/);
  });

  it('assets.update: the record is updated with the expected field and value', () => {
    full(byRule(base, 'assets.update'));
    const missing = playModel(skip(on('asset.update', 'pwd')));
    lost(missing, 'assets.update', 'pwd', /PC-1 non mise à jour \(attendu : statut = en service\)/, /not updated \(expected: statut = en service\)/, 0);
    const wrongValue = playModel(replaceOnce(on('asset.update', 'pwd'), (c) => ({ ...(c as Extract<TraineeCommand, { type: 'asset.update' }>), value: 'en panne' })));
    lost(wrongValue, 'assets.update', 'pwd', /« statut » mis à « en panne » au lieu de « en service »/, /^Asset PC-1: “statut” set to “en panne” instead of “en service”\.$/, 0.5);
  });
});

describe('knowledge base', () => {
  it('knowledge.search: searched before resolving or escalating', () => {
    full(byRule(base, 'knowledge.search'));
    const p = playModel(skip(on('kb.search', undefined, (c, v) => ['pwd', 'vpn'].includes(incidentOf(c, v)!))));
    lost(p, 'knowledge.search', 'pwd', /Résolu sans avoir consulté la base de connaissances/, /Resolved without searching/);
    lost(p, 'knowledge.search', 'vpn', /Escaladé vers N2-NET sans avoir consulté/, /Escalated to N2-NET without searching/);
  });

  it('knowledge.article: the covering article is named when not opened', () => {
    full(byRule(base, 'knowledge.article'));
    const p = playModel(skip(on('kb.open', 'vpn')));
    lost(p, 'knowledge.article', 'vpn', /n'a pas été ouverte : KB-VPN-EN « VPN gateway certificate expired »/, /^The article covering this case was not opened: KB-VPN-EN “VPN gateway certificate expired”\.$/);
  });

  it('knowledge.english: the English article read and followed, else named', () => {
    full(byRule(base, 'knowledge.english', 'vpn'));
    expect(byRule(base, 'knowledge.english', 'vpn').map((e) => e.criterionId)).toContain('TAI-CP14-C1');
    none(base, 'knowledge.english', 'pwd');
    const unread = playModel(skip(on('kb.open', 'vpn')));
    lost(unread, 'knowledge.english', 'vpn', /en anglais KB-VPN-EN .* n'a pas été consultée/, /^The English documentation KB-VPN-EN “VPN gateway certificate expired” was not consulted\.$/, 0);
    const misread = playModel(replaceOnce(on('ticket.escalate', 'ana-C002'), (c) => ({ ...(c as Extract<TraineeCommand, { type: 'ticket.escalate' }>), groupId: 'N2-SYS' }), false));
    lost(misread, 'knowledge.english', 'ana-C002', /ouverte mais mal interprétée/, /opened but misread/, 0);
  });

  it('knowledge.write: a novel fix is captured in an article', () => {
    full(byRule(base, 'knowledge.write'));
    const p = playModel(skip(on('kb.write')));
    lost(p, 'knowledge.write', 'pwd', /aucun article de base de connaissances/, /no knowledge-base article was written/, 0);
  });
});

describe('resolution and escalation', () => {
  it('resolution.level1: solved with the KB fix; a wrong fix or an escalation is named', () => {
    full(byRule(base, 'resolution.level1'));
    const wrongFix = playModel(replaceOnce(on('ticket.applyFix', 'pwd'), (c) => ({ ...(c as Extract<TraineeCommand, { type: 'ticket.applyFix' }>), articleId: 'KB-OTHER' })));
    lost(wrongFix, 'resolution.level1', 'pwd', /Correctif inadapté \(KB-OTHER « Imprimante bloquée »\) ; la fiche attendue était KB-PWD/, /^Wrong fix \(KB-OTHER “Imprimante bloquée”\); the expected article was KB-PWD “.+”\.$/, 0);
    const over = playModel(replaceOnce(on('ticket.applyFix', 'mail'), (c) => ({ type: 'ticket.escalate', ticketId: (c as { ticketId: string }).ticketId, groupId: 'N2-SYS', factIds: [], testIds: [], note: 'Demande transmise aux systèmes.' })));
    lost(over, 'resolution.level1', 'mail', /Sur-escalade : transmis à N2-SYS alors que la fiche KB-MAIL/, /^Over-escalation: sent to N2-SYS although article KB-MAIL “.+” solves it at level 1\.$/, 0);
  });

  it('escalation.routing and escalation.reassignment: wrong group first, then ping-pong', () => {
    full(byRule(base, 'escalation.routing'));
    none(base, 'escalation.reassignment');
    const p = playModel(replaceOnce(on('ticket.escalate', 'vpn'), (c) => ({ ...(c as Extract<TraineeCommand, { type: 'ticket.escalate' }>), groupId: 'N2-SYS' }), false));
    const firstVpn = Object.values(p.state.contacts).find((c) => c.incidentId === 'vpn')!.id;
    const routing = byRule(p, 'escalation.routing', 'vpn').filter((e) => e.contactId === firstVpn);
    expect(routing.every((e) => e.points === 0)).toBe(true);
    expect(routing[0]!.explanation.fr).toMatch(/Aiguillé vers N2-SYS ; le groupe compétent était N2-NET/);
    const pingPong = byRule(p, 'escalation.reassignment', 'vpn');
    expect(pingPong).toHaveLength(1);
    expect(pingPong[0]!.explanation.fr).toMatch(/escaladé 2 fois \(N2-SYS → N2-NET\)/);
    expect(pingPong[0]!.points).toBe(0);
  });

  it('escalation.facts: the explanation lists what the escalation lacks', () => {
    full(byRule(base, 'escalation.facts'));
    const p = playModel(chain(
      skip(on('ticket.linkAsset', 'vpn')),
      replaceOnce(on('ticket.escalate', 'vpn'), (c) => ({ ...(c as Extract<TraineeCommand, { type: 'ticket.escalate' }>), factIds: ['home', 'gw'], testIds: [] })),
    ));
    const items = lost(p, 'escalation.facts', 'vpn', /ne contient pas : numéro d'inventaire du matériel \(LAP-1\), message du client VPN et test « Tester la passerelle »/, /^Escalation note lacks: asset tag \(LAP-1\), VPN client message and test “Ping the gateway”\.$/);
    // 6 items expected (asset, 3 facts, 1 test… ) minus 3 missing.
    expect(items[0]!.points / items[0]!.max).toBeCloseTo(2 / 5, 5);
  });
});

describe('service contract and follow-up', () => {
  it('sla.response: measured against the true priority', () => {
    full(byRule(base, 'sla.response'));
    const p = playModel(skip(on('ticket.take', 'pwd', (_c, v) => v.t < 25 * 60_000)));
    lost(p, 'sla.response', 'pwd', /^Pris en charge en 24\u202fmin : objectif P3 de 15\u202fmin dépassé\.$/, /^Picked up after 24 min: P3 target of 15 min missed\.$/, 0);
  });

  it('sla.resolution: a P1 resolved after its hour is a breach', () => {
    full(byRule(base, 'sla.resolution'));
    const p = playModel(skip(on('ticket.escalate', 'outage', (_c, v) => v.t < 80 * 60_000)));
    const items = lost(p, 'sla.resolution', 'outage', /^Résolu en 1\u202fh \d+\u202fmin( \d+\u202fs)? : objectif P1 de 1\u202fh dépassé\.$/, /^Resolved in 1 h \d+ min( \d+ s)?: P1 target of 1 h missed\.$/, 0);
    expect(p.events.some((e) => e.type === 'sla.breached' && e.payload.clock === 'resolution')).toBe(true);
    expect(items.length).toBeGreaterThan(0);
  });

  it('procedures.pending: fine while waiting on an absent user, wrong while the user is on the line', () => {
    none(base, 'procedures.pending');
    const pendAndResume = (reason: 'user' | 'third_party') => [
      (c: TraineeCommand) => ({ type: 'ticket.setPending', ticketId: (c as { ticketId: string }).ticketId, reason, note: 'En attente de la liste des membres.' }) as TraineeCommand,
      (c: TraineeCommand) => ({ type: 'ticket.resume', ticketId: (c as { ticketId: string }).ticketId }) as TraineeCommand,
    ];
    const proper = playModel(injectBefore(on('ticket.resolve', 'mail'), pendAndResume('user')));
    full(byRule(proper, 'procedures.pending', 'mail'));
    const onLine = playModel(injectBefore(on('ticket.resolve', 'pwd'), pendAndResume('user')));
    lost(onLine, 'procedures.pending', 'pwd', /alors que l'utilisateur était en ligne/, /: set to pending \(waiting on the user\) while the user was on the line\.$/, 0);
    const noThirdParty = playModel(injectBefore(on('ticket.resolve', 'mail'), pendAndResume('third_party')));
    lost(noThirdParty, 'procedures.pending', 'mail', /aucun tiers n'intervient/, /: set to pending \(waiting on a third party\) although no third party is involved in this case\.$/, 0);
  });

  it('inform.escalation: the user is told before the group answers', () => {
    full(byRule(base, 'inform.escalation'));
    const p = playModel(skip(on('ticket.informUser', 'vpn', (_c, v) => Object.values(v.state.tickets).some((t) => t.incidentId === 'vpn' && t.status === 'escalated'))));
    lost(p, 'inform.escalation', 'vpn', /n'a pas été prévenu de la transmission à N2-NET/, /^The user was not told that the ticket went to N2-NET or how long it would take\.$/, 0);
  });

  it('inform.resolution: the user gets a message after the resolution', () => {
    full(byRule(base, 'inform.resolution'));
    const p = playModel(skip(on('ticket.informUser', 'pwd')));
    lost(p, 'inform.resolution', 'pwd', /La résolution n'a pas été expliquée/, /never explained to the user/, 0);
  });

  it('closure.confirmation: closing without asking, or after a refusal, loses the points', () => {
    full(byRule(base, 'closure.confirmation'));
    const unasked = playModel(replaceOnce(on('ticket.requestConfirmation', 'pwd'), (c) => ({ type: 'ticket.close', ticketId: (c as { ticketId: string }).ticketId })));
    lost(unasked, 'closure.confirmation', 'pwd', /Clôturé sans demander la confirmation/, /without asking for the user's confirmation/, 0);
    let asked = 0;
    const refused = playModel(chain(
      replaceOnce(on('ticket.applyFix', 'pwd'), (c) => ({ ...(c as Extract<TraineeCommand, { type: 'ticket.applyFix' }>), articleId: 'KB-OTHER' })),
      (c, v) => (on('ticket.requestConfirmation', 'pwd')(c, v) && asked++ > 0 ? { type: 'ticket.close', ticketId: (c as { ticketId: string }).ticketId } : c),
    ));
    lost(refused, 'closure.confirmation', 'pwd', /alors que l'utilisateur a indiqué que le problème persiste/, /said the problem persists/, 0);
  });

  it('closure.followUp: a ticket left unclosed at the end is named', () => {
    full(byRule(base, 'closure.followUp'));
    const p = playModel(skip(on('ticket.close', 'mail')));
    lost(p, 'closure.followUp', 'mail', /laissé « résolu » à la fin de la session/, /left “resolved” at the end of the session/, 0);
  });
});

describe('security', () => {
  it('security.identity: identity checked before the account is changed', () => {
    full(byRule(base, 'security.identity'));
    const p = playModel(skip(on('call.checkIdentity', 'pwd')));
    lost(p, 'security.identity', 'pwd', /sans avoir vérifié l'identité/, /without checking the caller's identity/, 0);
  });

  it('security.remoteConsent: consent asked before taking control', () => {
    full(byRule(base, 'security.remoteConsent'));
    const p = playModel(replaceOnce(on('remote.askConsent', 'pwd'), (c) => ({ type: 'remote.start', ticketId: (c as { ticketId: string }).ticketId })));
    lost(p, 'security.remoteConsent', 'pwd', /sans l'accord de l'utilisateur/, /without the user's consent/, 0);
  });

  it('security.remoteEnd: the remote session is closed before resolving', () => {
    full(byRule(base, 'security.remoteEnd'));
    const p = playModel(skip(on('remote.end', 'pwd')));
    lost(p, 'security.remoteEnd', 'pwd', /laissée ouverte/, /left open/, 0);
  });

  it('security.advice: security rules explained when the scenario calls for it', () => {
    full(byRule(base, 'security.advice'));
    none(base, 'security.advice', 'vpn');
    const p = playModel(skip(on('call.reply', 'pwd', (c) => c.reply === 'security_advice')));
    lost(p, 'security.advice', 'pwd', /Aucun conseil de sécurité/, /No security advice/, 0);
  });
});

describe('across tickets', () => {
  it('problem.link: recurring incidents share one problem record', () => {
    expect(byRule(base, 'problem.link', 'vpn')).toHaveLength(2 * 1);
    full(byRule(base, 'problem.link'));
    const p = playModel(skip(on('problem.create' as TraineeCommand['type'])));
    lost(p, 'problem.link', 'vpn', /Incident récurrent \(2 occurrences\) non rattaché à un enregistrement de problème/, /Recurring incident \(2 occurrences\) not linked/, 0);
  });

  it('major.parent and major.supervisor: duplicates linked to the parent, supervisor alerted once', () => {
    expect(byRule(base, 'major.supervisor', 'outage').length).toBe(2);
    full(byRule(base, 'major.parent', 'outage'));
    const parentId = base.state.contacts[byRule(base, 'major.supervisor', 'outage')[0]!.contactId!]!.ticketId;
    const noLinks = playModel(skip(on('ticket.linkParent')));
    lost(noLinks, 'major.parent', 'outage', new RegExp(`non rattaché au ticket parent ${parentId}`), new RegExp(`not linked to the parent ticket ${parentId}`), 0);
    const noAlert = playModel(skip(on('ticket.alertSupervisor')));
    lost(noAlert, 'major.supervisor', 'outage', /Incident majeur \(4 appels\) sans alerte au superviseur/, /^The supervisor was never alerted about the major incident \(4 calls\)\.$/, 0);
  });

  it('major.parent: a call about the same outage from another scenario (shared problem key) joins the same parent', () => {
    const phone = byRule(base, 'major.parent', 'outage-phone');
    full(phone);
    const parentId = base.state.contacts[byRule(base, 'major.supervisor')[0]!.contactId!]!.ticketId;
    expect(phone[0]!.explanation.fr).toContain(`ticket parent ${parentId}`);
    none(base, 'major.supervisor', 'outage-phone');
  });
});

describe('writing', () => {
  const sloppy = (note: Extract<TraineeCommand, { type: 'ticket.resolve' }>['note']) =>
    replaceOnce(on('ticket.resolve', 'pwd'), (c) => ({ ...(c as Extract<TraineeCommand, { type: 'ticket.resolve' }>), note }));

  it('writing.structure: each part of the resolution note must say something', () => {
    full(byRule(base, 'writing.structure'));
    const p = playModel(sloppy({ symptom: 'Session impossible à ouvrir.', diagnosis: '?', action: 'Mot de passe réinitialisé après contrôle.', result: 'Mot de passe réinitialisé après contrôle.' }));
    lost(p, 'writing.structure', 'pwd', /diagnostic « \? » et résultat « Mot de passe réinitialisé après contrôle\. » trop courts ou répétés\.$/, /^Resolution note hard to use: diagnosis “\?” and result “Mot de passe réinitialisé après contrôle\.” are too short or repeated\.$/, 0.5);
  });

  it('writing.spelling: misspelled words are listed, each costs a quarter', () => {
    full(byRule(base, 'writing.spelling'));
    // One text or several, the count agrees ("l'écrit", not "les 1 écrit").
    for (const e of byRule(base, 'writing.spelling')) {
      expect(e.explanation.fr).toMatch(/^Aucune faute d'orthographe dans (l'écrit|les ([2-9]|\d{2,}) écrits) du ticket\.$/);
      expect(e.explanation.en).toMatch(/^No spelling mistake in the (text|([2-9]|\d{2,}) texts) written on the ticket\.$/);
    }
    // With the resolution note as the ticket's only text, the singular.
    const single = playModel(chain(skip(on('ticket.informUser', 'pwd')), skip(on('ticket.addNote', 'pwd')), skip(on('kb.write', 'pwd'))));
    expect(byRule(single, 'writing.spelling', 'pwd').map((e) => e.explanation.fr)).toContain("Aucune faute d'orthographe dans l'écrit du ticket.");
    expect(byRule(single, 'writing.spelling', 'pwd').map((e) => e.explanation.en)).toContain('No spelling mistake in the text written on the ticket.');
    const p = playModel(sloppy({ symptom: 'Session impossible à ouvrir.', diagnosis: 'Mot de passe expiré, compte actif.', action: 'redemarer le poste de lutilisateur', result: 'Session de nouveau disponible.' }));
    lost(p, 'writing.spelling', 'pwd', /Fautes d'orthographe : « redemarer », « lutilisateur »/, /^Spelling mistakes: “redemarer”, “lutilisateur”\.$/, 0.5);
  });

  it('writing.jargon: penalty for jargon in a message to a novice, not to an intermediate user', () => {
    none(base, 'writing.jargon');
    const message = 'Le DNS et le DHCP de votre poste sont corrigés.';
    const toNovice = playModel(replaceOnce(on('ticket.informUser', 'pwd'), (c) => ({ ...(c as Extract<TraineeCommand, { type: 'ticket.informUser' }>), message })));
    lost(toNovice, 'writing.jargon', 'pwd', /jargon technique : dns, dhcp/, /technical jargon: dns, dhcp/, 0);
    const toIntermediate = playModel(replaceOnce(on('ticket.informUser', 'vpn'), (c) => ({ ...(c as Extract<TraineeCommand, { type: 'ticket.informUser' }>), message })));
    none(toIntermediate, 'writing.jargon', 'vpn');
  });
});

describe('wording helpers', () => {
  it('durations read in hours from an hour on, numbers grouped as each language does', () => {
    const min = 60_000;
    expect(duration(24 * min + 10_000)).toEqual({ fr: '24\u202fmin 10\u202fs', en: '24 min 10 s' });
    expect(duration(1440 * min)).toEqual({ fr: '24\u202fh', en: '24 h' });
    expect(duration(90 * min + 5_000)).toEqual({ fr: '1\u202fh 30\u202fmin 5\u202fs', en: '1 h 30 min 5 s' });
    expect(duration(1500 * 60 * min)).toEqual({ fr: '1\u202f500\u202fh', en: '1,500 h' });
    expect(duration(0)).toEqual({ fr: '0\u202fs', en: '0 s' });
    expect(count(1440)).toEqual({ fr: '1\u202f440', en: '1,440' });
  });

  it('a fact label quoted mid-sentence starts lower-case unless it starts with a name or an acronym', () => {
    expect(midSentence('Full-screen page: computer locked')).toBe('full-screen page: computer locked');
    expect(midSentence('Since when')).toBe('since when');
    for (const kept of ['Wi-Fi down', 'VPN client message', 'SW-LYO-2E down']) expect(midSentence(kept)).toBe(kept);
  });
});
