/** One session's evaluation: replay, competency grid, comparison and exports, as tabs (links). */
import { useEffect, useState } from 'react';
import { useSessionStatus } from '../api/socket.js';
import { useTranslation } from 'react-i18next';
import { localized } from '../i18n/index.js';
import { useAuth } from '../shell/auth.js';
import { staffApi, type StaffSession } from './common/api.js';
import { sessionNaming, sessionStatusKey } from './common/labels.js';
import { href, type Route } from './common/route.js';
import { useClassroomPeople } from './common/useLabels.js';
import { Compare } from './Compare.js';
import { Exports } from './Exports.js';
import { Grid } from './Grid.js';
import { Replay } from './Replay.js';

export const TABS = ['replay', 'grid', 'compare', 'exports'] as const;
export type Tab = (typeof TABS)[number];

export function SessionEvaluation({ sessionId, tab, route }: { sessionId: string; tab: Tab; route: Route }) {
  const { t, i18n } = useTranslation('staff');
  const { user } = useAuth();
  const [session, setSession] = useState<StaffSession>();
  useEffect(() => {
    staffApi.sessions().then((l) => setSession(l.find((s) => s.id === sessionId)), () => undefined);
  }, [sessionId]);
  // The status changes while a drill runs: follow it (the status alone, not the staff feed) until it has stopped.
  const watched = useSessionStatus(session && session.status !== 'stopped' ? sessionId : undefined);
  const liveStatus = watched?.status;
  const liveCancelled = watched?.cancelled;
  useEffect(() => {
    if (liveStatus) setSession((s) => (s && (s.status !== liveStatus || !!s.cancelled !== !!liveCancelled) ? { ...s, status: liveStatus, cancelled: !!liveCancelled } : s));
  }, [liveStatus, liveCancelled]);
  const people = useClassroomPeople(session?.classroomId);
  const trainees = session?.trainees ?? [];
  const { label: title, drill } = sessionNaming(session?.name, session?.title ? localized(session.title, i18n.language) : session?.drillId ?? sessionId);
  // Mirrors the server's rule: evaluators any time, the trainer once the drill has stopped.
  const canJudge = user.role === 'evaluator' || user.role === 'admin' || (user.role === 'trainer' && session?.status === 'stopped');
  return (
    <div className="evaluation">
      <div className="eval-head">
        <h1>{title} <span className="muted small" data-testid="eval-session-meta">· {drill && `${drill} · `}{session ? `${t(`mode.${session.mode}`)} · ${t(`sessionStatus.${sessionStatusKey(session)}`)} · ` : ''}{sessionId}</span></h1>
        <nav aria-label={t('tabs.label')} className="tabs">
          {TABS.map((x) => <a key={x} href={href(['sessions', sessionId, x])} aria-current={x === tab ? 'page' : undefined}>{t(`tabs.${x}`)}</a>)}
        </nav>
      </div>
      {tab === 'replay' && <Replay sessionId={sessionId} route={route} trainees={trainees} people={people} />}
      {tab === 'grid' && <Grid sessionId={sessionId} route={route} trainees={trainees} canJudge={canJudge} people={people} />}
      {tab === 'compare' && <Compare sessionId={sessionId} />}
      {tab === 'exports' && <Exports sessionId={sessionId} trainees={trainees} />}
    </div>
  );
}
