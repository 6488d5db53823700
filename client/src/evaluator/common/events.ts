/** Human descriptions of log events for the replay and the live board. */
import type { TFunction } from 'i18next';
import type { SessionEvent } from '../../../../server/src/domain/events.js';
import { emptyLabels, shortId, type StaffLabels } from './labels.js';

type LabelKind = Exclude<keyof StaffLabels, 'people'>;
/** Payload keys shown as details, with the catalogue list that names their values. */
const DETAIL_KEYS: [string, LabelKind | 'id' | 'clock' | 'level' | 'person' | 'plain' | 'reply' | 'code'][] = [
  ['ticketId', 'id'], ['contactId', 'id'], ['questionId', 'questions'], ['reply', 'reply'], ['groupId', 'groups'], ['articleId', 'plain'],
  ['testId', 'tests'], ['clock', 'clock'], ['impact', 'impact'], ['urgency', 'urgency'], ['priority', 'priority'], ['category', 'categories'],
  ['causeId', 'causes'], ['code', 'code'], ['traineeId', 'person'], ['criterionId', 'plain'], ['level', 'level'], ['speed', 'plain'],
];
const TEXT_KEYS = ['text', 'message', 'title', 'comment', 'query', 'note'];

/** Who did it: a person's name, the role alone when the name is not known (never a user id). */
export function actorName(e: Pick<SessionEvent, 'actor'>, t: TFunction, people: Record<string, string> = {}): string {
  const { role, id } = e.actor;
  if (role === 'system') return id === 'caller' ? t('actor.caller') : t('actor.system');
  const name = people[id];
  if (role === 'trainee') return name ?? t('actor.trainee');
  return name ? t('event.staffActor', { role: t(`actor.${role}`), name }) : t(`actor.${role}`, { defaultValue: t('actor.system') });
}

const NONE: ReadonlySet<number> = new Set();

/**
 * The stops that cancelled their session, by seq: a `session.stopped` before any `session.started` (the fold's
 * `cancelled` rule), read from the log given (the whole log: a trainee's slice has no session events).
 */
export function cancellingStops(events: readonly SessionEvent[]): Set<number> {
  const out = new Set<number>();
  for (const e of events) {
    if (e.type === 'session.started') break;
    if (e.type === 'session.stopped') out.add(e.seq);
  }
  return out;
}

/**
 * "Alice Martin — question : Depuis quand ? · C001". Values are named from
 * the catalogue (`labels`); an id without a label is shown only when it is a
 * reference a reader can use (ticket, contact, article numbers). A stop in `cancels` (`cancellingStops`) reads
 * « session annulée », not « exercice terminé ».
 */
export function describeEvent(e: SessionEvent, t: TFunction, labels: Partial<StaffLabels> = {}, cancels: ReadonlySet<number> = NONE): string {
  const L = { ...emptyLabels(), ...labels };
  const p = e.payload as Record<string, unknown>;
  const who = actorName(e, t, L.people);
  const what = cancels.has(e.seq) ? t('eventType.session.cancelled') : t(`eventType.${e.type}`, { defaultValue: e.type });
  const details: string[] = [];
  for (const [k, kind] of DETAIL_KEYS) {
    const v = p[k];
    if (typeof v !== 'string' && typeof v !== 'number') continue;
    const s = String(v);
    if (kind === 'id') details.push(shortId(s));
    else if (kind === 'clock') details.push(t(`sla.${s}`));
    else if (kind === 'level') details.push(t(`level.${s}`, { defaultValue: s }));
    else if (kind === 'person') details.push(L.people[s] ?? t('actor.trainee'));
    else if (kind === 'reply') details.push(t(`replyKind.${s}`, { defaultValue: s }));
    else if (kind === 'code') details.push(t(`resolutionCode.${s}`, { defaultValue: s }));
    else if (kind === 'plain') details.push(s);
    // Impact, urgency and priority share their words (low, medium, high): each is named.
    else if (kind === 'impact' || kind === 'urgency' || kind === 'priority') details.push(t(`event.${kind}`, { value: L[kind][s] ?? t(`unknown.${kind}`) }));
    else details.push(L[kind][s] ?? t(`unknown.${kind}`));
  }
  for (const k of TEXT_KEYS) {
    const v = p[k];
    if (typeof v === 'string' && v) { details.push(t('event.quote', { text: v.length > 90 ? `${v.slice(0, 87)}…` : v })); break; }
  }
  return details.length ? t('event.withDetails', { who, what, details: details.join(' · ') }) : t('event.line', { who, what });
}

/** Names of trainees by id from a session header. */
export const nameMap = (trainees: { id: string; name: string }[] | undefined): Record<string, string> =>
  Object.fromEntries((trainees ?? []).map((x) => [x.id, x.name]));
