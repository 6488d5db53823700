/**
 * Exam mode end to end, in headless Chromium against the real server (SQLite,
 * socket.io, real scorer): a trainer creates an « Examen » session in the
 * browser and starts it; a trainee plays in another browser. While the exam
 * runs, and after it stops, the trainee's page shows no points, score or
 * criterion result, and no websocket frame it receives carries evidence,
 * scores or the answer key. The trainer reopens the stopped session's console
 * from the session list and presses « Publier les résultats »: focus lands on
 * the text that replaces the button, and the trainee now receives and sees
 * their results. On the way, « Annoncer » with an empty text says why it
 * cannot send, in French and in English, by keyboard.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatPoints } from '../../client/src/trainee/format.js';
import { logInDemo, logInDemoTrainee, openDeskBrowser, withFailureScreenshot, type DeskBrowser } from './trainee-harness.js';

let desk: DeskBrowser;
let trainer: Page;
const pageErrors: string[] = [];

beforeAll(async () => {
  desk = await openDeskBrowser({ timeoutMs: 15_000, pageErrors });
  trainer = await desk.browser.newPage({ viewport: { width: 1280, height: 720 }, locale: 'fr-FR' });
  trainer.setDefaultTimeout(15_000);
  trainer.on('pageerror', (e) => pageErrors.push(e.message));
}, 180_000);

afterAll(async () => {
  await desk?.browser.close();
  await desk?.server.close();
});

/**
 * Object keys that only scoring and the answer key use: evidence items (criterionId, points, max,
 * explanation), roll-ups (score, criteria, competences, level), the feedback list, and the hidden truth
 * (truth, rootCause, resolution, kbArticles, incidentId).
 */
const SECRET_KEYS = ['feedback', 'score', 'scores', 'evidence', 'criterionId', 'points', 'explanation', 'competences', 'level', 'truth', 'rootCause', 'kbArticles', 'incidentId'];

/** The socket.io payloads of the websocket frames a page receives ("42[...]" events, "43n[...]" acks). */
function recordFrames(page: Page): unknown[] {
  const frames: unknown[] = [];
  page.on('websocket', (ws) => ws.on('framereceived', ({ payload }) => {
    const text = typeof payload === 'string' ? payload : payload.toString('utf8');
    const json = /^\d+(\[.*)$/s.exec(text)?.[1];
    if (json) frames.push(JSON.parse(json));
  }));
  return frames;
}

/** Every object key anywhere in the values, with the first frame's event name (or "ack") that carried it. */
function keysIn(frames: unknown[]): Map<string, string> {
  const seen = new Map<string, string>();
  for (const f of frames) {
    const name = Array.isArray(f) && typeof f[0] === 'string' ? f[0] : 'ack';
    const walk = (v: unknown): void => {
      if (Array.isArray(v)) { v.forEach(walk); return; }
      if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) { if (!seen.has(k)) seen.set(k, name); walk(x); }
    };
    walk(f);
  }
  return seen;
}
const secretsIn = (frames: unknown[]) => [...keysIn(frames)].filter(([k]) => SECRET_KEYS.includes(k)).map(([k, ev]) => `${k} (${ev})`);

interface Focused { tag: string; text: string; testId: string | null }
const focused = (page: Page) => page.evaluate((): Focused => {
  const a = document.activeElement as HTMLElement | null;
  return { tag: a?.tagName ?? '', text: (a?.textContent ?? '').trim().slice(0, 80), testId: a?.getAttribute('data-testid') ?? null };
});

/** What a trainee's screen must not show before the release: points, a total, a criterion line, a scored-action toast. */
async function expectNoResultsShown(page: Page, when: string) {
  for (const id of ['feedback-total', 'feedback-item', 'summary-total', 'competency-grid', 'toast-feedback']) {
    expect(await page.getByTestId(id).count(), `${when}: ${id} shown`).toBe(0);
  }
  expect(await page.locator('[data-criterion]').count(), `${when}: a criterion is shown`).toBe(0);
  expect(await page.locator('body').innerText(), `${when}: points shown`).not.toMatch(/\bpts?\b|points|Action notée/i);
}

/** The button's accessible description: the text of the elements its aria-describedby names, if shown. */
const description = (page: Page, name: string) => page.getByRole('button', { name, exact: true }).evaluate((b) =>
  (b.getAttribute('aria-describedby') ?? '').split(/\s+/).filter(Boolean)
    .map((id) => document.getElementById(id))
    .filter((el): el is HTMLElement => !!el && el.offsetParent !== null)
    .map((el) => el.innerText.trim()).join(' '));

