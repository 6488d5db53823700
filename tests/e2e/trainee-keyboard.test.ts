/**
 * Keyboard focus on the trainee desk, in real headless Chromium against the
 * real server: a trainee who presses Enter on a control must not lose focus
 * to <body> (the next Tab would restart at the skip link). Focus stays on the
 * pressed control when it stays on screen, or moves to the content that
 * replaced it. While the trainer pauses or once he stops the drill, the actions the server would
 * refuse are shown unavailable (aria-disabled, with a visible reason) instead
 * of failing after the press. A toast never takes the focus; focused, it
 * stays, and Escape dismisses it, focus going back where it came from.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { logInDemoTrainee, openDeskBrowser, withFailureScreenshot, type DeskServer } from './trainee-harness.js';

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

const tab = (name: string | RegExp) => page.getByRole('tab', { name });
const button = (name: string | RegExp, exact = false) => page.getByRole('button', { name, exact });

interface Focused { tag: string; id: string; text: string; ariaDisabled: string | null }
const focused = () => page.evaluate((): Focused => {
  const a = document.activeElement as HTMLElement | null;
  return { tag: a?.tagName ?? '', id: a?.id ?? '', text: (a?.textContent ?? '').trim().replace(/\s+/g, ' '), ariaDisabled: a?.getAttribute('aria-disabled') ?? null };
});

/** Keyboard only: focus the control (as Tab would) and press Enter. */
async function enter(control: Locator) {
  await control.focus();
  await page.keyboard.press('Enter');
}

/** After the action's visible effect and a short settle, focus is where expected (never <body>). */
async function expectFocus(what: string, check: (f: Focused) => boolean) {
  await page.waitForTimeout(250);
  const f = await focused();
  expect(f.tag, `${what}: focus fell to <body>`).not.toBe('BODY');
  expect(check(f), `${what}: focus is on ${JSON.stringify(f)}`).toBe(true);
}
const onButton = (text: string | RegExp) => (f: Focused) => f.tag === 'BUTTON' && (typeof text === 'string' ? f.text.includes(text) : text.test(f.text));
const onId = (id: string) => (f: Focused) => f.id === id;

async function expectStatus(text: string) {
  await page.getByTestId('ticket-status').filter({ hasText: new RegExp(`^${text}$`) }).waitFor();
}

