/** Asset management (TAI-CP8-C6): the affected CI linked to the ticket, and its record updated after a change. */
import { foldText } from '../../kb-search.js';
import { deadline, judged, numParam, type Rule } from '../rule.js';
import { quoteEn } from './labels.js';

export const assetsLink: Rule = {
  id: 'assets.link',
  summary: 'The affected asset (CI) is linked to the ticket.',
  judge(c, ctx) {
    const expected = c.incident.asset;
    if (!expected || !c.ticket) return undefined;
    const link = c.last('ticket.assetLinked');
    if (link?.payload.assetTag === expected) return judged(1, link.seq, `Matériel ${expected} lié au ticket.`, `Asset ${expected} linked to the ticket.`);
    if (link) return judged(0, link.seq, `Mauvais matériel lié : ${link.payload.assetTag} au lieu de ${expected}.`, `Wrong asset linked: ${link.payload.assetTag} instead of ${expected}.`);
    const at = deadline(c.handoff, ctx);
    return at === undefined ? undefined : judged(0, at, `Aucun matériel lié au ticket ; le matériel concerné était ${expected}.`, `No asset linked to the ticket; the affected asset was ${expected}.`);
  },
};

const same = (a: string, b: string) => foldText(a.trim()) === foldText(b.trim());

export const assetsUpdate: Rule = {
  id: 'assets.update',
  summary: 'The asset record is updated after a hardware or software change (right field and value).',
  judge(c, ctx) {
    const expected = c.incident.truth.assetUpdate;
    const tag = c.incident.asset;
    if (!expected || !tag || !c.ticket) return undefined;
    const update = c.last('asset.updated', (e) => e.payload.assetTag === tag && same(e.payload.field, expected.field));
    if (update && same(update.payload.value, expected.value)) return judged(1, update.seq, `Fiche du matériel ${tag} mise à jour (${expected.field} = ${expected.value}).`, `Asset record ${tag} updated (${expected.field} = ${expected.value}).`);
    if (update) {
      return judged(numParam(ctx, 'wrongValue', 0.5), update.seq,
        `Fiche ${tag} : « ${expected.field} » mis à « ${update.payload.value} » au lieu de « ${expected.value} ».`,
        `Asset ${tag}: ${quoteEn(expected.field)} set to ${quoteEn(update.payload.value)} instead of ${quoteEn(expected.value)}.`);
    }
    if (!ctx.final) return undefined;
    return judged(0, c.last('ticket.closed')?.seq ?? ctx.endSeq, `Fiche du matériel ${tag} non mise à jour (attendu : ${expected.field} = ${expected.value}).`, `Asset record ${tag} not updated (expected: ${expected.field} = ${expected.value}).`);
  },
};
