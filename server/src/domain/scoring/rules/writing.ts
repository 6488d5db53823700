/**
 * Written work (TSSR-T3): resolution notes structured as symptom / diagnosis /
 * action / result with real content in each part; every text the trainee writes
 * on the ticket spell-checked against the French dictionary; no jargon in a
 * message to a non-technical user.
 */
import type { SessionEvent } from '../../events.js';
import type { CaseView } from '../case.js';
import { judged, listEn, listFr, numParam, type Rule } from '../rule.js';
import { lowerWords, misspelledWords, wordCount } from '../text.js';
import { count, quoteEn } from './labels.js';

const PARTS = [
  { key: 'symptom', fr: 'symptôme', en: 'symptom' },
  { key: 'diagnosis', fr: 'diagnostic', en: 'diagnosis' },
  { key: 'action', fr: 'action', en: 'action' },
  { key: 'result', fr: 'résultat', en: 'result' },
] as const;

const normalised = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();

export const writingStructure: Rule = {
  id: 'writing.structure',
  summary: 'The resolution note has a real symptom, diagnosis, action and result (each a few words, not copies of one another).',
  judge(c, ctx) {
    const resolved = c.last('ticket.resolved');
    if (!resolved) return undefined;
    const note = resolved.payload.note;
    const minWords = numParam(ctx, 'minWords', 3);
    const weak = PARTS.filter((p, i) => wordCount(note[p.key]) < minWords || PARTS.slice(0, i).some((q) => normalised(note[q.key]) === normalised(note[p.key])));
    if (weak.length === 0) return judged(1, resolved.seq, 'Note de résolution structurée : symptôme, diagnostic, action et résultat renseignés.', 'Structured resolution note: symptom, diagnosis, action and result filled in.');
    const excerpt = (p: (typeof PARTS)[number]) => { const t = note[p.key].trim(); return t.length > 60 ? `${t.slice(0, 59)}…` : t; };
    return judged((PARTS.length - weak.length) / PARTS.length, resolved.seq,
      `Note de résolution peu exploitable : ${listFr(weak.map((p) => `${p.fr} « ${excerpt(p)} »`))} trop ${weak.length > 1 ? 'courts ou répétés' : 'court ou répété'}.`,
      `Resolution note hard to use: ${listEn(weak.map((p) => `${p.en} ${quoteEn(excerpt(p))}`))} ${weak.length > 1 ? 'are' : 'is'} too short or repeated.`);
  },
};

/** Every text the trainee wrote about this case, with the event holding it. */
function writtenTexts(c: CaseView): { e: SessionEvent; text: string }[] {
  const out: { e: SessionEvent; text: string }[] = [];
  for (const e of c.events) {
    if (e.actor.role !== 'trainee') continue;
    switch (e.type) {
      case 'ticket.noteAdded': out.push({ e, text: e.payload.text }); break;
      case 'ticket.pending': out.push({ e, text: e.payload.note }); break;
      case 'ticket.escalated': out.push({ e, text: e.payload.note }); break;
      case 'ticket.userInformed': out.push({ e, text: e.payload.message }); break;
      case 'ticket.resolved': out.push({ e, text: Object.values(e.payload.note).join('\n') }); break;
      case 'kb.written': out.push({ e, text: [e.payload.title, e.payload.symptoms, e.payload.cause, ...e.payload.steps].join('\n') }); break;
      default: break;
    }
  }
  return out;
}

export const writingSpelling: Rule = {
  id: 'writing.spelling',
  summary: 'The notes, escalation, user messages and articles written on the ticket pass the French spell-check; each mistake costs a share.',
  judge(c, ctx) {
    const texts = writtenTexts(c);
    if (texts.length === 0) return undefined;
    const wrong: string[] = [];
    let firstWrong: number | undefined;
    for (const { e, text } of texts) {
      for (const w of misspelledWords(text, ctx.spell, ctx.lexicon)) {
        if (wrong.includes(w)) continue;
        wrong.push(w);
        firstWrong ??= e.seq;
      }
    }
    const last = texts[texts.length - 1]!.e.seq;
    if (wrong.length === 0) {
      return texts.length === 1
        ? judged(1, last, "Aucune faute d'orthographe dans l'écrit du ticket.", 'No spelling mistake in the text written on the ticket.')
        : judged(1, last, `Aucune faute d'orthographe dans les ${count(texts.length).fr} écrits du ticket.`, `No spelling mistake in the ${count(texts.length).en} texts written on the ticket.`);
    }
    const shown = wrong.slice(0, 8);
    const more = wrong.length > 8 ? { fr: ` (+${count(wrong.length - 8).fr})`, en: ` (+${count(wrong.length - 8).en})` } : { fr: '', en: '' };
    return judged(1 - numParam(ctx, 'perMistake', 0.25) * wrong.length, firstWrong!,
      `Fautes d'orthographe : ${shown.map((w) => `« ${w} »`).join(', ')}${more.fr}.`,
      `Spelling mistakes: ${shown.map(quoteEn).join(', ')}${more.en}.`);
  },
};

export const writingJargon: Rule = {
  id: 'writing.jargon',
  summary: 'Penalty: a message to a non-technical user uses jargon from the rubric lexicon.',
  judge(c, ctx) {
    if (ctx.catalog.personas[c.contact.callerId]?.techLevel !== 'novice') return undefined;
    for (const m of c.all('ticket.userInformed')) {
      const found = [...new Set(lowerWords(m.payload.message).filter((w) => ctx.jargon.has(w)))];
      if (found.length) return judged(0, m.seq, `Message à l'utilisateur avec du jargon technique : ${found.join(', ')}.`, `Message to the user uses technical jargon: ${found.join(', ')}.`);
    }
    return undefined;
  },
};
