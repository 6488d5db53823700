/**
 * Handling the caller (TAI-CP8-C7/C8, TAI-T2): reassure a stressed caller,
 * calm an angry one; never blame or promise outside the contract; no jargon
 * with a non-technical caller.
 */
import { callerMood } from '../case.js';
import { deadline, judged, type Rule } from '../rule.js';

function moodRule(id: string, mood: 'stressed' | 'angry', reply: 'reassure' | 'deescalate', text: { good: [string, string]; bad: [string, string] }): Rule {
  return {
    id,
    summary: `${mood === 'angry' ? 'An angry' : 'A stressed'} caller gets a "${reply}" reply.`,
    judge(c, ctx) {
      if (c.contact.takenAt === undefined || callerMood(ctx.catalog, c.contact) !== mood) return undefined;
      const r = c.replies(reply)[0];
      if (r) return judged(1, r.seq, text.good[0], text.good[1]);
      const at = deadline(c.first('call.ended'), ctx);
      return at === undefined ? undefined : judged(0, at, text.bad[0], text.bad[1]);
    },
  };
}

export const callerReassure = moodRule('caller.reassure', 'stressed', 'reassure', {
  good: ["Réponse rassurante donnée à l'appelant stressé.", 'A reassuring reply was given to the stressed caller.'],
  bad: ["L'appelant était stressé et aucune réponse rassurante ne lui a été donnée.", 'The caller was stressed and got no reassuring reply.'],
});

export const callerDeescalate = moodRule('caller.deescalate', 'angry', 'deescalate', {
  good: ["Réponse d'apaisement donnée à l'appelant en colère, en gardant la main sur l'échange.", 'A de-escalating reply was given to the angry caller, keeping control of the exchange.'],
  bad: ["L'appelant était en colère et rien n'a été fait pour l'apaiser.", 'The caller was angry and nothing was done to calm them down.'],
});

export const callerConduct: Rule = {
  id: 'caller.conduct',
  summary: 'Penalty: a blaming reply, or a promise outside the service contract.',
  judge(c) {
    const bad = c.first('call.replied', (e) => e.payload.reply === 'blame' || e.payload.reply === 'promise');
    if (!bad) return undefined;
    return bad.payload.reply === 'blame'
      ? judged(0, bad.seq, "Réponse culpabilisante : l'appelant n'est pas traité avec considération.", 'Blaming reply: the caller was not treated with consideration.')
      : judged(0, bad.seq, 'Promesse hors du contrat de services : vous perdez la maîtrise de la relation.', 'Promise outside the service contract: you lose control of the exchange.');
  },
};

export const callerRegister: Rule = {
  id: 'caller.register',
  summary: 'Penalty: a technical reply to a non-technical caller.',
  judge(c, ctx) {
    if (ctx.catalog.personas[c.contact.callerId]?.techLevel !== 'novice') return undefined;
    const jargon = c.first('call.replied', (e) => e.payload.reply === 'technical');
    return jargon ? judged(0, jargon.seq, "Réponse technique à un appelant non technicien : le langage n'est pas adapté.", 'Technical reply to a non-technical caller: the language was not suited to them.') : undefined;
  },
};
