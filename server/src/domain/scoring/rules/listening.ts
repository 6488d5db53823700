/**
 * Active listening (TAI-T1-C1's six steps): presentation first, questions before
 * acting, a rephrasing the caller confirms, a conclusion announcing what comes next.
 * Greeting, rephrasing and conclusion are spoken steps: they apply to the channels
 * the rubric lists (default: phone); questioning applies to every channel.
 */
import type { EventType } from '../../events.js';
import { ACTING_EVENTS, AGENT_CALL_EVENTS, type CaseView } from '../case.js';
import { deadline, judged, listFr, listEn, listParam, numParam, type Rule, type RuleContext } from '../rule.js';
import { factEn, factFr, requiredFacts } from './labels.js';

const spoken = (c: CaseView, ctx: RuleContext) => c.contact.takenAt !== undefined && listParam(ctx, 'channels', ['phone']).includes(c.contact.channel);

const SAID: Partial<Record<EventType, { fr: string; en: string }>> = {
  'call.identityChecked': { fr: "une vérification d'identité", en: 'an identity check' },
  'call.asked': { fr: 'une question', en: 'a question' },
  'call.rephrased': { fr: 'une reformulation', en: 'a rephrasing' },
  'call.replied': { fr: 'une réponse', en: 'a reply' },
  'call.concluded': { fr: 'la conclusion', en: 'the conclusion' },
};

const ACTED: Partial<Record<EventType, { fr: string; en: string }>> = {
  'test.ran': { fr: 'lancé un test', en: 'ran a test' },
  'ticket.fixApplied': { fr: 'appliqué un correctif', en: 'applied a fix' },
  'remote.started': { fr: 'pris la main à distance', en: 'took remote control' },
  'ticket.escalated': { fr: 'escaladé le ticket', en: 'escalated the ticket' },
  'ticket.resolved': { fr: 'résolu le ticket', en: 'resolved the ticket' },
};

export const listeningGreeting: Rule = {
  id: 'listening.greeting',
  summary: 'The call opens with a greeting and identification of the caller.',
  judge(c, ctx) {
    if (!spoken(c, ctx)) return undefined;
    const firstSaid = c.first(AGENT_CALL_EVENTS);
    if (firstSaid?.type === 'call.greeted') return judged(1, firstSaid.seq, "Présentation et identification de l'appelant en ouverture d'appel.", 'The call opened with a greeting and the caller was identified.');
    if (firstSaid) {
      const what = SAID[firstSaid.type]!;
      return judged(0, firstSaid.seq, `L'appel a commencé par ${what.fr} sans vous présenter ni identifier l'appelant.`, `The call started with ${what.en} without greeting or identifying the caller.`);
    }
    const at = deadline(c.first('call.ended'), ctx);
    return at === undefined ? undefined : judged(0, at, "Aucune présentation ni identification de l'appelant.", 'No greeting and no identification of the caller.');
  },
};

export const listeningQuestions: Rule = {
  id: 'listening.questions',
  summary: 'At least one question is asked before the first test, fix, escalation or resolution.',
  judge(c, ctx) {
    if (c.contact.takenAt === undefined) return undefined;
    const acted = c.first(ACTING_EVENTS);
    const asked = c.first('call.asked');
    if (asked && (!acted || asked.seq < acted.seq)) return judged(1, asked.seq, "Questions posées à l'appelant avant d'agir.", 'Questions were asked before acting.');
    if (acted) {
      const what = ACTED[acted.type]!;
      return judged(0, acted.seq, `Vous avez ${what.fr} sans avoir posé une seule question à l'appelant.`, `You ${what.en} without asking the caller a single question.`);
    }
    return ctx.final ? judged(0, ctx.endSeq, "Aucune question posée à l'appelant.", 'The caller was not asked a single question.') : undefined;
  },
};

export const listeningRephrase: Rule = {
  id: 'listening.rephrase',
  summary: 'The problem is rephrased once the facts are known and the caller confirms it; partial credit if rephrased too early.',
  judge(c, ctx) {
    if (!spoken(c, ctx)) return undefined;
    const limit = c.handoff;
    const rephrases = c.all('call.rephrased', (e) => !limit || e.seq < limit.seq);
    const required = requiredFacts(c.incident);
    const missingAt = (seq: number) => { const known = c.revealedAt(seq); return required.filter((f) => !known.has(f.id)); };
    const confirmed = rephrases.find((r) => missingAt(r.seq).length === 0);
    if (confirmed) return judged(1, confirmed.seq, "Reformulation validée par l'appelant.", 'The rephrasing was confirmed by the caller.');
    const ended = c.first('call.ended');
    const at = deadline(limit && (!ended || limit.seq < ended.seq) ? limit : ended, ctx);
    if (at === undefined) return undefined;
    const early = rephrases[rephrases.length - 1];
    if (early) {
      const missing = missingAt(early.seq);
      return judged(numParam(ctx, 'unconfirmed', 0.5), early.seq,
        `Reformulation trop tôt : l'appelant ne l'a pas validée, il manquait encore ${listFr(missing.map(factFr))}.`,
        `Rephrased too early: the caller did not confirm it; still missing: ${listEn(missing.map(factEn))}.`);
    }
    return judged(0, at, "Aucune reformulation : le problème n'a pas été résumé à l'appelant pour validation.", 'No rephrasing: the problem was never summed up for the caller to confirm.');
  },
};

export const listeningConclusion: Rule = {
  id: 'listening.conclusion',
  summary: 'The call ends with a conclusion announcing the next steps.',
  judge(c, ctx) {
    if (!spoken(c, ctx)) return undefined;
    const ended = c.first('call.ended');
    const concluded = c.first('call.concluded', (e) => !ended || e.seq < ended.seq);
    if (concluded) return judged(1, concluded.seq, "Conclusion de l'appel annonçant la suite.", 'The call was concluded with the next steps.');
    const at = deadline(ended, ctx);
    return at === undefined ? undefined : judged(0, at, "Appel terminé sans conclusion : l'appelant ne sait pas ce qui va se passer.", 'The call ended without a conclusion: the caller does not know what happens next.');
  },
};
