/**
 * The trainee's choice of session and the end-of-shift summary, in real headless Chromium against the real
 * server. Two sessions of the same drill (the demo's, in training mode, and an exam one) must read differently
 * in the picker, by their name (the exam has one), mode, status, when and by whom they were opened, in French and in English. The exam's
 * summary shows no score before results are released; the training one shows each criterion's wording beside
 * its code, as the rubric endpoint gives it. Choosing or leaving a session by keyboard keeps the focus on the page.
 * A reload reopens the session the tab had chosen (two are active, so nothing else would); leaving it forgets it.
 * Once both have run, the finished sessions to review say when each started.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { DEMO_DRILL } from '../../server/src/demo-seed.js';
import type { Ack, CommandAck, RubricInfo } from '../../server/src/protocol.js';
import type { TrainerCommand } from '../../server/src/domain/commands.js';
import { sessionRoom } from '../../server/src/realtime/rooms.js';
import { logInDemo, openDeskBrowser, withFailureScreenshot, type DeskServer } from './trainee-harness.js';

let server: DeskServer;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];

beforeAll(async () => {
  ({ server, browser, page } = await openDeskBrowser({ timeoutMs: 15_000, pageErrors }));
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const button = (name: string | RegExp, exact = false) => page.getByRole('button', { name, exact });

async function api<T>(method: string, path: string, cookie: string, body?: unknown): Promise<T> {
  const res = await fetch(`${server.app.url}/api${path}`, { method, headers: { cookie, ...(body ? { 'Content-Type': 'application/json' } : {}) }, body: body ? JSON.stringify(body) : null });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return res.json() as Promise<T>;
}

const EXAM_NAME = 'TAI 2026 — examen blanc';

let n = 0;
async function command(sessionId: string, command: TrainerCommand): Promise<void> {
  const res = await new Promise<Ack<CommandAck>>((ok) => server.trainer.emit('trainer:command', { sessionId, clientId: `e2e-sessions-${++n}-${Date.now()}`, command }, ok));
  if (!res.ok) throw new Error(`${command.type} refused: ${res.error.code}`);
}

/** The accessible names of the buttons of the page's (first) session list, as Chromium computes them. */
async function choices(): Promise<string[]> {
  const snapshot = await page.getByRole('main').getByRole('list').first().ariaSnapshot();
  return [...snapshot.matchAll(/- button "(.*)"/g)].map((m) => m[1]!);
}

