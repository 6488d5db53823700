/**
 * The trainee desk's layout and languages in real headless Chromium against
 * the real server: at 1024×768 (the smallest screen of the training rooms)
 * and 1280×720, every tab of the work area and of the side panel is fully on
 * screen and not covered, the caller card's labels keep their colon on the
 * same line, the ticket's columns do not spill into each other; in English,
 * the server's notices (toasts and the announcements tab) read in English, and
 * switching the language rewrites the toasts on screen without repeating or
 * announcing them again; a long toast shows all its text and stays while the
 * pointer is on it.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { contrastOf } from './contrast.js';
import { logInDemoTrainee, openDeskBrowser, type DeskServer } from './trainee-harness.js';

let server: DeskServer;
let browser: Browser;
let page: Page;

/** Set SHOTS=/some/dir to keep a screenshot of each checked state (for looking at the layout). */
async function shot(name: string) {
  if (process.env.SHOTS) await page.screenshot({ path: join(process.env.SHOTS, `layout-${name}.png`) });
}

beforeAll(async () => {
  ({ server, browser, page } = await openDeskBrowser({ viewport: { width: 1024, height: 768 } }));
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Tabs (work area and side panel) that are cut by the viewport or their tab list, or covered by something else. */
async function hiddenTabs(): Promise<string[]> {
  return page.evaluate(() => {
    const bad: string[] = [];
    for (const tab of document.querySelectorAll<HTMLElement>('[role="tab"]')) {
      const r = tab.getBoundingClientRect();
      const list = tab.closest<HTMLElement>('[role="tablist"]')!.getBoundingClientRect();
      const name = tab.textContent ?? '';
      if (r.left < 0 || r.top < 0 || r.right > window.innerWidth || r.bottom > window.innerHeight) bad.push(`${name}: outside the viewport`);
      else if (r.left < list.left - 0.5 || r.right > list.right + 0.5) bad.push(`${name}: cut by its tab list`);
      else for (const [x, y] of [[r.left + 2, r.top + r.height / 2], [r.right - 2, r.top + r.height / 2]] as const) {
        const hit = document.elementFromPoint(x, y);
        if (!hit || !tab.contains(hit)) { bad.push(`${name}: covered by ${hit?.className || hit?.tagName}`); break; }
      }
    }
    return bad;
  });
}

/** Problems of the centre column: caller labels broken over two lines, ticket columns spilling over each other. */
async function squeezed(): Promise<string[]> {
  return page.evaluate(() => {
    const bad: string[] = [];
    for (const dt of document.querySelectorAll<HTMLElement>('.caller-facts dt')) {
      const lineHeight = parseFloat(getComputedStyle(dt).lineHeight) || 18;
      if (dt.getBoundingClientRect().height > lineHeight * 1.5) bad.push(`caller label "${dt.textContent}" wraps`);
    }
    for (const el of document.querySelectorAll<HTMLElement>('.ticket-col, .ticket-meta dd, .form-grid > *, .tabpanel > *')) {
      if (el.scrollWidth > el.clientWidth + 1) bad.push(`${el.className || el.tagName} "${el.textContent?.slice(0, 30)}" overflows (${el.scrollWidth} > ${el.clientWidth})`);
    }
    return bad;
  });
}

/** Contrast ratio of a probe element with these classes, placed where the desk shows it (the top bar or the caller card). */
const contrastIn = (className: string) => contrastOf(page, className.startsWith('pill') ? '.desk-topbar' : '.caller-facts dd', className);

describe('trainee desk layout and languages', () => {
  it('at 1024×768 and 1280×720 every tab is on screen and the ticket fits; in English the notices are English', async () => {
    await logInDemoTrainee(page, server);
    // The page has one h1 (the desk's title in the top bar).
    expect(await page.locator('h1').allInnerTexts()).toEqual(['Centre de services — poste N1']);

    await server.trainerCommand({ type: 'session.start' });
    await page.getByRole('button', { name: 'Décrocher — Nadia Benali' }).click();
    await page.getByTestId('caller-card').filter({ hasText: 'Nadia Benali' }).waitFor();
    await shot('1024-fr-call');
    expect(await hiddenTabs(), '1024×768, FR, call').toEqual([]);
    await page.getByLabel('Titre du ticket').fill("Impressions bloquées dans la file d'attente");
    await page.getByRole('button', { name: 'Créer et prendre en charge' }).click();
    await page.getByRole('tab', { name: /^Ticket/ }).click();
    await page.getByTestId('ticket-header').waitFor();
    // Notices give the last side tab a badge, the widest case.
    await page.getByRole('tab', { name: /^Annonces/ }).locator('.tab-badge').waitFor();

    expect(await page.getByRole('tab').count()).toBeGreaterThanOrEqual(9);
    await shot('1024-fr-ticket');
    expect(await hiddenTabs(), '1024×768, FR').toEqual([]);
    expect(await squeezed(), '1024×768, FR').toEqual([]);
    // Text colours that axe flagged reach 4.5:1 (the running pill, a stressed caller's mood).
    for (const [cls, min] of [['pill pill-status-running', 4.5], ['mood mood-stressed', 4.5]] as const) expect(await contrastIn(cls), cls).toBeGreaterThanOrEqual(min);
    // French colon: narrow no-break space (as the typography helper), so "Canal :" never breaks.
    expect(await page.evaluate(() => getComputedStyle(document.querySelector('.caller-facts dt')!, '::after').content)).toBe('"\u202f:"');

    // The other work-area tabs (escalation forms, diagnosis grid…) fit as well.
    for (const name of ['Diagnostic', 'Escalade', 'Résolution', 'Suivi']) {
      await page.getByRole('tab', { name, exact: true }).click();
      await shot(`1024-fr-${name}`);
      expect(await hiddenTabs(), `1024×768, FR, ${name}`).toEqual([]);
      expect(await squeezed(), `1024×768, FR, ${name}`).toEqual([]);
    }
    await page.getByRole('tab', { name: /^Ticket/ }).click();

    await page.setViewportSize({ width: 1280, height: 720 });
    await shot('1280-fr-ticket');
    expect(await hiddenTabs(), '1280×720, FR').toEqual([]);

    // --- English: the colon has no space, the tabs still fit, the server's notices are translated.
    await page.getByRole('button', { name: 'EN', exact: true }).click();
    await page.getByRole('tab', { name: /^Announcements/ }).waitFor();
    expect(await page.evaluate(() => getComputedStyle(document.querySelector('.caller-facts dt')!, '::after').content)).toBe('":"');
    expect(await hiddenTabs(), '1280×720, EN').toEqual([]);
    await page.setViewportSize({ width: 1024, height: 768 });
    await shot('1024-en-ticket');
    expect(await hiddenTabs(), '1024×768, EN').toEqual([]);
    expect(await squeezed(), '1024×768, EN').toEqual([]);

    // A long toast line (the greeting's criteria, in English) is cut to two lines; under the pointer, all of it
    // shows, on screen.
    await page.getByRole('tab', { name: 'Call', exact: true }).click();
    await page.getByRole('button', { name: 'Greet and introduce yourself' }).click();
    const greetToast = page.getByTestId('toast-feedback').filter({ hasText: 'Active listening steps are applied' });
    await greetToast.hover();
    expect(await greetToast.evaluate((toast) => {
      const bad: string[] = [];
      const body = toast.querySelector<HTMLElement>('.toast-body')!;
      const r = toast.getBoundingClientRect();
      if (r.top < 0 || r.bottom > window.innerHeight) bad.push(`toast off screen (${r.top}–${r.bottom})`);
      if (body.scrollHeight > body.clientHeight + 1) bad.push('toast scrolls');
      for (const line of body.querySelectorAll('span')) if (line.scrollHeight > line.clientHeight + 1) bad.push(`cut: ${line.textContent}`);
      // The criteria line takes more than two lines: what the check is about.
      const criteria = [...body.querySelectorAll('span')].find((l) => l.textContent!.startsWith('Criteria'))!;
      if (criteria.getBoundingClientRect().height < 2.5 * parseFloat(getComputedStyle(criteria).fontSize)) bad.push('criteria line is short');
      return bad;
    })).toEqual([]);
    await page.mouse.move(400, 300);

    // The page's clock from here on: toasts that wait are checked without waiting.
    await page.clock.install();
    await server.trainerCommand({ type: 'session.pause' });
    const pausedToast = page.getByTestId('toast-notice').filter({ hasText: /Drill paused|Exercice en pause/ });
    await pausedToast.filter({ hasText: 'Drill paused' }).waitFor();
    expect(await page.getByTestId('toast-notice').last().innerText()).not.toMatch(/Exercice/);
    const liveRegion = page.getByTestId('live-region');
    await liveRegion.filter({ hasText: 'Drill paused' }).waitFor();
    const announced = await liveRegion.textContent();
    // Under the pointer, a toast stays past its time (WCAG 2.2.1).
    await pausedToast.hover();
    await page.clock.runFor(10_000);
    expect(await pausedToast.count(), 'a hovered toast went away').toBe(1);
    // Switching the language (by keyboard: the pointer stays) rewrites the toast on screen, without reading it out
    // again: the toasts are no live regions, the desk's announcement stays as it was.
    await page.getByRole('button', { name: 'FR', exact: true }).press('Enter');
    await pausedToast.filter({ hasText: 'Exercice en pause' }).waitFor();
    expect(await page.locator('.toasts, .toasts *').and(page.locator('[aria-live], [role="status"], [role="alert"], [role="log"]')).count()).toBe(0);
    expect(await liveRegion.textContent()).toBe(announced);
    // Nor does it show (nor announce) the last notice again: once the next one is on screen, the pause is there once.
    await server.trainerCommand({ type: 'session.resume' });
    await page.getByTestId('toast-notice').filter({ hasText: 'Exercice repris' }).waitFor();
    expect(await pausedToast.count()).toBe(1);
    await page.getByRole('button', { name: 'EN', exact: true }).click();
    // The pointer gone, its time runs out.
    await page.clock.runFor(10_000);
    await pausedToast.waitFor({ state: 'detached' });
    await page.getByRole('tab', { name: /^Announcements/ }).click();
    const notices = await page.locator('.notice-list').innerText();
    expect(notices).toContain('Incoming call: Nadia Benali');
    expect(notices).toContain('Drill started');
    expect(notices).not.toMatch(/Appel entrant|Exercice/);
    await shot('1024-en-notices');
  }, 120_000);
});
