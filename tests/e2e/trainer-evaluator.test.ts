/**
 * Trainer console and evaluator replay, end to end in headless Chromium
 * against the real server (SQLite, socket.io, real scorer):
 *
 * 1. a trainer creates a drill session in the browser and starts it while
 *    scripted trainees (real socket.io clients) play it; the live board
 *    updates without a reload;
 * 2. the trainer pauses: the trainees' SLA clocks stop (their view's clock
 *    stops, actions are refused, virtual time does not jump on resume);
 * 3. an evaluator replays the session, jumps to an action, sees its evidence,
 *    overrides one criterion with a comment, and downloads the CSV and xAPI
 *    exports, whose contents are checked here.
 *
 * DESKDRILL_SCREENSHOTS=docs/screenshots saves the live board and the
 * competency grid as PNG files (1280×720) for the README.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { contrastOf } from './contrast.js';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { virtualNow } from '../../server/src/domain/clock.js';
import type { SessionEvent } from '../../server/src/domain/events.js';
import type { TraineeSnapshot } from '../../server/src/protocol.js';
import type { Evidence } from '../../server/src/domain/scoring/types.js';
import { CSV_COLUMNS, parseCsv } from '../../server/src/domain/reports/csv.js';
import type { GridData } from '../../client/src/evaluator/common/api.js';
import { connect, http, login, type TestClient } from '../integration/support/clients.js';
import { DeskDriver } from '../integration/support/desk-driver.js';
import { PASSWORD, realCatalog, startServer, type TestServer } from '../integration/support/server.js';
import { CHROMIUM, CHROMIUM_ARGS, ensureClientBuilt, ROOT, signIn as signInAt } from './trainee-harness.js';
import { frenchTypography } from '../../client/src/i18n/typography.js';
import { staffRoom } from '../../server/src/realtime/rooms.js';

// Its own build directory: the trainee-desk browser test builds dist/ at the same time when tests run in parallel.
const DIST = join(tmpdir(), 'deskdrill-e2e-staff-dist');

const SHOTS = process.env.DESKDRILL_SCREENSHOTS ? resolve(ROOT, process.env.DESKDRILL_SCREENSHOTS) : undefined;
const catalog = realCatalog();

let srv: TestServer;
let browser: Browser;
let trainerCookie: string;
let classroomId: string;
const clients: TestClient[] = [];

beforeAll(async () => {
  ensureClientBuilt(DIST);
  srv = await startServer({ scorer: 'real', config: { distDir: DIST, loginRateLimit: { windowMs: 60_000, limit: 1000 } } });
  const trainer = await srv.createUser('formateur', 'trainer', 'Sophie Formatrice');
  const evaluator = await srv.createUser('evaluateur', 'evaluator', 'Marc Évaluateur');
  const trainees = [
    await srv.createUser('alice', 'trainee', 'Alice Martin'),
    await srv.createUser('bruno', 'trainee', 'Bruno Lefèvre'),
    await srv.createUser('chloe', 'trainee', 'Chloé Bernard'),
  ];
  classroomId = await srv.createClassroom('BTS SIO 2 — groupe A', [trainer, evaluator, ...trainees]);
  trainerCookie = await login(srv.url, 'formateur');
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}, 180_000);

afterAll(async () => {
  for (const c of clients) c.close();
  await browser?.close();
  await srv?.close();
});

const signIn = (page: Page, username: string) => signInAt(page, srv.url, username, PASSWORD);

async function trainee(username: string, sessionId: string): Promise<TestClient> {
  const c = await connect(srv.url, await login(srv.url, username));
  clients.push(c);
  const joined = await c.join(sessionId);
  if (!joined.ok) throw new Error(`${username} join refused: ${joined.error.message}`);
  return c;
}

/** SLA elapsed on the trainee's screen: the view's value plus the virtual time run since, as their desk computes it. */
function onScreenElapsed(u: { view: TraineeSnapshot["view"] }, ticketId: string, wallMs: number): number {
  const tk = u.view.desk.tickets.find((x) => x.id === ticketId)!;
  const sla = tk.sla.resolution;
  if (sla.paused || sla.stopped) return sla.elapsed;
  return sla.elapsed + Math.max(0, virtualNow(u.view.session.clock, wallMs) - u.view.session.now);
}

/** The focused element's tag and text ("BODY" when focus fell to the page). */
const focused = (page: Page) => page.evaluate(() => { const a = document.activeElement; return a ? `${a.tagName}:${(a.textContent ?? '').trim()}` : 'none'; });
/** Focusable elements inside the aria-hidden chart drawings (axe rule aria-hidden-focus). */
const focusableInHiddenCharts = (page: Page) => page.evaluate(() => [...document.querySelectorAll('figure.chart [aria-hidden="true"]')]
  .flatMap((box) => [...box.querySelectorAll<HTMLElement>('a[href], button, input, select, textarea, [tabindex]')].filter((el) => el.tabIndex >= 0))
  .map((el) => el.tagName).concat(document.querySelectorAll('figure.chart [aria-hidden="true"]').length === 0 ? ['NO-CHART'] : []));
/** Switches the interface language with the FR / EN buttons of the top bar. */
const switchLanguage = (page: Page, lng: 'FR' | 'EN') => page.locator('.lang-switch').getByRole('button', { name: lng, exact: true }).click();
/** The result line under the console controls or the grid bar (not the error alerts). */
const statusLine = (page: Page) => page.locator('p.status-line-info').first().innerText();

const RAW_IDS = [/usr_[a-z0-9]+/, /\bf-[a-z-]+\b/, /\b(high|medium|low)\b/];

const cellText = (page: Page, traineeName: string, col: number) =>
  page.locator('table.board tbody tr', { hasText: traineeName }).locator('td').nth(col).innerText();

/** The French title of a drill other than demo-short (the first test's), to tell its sessions apart. */
const otherDrill = Object.values(catalog.drills).find((d) => d.id !== 'demo-short')!;
const demoTitle = catalog.drills['demo-short']!.title.fr;
/** The name the trainer gives the first session in the form. */
const SESSION_NAME = 'BTS SIO groupe B — matin';