async function play() {
  const trainerCookie = await server.login('formateur');
  // The exam is named by its trainer; the training session is not, and reads as before names existed.
  const exam = await api<{ id: string }>('POST', '/sessions', trainerCookie, { classroomId: server.demo.classroomId, drillId: DEMO_DRILL, mode: 'exam', name: EXAM_NAME });
  const training = server.sessionId;
  await logInDemo(page, server, 'stagiaire1');
  await page.getByRole('heading', { name: 'Choisissez votre session' }).waitFor();

  // --- two sessions of one drill: two lines that differ, each saying its mode, status, opening and trainer
  const fr = await choices();
  expect(fr).toHaveLength(2);
  expect(new Set(fr).size).toBe(2);
  const frExam = fr.find((x) => x.includes('Examen'))!;
  const frTraining = fr.find((x) => x.includes('Formation'))!;
  expect(frExam, fr.join(' | ')).toBeDefined();
  expect(frTraining, fr.join(' | ')).toBeDefined();
  for (const [name, id, named] of [[frExam, exam.id, `${EXAM_NAME}, `], [frTraining, training, '']] as const) {
    // One sentence for a screen reader: the session's name (when it has one), title, mode, status, opening, reference.
    expect(name).toMatch(new RegExp(`^${named}Démonstration .+, (Examen|Formation), En préparation, Ouverte le \\d{1,2} \\S+ \\d{4} à \\d\\d:\\d\\d par Sophie Formatrice, Réf\\. ${id}$`));
  }
  // To the eye, the name leads and the drill's title follows it on the next line; without a name, the title leads.
  expect(await page.locator(`.session-choice[data-session="${exam.id}"] .session-choice-title`).innerText()).toBe(EXAM_NAME);
  expect(await page.locator(`.session-choice[data-session="${exam.id}"] .session-choice-meta`).first().innerText()).toMatch(/^Démonstration .+ · Examen · En préparation$/);
  expect(await page.locator(`.session-choice[data-session="${training}"] .session-choice-title`).innerText()).toMatch(/^Démonstration /);

  await button('EN', true).click();
  await page.getByRole('heading', { name: 'Choose your session' }).waitFor();
  const en = await choices();
  expect(en.filter((x) => x.includes(', Exam, '))).toHaveLength(1);
  expect(en.filter((x) => x.includes(', Training, '))).toHaveLength(1);
  for (const name of en) expect(name).toMatch(/, Opened on \d{1,2} \S+ \d{4} at \d\d:\d\d by Sophie Formatrice, Ref\. ses_\w+$/);
  await button('FR', true).click();

  // --- by keyboard: the chosen session's desk takes the focus, and leaving it hands focus to the choices again
  const focusOn = (selector: string) => page.waitForFunction((sel) => document.activeElement?.matches(sel) ?? false, selector);
  await page.getByRole('button', { name: /Formation/ }).focus();
  await page.keyboard.press('Enter');
  await page.getByTestId('session-status').waitFor();
  await focusOn('#work-area');
  // The desk's socket is in the session's room while it is open, and out of it once the trainee has left the desk.
  const inTrainingRoom = async () => (await server.app.io.in(sessionRoom(training)).fetchSockets()).filter((x) => x.data.user.username === 'stagiaire1').length;
  await expect.poll(inTrainingRoom, { timeout: 10_000 }).toBe(1);

  // --- a reload reopens the chosen session (the training one, with its way back to the list), not the picker
  await page.reload();
  await page.locator('.pill-mode-training').waitFor();
  await page.getByTestId('session-status').filter({ hasText: 'En préparation' }).waitFor();
  expect(await page.getByRole('heading', { name: 'Choisissez votre session' }).count()).toBe(0);
  expect(await page.getByTestId('session-name').count()).toBe(0);

  await button('Changer de session').focus();
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: 'Choisissez votre session' }).waitFor();
  await focusOn('.session-choice');
  await expect.poll(inTrainingRoom, { timeout: 10_000 }).toBe(0);
  // Leaving forgets the choice: a reload shows the list again.
  await page.reload();
  await page.getByRole('heading', { name: 'Choisissez votre session' }).waitFor();
  expect(await page.getByTestId('session-status').count()).toBe(0);

  // --- the exam: the summary keeps its scores hidden until the trainer releases them
  await page.getByRole('button', { name: /Examen/ }).click();
  await page.getByTestId('session-status').filter({ hasText: 'En préparation' }).waitFor();
  // The desk's title names the drill on hover, not by its id.
  expect(await page.locator('h1').getAttribute('title')).toBe('Démonstration — trois appels en une demi-heure');
  // Its header says the session's name.
  expect(await page.getByTestId('session-name').innerText()).toBe(EXAM_NAME);
  await command(exam.id, { type: 'session.start' });
  await page.getByTestId('incoming-contact').first().waitFor();
  await command(exam.id, { type: 'session.stop' });
  const summary = page.getByTestId('shift-summary');
  await summary.waitFor();
  await summary.getByText(/les résultats seront communiqués par le formateur/).waitFor();
  expect(await summary.getByTestId('competency-grid').count()).toBe(0);
  expect(await summary.getByTestId('summary-total').count()).toBe(0);
  await summary.getByRole('button', { name: 'Fermer' }).click();

  await button('Changer de session').click();
  // The training session is now the only active one: the desk opens by itself.
  await page.getByTestId('session-status').filter({ hasText: 'En préparation' }).waitFor();

  // --- a short training shift: the summary names each criterion in words beside its code
  await server.trainerCommand({ type: 'session.start' });
  await button(/^Décrocher — /).first().click();
  await button('Saluer et se présenter').click();
  await page.getByTestId('transcript').getByText('Centre de services, bonjour').waitFor();
  await server.trainerCommand({ type: 'session.stop' });
  await summary.waitFor();
  const grid = summary.getByTestId('competency-grid');
  await grid.waitFor();
  const rubric = await api<RubricInfo>('GET', '/catalog/rubrics/v1', await server.login('stagiaire1'));
  const wording = new Map(rubric.criteria.map((c) => [c.id, c.label]));
  const rows = grid.locator('tr[data-criterion]');
  await rows.first().locator('.grid-label').waitFor();
  const ids = await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-criterion')!));
  expect(ids.length).toBeGreaterThan(0);
  for (const id of ids) {
    const label = wording.get(id);
    expect(label?.fr, `no wording for ${id}`).toBeTruthy();
    expect(await grid.locator(`tr[data-criterion="${id}"] summary`).innerText()).toBe(`${id} — ${label!.fr}`);
  }
  // In English too (the language switch is behind the modal summary: close it, switch, open it again).
  await summary.getByRole('button', { name: 'Fermer' }).click();
  await button('EN', true).click();
  await button('Shift summary').click();
  const first = ids[0]!;
  await grid.locator(`tr[data-criterion="${first}"] summary`).filter({ hasText: `${first} — ${wording.get(first)!.en}` }).waitFor();

  // --- both drills ran: the finished ones to review say when each started (the day only when not the opening's)
  await summary.getByRole('button', { name: 'Close' }).click();
  await button('Switch session').click();
  await page.getByRole('heading', { name: 'Finished sessions' }).waitFor();
  const listed = await api<{ id: string; createdAt: number; startedAt?: number }[]>('GET', '/sessions', await server.login('stagiaire1'));
  const startedOf = (id: string) => listed.find((s) => s.id === id)!.startedAt!;
  const time = (ms: number, locale: string) => new Intl.DateTimeFormat(locale, { timeStyle: 'short' }).format(new Date(ms));
  const sameDay = (id: string) => { const s = listed.find((x) => x.id === id)!; return new Date(s.createdAt).toDateString() === new Date(startedOf(id)).toDateString(); };
  const finishedEn = await choices();
  expect(finishedEn).toHaveLength(2);
  for (const id of [exam.id, training]) {
    const name = finishedEn.find((x) => x.endsWith(`Ref. ${id}`))!;
    if (sameDay(id)) expect(name, id).toContain(`by Sophie Formatrice, started at ${time(startedOf(id), 'en-GB')}, Ref. ${id}`);
    else expect(name, id).toMatch(new RegExp(`by Sophie Formatrice, started on \\d{1,2} \\S+ \\d{4} at ${time(startedOf(id), 'en-GB')}, Ref\\. ${id}$`));
  }
  expect(finishedEn.find((x) => x.endsWith(exam.id))).toMatch(new RegExp(`^Review “${EXAM_NAME}” and its summary, Demo .+, Exam, Finished, `));
  await button('FR', true).click();
  await page.getByRole('heading', { name: 'Sessions terminées' }).waitFor();
  const examLine = page.locator(`.session-choice[data-session="${exam.id}"] .session-choice-meta`).last();
  if (sameDay(exam.id)) expect(await examLine.innerText()).toContain(` · commencée à ${time(startedOf(exam.id), 'fr-FR')} · Réf. ${exam.id}`);
  expect(pageErrors).toEqual([]);
}

describe('trainee sessions (Chromium)', () => {
  it('tells two sessions of one drill apart, hides exam scores and words each criterion of the summary', async () => {
    await withFailureScreenshot(page, 'trainee-sessions', play);
  }, 240_000);
});
