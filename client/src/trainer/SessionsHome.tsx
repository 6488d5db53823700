/** The trainer's start page: create a drill session for a classroom, or open an existing one. */
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiRequestError } from '../api/http.js';
import { localized } from '../i18n/index.js';
import { staffApi, type Classroom, type DrillInfo, type Member, type StaffSession } from '../evaluator/common/api.js';
import { formatVirtual } from '../evaluator/common/format.js';
import { href, navigate } from '../evaluator/common/route.js';
import { Status } from '../evaluator/common/StaffShell.js';
import { SessionTable } from '../evaluator/SessionList.js';
import { SoftDisabledButton } from '../shell/SoftDisabledButton.js';

/** The server's limit for a session's name (POST /api/sessions). */
const SESSION_NAME_MAX = 80;
const randomSeed = () => Math.floor(Math.random() * 1_000_000);

export function SessionsHome() {
  const { t, i18n } = useTranslation('staff');
  const [classrooms, setClassrooms] = useState<Classroom[]>();
  const [drills, setDrills] = useState<DrillInfo[]>([]);
  const [sessions, setSessions] = useState<StaffSession[]>();
  const [classroomId, setClassroomId] = useState('');
  const [members, setMembers] = useState<Member[]>();
  const [drillId, setDrillId] = useState('');
  const [mode, setMode] = useState<'training' | 'exam'>('training');
  // Once the trainer picks a mode, another drill's default must not undo it (an exam would silently become training).
  const [modeChosen, setModeChosen] = useState(false);
  const [speed, setSpeed] = useState('1');
  const [seed, setSeed] = useState(() => String(randomSeed()));
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  useEffect(() => {
    staffApi.classrooms().then((l) => { setClassrooms(l); setClassroomId((x) => x || l[0]?.id || ''); }, () => setClassrooms([]));
    staffApi.drills().then((l) => { setDrills(l); const first = l[0]; if (first) { setDrillId((x) => x || first.id); setMode(first.mode ?? 'training'); } }, () => setDrills([]));
    const load = () => staffApi.sessions().then(setSessions, () => setSessions([]));
    void load();
    const id = setInterval(load, 5000);
    return () => clearInterval(id);
  }, []);

  useEffect(() => {
    setMembers(undefined);
    if (classroomId) staffApi.classroom(classroomId).then((c) => setMembers(c.members), () => setMembers([]));
  }, [classroomId]);

  const drill = drills.find((d) => d.id === drillId);
  const trainees = useMemo(() => (members ?? []).filter((m) => m.role === 'trainee'), [members]);

  const canCreate = !busy && !!classroomId && !!drillId && trainees.length > 0;
  async function create(e: FormEvent) {
    e.preventDefault();
    if (!canCreate) return;
    setBusy(true);
    setError(undefined);
    try {
      // A blank name is no name (the server refuses an empty one).
      const named = name.trim();
      const s = await staffApi.createSession({ classroomId, drillId, mode, speed: Number(speed), seed: Number(seed), ...(named ? { name: named } : {}) });
      navigate(href(['sessions', s.id]));
    } catch (err) {
      setError(t('create.failed', { reason: err instanceof ApiRequestError ? t(`errors.${err.code}`, { defaultValue: err.message }) : (err as Error).message }));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="home">
      <section className="panel create-panel" aria-labelledby="create-title">
        <h1 id="create-title">{t('create.title')}</h1>
        <form onSubmit={create} className="stack">
          <label htmlFor="cr-classroom">{t('create.classroom')}</label>
          <select id="cr-classroom" value={classroomId} onChange={(e) => setClassroomId(e.target.value)} required>
            {classrooms?.length === 0 && <option value="">{t('create.noClassroom')}</option>}
            {classrooms?.map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}
          </select>
          <p className="muted small" aria-live="polite">{members === undefined ? t('create.loadingMembers') : t('create.trainees', { count: trainees.length, names: trainees.map((m) => m.displayName).join(', ') })}</p>

          <label htmlFor="cr-drill">{t('create.drill')}</label>
          <select id="cr-drill" value={drillId} onChange={(e) => { setDrillId(e.target.value); const d = drills.find((x) => x.id === e.target.value); if (d?.mode && !modeChosen) setMode(d.mode); }} required>
            {drills.map((d) => <option key={d.id} value={d.id}>{localized(d.title, i18n.language)} ({formatVirtual(d.duration)})</option>)}
          </select>
          {drill?.description && <p className="muted small">{localized(drill.description, i18n.language)}</p>}

          <label htmlFor="cr-name">{t('create.name')}</label>
          <input id="cr-name" type="text" value={name} onChange={(e) => setName(e.target.value)} maxLength={SESSION_NAME_MAX} autoComplete="off" aria-describedby="cr-name-help" />
          <p id="cr-name-help" className="muted small">{t('create.nameHelp', { max: SESSION_NAME_MAX })}</p>

          <fieldset className="radio-row">
            <legend>{t('create.mode')}</legend>
            <label><input type="radio" name="mode" value="training" checked={mode === 'training'} onChange={() => { setMode('training'); setModeChosen(true); }} /> {t('mode.training')}</label>
            <label><input type="radio" name="mode" value="exam" checked={mode === 'exam'} onChange={() => { setMode('exam'); setModeChosen(true); }} /> {t('mode.exam')}</label>
          </fieldset>
          <p className="muted small">{t(`create.modeHelp.${mode}`)}</p>

          <div className="two-cols">
            <div>
              <label htmlFor="cr-speed">{t('create.speed')}</label>
              <input id="cr-speed" type="number" min={0.1} max={120} step={0.1} value={speed} onChange={(e) => setSpeed(e.target.value)} required />
            </div>
            <div>
              <label htmlFor="cr-seed">{t('create.seed')}</label>
              <span className="with-button">
                <input id="cr-seed" type="number" min={0} max={4294967295} step={1} value={seed} onChange={(e) => setSeed(e.target.value)} required aria-describedby="cr-seed-help" />
                <button type="button" className="btn btn-small" onClick={() => setSeed(String(randomSeed()))}>{t('create.randomSeed')}</button>
              </span>
            </div>
          </div>
          <p id="cr-seed-help" className="muted small">{t('create.seedHelp')}</p>
          <SoftDisabledButton type="submit" className="btn btn-primary" unavailable={!canCreate}>{busy ? t('create.creating') : t('create.submit')}</SoftDisabledButton>
          <Status tone="error" message={error} />
        </form>
      </section>
      <section className="panel" aria-labelledby="list-title">
        <h2 id="list-title">{t('sessions.title')}</h2>
        <SessionTable sessions={sessions} console />
      </section>
    </div>
  );
}
