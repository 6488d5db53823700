/** Human descriptions of log events for the replay and the live board. */
import type { TFunction } from 'i18next';
import type { SessionEvent } from '../../../../server/src/domain/events.js';

export function describeEvent(e: SessionEvent, t: TFunction, names: Record<string, string> = {}): string {
  const p = e.payload as Record<string, unknown>;
  const who = e.actor.role === 'trainee' ? names[e.actor.id] ?? e.actor.id
    : e.actor.role === 'system' ? (e.actor.id === 'caller' ? t('actor.caller') : e.actor.id === 'system' ? t('actor.system') : e.actor.id)
      : `${t(`actor.${e.actor.role}`)} ${names[e.actor.id] ?? e.actor.id}`;
  const label = t(`eventType.${e.type}`, { defaultValue: e.type });
  const details: string[] = [];
  for (const k of ['ticketId', 'contactId', 'questionId', 'reply', 'groupId', 'articleId', 'testId', 'clock', 'impact', 'urgency', 'priority', 'category', 'causeId', 'code', 'traineeId', 'criterionId', 'level', 'speed']) {
    const v = p[k];
    if (typeof v === 'string' || typeof v === 'number') details.push(k === 'clock' ? t(`sla.${v}`) : String(v));
  }
  for (const k of ['text', 'message', 'title', 'comment', 'query', 'note']) {
    const v = p[k];
    if (typeof v === 'string' && v) { details.push(`« ${v.length > 90 ? `${v.slice(0, 87)}…` : v} »`); break; }
  }
  return `${who} — ${label}${details.length ? ` : ${details.join(' · ')}` : ''}`;
}

/** Names of trainees by id from a session header. */
export const nameMap = (trainees: { id: string; name: string }[] | undefined): Record<string, string> =>
  Object.fromEntries((trainees ?? []).map((x) => [x.id, x.name]));
