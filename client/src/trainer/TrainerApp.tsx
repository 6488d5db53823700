/**
 * The trainer's app: create and run drill sessions (console and live board),
 * then evaluate them like the jury does (replay, grid, comparison, exports).
 */
import { useTranslation } from 'react-i18next';
import '../evaluator/common/i18n.js';
import '../evaluator/common/staff.css';
import { href, useRoute } from '../evaluator/common/route.js';
import { StaffShell } from '../evaluator/common/StaffShell.js';
import { SessionEvaluation, TABS, type Tab } from '../evaluator/SessionEvaluation.js';
import { Console } from './Console.js';
import { SessionsHome } from './SessionsHome.js';

export default function TrainerApp() {
  const { t } = useTranslation('staff');
  const route = useRoute();
  const [root, id, tab] = route.parts;
  const sessionId = root === 'sessions' ? id : undefined;
  const evalTab = TABS.includes(tab as Tab) ? (tab as Tab) : undefined;
  const nav = [{ href: href([]), label: t('nav.sessions'), current: !sessionId }];
  if (sessionId) {
    nav.push({ href: href(['sessions', sessionId]), label: t('nav.console'), current: !evalTab });
    nav.push({ href: href(['sessions', sessionId, 'replay']), label: t('nav.evaluation'), current: !!evalTab });
  }
  return (
    <StaffShell title={t('shell.trainer')} nav={nav}>
      {!sessionId ? <SessionsHome /> : evalTab ? <SessionEvaluation sessionId={sessionId} tab={evalTab} route={route} /> : <Console key={sessionId} sessionId={sessionId} />}
    </StaffShell>
  );
}