describe('exam mode (Chromium)', () => {
  it('hides results from the trainee until the trainer publishes them from the stopped session\'s console', async () => {
    const { server, page } = desk;
    await withFailureScreenshot(page, 'exam-mode-trainee', () => withFailureScreenshot(trainer, 'exam-mode-trainer', async () => {
      // The demo's ready session is closed, so the exam is the trainee's only drill (their desk opens on it).
      await server.trainerCommand({ type: 'session.stop' });

      // --- the trainer creates an exam session of the demo drill and opens its console
      await logInDemo(trainer, server, 'formateur');
      await trainer.getByRole('heading', { name: 'Nouvelle session' }).waitFor();
      await trainer.getByLabel('Exercice').selectOption('demo-short');
      await trainer.getByLabel('Examen').check();
      await trainer.getByRole('button', { name: 'Créer la session' }).click();
      await trainer.waitForURL(/#\/sessions\/ses_/);
      const sessionId = /#\/sessions\/([^/?]+)/.exec(trainer.url())![1]!;
      await expect.poll(() => trainer.getByTestId('session-status').innerText()).toBe('En préparation');
      expect(await server.app.store.getSession(sessionId)).toMatchObject({ drillId: 'demo-short', mode: 'exam' });

      // --- the trainee's page records every frame it receives from the first connection on
      const frames = recordFrames(page);
      const trainee = await logInDemoTrainee(page, server);
      await page.locator('.pill-mode-exam').waitFor();

      await trainer.getByRole('button', { name: 'Démarrer' }).click();
      await expect.poll(() => trainer.getByTestId('session-status').innerText()).toBe('En cours');
      // Publishing waits for the end of the drill, and says so beside the button (not in a tooltip only).
      expect(await trainer.getByRole('button', { name: 'Publier les résultats' }).getAttribute('aria-disabled')).toBe('true');
      expect(await description(trainer, 'Publier les résultats')).toBe("Disponible quand l'exercice est terminé");

      // --- the trainee plays: takes the call, greets, asks, opens a ticket and qualifies it
      const button = (name: string) => page.getByRole('button', { name, exact: true });
      await button('Décrocher — Nadia Benali').click();
      await page.waitForFunction(() => document.activeElement?.id === 'work-area');
      await button('Saluer et se présenter').click();
      await page.getByTestId('transcript').getByText('Centre de services, bonjour').waitFor();
      await page.getByLabel('Script de questionnement').selectOption('q-describe-problem');
      await button('Poser').first().click();
      await page.getByTestId('facts').locator('li').first().waitFor();
      await page.getByLabel('Titre du ticket').fill("Impressions bloquées dans la file d'attente");
      await button('Créer et prendre en charge').click();
      await page.getByTestId('queue-ticket').filter({ hasText: 'INC-0001' }).waitFor();
      await page.getByLabel('Catégorie').selectOption('impression');
      await page.getByLabel('Impact').selectOption('low');
      await page.getByLabel('Urgence').selectOption('medium');
      await button('Qualifier le ticket').click();
      await page.getByTestId('ticket-header').getByTestId('priority-badge').filter({ hasText: 'P4' }).waitFor();

      // The server has scored the qualification, and the trainer's board shows those points…
      const evidence = async () => ((await server.app.host.read(sessionId, (live) => live.scores()))?.evidence ?? []).filter((e) => e.traineeId === trainee.id);
      await expect.poll(async () => (await evidence()).some((e) => e.ticketId === 'INC-0001' && e.criterionId === 'TAI-CP8-C1'), { timeout: 15_000 }).toBe(true);
      const aliceScore = () => trainer.locator('table.board tbody tr', { hasText: 'Alice Martin' }).getByTestId('score').innerText();
      await expect.poll(aliceScore, { timeout: 15_000 }).toMatch(/\d\s?%/);
      // …while the trainee's panel only says results come later, and nothing on the page is a score.
      await page.getByRole('tab', { name: /Évaluation/ }).click();
      await page.getByText('Mode examen : les résultats seront communiqués par le formateur.').waitFor();
      await expectNoResultsShown(page, 'exam running');

      // --- « Annoncer » with an empty text: unavailable, and the reason is shown and tied to it (keyboard only)
      const announceText = trainer.getByLabel("Texte de l'annonce");
      await announceText.focus();
      await trainer.keyboard.press('Tab'); // « Incident majeur »
      await trainer.keyboard.press('Tab');
      expect(await focused(trainer)).toMatchObject({ tag: 'BUTTON', text: 'Annoncer' });
      const broadcasts = await trainer.locator('.broadcasts li').count();
      await trainer.keyboard.press('Enter');
      expect(await focused(trainer)).toMatchObject({ tag: 'BUTTON', text: 'Annoncer' });
      expect(await trainer.getByRole('button', { name: 'Annoncer' }).getAttribute('aria-disabled')).toBe('true');
      expect(await description(trainer, 'Annoncer')).toBe("Écrivez le texte de l'annonce pour pouvoir l'envoyer.");
      await trainer.locator('.lang-switch').getByRole('button', { name: 'EN', exact: true }).click();
      await expect.poll(() => description(trainer, 'Announce')).toBe('Write the announcement text to send it.');
      await trainer.locator('.lang-switch').getByRole('button', { name: 'FR', exact: true }).click();
      await expect.poll(() => description(trainer, 'Annoncer')).not.toBe('');
      // Once there is a text, the reason goes and Enter sends it.
      await announceText.focus();
      await trainer.keyboard.type("Rappel : pas d'échange entre stagiaires pendant l'examen.");
      await trainer.keyboard.press('Tab');
      await trainer.keyboard.press('Tab');
      expect(await description(trainer, 'Annoncer')).toBe('');
      expect(await trainer.getByRole('button', { name: 'Annoncer' }).getAttribute('aria-disabled')).toBeNull();
      await trainer.keyboard.press('Enter');
      await expect.poll(() => trainer.locator('.broadcasts li').count()).toBe(broadcasts + 1);
      await expect.poll(() => description(trainer, 'Annoncer')).toBe("Écrivez le texte de l'annonce pour pouvoir l'envoyer.");

      // --- the trainer stops the exam: the trainee's end-of-shift summary opens without results
      await trainer.getByRole('button', { name: 'Arrêter' }).click();
      await trainer.getByRole('button', { name: 'Oui, arrêter' }).click();
      await expect.poll(() => trainer.getByTestId('session-status').innerText()).toBe('Terminée');
      // The end-of-drill push went out with its scoring (the staff update of the stop, sent just before any trainee results).
      await expect.poll(() => trainer.getByTestId('live-announce').innerText(), { timeout: 15_000 }).toMatch(/exercice terminé/);
      const summary = page.getByTestId('shift-summary');
      await summary.getByText('Mode examen : les résultats seront communiqués par le formateur.').waitFor();
      await expectNoResultsShown(page, 'exam stopped');

      // --- from the session list, the stopped session's console
      await trainer.getByRole('link', { name: 'Sessions', exact: true }).click();
      const row = trainer.locator(`tr[data-session="${sessionId}"]`);
      await row.filter({ hasText: 'Terminée' }).waitFor();
      await row.getByRole('link', { name: /^Console — / }).click();
      await trainer.waitForURL(new RegExp(`#/sessions/${sessionId}$`));
      await expect.poll(() => trainer.getByTestId('session-status').innerText()).toBe('Terminée');
      await expect.poll(aliceScore).toMatch(/\d\s?%/);

      // Nothing the trainee's page received so far carries a score, an evidence item or the answer key.
      const received = frames.length;
      expect(received).toBeGreaterThan(10);
      expect(secretsIn(frames)).toEqual([]);

      // --- « Publier les résultats », by keyboard: focus lands on the text that replaces the button
      await trainer.getByRole('button', { name: 'Publier les résultats' }).focus();
      expect(await description(trainer, 'Publier les résultats')).toBe('');
      await trainer.keyboard.press('Enter');
      await trainer.getByTestId('results-released').filter({ hasText: 'Résultats publiés' }).waitFor();
      await expect.poll(() => focused(trainer)).toEqual({ tag: 'SPAN', text: 'Résultats publiés', testId: 'results-released' });

      // --- the trainee now receives their results and sees them
      await summary.getByTestId('summary-total').filter({ hasText: /^Total\s: [\d,]+ \/ [\d,]+ points$/ }).waitFor();
      await summary.getByTestId('competency-grid').locator('tr[data-criterion="TAI-CP8-C1"]').waitFor();
      const after = keysIn(frames.slice(received));
      expect(after.get('criterionId')).toBe('desk:results');
      expect(after.get('score')).toBe('desk:results');
      // Still no answer key: the truth is for staff only, released or not.
      expect([...after.keys()].filter((k) => ['truth', 'rootCause', 'kbArticles', 'incidentId'].includes(k))).toEqual([]);
      const own = (await evidence()).find((e) => e.ticketId === 'INC-0001' && e.criterionId === 'TAI-CP8-C1')!;
      await page.keyboard.press('Escape');
      await page.getByTestId('feedback-list').locator('[data-criterion="TAI-CP8-C1"]').filter({ hasText: `${formatPoints(own.points, 'fr')}/${formatPoints(own.max, 'fr')}` }).first().waitFor();
      expect(pageErrors).toEqual([]);
    }));
  }, 240_000);
});
