/** The ticket's follow-up ("suivi"): every dated entry the server recorded, oldest first. */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { TicketView } from '../../../server/src/domain/projection.js';
import { formatShiftTime } from './format.js';
import { GroupName } from './TicketPanel.js';
import { TestName } from './DiagnosisPanel.js';

export function WorkLog({ ticket: x }: { ticket: TicketView }) {
  const { t } = useTranslation('trainee');
  const entries: { t: number; key: string; body: ReactNode }[] = [];
  entries.push({ t: x.openedAt, key: 'opened', body: t('worklog.opened') });
  if (x.takenAt !== undefined) entries.push({ t: x.takenAt, key: 'taken', body: t('worklog.taken') });
  x.notes.forEach((n, i) => entries.push({ t: n.t, key: `note-${i}`, body: n.text }));
  x.escalations.forEach((e, i) => entries.push({ t: e.t, key: `esc-${i}`, body: <>{t('worklog.escalated')} <GroupName id={e.groupId} /> — {e.note}</> }));
  x.userInformed.forEach((u, i) => entries.push({ t: u.t, key: `inf-${i}`, body: `${t('worklog.informed')} ${u.message}` }));
  if (x.resolvedAt !== undefined) entries.push({ t: x.resolvedAt, key: 'resolved', body: x.resolution ? `${t('worklog.resolved')} ${t(`resolutionCode.${x.resolution.code}`)} — ${x.resolution.note.action}` : t('worklog.resolvedByGroup') });
  if (x.closedAt !== undefined) entries.push({ t: x.closedAt, key: 'closed', body: t('worklog.closed') });
  entries.sort((a, b) => a.t - b.t);
  return (
    <section aria-labelledby="worklog-title" className="worklog">
      <h3 id="worklog-title" className="section-title">{t('worklog.title')}</h3>
      <ol className="worklog-list" data-testid="worklog">
        {entries.map((e) => <li key={e.key}><time>{formatShiftTime(e.t)}</time> <span>{e.body}</span></li>)}
      </ol>
      {x.tests.length > 0 && (
        <>
          <h4 className="subsection-title">{t('worklog.tests')}</h4>
          <ul className="worklog-list">
            {x.tests.map((r, i) => <li key={`${r.testId}-${i}`} className="worklog-test"><strong><TestName id={r.testId} /></strong><pre className="output">{r.result}</pre></li>)}
          </ul>
        </>
      )}
      {x.fixApplied && <p className="fix-applied">{t('worklog.fixApplied', { id: x.fixApplied })}</p>}
    </section>
  );
}