describe('trainer console and evaluator replay (Chromium)', () => {
  let sessionId = '';
  let aliceId = '';
  const contactsDone: string[] = [];

  it('a trainer creates and starts a drill; the live board follows scripted trainees without reload; pausing stops their SLA clocks', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 720 }, locale: 'fr-FR' });
    const page = await ctx.newPage();
    await signIn(page, 'formateur');

    // Create the session: drill, mode, speed and seed from the form.
    await page.getByRole('heading', { name: 'Nouvelle session' }).waitFor();
    await expect.poll(() => page.getByText(/3 stagiaires/).count(), { timeout: 10_000 }).toBe(1);
    // A mode the trainer chose survives a change of drill (another drill's default must not turn an exam into training).
    await page.getByLabel('Examen').check();
    const otherDrill = (await page.getByLabel('Exercice').locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value))).find((v) => v !== 'demo-short')!;
    await page.getByLabel('Exercice').selectOption(otherDrill);
    await page.getByLabel('Exercice').selectOption('demo-short');
    expect(await page.getByLabel('Examen').isChecked()).toBe(true);
    await page.getByLabel('Formation').check();
    await page.getByLabel('Vitesse (×)').fill('10');
    await page.getByLabel('Graine aléatoire').fill('4242');
    // The trainer names the session (spaces around it are not part of the name).
    await page.getByLabel('Nom de la session (facultatif)').fill(`  ${SESSION_NAME} `);
    await page.getByRole('button', { name: 'Créer la session' }).click();
    await page.waitForURL(/#\/sessions\/ses_/);
    sessionId = /#\/sessions\/([^/?]+)/.exec(page.url())![1]!;
    await expect.poll(() => page.getByTestId('session-status').innerText(), { timeout: 10_000 }).toBe('En préparation');
    const rec = await srv.app.store.getSession(sessionId);
    expect(rec).toMatchObject({ drillId: 'demo-short', mode: 'training', speed: 10, seed: 4242, name: SESSION_NAME });
    // The console's header names it, the drill's title beside it.
    await expect.poll(() => page.locator('.console-head h1').innerText(), { timeout: 10_000 }).toBe(`${SESSION_NAME} · ${demoTitle} · Formation · ${sessionId}`);
    aliceId = srv.user('alice').id;
    await page.evaluate(() => { (window as unknown as { __noReload: boolean }).__noReload = true; });

    const alice = await trainee('alice', sessionId);
    const bruno = await trainee('bruno', sessionId);
    const chloe = await trainee('chloe', sessionId);
    const incidentOf = async (contactId: string) => (await srv.app.host.read(sessionId, (l) => l.machine.state.contacts[contactId]!.incidentId))!;
    const aliceDriver = new DeskDriver(alice, sessionId, catalog, 'expert');
    const brunoDriver = new DeskDriver(bruno, sessionId, catalog, 'wrong');

    await page.getByRole('button', { name: 'Démarrer' }).click();
    await expect.poll(() => page.getByTestId('session-status').innerText(), { timeout: 10_000 }).toBe('En cours');
    // Keyboard focus follows onto the control that replaced the pressed one.
    await expect.poll(() => focused(page), { timeout: 5_000 }).toBe('BUTTON:Pause');

    // Each trainee gets their first call; Alice handles it as an expert, Bruno badly, Chloé opens a ticket and stops there.
    const first = async (c: TestClient) => (await c.deskWhen((u) => u.view.desk.contacts.length > 0)).view.desk.contacts[0]!.id;
    const [a1, b1, c1] = await Promise.all([first(alice), first(bruno), first(chloe)]);
    const handled = await aliceDriver.handle(a1, await incidentOf(a1));
    contactsDone.push(a1);
    expect(handled.outcome).toBe('closed');
    await brunoDriver.handle(b1, await incidentOf(b1));
    for (const cmd of [{ type: 'contact.take', contactId: c1 }, { type: 'ticket.create', contactId: c1, title: 'Appel' }] as const) {
      const r = await chloe.act(sessionId, cmd);
      expect(r.ok).toBe(true);
    }
    const chloeTicket = (await chloe.deskWhen((u) => u.view.desk.tickets.length > 0)).view.desk.tickets[0]!.id;
    expect((await chloe.act(sessionId, { type: 'ticket.take', ticketId: chloeTicket })).ok).toBe(true);

    // The board shows Alice's closed ticket and a running score, pushed over the socket.
    await expect.poll(() => cellText(page, 'Alice Martin', 4), { timeout: 15_000 }).toMatch(/^1/);
    await expect.poll(() => cellText(page, 'Alice Martin', 7), { timeout: 15_000 }).toMatch(/\d+\s%/);
    await expect.poll(() => cellText(page, 'Chloé Bernard', 1), { timeout: 15_000 }).toBe('1');
    expect(await page.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload)).toBe(true);
    expect(await page.evaluate(() => performance.getEntriesByType('navigation').length)).toBe(1);

    // Pause: the trainer's clock freezes; the trainee's view says paused and the SLA on their screen stops.
    await page.getByRole('button', { name: 'Pause' }).click();
    await expect.poll(() => page.getByTestId('session-status').innerText(), { timeout: 10_000 }).toBe('En pause');
    await expect.poll(() => focused(page), { timeout: 5_000 }).toBe('BUTTON:Reprendre');
    const paused = await chloe.deskWhen((u) => u.view.session.status === 'paused');
    expect(paused.view.session.clock.running).toBe(false);
    const clockBefore = await page.getByTestId('virtual-clock').innerText();
    const slaBefore = onScreenElapsed(paused, chloeTicket, Date.now());
    await new Promise((r) => setTimeout(r, 1500));
    const fresh = (await chloe.join(sessionId)) as { ok: true; data: TraineeSnapshot };
    expect(onScreenElapsed(fresh.data, chloeTicket, Date.now())).toBe(slaBefore);
    expect(fresh.data.view.desk.tickets.find((x) => x.id === chloeTicket)!.sla.resolution.elapsed).toBe(paused.view.desk.tickets.find((x) => x.id === chloeTicket)!.sla.resolution.elapsed);
    expect(await page.getByTestId('virtual-clock').innerText()).toBe(clockBefore);
    const refused = await chloe.act(sessionId, { type: 'ticket.addNote', ticketId: chloeTicket, text: 'Pendant la pause' });
    expect(refused.ok ? 'accepted' : refused.error.code).toBe('session/paused');
    const pausedAt = paused.view.session.now;

    // Resume and speed up: virtual time continues from the pause, not from the wall clock.
    const resumedWall = Date.now();
    await page.getByRole('button', { name: 'Reprendre' }).click();
    await expect.poll(() => page.getByTestId('session-status').innerText(), { timeout: 10_000 }).toBe('En cours');
    await expect.poll(() => focused(page), { timeout: 5_000 }).toBe('BUTTON:Pause');
    const note = await chloe.act(sessionId, { type: 'ticket.addNote', ticketId: chloeTicket, text: 'Reprise après la pause' });
    expect(note.ok).toBe(true);
    const afterNote = await chloe.deskWhen((u) => u.view.desk.tickets.some((x) => x.notes.length > 0));
    expect(afterNote.view.session.now - pausedAt).toBeLessThanOrEqual((Date.now() - resumedWall) * 10 + 1000);
    expect(onScreenElapsed(afterNote, chloeTicket, Date.now())).toBeGreaterThanOrEqual(slaBefore);

    await page.getByLabel('Vitesse', { exact: true }).selectOption('20');
    await page.getByRole('button', { name: 'Appliquer' }).click();
    await expect.poll(() => page.locator('.clock').innerText(), { timeout: 10_000 }).toContain('×20');

    // Alice takes the next calls as they come; the board keeps up.
    for (let n = 2; n <= 3; n++) {
      const u = await alice.deskWhen((x) => x.view.desk.contacts.length >= n, 60_000);
      const next = u.view.desk.contacts.find((c) => !contactsDone.includes(c.id))!;
      await aliceDriver.handle(next.id, await incidentOf(next.id));
      contactsDone.push(next.id);
    }
    await expect.poll(() => cellText(page, 'Alice Martin', 3), { timeout: 15_000 }).toBe('1'); // the escalated network outage

    // Trainer announcements reach the board's side panel.
    // Not a major incident unless the trainer says so.
    expect(await page.getByLabel('Incident majeur').isChecked()).toBe(false);
    await page.getByLabel('Incident majeur').check();
    await page.getByLabel('Texte de l\'annonce').fill('Le réseau du 2e étage est coupé, ne pas escalader les doublons.');
    await page.getByRole('button', { name: 'Annoncer' }).click();
    // Listed with its « majeur » tag (the trainer ticked it).
    await expect.poll(() => page.locator('.broadcasts').innerText(), { timeout: 10_000 }).toMatch(/majeur\s+Le réseau du 2e étage est coupé/);
    expect(await focused(page)).toBe('BUTTON:Annoncer');
    // The result line agrees whatever the command, and follows a language switch (it is translated when shown).
    await expect.poll(() => statusLine(page), { timeout: 5_000 }).toMatch(/^Annonce\u202f: action enregistrée \(n° \d+\)\.$/);
    const announceSeq = /n° (\d+)/.exec(await statusLine(page))![1];
    await switchLanguage(page, 'EN');
    await expect.poll(() => statusLine(page), { timeout: 5_000 }).toBe(`Announcement: stored (no. ${announceSeq}).`);
    await switchLanguage(page, 'FR');
    await expect.poll(() => statusLine(page), { timeout: 5_000 }).toBe(`Annonce\u202f: action enregistrée (n° ${announceSeq}).`);
    // The chart drawing is hidden from screen readers (its data is a table): nothing in it takes focus.
    expect(await focusableInHiddenCharts(page)).toEqual([]);

    // Inject an incident to one trainee: it lands in Chloé's queue only.
    const queued = Number(await cellText(page, 'Chloé Bernard', 0));
    const brunoQueued = await cellText(page, 'Bruno Lefèvre', 0);
    await page.getByLabel('Incident', { exact: true }).selectOption('printer-spooler-stuck');
    await page.locator('#inject-to').selectOption({ label: 'Chloé Bernard' });
    await page.getByRole('button', { name: 'Injecter' }).click();
    await expect.poll(() => cellText(page, 'Chloé Bernard', 0), { timeout: 10_000 }).toBe(String(queued + 1));
    expect(await cellText(page, 'Bruno Lefèvre', 0)).toBe(brunoQueued);
    await chloe.deskWhen((u) => u.view.desk.contacts.some((c) => c.id.includes('-X')));

    // A trainee's desk, read-only, with the hidden truth beside each ticket.
    await page.getByRole('button', { name: 'Alice Martin' }).click();
    await expect.poll(() => page.locator('#trainee-desk').innerText(), { timeout: 10_000 }).toContain('Attendu');
    expect(await page.locator('#desk-title').innerText()).toBe("Poste d'Alice Martin");
    const deskText = await page.locator('#trainee-desk').innerText();
    for (const raw of RAW_IDS) expect(deskText).not.toMatch(raw);
    // One empty marker ("—", never "— –"), the ticket type as a label, every header cell named.
    expect(deskText).not.toMatch(/[—–]\s*–/);
    expect(deskText).toMatch(/Type\s+Incident/);
    expect(await page.locator('#trainee-desk th').evaluateAll((ths) => ths.filter((th) => !(th.textContent ?? '').trim()).length)).toBe(0);
    // The selected row's name stays readable on its highlight (axe color-contrast: 4.5:1).
    expect(await contrastOf(page, 'table.board tbody tr.selected .linklike')).toBeGreaterThanOrEqual(4.5);
    if (SHOTS) { mkdirSync(SHOTS, { recursive: true }); await page.screenshot({ path: join(SHOTS, 'live-board.png') }); }

    // An evaluator watching the session sees its status change without reloading, and only the status:
    // the page must not join the staff feed (every staff push) for that.
    const evalCtx = await browser.newContext({ viewport: { width: 1280, height: 720 }, locale: 'fr-FR' });
    const evalPage = await evalCtx.newPage();
    const evalFrames: string[] = [];
    evalPage.on('websocket', (ws) => {
      ws.on('framesent', (f) => evalFrames.push(`sent ${String(f.payload)}`));
      ws.on('framereceived', (f) => evalFrames.push(`received ${String(f.payload)}`));
    });
    await signIn(evalPage, 'evaluateur');
    await evalPage.getByRole('heading', { name: 'Sessions à évaluer' }).waitFor();
    await evalPage.goto(`${srv.url}/#/sessions/${sessionId}/exports`);
    await expect.poll(() => evalPage.locator('.eval-head h1').innerText(), { timeout: 10_000 }).toContain('En cours');
    expect(await evalPage.locator('.eval-head h1').innerText()).toBe(`${SESSION_NAME} · ${demoTitle} · Formation · En cours · ${sessionId}`);

    // Chloé is still on her first call (she never hung up): the board shows it in progress, until the drill stops.
    expect(await cellText(page, 'Chloé Bernard', 8)).not.toBe('—');
    await page.getByRole('button', { name: 'Arrêter' }).click();
    await expect.poll(() => focused(page), { timeout: 5_000 }).toBe('BUTTON:Annuler');
    await page.keyboard.press('Enter');
    await expect.poll(() => focused(page), { timeout: 5_000 }).toBe('BUTTON:Arrêter');
    await page.getByRole('button', { name: 'Arrêter' }).click();
    await page.getByRole('button', { name: 'Oui, arrêter' }).click();
    await expect.poll(() => page.getByTestId('session-status').innerText(), { timeout: 10_000 }).toBe('Terminée');
    await expect.poll(() => focused(page), { timeout: 5_000 }).not.toMatch(/^BODY/);
    // The stop ended every call: no one is shown « en cours » on a call with a frozen clock.
    for (const name of ['Alice Martin', 'Bruno Lefèvre', 'Chloé Bernard']) expect(await cellText(page, name, 8), name).toBe('—');
    // Nothing can be injected, announced or sent any more: a one-line note stands where the interventions were.
    await page.getByRole('button', { name: 'Fermer' }).click();
    await page.locator('#actions-closed').waitFor();
    // Closing the desk gives the focus back to the name that opened it.
    await expect.poll(() => focused(page), { timeout: 5_000 }).toBe('BUTTON:Alice Martin');
    expect(await page.locator('#actions-closed').innerText()).toBe("L'exercice est terminé\u202f: plus d'intervention possible.");
    expect(await page.getByRole('heading', { name: 'Interventions' }).count()).toBe(0);
    expect(await page.locator('.console-side').getByRole('textbox').count()).toBe(0);
    await expect.poll(() => evalPage.locator('.eval-head h1').innerText(), { timeout: 10_000 }).toContain('Terminée');
    expect(evalFrames.filter((f) => /^sent \d*\["session:watch"/.test(f)).length).toBeGreaterThan(0);
    expect(evalFrames.filter((f) => /"(session:join|staff:update)"/.test(f))).toEqual([]);
    const inStaffRoom = (await srv.app.io.in(staffRoom(sessionId)).fetchSockets()).map((x) => x.data.user.username);
    expect(inStaffRoom).toContain('formateur');
    expect(inStaffRoom).not.toContain('evaluateur');
    await evalCtx.close();

    // Leaving the console for the session list takes the trainer's socket out of the session's staff room (else every
    // staff push keeps coming), and a reconnect afterwards does not join it again: back on the console, the new
    // connection carries that console's join only.
    const trainerSent: string[][] = [];
    page.on('websocket', (ws) => { const frames: string[] = []; trainerSent.push(frames); ws.on('framesent', (f) => frames.push(String(f.payload))); });
    const staffRoomUsers = async () => (await srv.app.io.in(staffRoom(sessionId)).fetchSockets()).map((x) => x.data.user.username);
    await page.getByRole('link', { name: 'Sessions', exact: true }).click();
    await page.getByRole('heading', { name: 'Nouvelle session' }).waitFor();
    await expect.poll(staffRoomUsers, { timeout: 10_000 }).not.toContain('formateur');
    const trainerSockets = () => [...srv.app.io.of('/').sockets.values()].filter((x) => x.data.user.username === 'formateur');
    expect(trainerSockets()).toHaveLength(1);
    const dropped = trainerSockets()[0]!.id;
    trainerSockets()[0]!.conn.close(); // a network drop: the client reconnects by itself
    await expect.poll(() => trainerSockets().map((x) => x.id).filter((id) => id !== dropped).length, { timeout: 15_000 }).toBe(1);
    await page.goBack();
    await expect.poll(() => page.getByTestId('session-status').innerText(), { timeout: 10_000 }).toBe('Terminée');
    await expect.poll(staffRoomUsers, { timeout: 10_000 }).toContain('formateur');
    expect(trainerSent).toHaveLength(1);
    expect(trainerSent[0]!.filter((f) => /^\d*\["session:join"/.test(f))).toHaveLength(1);
    expect(await page.evaluate(() => performance.getEntriesByType('navigation').length)).toBe(1);
    await ctx.close();
  }, 240_000);

  it('an evaluator replays the session, jumps to an action, sees its evidence, overrides a criterion with a comment and exports CSV and xAPI', async () => {
    expect(sessionId).not.toBe('');
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 720 }, locale: 'fr-FR', acceptDownloads: true });
    const page = await ctx.newPage();
    await signIn(page, 'evaluateur');
    await page.getByRole('heading', { name: 'Sessions à évaluer' }).waitFor();
    // The session list names the session, then the drill it runs.
    expect(await page.locator(`tr[data-session="${sessionId}"] th`).innerText()).toBe(`${SESSION_NAME}\n${demoTitle} · ${sessionId}`);
    await page.locator(`tr[data-session="${sessionId}"]`).getByRole('link', { name: `Relecture — ${SESSION_NAME}` }).click();
    await page.waitForURL(/\/replay/);

    // Alice's log and its scored actions, as the API serves them to staff.
    await page.getByLabel('Stagiaire', { exact: true }).selectOption({ label: 'Alice Martin' });
    const log = await (await page.request.get(`${srv.url}/api/sessions/${sessionId}/replay/log?traineeId=${aliceId}`)).json() as { events: SessionEvent[]; evidence: Record<string, Evidence[]> };
    const qualify = log.events.find((e) => e.type === 'ticket.qualified' && (log.evidence[e.seq] ?? []).length > 0)!;
    expect(qualify).toBeDefined();
    const evidence = log.evidence[qualify.seq]!;

    // The replay filter: with Bruno selected, the box of the current event never shows Alice's events.
    await page.getByLabel('Stagiaire', { exact: true }).selectOption({ label: 'Bruno Lefèvre' });
    await page.getByLabel('Aller au n°').fill(String(qualify.seq));
    await page.getByRole('button', { name: 'Aller', exact: true }).click();
    await expect.poll(() => page.getByTestId('replay-position').innerText(), { timeout: 10_000 }).toContain(`n° ${qualify.seq} /`);
    await expect.poll(async () => (await page.getByTestId('current-event').count()) ? page.getByTestId('current-event').innerText() : '', { timeout: 10_000 }).not.toContain('Alice Martin');
    // The whole log names people and catalogue entries, never user or fact ids.
    await page.getByLabel('Stagiaire', { exact: true }).selectOption({ label: 'Tous les stagiaires' });
    await expect.poll(() => page.locator('.replay-log').innerText(), { timeout: 10_000 }).toContain('Formateur Sophie Formatrice');
    await page.getByLabel('Stagiaire', { exact: true }).selectOption({ label: 'Alice Martin' });

    // Jump straight to that action by its sequence number.
    await page.getByLabel('Aller au n°').fill(String(qualify.seq));
    await page.getByRole('button', { name: 'Aller', exact: true }).click();
    await expect.poll(() => page.getByTestId('replay-position').innerText(), { timeout: 10_000 }).toContain(`n° ${qualify.seq} /`);
    const current = page.getByTestId('current-event');
    await expect.poll(() => current.innerText(), { timeout: 10_000 }).toContain('qualification');
    for (const ev of evidence) {
      await expect.poll(() => current.innerText(), { timeout: 10_000 }).toContain(ev.criterionId);
      expect(await current.innerText()).toContain(frenchTypography(ev.explanation.fr));
    }
    // Explanations keep French typography: no plain space before ; : ! ? » nor after «.
    expect((await page.locator('.ev-chip').allInnerTexts()).filter((x) => / [;:!?»]|« /.test(x))).toEqual([]);
    // The ticket as it was at that point, with the truth beside it.
    const ticketId = (qualify.payload as { ticketId: string }).ticketId;
    await expect.poll(() => page.locator('.ticket-card.focused').innerText(), { timeout: 10_000 }).toContain(ticketId);
    expect(await page.locator('.ticket-card.focused').innerText()).toContain('Attendu');
    const replayText = `${await page.locator('.replay-log').innerText()}\n${await page.locator('.replay-state').innerText()}`;
    for (const raw of RAW_IDS) expect(replayText).not.toMatch(raw);
    expect(replayText).not.toMatch(/\d\.\d+\/\d/); // "0.5/1": French decimal comma
    if (SHOTS) await page.screenshot({ path: join(SHOTS, 'replay.png') });

    // Walking the scored actions: at the last one the button cannot be used but keeps the focus.
    const nextScored = page.getByRole('button', { name: 'Action notée suivante ▶' });
    await nextScored.focus();
    for (let i = 0; i < 200 && (await nextScored.getAttribute('aria-disabled')) !== 'true' && !(await nextScored.evaluate((b: HTMLButtonElement) => b.disabled)); i++) {
      const before = await page.getByTestId('replay-position').innerText();
      await page.keyboard.press('Enter');
      await expect.poll(() => page.getByTestId('replay-position').innerText(), { timeout: 10_000 }).not.toBe(before);
    }
    expect(await nextScored.evaluate((b: HTMLButtonElement) => b.disabled)).toBe(false); // natively disabled would drop the focus to <body>
    expect(await nextScored.getAttribute('aria-disabled')).toBe('true');
    expect(await focused(page)).toBe('BUTTON:Action notée suivante ▶');
    const atLast = await page.getByTestId('replay-position').innerText();
    await page.keyboard.press('Enter'); // ignored
    expect(await page.getByTestId('replay-position').innerText()).toBe(atLast);
    // Evidence colours stay readable on the current row's highlight.
    await page.locator('.event-list li.current').waitFor();
    for (const cls of ['ev-chip ev-good', 'ev-chip ev-mid', 'ev-chip ev-bad']) expect(await contrastOf(page, '.event-list li.current', cls), cls).toBeGreaterThanOrEqual(4.5);

    // Scrubbing back before the qualification shows the ticket unqualified.
    await page.getByLabel('Aller au n°').fill(String(qualify.seq - 1));
    await page.getByRole('button', { name: 'Aller', exact: true }).click();
    await expect.poll(() => page.getByTestId('replay-position').innerText(), { timeout: 10_000 }).toContain(`n° ${qualify.seq - 1} /`);
    await page.getByLabel('Aller au n°').fill(String(qualify.seq));
    await page.getByRole('button', { name: 'Aller', exact: true }).click();
    await expect.poll(() => page.getByTestId('replay-position').innerText(), { timeout: 10_000 }).toContain(`n° ${qualify.seq} /`);

    // From the evidence to the grid: override the criterion with a comment.
    const criterionId = evidence[0]!.criterionId;
    await current.getByRole('link', { name: 'voir dans la grille' }).first().click();
    await page.waitForURL(/\/grid/);
    const row = page.locator(`tr[data-criterion="${criterionId}"]`);
    await row.waitFor();
    const before = await (await page.request.get(`${srv.url}/api/sessions/${sessionId}/grid`)).json() as GridData;
    const cellBefore = before.rows.find((r) => r.traineeId === aliceId)!.cells.find((c) => c.criterionId === criterionId)!;
    expect(cellBefore.evidence.some((e) => e.eventSeq === qualify.seq)).toBe(true);
    expect(await row.locator(`a[data-seq="${qualify.seq}"]`).count()).toBeGreaterThan(0); // evidence links into the replay
    const computed = cellBefore.computed!;
    const chosen = computed === 'not_acquired' ? 'in_progress' : 'not_acquired';
    const label = { acquired: 'acquis', in_progress: "en cours d'acquisition", not_acquired: 'non acquis' }[chosen];
    const comment = 'Qualification correcte mais posée sans vérifier l\'étendue ; « à revoir » en entretien.';
    // Cancelling the form takes focus back to its "Juger" button; opening it focuses its first field.
    await row.getByRole('button', { name: `Juger le critère ${criterionId}` }).click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.closest('form.judge-form') !== null), { timeout: 5_000 }).toBe(true);
    await row.getByRole('button', { name: 'Annuler' }).click();
    await expect.poll(() => focused(page), { timeout: 5_000 }).toBe('BUTTON:Juger');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.type), { timeout: 5_000 }).toBe('radio');
    // Escape cancels it too, from any field, with focus back on "Juger"; Enter opens it again.
    await page.keyboard.press('Tab'); // out of the radio group, into the comment
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('TEXTAREA');
    await page.keyboard.press('Escape');
    await expect.poll(() => row.locator('form.judge-form').count(), { timeout: 5_000 }).toBe(0);
    await expect.poll(() => focused(page), { timeout: 5_000 }).toBe('BUTTON:Juger');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.type), { timeout: 5_000 }).toBe('radio');
    await row.getByLabel(label, { exact: true }).check();
    await row.getByLabel('Commentaire (obligatoire)').fill(comment);
    await row.getByRole('button', { name: 'Enregistrer la modification' }).click();
    await expect.poll(() => row.getByTestId('judgement').innerText(), { timeout: 10_000 }).toContain(comment);
    expect(await row.getByTestId('judgement').innerText()).toContain('modifié');
    await expect.poll(() => focused(page), { timeout: 5_000 }).toBe('BUTTON:Juger');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe(`Juger le critère ${criterionId}`);
    // The saved line is translated when shown: it follows a language switch.
    const savedFr = await statusLine(page);
    expect(savedFr).toMatch(new RegExp(`^${criterionId}\u202f: avis «\u202f${label}\u202f» enregistré \\(n° \\d+\\)\\.$`));
    const savedSeq = /n° (\d+)/.exec(savedFr)![1];
    await switchLanguage(page, 'EN');
    await expect.poll(() => statusLine(page), { timeout: 5_000 }).toBe(`${criterionId}: “${label.replace("en cours d'acquisition", 'in progress').replace('non acquis', 'not acquired')}” saved (no. ${savedSeq}).`);
    await switchLanguage(page, 'FR');
    await expect.poll(() => statusLine(page), { timeout: 5_000 }).toBe(savedFr);
    expect(await page.locator('.grid-page').innerText()).not.toMatch(/\d\.\d+ ?\/ ?\d/); // scores like "5.83 / 9" or "0.5/1"
    expect(await row.getByTestId('judgement').innerText()).toContain('Marc Évaluateur');
    const after = await (await page.request.get(`${srv.url}/api/sessions/${sessionId}/grid`)).json() as GridData;
    const cellAfter = after.rows.find((r) => r.traineeId === aliceId)!.cells.find((c) => c.criterionId === criterionId)!;
    expect(cellAfter.computed).toBe(computed); // the computed value is kept
    expect(cellAfter.judgement).toMatchObject({ level: chosen, comment, confirmed: false });
    expect(cellAfter.final).toBe(chosen);
    const stored = await srv.app.store.readLog(sessionId, 0, 100_000);
    expect(stored.filter((e) => e.type === 'grid.overridden').map((e) => e.payload)).toEqual([{ traineeId: aliceId, criterionId, level: chosen, comment }]);
    if (SHOTS) {
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({ path: join(SHOTS, 'competency-grid.png') });
      await page.getByRole('link', { name: 'Comparaison' }).click();
      await page.getByRole('heading', { name: 'Vue d\'ensemble' }).waitFor();
      await page.screenshot({ path: join(SHOTS, 'comparison.png') });
      // Back to the grid, so the comparison below opens afresh and lists the session created for it.
      await page.getByRole('link', { name: 'Grille de compétences' }).click();
      const report = await ctx.newPage();
      await report.goto(`${srv.url}/api/sessions/${sessionId}/report/${aliceId}`);
      await report.screenshot({ path: join(SHOTS, 'report.png'), fullPage: false });
      await report.pdf?.({ path: join(SHOTS, 'report.pdf'), format: 'A4' }).catch(() => undefined);
      await report.close();
    }

    // Comparison: another session of the same drill is offered by its date, not by its id alone.
    const { classroomId } = (await srv.app.store.getSession(sessionId))!;
    const other = await http<{ id: string; createdAt: number }>(srv.url, 'POST', '/api/sessions', { cookie: trainerCookie, body: { classroomId, drillId: 'demo-short', speed: 10, name: 'TAI 2026 — examen blanc' } });
    const createdFr = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'short', timeStyle: 'short' }).format(new Date(other.body.createdAt));
    await page.getByRole('link', { name: 'Comparaison' }).click();
    await page.getByRole('heading', { name: 'Vue d\'ensemble' }).waitFor();
    // The candidates come with their own request after the overview: wait for them.
    await expect.poll(() => page.getByRole('checkbox').evaluateAll((cs) => cs.map((c) => (c.closest('label')?.textContent ?? '').trim())), { timeout: 10_000 })
      .toEqual([`TAI 2026 — examen blanc · ${createdFr} · En préparation · 3 stagiaires (${other.body.id})`]);
    // Per criterion, the code comes with what it judges, in the reader's language (the wording the grid shows).
    const critHeader = page.locator('section[aria-labelledby="cmp-criteria"] tbody th').filter({ has: page.locator('.cid', { hasText: new RegExp(`^${criterionId}$`) }) });
    const wording = after.criteria[criterionId]!;
    await expect.poll(() => critHeader.innerText(), { timeout: 10_000 }).toBe(`${criterionId}\n${frenchTypography(wording.official)}`);
    await switchLanguage(page, 'EN');
    await expect.poll(() => critHeader.innerText(), { timeout: 5_000 }).toBe(`${criterionId}\n${wording.en}`);
    await switchLanguage(page, 'FR');
    // The chart takes no focus, its axis uses the French decimal comma and unit spacing.
    await page.locator('figure.chart svg text').first().waitFor({ state: 'attached' });
    expect(await focusableInHiddenCharts(page)).toEqual([]);
    const axisText = () => page.locator('figure.chart').evaluate((el) => [...el.querySelectorAll('svg text')].map((x) => x.textContent).join(' | '));
    await expect.poll(axisText, { timeout: 10_000 }).toMatch(/\d\u202fmin/);
    const axes = await axisText();
    expect(axes).not.toMatch(/\d\.\d|\dmin/);

    // Exports: the files a browser downloads.
    await page.getByRole('link', { name: 'Exports' }).click();
    await expect.poll(() => page.getByRole('link', { name: "Bilan d'Alice Martin" }).count(), { timeout: 10_000 }).toBe(1);
    // The xAPI file is explained in the app's words (what it holds, where it goes), not by a path in the source tree.
    const xapiHelp = await page.locator(`#${await page.getByTestId('export-xapi').getAttribute('aria-describedby')}`).innerText();
    expect(xapiHelp).toContain('LRS');
    expect(xapiHelp).toContain('par action notée');
    expect(xapiHelp).not.toMatch(/docs\/|\.md\b/);
    // The printable report follows the reader's language.
    const reportIn = async (name: string) => (await page.request.get(srv.url + (await page.getByRole('link', { name }).getAttribute('href'))!)).text();
    const sessionLine = `${SESSION_NAME} <span class="muted">(${sessionId})</span>`;
    expect(await reportIn("Bilan d'Alice Martin")).toContain('<h1>Bilan individuel de mise en situation professionnelle</h1>');
    expect(await reportIn("Bilan d'Alice Martin")).toContain(`<dt>Session\u202f:</dt><dd>${sessionLine}</dd>`);
    await switchLanguage(page, 'EN');
    expect(await reportIn('Report for Alice Martin')).toContain('<h1>Individual report on a simulated work situation</h1>');
    expect(await reportIn('Report for Alice Martin')).toContain(`<dt>Session:</dt><dd>${sessionLine}</dd>`);
    await switchLanguage(page, 'FR');
    const [csvDl] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
    expect(csvDl.suggestedFilename()).toBe(`deskdrill-${sessionId}-scores.csv`);
    const csvBytes = readFileSync((await csvDl.path())!);
    expect([...csvBytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csvText = csvBytes.toString('utf8');
    expect(csvText).toContain('\r\n');
    const rows = parseCsv(csvText);
    expect(rows[0]).toEqual([...CSV_COLUMNS]);
    const col = (n: (typeof CSV_COLUMNS)[number]) => CSV_COLUMNS.indexOf(n);
    const mine = rows.find((r) => r[col('stagiaire_id')] === aliceId && r[col('critere')] === criterionId)!;
    expect(mine[col('stagiaire')]).toBe('Alice Martin');
    expect(mine[col('niveau_evaluateur')]).toBe(label);
    expect(mine[col('niveau_retenu')]).toBe(label);
    expect(mine[col('commentaire_evaluateur')]).toBe(comment);
    expect(mine[col('sequences_preuves')]!.split(' ')).toContain(String(qualify.seq));
    const traineeIds = new Set(rows.slice(1).map((r) => r[col('stagiaire_id')]));
    expect(traineeIds.size).toBe(3);

    const [xDl] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-xapi').click()]);
    expect(xDl.suggestedFilename()).toBe(`deskdrill-${sessionId}-xapi.json`);
    const statements = JSON.parse(readFileSync((await xDl.path())!, 'utf8')) as { id: string; actor: { account: { name: string } }; verb: { id: string }; object: { id: string }; result: { score: { raw: number; max: number; scaled: number } }; timestamp: string; context: { extensions: Record<string, unknown> } }[];
    const allEvidence = after.rows.flatMap((r) => r.cells.flatMap((c) => c.evidence));
    expect(statements).toHaveLength(allEvidence.length);
    expect(new Set(statements.map((s) => s.id)).size).toBe(statements.length);
    const st = statements.find((s) => s.context.extensions['https://deskdrill.example/xapi/extensions/event-seq'] === qualify.seq && s.object.id.endsWith(`/criteria/${criterionId}`))!;
    expect(st.actor.account.name).toBe(aliceId);
    expect(st.verb.id).toBe('http://adlnet.gov/expapi/verbs/scored');
    expect(st.object.id).toBe(`https://deskdrill.example/criteria/${criterionId}`);
    expect(Number.isNaN(Date.parse(st.timestamp))).toBe(false);

    // Staff only: a trainee cannot download the exports.
    const aliceCookie = await login(srv.url, 'alice');
    expect((await http(srv.url, 'GET', `/api/sessions/${sessionId}/export.csv`, { cookie: aliceCookie })).status).toBe(403);
    expect((await http(srv.url, 'GET', `/api/sessions/${sessionId}/replay?seq=5`, { cookie: trainerCookie })).status).toBe(200);
    await ctx.close();
  }, 180_000);

  it('a trainer cancels a session created by mistake: its console, the session list and its empty replay and grid say « Annulée », trainees are not offered it', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 720 }, locale: 'fr-FR' });
    const page = await ctx.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await signIn(page, 'formateur');
    await page.getByRole('heading', { name: 'Nouvelle session' }).waitFor();
    const status = () => page.getByTestId('session-status').innerText();

    // The tests above leave sessions of Alice's class open (the comparison's is still planned): cancel them, so she
    // waits for none.
    const cleaner = await connect(srv.url, trainerCookie);
    clients.push(cleaner);
    for (const s of await srv.app.store.listSessions({ classroomIds: [classroomId] })) {
      if (s.status !== 'stopped') expect((await cleaner.control(s.id, { type: 'session.stop' })).ok).toBe(true);
    }

    // Alice waits for a drill; a session is planned for her class and her desk opens on it.
    const tctx = await browser.newContext({ viewport: { width: 1280, height: 720 }, locale: 'fr-FR' });
    const tpage = await tctx.newPage();
    tpage.on('pageerror', (e) => errors.push(e.message));
    await signIn(tpage, 'alice');
    await tpage.getByText("Aucune session n'est ouverte pour vous.", { exact: false }).waitFor();
    const planned = await http<{ id: string }>(srv.url, 'POST', '/api/sessions', { cookie: trainerCookie, body: { classroomId, drillId: otherDrill.id } });
    expect(planned.status).toBe(201);
    await tpage.getByText("La permanence n'a pas encore commencé", { exact: false }).waitFor();

    // It is cancelled from elsewhere (another trainer's console) while this one writes a message:
    // the interventions give way to a note, and the focus goes to it rather than to the page.
    await page.goto(`${srv.url}/#/sessions/${planned.body.id}`);
    await expect.poll(status, { timeout: 10_000 }).toBe('En préparation');
    await page.getByLabel('Texte du message').fill('Démarrage dans cinq minutes.');
    expect(await focused(page)).toBe('TEXTAREA:Démarrage dans cinq minutes.');
    const otherConsole = await connect(srv.url, trainerCookie);
    clients.push(otherConsole);
    expect((await otherConsole.control(planned.body.id, { type: 'session.stop' })).ok).toBe(true);
    await expect.poll(status, { timeout: 10_000 }).toBe('Annulée');
    await expect.poll(() => focused(page), { timeout: 5_000 }).toBe('P:La session a été annulée\u202f: aucune intervention possible.');
    // Alice is told it will not take place, with no end-of-shift summary of a shift that did not happen.
    await tpage.getByText("Le formateur a annulé cette session avant de la démarrer", { exact: false }).waitFor();
    expect(await tpage.getByTestId('session-status').innerText()).toBe('Annulée');
    expect(await tpage.getByTestId('shift-summary').count()).toBe(0);

    // The usual case: created by mistake from the form, cancelled from its console with the confirmation « Arrêter » has.
    await page.getByRole('link', { name: 'Sessions', exact: true }).click();
    await page.getByRole('heading', { name: 'Nouvelle session' }).waitFor();
    await expect.poll(() => page.getByText(/3 stagiaires/).count(), { timeout: 10_000 }).toBe(1);
    await page.getByLabel('Exercice').selectOption(otherDrill.id);
    await page.getByRole('button', { name: 'Créer la session' }).click();
    await page.waitForURL(/#\/sessions\/ses_/);
    const id = /#\/sessions\/([^/?]+)/.exec(page.url())![1]!;
    await expect.poll(status, { timeout: 10_000 }).toBe('En préparation');
    await page.getByRole('heading', { name: 'Interventions' }).waitFor();
    await page.getByRole('button', { name: 'Annuler la session' }).click();
    await expect.poll(() => focused(page), { timeout: 5_000 }).toBe('BUTTON:Non, la garder');
    await page.keyboard.press('Enter');
    await expect.poll(() => focused(page), { timeout: 5_000 }).toBe('BUTTON:Annuler la session');
    expect(await status()).toBe('En préparation');
    await page.keyboard.press('Enter');
    await expect.poll(() => focused(page), { timeout: 5_000 }).toBe('BUTTON:Non, la garder');
    await page.getByRole('button', { name: 'Oui, annuler la session' }).click();
    await expect.poll(status, { timeout: 10_000 }).toBe('Annulée');
    await expect.poll(() => focused(page), { timeout: 5_000 }).toBe('SPAN:Annulée');
    await expect.poll(() => statusLine(page), { timeout: 5_000 }).toMatch(/^Annulation\u202f: action enregistrée \(n° 2\)\.$/);
    expect(await srv.app.store.getSession(id)).toMatchObject({ status: 'stopped', cancelled: true });
    // Nothing is left to do with it: no start, speed or stop, and a note instead of the interventions.
    for (const name of ['Démarrer', 'Appliquer', 'Annuler la session', 'Arrêter']) expect(await page.getByRole('button', { name, exact: true }).count(), name).toBe(0);
    expect(await page.getByRole('heading', { name: 'Interventions' }).count()).toBe(0);
    expect(await page.locator('#actions-closed').innerText()).toBe('La session a été annulée\u202f: aucune intervention possible.');

    // The session list says so; its replay and grid open on an empty log without an error.
    await page.getByRole('link', { name: 'Sessions', exact: true }).click();
    const row = page.locator(`tr[data-session="${id}"]`);
    await row.filter({ hasText: 'Annulée' }).waitFor();
    await row.getByRole('link', { name: /^Relecture/ }).click();
    await page.waitForURL(/\/replay/);
    await expect.poll(() => page.getByTestId('replay-position').innerText(), { timeout: 10_000 }).toContain('n° 2 / 2');
    expect(await page.getByTestId('eval-session-meta').innerText()).toContain('Annulée');
    // Its stop cancelled it (it never started): the whole log (a trainee's has no session events) says so, not « exercice terminé ».
    await page.getByLabel('Stagiaire', { exact: true }).selectOption({ label: 'Tous les stagiaires' });
    await expect.poll(() => page.locator('.event-list li').count(), { timeout: 10_000 }).toBe(2);
    expect(await page.locator('.event-list li').last().innerText()).toMatch(/— session annulée$/);
    // Without a name, the header reads as before names existed: the drill's title first.
    expect(await page.locator('.eval-head h1').innerText()).toBe(`${otherDrill.title.fr} · ${otherDrill.mode === 'exam' ? 'Examen' : 'Formation'} · Annulée · ${id}`);
    await page.getByRole('link', { name: 'Grille de compétences' }).click();
    await page.waitForURL(/\/grid/);
    await expect.poll(() => page.getByText('Aucun critère évalué pour ce stagiaire.').count(), { timeout: 10_000 }).toBeGreaterThan(0);
    await ctx.close();

    // Alice leaves it: she has nothing to review of drills that did not take place, her page does not offer them.
    await tpage.getByRole('button', { name: 'Changer de session' }).click();
    await tpage.getByText("Aucune session n'est ouverte pour vous.", { exact: false }).waitFor();
    expect(await tpage.getByRole('button').filter({ hasText: otherDrill.title.fr }).count()).toBe(0);
    expect(errors).toEqual([]);
    await tctx.close();
  }, 120_000);
});
