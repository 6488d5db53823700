/**
 * The evaluator's app (the jury, or a trainer after the drill): list of
 * sessions, then per session the replay, the competency grid, the
 * comparison and the exports. Hash routes keep evidence links shareable.
 */
import { useTranslation } from 'react-i18next';
import './common/i18n.js';
import './common/staff.css';
import { href, useRoute } from './common/route.js';
import { StaffShell } from './common/StaffShell.js';
import { SessionEvaluation, TABS, type Tab } from './SessionEvaluation.js';
import { SessionList } from './SessionList.js';

export default function EvaluatorApp() {
  const { t } = useTranslation('staff');
  const route = useRoute();
  const [root, id, tab] = route.parts;
  const sessionId = root === 'sessions' ? id : undefined;
  const current: Tab = TABS.includes(tab as Tab) ? (tab as Tab) : 'replay';
  return (
    <StaffShell title={t('shell.evaluator')} nav={[{ href: href([]), label: t('nav.sessions'), current: !sessionId }]}>
      {sessionId ? <SessionEvaluation sessionId={sessionId} tab={current} route={route} /> : <SessionList />}
    </StaffShell>
  );
}
