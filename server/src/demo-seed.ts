/**
 * Demo data for a fresh database: one classroom with a trainer, an evaluator
 * and three trainees, an admin, and a session of drill `demo-short` ready to
 * start. Passwords are random and shown once (only their hashes are stored).
 */
import { randomInt } from 'node:crypto';
import { hashPassword } from './access/login-sessions.js';
import type { SessionHost } from './engine/session-host.js';
import { newId } from './ids.js';
import type { Role, Store } from './store/types.js';

export const DEMO_DRILL = 'demo-short';

export interface DemoAccount { username: string; name: string; role: Role; password: string; id: string }
export interface DemoData { accounts: DemoAccount[]; classroomId: string; sessionId?: string; warning?: string }

const PEOPLE: { username: string; name: string; role: Role }[] = [
  { username: 'admin', name: 'Administrateur', role: 'admin' },
  { username: 'formateur', name: 'Sophie Formatrice', role: 'trainer' },
  { username: 'evaluateur', name: 'Marc Évaluateur', role: 'evaluator' },
  { username: 'stagiaire1', name: 'Alice Martin', role: 'trainee' },
  { username: 'stagiaire2', name: 'Bruno Lefèvre', role: 'trainee' },
  { username: 'stagiaire3', name: 'Chloé Bernard', role: 'trainee' },
];

const SYLLABLES = ['ba', 'ko', 'ri', 'mu', 'te', 'lo', 'vi', 'sa', 'ne', 'du', 'pa', 'gi', 'fo', 're', 'zu', 'ma'];

/** Easy to read aloud in a classroom, ~40 bits. */
export function demoPassword(): string {
  let s = '';
  for (let i = 0; i < 6; i++) s += SYLLABLES[randomInt(SYLLABLES.length)];
  return `${s}-${randomInt(100, 1000)}`;
}

export async function seedDemo(store: Store, host: SessionHost, bcryptRounds = 10): Promise<DemoData> {
  const accounts: DemoAccount[] = [];
  for (const p of PEOPLE) {
    const password = demoPassword();
    const u = await store.createUser({ id: newId('usr'), username: p.username, displayName: p.name, role: p.role, passwordHash: await hashPassword(password, bcryptRounds) });
    accounts.push({ ...p, password, id: u.id });
  }
  const trainer = accounts.find((a) => a.role === 'trainer')!;
  const classroom = await store.createClassroom({ id: newId('cls'), name: 'Promotion démo', createdBy: trainer.id });
  for (const a of accounts) if (a.role !== 'admin') await store.addMember(classroom.id, a.id);

  if (!host.catalog.drills[DEMO_DRILL]) {
    return { accounts, classroomId: classroom.id, warning: `drill "${DEMO_DRILL}" is not in the scenario library: no demo session created` };
  }
  const created = await host.create({
    classroomId: classroom.id, drillId: DEMO_DRILL, createdBy: { role: 'trainer', id: trainer.id },
    trainees: accounts.filter((a) => a.role === 'trainee').map((a) => ({ id: a.id, name: a.name })),
  });
  if (!created.ok) return { accounts, classroomId: classroom.id, warning: `demo session not created: ${created.error.message}` };
  return { accounts, classroomId: classroom.id, sessionId: created.value.id };
}

/** On a database that already exists: which demo logins are there (their passwords were printed once, at creation). */
export async function existingDemoLogins(store: Store, url: string): Promise<string | undefined> {
  const present: string[] = [];
  for (const p of PEOPLE) if (await store.getCredentials(p.username)) present.push(p.username);
  if (present.length === 0) return undefined;
  return [
    '',
    `Base existante : comptes de démonstration ${present.join(', ')}.`,
    '  Leurs mots de passe ont été affichés au premier démarrage ; pour repartir d’une base neuve',
    '  (nouveaux mots de passe), arrêtez le serveur et supprimez le fichier de la base (DESKDRILL_DB, par défaut data/deskdrill.db).',
    `  Connexion : ${url}`,
    '',
  ].join('\n');
}

export function formatDemo(d: DemoData, url: string): string {
  const w = Math.max(...d.accounts.map((a) => a.username.length));
  const lines = [
    '',
    'Base vide : données de démonstration créées (mots de passe affichés une seule fois).',
    ...d.accounts.map((a) => `  ${a.role.padEnd(9)}  ${a.username.padEnd(w)}  mot de passe : ${a.password}   (${a.name})`),
    d.sessionId ? `  Exercice « ${DEMO_DRILL} » prêt à démarrer : session ${d.sessionId}` : `  ${d.warning ?? ''}`,
    `  Connexion : ${url}`,
    '',
  ];
  return lines.join('\n');
}
