/**
 * Knowledge base: searched before deciding (ACT-15), the right article found,
 * English vendor documentation read correctly (TAI-CP14-C1), and a new article
 * written after a novel fix (TSSR-CP3-C4).
 */
import { deadline, judged, type Rule } from '../rule.js';
import { articleName, quoteEn } from './labels.js';

export const knowledgeSearch: Rule = {
  id: 'knowledge.search',
  summary: 'The knowledge base is searched before escalating or resolving.',
  judge(c) {
    const handoff = c.handoff;
    const search = c.first('kb.searched', (e) => !handoff || e.seq < handoff.seq);
    if (search) return judged(1, search.seq, `Base de connaissances consultée (« ${search.payload.query} ») avant de décider.`, `Knowledge base searched (${quoteEn(search.payload.query)}) before deciding.`);
    if (!handoff) return undefined;
    return handoff.type === 'ticket.escalated'
      ? judged(0, handoff.seq, `Escaladé vers ${handoff.payload.groupId} sans avoir consulté la base de connaissances.`, `Escalated to ${handoff.payload.groupId} without searching the knowledge base.`)
      : judged(0, handoff.seq, 'Résolu sans avoir consulté la base de connaissances.', 'Resolved without searching the knowledge base.');
  },
};

export const knowledgeArticle: Rule = {
  id: 'knowledge.article',
  summary: 'An article that covers the case is found and opened before deciding.',
  judge(c, ctx) {
    const wanted = c.incident.truth.resolution.kbArticles;
    if (wanted.length === 0 || !c.ticket) return undefined;
    const handoff = c.handoff;
    const found = c.first(['kb.opened', 'ticket.fixApplied'], (e) => wanted.includes(e.payload.articleId) && (!handoff || e.seq <= handoff.seq));
    if (found) {
      const name = articleName(ctx.catalog, found.payload.articleId);
      return judged(1, found.seq, `Fiche ${name.fr} trouvée.`, `Article ${name.en} found.`);
    }
    const at = deadline(handoff, ctx);
    const names = wanted.map((a) => articleName(ctx.catalog, a));
    return at === undefined ? undefined : judged(0, at, `La fiche qui traite ce cas n'a pas été ouverte : ${names.map((n) => n.fr).join(', ')}.`, `The article covering this case was not opened: ${names.map((n) => n.en).join(', ')}.`);
  },
};

export const knowledgeEnglish: Rule = {
  id: 'knowledge.english',
  summary: 'When the right article is in English, it is opened and its fix correctly applied (or the right group chosen from it).',
  judge(c, ctx) {
    const r = c.incident.truth.resolution;
    const english = r.kbArticles.filter((a) => ctx.catalog.kb[a]?.lang === 'en');
    if (english.length === 0 || !c.ticket) return undefined;
    const handoff = c.handoff;
    const at = deadline(handoff, ctx);
    if (at === undefined) return undefined;
    const read = c.first('kb.opened', (e) => english.includes(e.payload.articleId) && e.seq < at);
    const applied = r.level === 'l1'
      ? handoff?.type === 'ticket.resolved' && r.kbArticles.includes(c.last('ticket.fixApplied', (e) => e.seq < handoff.seq)?.payload.articleId ?? '')
      : handoff?.type === 'ticket.escalated' && handoff.payload.groupId === r.group;
    const name = articleName(ctx.catalog, english[0]!);
    if (read && applied) return judged(1, handoff!.seq, `Documentation en anglais ${name.fr} lue et correctement appliquée.`, `English documentation ${name.en} read and correctly applied.`);
    if (read) return judged(0, at, `Documentation en anglais ${name.fr} ouverte mais mal interprétée : la suite donnée ne correspond pas à ce qu'elle indique.`, `English documentation ${name.en} was opened but misread: what was done does not match what it says.`);
    return judged(0, at, `La documentation en anglais ${name.fr} n'a pas été consultée.`, `The English documentation ${name.en} was not consulted.`);
  },
};

export const knowledgeWrite: Rule = {
  id: 'knowledge.write',
  summary: 'After a fix the knowledge base lacked, an article is written (once per incident, on its first ticket).',
  judge(c, ctx) {
    if (!c.incident.truth.kbGap || !c.ticket) return undefined;
    // The fix is novel only the first time: later tickets of the same incident reuse the article.
    const same = ctx.casesOf(c.traineeId).filter((x) => x.incident.id === c.incident.id && x.ticket);
    if (same[0] !== c) return undefined;
    for (const x of same) {
      const w = x.first('kb.written');
      if (w) return judged(1, w.seq, `Article ${w.payload.articleId} « ${w.payload.title} » rédigé après ce correctif inédit.`, `Article ${w.payload.articleId} ${quoteEn(w.payload.title)} written to capture this new fix.`);
    }
    return ctx.final ? judged(0, c.last('ticket.closed')?.seq ?? ctx.endSeq, "Correctif inédit non capitalisé : aucun article de base de connaissances n'a été rédigé.", 'New fix not captured: no knowledge-base article was written.') : undefined;
  },
};
