/** Right column: knowledge base, asset inventory, feedback and notices. */
import { useTranslation } from 'react-i18next';
import type { Notice } from '../../../server/src/protocol.js';
import { useDesk, type SideTab } from './DeskContext.js';
import { Tabs, type TabDef } from './Tabs.js';
import { KbPanel } from './KbPanel.js';
import { InventoryPanel } from './InventoryPanel.js';
import { FeedbackPanel } from './FeedbackPanel.js';
import { formatShiftTime } from './format.js';
import { noticeText } from '../i18n/notices.js';
import { frenchTypography } from '../i18n/typography.js';

export function SidePanel({ notices }: { notices: Notice[] }) {
  const { t } = useTranslation('trainee');
  const { sideTab, setSideTab, feedback, view } = useDesk();
  const showFeedback = view.session.mode === 'training' || view.session.feedbackReleased;
  const tabs: TabDef<SideTab>[] = [
    { id: 'kb', label: t('side.kb') },
    { id: 'assets', label: t('side.assets') },
    { id: 'feedback', label: t('side.feedback'), ...(showFeedback && feedback.length ? { badge: feedback.length } : {}) },
    { id: 'notices', label: t('side.notices'), ...(notices.length ? { badge: notices.length } : {}) },
  ];
  return (
    <aside className="side panel" aria-label={t('side.label')}>
      <Tabs idPrefix="side" label={t('side.label')} tabs={tabs} active={sideTab} onChange={setSideTab} className="side-tabs">
        {sideTab === 'kb' ? <KbPanel /> : sideTab === 'assets' ? <InventoryPanel /> : sideTab === 'feedback' ? <FeedbackPanel /> : <NoticesPanel notices={notices} />}
      </Tabs>
    </aside>
  );
}

function NoticesPanel({ notices }: { notices: Notice[] }) {
  const { t } = useTranslation('trainee');
  const { view } = useDesk();
  const items = [
    ...view.session.broadcasts.map((b) => ({ key: `b${b.seq}`, seq: b.seq, kind: b.major ? t('broadcast.major') : t('broadcast.info'), text: frenchTypography(b.message), time: formatShiftTime(b.t) })),
    ...notices.filter((n) => !view.session.broadcasts.some((b) => b.seq === n.seq)).map((n) => ({ key: `n${n.seq}-${n.kind}`, seq: n.seq, kind: t(`noticeKind.${n.kind}`), text: noticeText(t, n), time: '' })),
  ].sort((a, b) => b.seq - a.seq);
  if (items.length === 0) return <p className="empty">{t('notices.none')}</p>;
  return (
    <ul className="notice-list">
      {items.map((n) => <li key={n.key}><strong>{n.kind}</strong> {n.time && <time className="muted">{n.time}</time>}<p>{n.text}</p></li>)}
    </ul>
  );
}
