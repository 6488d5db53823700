/** Who is on the line: the caller persona as the desk knows it. */
import { useTranslation } from 'react-i18next';
import type { ContactView } from '../../../server/src/domain/projection.js';
import { useNow } from './DeskContext.js';
import { formatDuration } from './format.js';

export function CallerCard({ contact: c }: { contact: ContactView }) {
  const { t } = useTranslation('trainee');
  const now = useNow();
  const p = c.caller;
  // A call still open when the drill stops ends with it (the server's state says so): its time stays where it ended.
  const live = c.takenAt !== undefined && c.endedAt === undefined;
  const state = live ? t(c.channel === 'phone' ? 'caller.onLine' : 'caller.open') : c.endedAt !== undefined ? t('caller.ended') : t('caller.waiting');
  const duration = c.takenAt !== undefined ? (c.endedAt ?? now) - c.takenAt : 0;
  return (
    <section className="caller-card" aria-label={t('caller.label')} data-testid="caller-card">
      <div className="caller-main">
        <span className="caller-avatar" aria-hidden="true">{initials(p.name)}</span>
        <div className="caller-id">
          <div className="caller-name"><strong>{p.name}</strong>{p.vip && <span className="vip">{t('caller.vip')}</span>}</div>
          <div className="muted caller-role" title={`${p.title} · ${p.department} · ${p.site}`}>{p.title} · {p.department} · {p.site}</div>
        </div>
      </div>
      <dl className="caller-facts">
        <div><dt>{t('caller.channel')}</dt><dd><span className={`channel channel-${c.channel}`}>{t(`channel.${c.channel}`)}</span></dd></div>
        <div><dt>{t('caller.mood')}</dt><dd><span className={`mood mood-${p.mood}`}>{t(`mood.${p.mood}`)}</span></dd></div>
        <div><dt>{t('caller.techLevel')}</dt><dd>{t(`techLevel.${p.techLevel}`)}</dd></div>
        <div><dt>{t('caller.phone')}</dt><dd>{p.phone}</dd></div>
        <div><dt>{t('caller.state')}</dt><dd className={live ? 'on-line' : ''} data-testid="caller-state">{state} {c.takenAt !== undefined && <span className="muted">{formatDuration(duration)}</span>}</dd></div>
      </dl>
    </section>
  );
}

const initials = (name: string) => name.split(/\s+/).filter(Boolean).slice(0, 2).map((w) => w[0]!.toUpperCase()).join('');