async function play() {
  // A failed sign-in leaves focus on the form (the button), with the error announced.
  await page.goto(server.app.url);
  await page.getByLabel('Identifiant').fill('stagiaire1');
  await page.getByLabel('Mot de passe').fill('not-the-password');
  await page.getByRole('button', { name: 'Se connecter' }).press('Enter');
  await page.getByRole('alert').waitFor();
  await expectFocus('failed sign-in', onButton('Se connecter'));
  await logInDemoTrainee(page, server);
  await server.trainerCommand({ type: 'session.start' });
  await page.getByTestId('incoming-contact').filter({ hasText: 'Nadia Benali' }).waitFor();

  await enter(button('Décrocher — Nadia Benali'));
  await page.waitForFunction(() => document.activeElement?.id === 'work-area');

  // --- the call: buttons that stay on screen keep the focus
  await enter(button('Saluer et se présenter'));
  await page.getByTestId('transcript').getByText('Centre de services, bonjour').waitFor();
  await expectFocus('greet', onButton('Saluer et se présenter'));

  // The conversation scrolls on its own: a keyboard user can reach it (named, with a visible focus ring) to scroll it.
  const transcript = page.getByRole('list', { name: 'Conversation', exact: true });
  expect.soft(await transcript.getAttribute('tabindex'), 'transcript is not focusable').toBe('0');
  await transcript.focus();
  expect.soft(await transcript.evaluate((el) => el === document.activeElement && getComputedStyle(el).outlineStyle !== 'none'), 'transcript has no focus ring').toBe(true);

  await enter(button("Vérifier l'identité"));
  await page.locator('[aria-pressed="true"]').filter({ hasText: "Vérifier l'identité" }).waitFor();
  await expectFocus('identity', onButton("Vérifier l'identité"));

  await page.getByLabel('Script de questionnement').selectOption('q-describe-problem');
  await enter(button('Poser', true).first());
  await page.getByTestId('facts').locator('li').first().waitFor();
  await expectFocus('ask', onButton('Poser'));
  // The question list was emptied: the button says it is unavailable, to screen readers too.
  expect((await focused()).ariaDisabled).toBe('true');

  // --- "Créer et prendre en charge": the form goes away, focus moves to the new ticket's heading
  await page.getByLabel('Titre du ticket').fill("Impressions bloquées dans la file d'attente");
  await enter(button('Créer et prendre en charge'));
  await page.getByTestId('queue-ticket').filter({ hasText: 'INC-0001' }).filter({ hasText: 'En cours' }).waitFor();
  await expectFocus('create ticket', (f) => f.id === 'ticket-heading' && f.text.includes('INC-0001'));

  // --- qualification keeps the focus on its button
  await tab(/^Ticket/).and(page.locator('[aria-selected="true"]')).waitFor();
  await page.getByLabel('Catégorie').selectOption('impression');
  await page.getByLabel('Impact').selectOption('low');
  await page.getByLabel('Urgence').selectOption('medium');
  await enter(button('Qualifier le ticket'));
  await page.getByTestId('ticket-header').getByTestId('priority-badge').filter({ hasText: 'P4' }).waitFor();
  await expectFocus('qualify', onButton(/Qualifier|Requalifier/));

  // --- the header's "Escalader…" opens the escalation tab and lands on its form
  await enter(page.getByTestId('ticket-header').getByRole('button', { name: 'Escalader…' }));
  await tab('Escalade').and(page.locator('[aria-selected="true"]')).waitFor();
  await expectFocus('header escalate', onId('esc-title'));
  // On its own tab the shortcut is no dead end: it is not offered.
  expect(await page.getByTestId('ticket-header').getByRole('button', { name: 'Escalader…' }).count()).toBe(0);

  // Inform the user: the message box is emptied, the button stays focused
  await page.getByTestId('inform-message').fill('Je regarde votre problème et je vous tiens informée.');
  await enter(button('Envoyer'));
  await page.getByTestId('inform-message').and(page.locator(':placeholder-shown')).waitFor();
  await expectFocus('inform', onButton('Envoyer'));

  // --- KB: open a result → the article's title; apply → stays; back → the result that was opened
  await tab('Connaissances').click();
  await page.getByLabel('Rechercher un article').fill("file d'attente bloquee");
  // Enter on the search button: it is unavailable while the results load, yet keeps the focus.
  await enter(page.getByRole('search').getByRole('button', { name: 'Rechercher', exact: true }));
  await page.getByTestId('kb-results').waitFor();
  await expectFocus('KB search', onButton('Rechercher'));
  await enter(page.getByTestId('kb-results').getByRole('button', { name: /KB-0001/ }));
  await page.getByTestId('kb-article').waitFor();
  await expectFocus('open KB article', onId('kb-article-title'));
  await enter(button('Appliquer ce correctif à INC-0001'));
  await button('Correctif appliqué à INC-0001').waitFor();
  await expectFocus('apply fix', onButton('Correctif appliqué à INC-0001'));
  await enter(button('← Retour aux résultats'));
  await page.getByTestId('kb-results').waitFor();
  await expectFocus('back to KB results', onButton('KB-0001'));

  // --- inventory: open a record → its title; back → the record that was opened
  await tab('Parc').click();
  await page.getByLabel('Rechercher un équipement').fill('pc-lyo-0118');
  await page.getByLabel('Rechercher un équipement').press('Enter');
  await enter(page.getByTestId('asset-results').getByRole('button', { name: /PC-LYO-0118/ }));
  await page.getByTestId('asset-record').waitFor();
  await expectFocus('open asset', onId('asset-title'));
  await enter(page.getByTestId('asset-record').getByRole('button', { name: /^←/ }));
  await page.getByTestId('asset-results').waitFor();
  await expectFocus('back to assets', onButton('PC-LYO-0118'));

  // --- resolution: the header's "Résoudre…" on its own tab is not offered; resolving moves on to the confirmation
  await tab('Résolution').click();
  expect(await page.getByTestId('ticket-header').getByRole('button', { name: 'Résoudre…' }).count()).toBe(0);
  await page.getByLabel('Cause identifiée').selectOption('c-stuck-job');
  await page.getByTestId('note-symptom').fill('Documents bloqués dans la file du poste.');
  await page.getByTestId('note-diagnosis').fill('Un travail PDF en erreur bloquait la file locale.');
  await page.getByTestId('note-action').fill('Purge de la file et redémarrage du spouleur.');
  await page.getByTestId('note-result').fill('Les impressions sortent de nouveau.');
  // A double Enter on "Résoudre le ticket" resolves and nothing more: focus lands on the confirmation step, not on its button.
  await enter(button('Résoudre le ticket'));
  await page.waitForTimeout(90);
  await page.keyboard.press('Enter');
  await expectStatus('Résolu');
  await expectFocus('resolve', (f) => f.tag !== 'BUTTON' && f.id === 'confirm-title');
  await page.keyboard.press('Enter');
  await page.waitForTimeout(600);
  expect.soft(await page.getByTestId('confirmation-state').textContent(), 'a repeated Enter asked for confirmation').toBe('Confirmation non demandée.');
  const request = button("Demander confirmation à l'utilisateur");
  await enter(request);
  await page.getByTestId('confirmation-state').filter({ hasText: 'confirme que le problème est résolu' }).waitFor();
  await expectFocus('request confirmation', onButton("Demander confirmation à l'utilisateur"));
  // Confirmed: asking again would change nothing, so the button says it is unavailable, with its reason on screen.
  expect.soft(await request.getAttribute('aria-disabled'), 'request confirmation still available once confirmed').toBe('true');
  const reasonId = await request.getAttribute('aria-describedby');
  expect.soft(reasonId ? await page.locator(`[id="${reasonId}"]`).textContent() : '(no aria-describedby)', 'no visible reason').toMatch(/^Confirmation obtenue/);
  await enter(page.getByTestId('ticket-header').getByRole('button', { name: 'Clore le ticket' }));
  await expectStatus('Clos');
  await expectFocus('close', (f) => f.id === 'ticket-heading' && f.text.includes('INC-0001'));

  // --- hanging up: the call's controls go, focus lands on what the call panel says now
  await tab('Appel').click();
  await enter(button('Raccrocher'));
  await page.getByText("L'échange est terminé", { exact: false }).first().waitFor().catch(() => undefined);
  await expectFocus('hang up', (f) => f.id === 'call-ended-hint');

  // --- the trainer stops the drill while a call rings: "Décrocher" is shown unavailable, with its reason
  await server.trainerCommand({ type: 'session.inject', incidentId: 'password-expired-reset' });
  const ringing = page.getByTestId('incoming-contact').first();
  await ringing.waitFor();
  const take = ringing.getByRole('button', { name: /^(Décrocher|Ouvrir)/ });
  // Paused: the server refuses every trainee command (decide.ts), so the take is unavailable too, with its reason.
  // (The page's clock from here on: a toast that waits is checked without waiting.)
  await page.clock.install();
  await take.focus();
  await server.trainerCommand({ type: 'session.pause' });
  await take.and(page.locator('[aria-disabled="true"]')).waitFor();
  await ringing.getByText('La session est en pause').waitFor();
  // The pause's toast does not take the focus. Reached by keyboard, it stays while focused (WCAG 2.2.1); Escape
  // dismisses it (it alone) and focus goes back to where it came from.
  const pauseToast = page.getByTestId('toast-notice').filter({ hasText: 'Exercice en pause' });
  await pauseToast.waitFor();
  await expectFocus('pause toast shown', onButton(/Décrocher|Ouvrir/));
  await pauseToast.locator('.toast-body').focus();
  await page.clock.runFor(10_000);
  expect(await pauseToast.count(), 'a focused toast went away').toBe(1);
  await page.keyboard.press('Escape');
  await pauseToast.waitFor({ state: 'detached' });
  await expectFocus('pause toast dismissed', onButton(/Décrocher|Ouvrir/));
  // A paused drill still has the caller waiting: the browser tab says so.
  expect(await page.title()).toMatch(/^\(1\) contact en attente/);
  await server.trainerCommand({ type: 'session.resume' });
  await take.and(page.locator(':not([aria-disabled])')).waitFor();
  expect(await ringing.getByText('La session est en pause').count()).toBe(0);
  // Nothing focused when the drill stops (the trainee had clicked on the page's background): closing the summary
  // must not leave focus on <body>, where the dialog would hand it back.
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await server.trainerCommand({ type: 'session.stop' });
  await page.getByTestId('shift-summary').waitFor();
  await page.keyboard.press('Escape');
  await page.getByTestId('shift-summary').waitFor({ state: 'hidden' });
  await expectFocus('summary closed', onId('work-area'));
  await take.and(page.locator('[aria-disabled="true"]')).waitFor();
  await ringing.getByText("La session n'est pas en cours.").waitFor();
  expect(await take.getAttribute('aria-describedby')).toBeTruthy();
  // Stopped, nothing rings any more: the tab's title no longer counts the caller.
  expect(await page.title()).toBe('DeskDrill');
  // Pressing it anyway does nothing: no refusal toast, and focus stays on it.
  await enter(take);
  await page.waitForTimeout(500);
  expect(await page.getByText('Action refusée').count()).toBe(0);
  await expectFocus('take when stopped', onButton(/Décrocher|Ouvrir/));
  expect(pageErrors).toEqual([]);
}

describe('trainee desk by keyboard (Chromium)', () => {
  it('keeps focus on the pressed control or moves it to the new content; stopped drill shows actions unavailable', async () => {
    await withFailureScreenshot(page, 'trainee-keyboard', play);
  }, 240_000);
});
