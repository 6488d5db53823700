/**
 * The text of a server notice in the reader's language. The server sends its
 * French text plus a code and parameters; a known code is written with t(),
 * anything else (a trainer's free text, an older server) stays as sent, with
 * French typography since the server's text is French.
 */
import type { TFunction } from 'i18next';
import type { Notice } from '../../../server/src/protocol.js';
import { frenchTypography } from './typography.js';

type Translate = TFunction<'trainee'> | TFunction;

export function noticeText(t: Translate, n: Pick<Notice, 'code' | 'params' | 'text'>): string {
  const p = n.params ?? {};
  const tr = t as (key: string, options?: Record<string, unknown>) => string;
  switch (n.code) {
    case 'contact.phone':
    case 'contact.email':
    case 'contact.portal':
      return tr(`notice.incoming.${n.code.slice('contact.'.length)}`, { name: p.name ?? tr('noticeText.someone') });
    case 'sla.warning':
    case 'sla.breached':
      if (p.clock !== 'response' && p.clock !== 'resolution') return frenchTypography(n.text);
      return tr(`notice.sla.${n.code.slice('sla.'.length)}`, { id: p.id, clock: tr(`sla.${p.clock}`) });
    case 'broadcast.major':
      return tr('noticeText.majorIncident', { message: p.message ?? n.text });
    case 'session.speedChanged':
      return tr('noticeText.speed', { speed: p.speed });
    case 'session.started':
    case 'session.paused':
    case 'session.resumed':
    case 'session.stopped':
    case 'session.cancelled':
    case 'feedback.released':
      return tr(`noticeText.${n.code}`);
    default:
      return frenchTypography(n.text);
  }
}
