/**
 * Test harness for the trainee desk: the real server (createApp) on a free
 * port with a temporary SQLite file and the demo data, the built client from
 * dist/ (built once if missing or older than the client sources), a trainer
 * driving the session over the real socket.io API, and Chromium through
 * playwright-core. Also runnable by hand to look at the desk:
 *   npx tsx tests/e2e/trainee-harness.ts   (prints the URL and the logins)
 */
import { applyStaffUpdate } from '../../server/src/staff-state.js';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import pino from 'pino';
import { io as ioClient, type Socket } from 'socket.io-client';
import { createApp, type App } from '../../server/src/app.js';
import { DEFAULT_SEEDS_DIR, loadCatalogOrThrow } from '../../server/src/catalog/load.js';
import { DEMO_DRILL, seedDemo, type DemoData } from '../../server/src/demo-seed.js';
import type { Ack, ClientToServerEvents, CommandAck, ServerToClientEvents, StaffUpdate } from '../../server/src/protocol.js';
import type { TrainerCommand } from '../../server/src/domain/commands.js';

export const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
export const DIST = join(ROOT, 'dist');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

function newestMtime(dir: string): number {
  let newest = 0;
  for (const name of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, name.name);
    newest = Math.max(newest, name.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

/**
 * Runs `vite build` into `outDir` (dist/ by default) only when it is missing or older than the client
 * sources, the server modules the client bundles with them (protocol types, the desk and staff folds, the
 * domain's shared pieces) included.
 */
export function ensureClientBuilt(outDir: string = DIST): void {
  const index = join(outDir, 'index.html');
  const sources = Math.max(newestMtime(join(ROOT, 'client')), newestMtime(join(ROOT, 'server/src')), statSync(join(ROOT, 'vite.config.ts')).mtimeMs);
  if (existsSync(index) && statSync(index).mtimeMs >= sources) return;
  const out = outDir === DIST ? [] : ['--outDir', outDir, '--emptyOutDir'];
  execFileSync(process.execPath, [join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn', ...out], { cwd: ROOT, stdio: 'inherit' });
}

export type StaffSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface DeskServer {
  app: App;
  demo: DemoData;
  sessionId: string;
  login(username: string): Promise<string>;
  trainer: StaffSocket;
  trainerCommand(command: TrainerCommand): Promise<CommandAck>;
  lastStaffUpdate(): StaffUpdate | undefined;
  close(): Promise<void>;
}

/** Logs in over REST and returns the cookie header value. */
async function loginCookie(url: string, username: string, password: string): Promise<string> {
  const res = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username, password }) });
  if (!res.ok) throw new Error(`login ${username} failed: ${res.status} ${await res.text()}`);
  const cookie = res.headers.get('set-cookie');
  if (!cookie) throw new Error('login answered without a cookie');
  return cookie.split(';')[0]!;
}

let counter = 0;

export interface DeskServerOptions {
  port?: number;
  /**
   * Virtual minutes of the demo drill. The scenario library's demo lasts 10
   * minutes, shorter than a resolver group takes to fix an escalation (20);
   * a longer shift lets a test follow an escalated ticket to its closure.
   */
  drillMinutes?: number;
}

export async function startDeskServer(opts: DeskServerOptions = {}): Promise<DeskServer> {
  const dir = mkdtempSync(join(tmpdir(), 'deskdrill-e2e-'));
  const catalog = loadCatalogOrThrow(DEFAULT_SEEDS_DIR);
  const demoDrill = catalog.drills[DEMO_DRILL];
  if (opts.drillMinutes && demoDrill) catalog.drills[DEMO_DRILL] = { ...demoDrill, duration: opts.drillMinutes * 60_000 };
  const app = await createApp({
    dbFile: join(dir, 'e2e.db'), port: opts.port ?? 0, host: '127.0.0.1', distDir: DIST, bcryptRounds: 4, catalog,
    logger: pino({ level: process.env.LOG_LEVEL ?? 'warn' }),
    loginRateLimit: { windowMs: 60_000, limit: 1000 },
  });
  const demo = await seedDemo(app.store, app.host, 4);
  if (!demo.sessionId) throw new Error(`no demo session: ${demo.warning ?? 'unknown reason'}`);
  const sessionId = demo.sessionId;
  const password = (username: string) => {
    const a = demo.accounts.find((x) => x.username === username);
    if (!a) throw new Error(`no demo account ${username}`);
    return a.password;
  };
  const login = (username: string) => loginCookie(app.url, username, password(username));

  const trainerCookie = await login('formateur');
  const trainer: StaffSocket = ioClient(app.url, { transports: ['websocket'], extraHeaders: { cookie: trainerCookie }, forceNew: true });
  let staffUpdate: StaffUpdate | undefined;
  // Live pushes carry only the desks that changed: fold them as the console does.
  trainer.on('staff:update', (u) => { staffUpdate = applyStaffUpdate(staffUpdate, u) ?? staffUpdate; });
  await new Promise<void>((ok, fail) => { trainer.once('connect', () => ok()); trainer.once('connect_error', fail); });
  const joined = await new Promise<Ack<unknown>>((ok) => trainer.emit('session:join', { sessionId }, ok as never));
  if (!joined.ok) throw new Error(`trainer join failed: ${joined.error.message}`);
  staffUpdate = applyStaffUpdate(staffUpdate, joined.data as StaffUpdate) ?? staffUpdate;

  const trainerCommand = async (command: TrainerCommand): Promise<CommandAck> => {
    const res = await new Promise<Ack<CommandAck>>((ok) => trainer.emit('trainer:command', { sessionId, clientId: `e2e-trainer-${Date.now()}-${++counter}`, command }, ok));
    if (!res.ok) throw new Error(`trainer command ${command.type} refused: ${res.error.code} ${res.error.message}`);
    return res.data;
  };

  return {
    app, demo, sessionId, login, trainer, trainerCommand, lastStaffUpdate: () => staffUpdate,
    close: async () => {
      trainer.disconnect();
      await app.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

// By hand: start a server on :3000 (or PORT) with demo data and print the logins.
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  ensureClientBuilt();
  const s = await startDeskServer({ port: Number(process.env.PORT ?? 3000), drillMinutes: Number(process.env.MINUTES ?? 0) || undefined });
  if (process.env.START) {
    await s.trainerCommand({ type: 'session.setSpeed', speed: Number(process.env.START) });
    await s.trainerCommand({ type: 'session.start' });
    // INJECT=incident,incident… pushes extra contacts to every trainee (e.g. an e-mail and a portal request).
    for (const incidentId of (process.env.INJECT ?? '').split(',').filter(Boolean)) await s.trainerCommand({ type: 'session.inject', incidentId });
  }
  process.stdout.write(`${s.app.url}  session ${s.sessionId}\n${s.demo.accounts.map((a) => `  ${a.role.padEnd(9)} ${a.username.padEnd(11)} ${a.password}`).join('\n')}\n`);
}

/** What a trainee-desk browser test starts: the server, Chromium and one page, French locale. */
export interface DeskBrowser { server: DeskServer; browser: Browser; page: Page }

/**
 * Builds the client if needed, starts the server (a 40-minute demo drill by default) and Chromium with one page;
 * uncaught page errors are collected into `pageErrors` when given.
 */
export async function openDeskBrowser(opts: { viewport?: { width: number; height: number }; timeoutMs?: number; pageErrors?: string[] } & DeskServerOptions = {}): Promise<DeskBrowser> {
  ensureClientBuilt();
  const server = await startDeskServer({ drillMinutes: 40, ...opts });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
  const page = await browser.newPage({ viewport: opts.viewport ?? { width: 1280, height: 720 }, locale: 'fr-FR' });
  page.setDefaultTimeout(opts.timeoutMs ?? 20_000);
  const errors = opts.pageErrors;
  if (errors) page.on('pageerror', (e) => errors.push(e.message));
  return { server, browser, page };
}

/** Runs a browser test body; on failure keeps what the page looked like in test-results/<name>-failure.png (git-ignored). */
export async function withFailureScreenshot(page: Page, name: string, body: () => Promise<void>): Promise<void> {
  try {
    await body();
  } catch (e) {
    mkdirSync(join(ROOT, 'test-results'), { recursive: true });
    await page.screenshot({ path: join(ROOT, 'test-results', `${name}-failure.png`) }).catch(() => undefined);
    throw e;
  }
}

/** Signs in through the login page (French), by keyboard (Enter on the button); does not wait for what follows. */
export async function signIn(page: Page, url: string, username: string, password: string): Promise<void> {
  await page.goto(url);
  await page.getByLabel('Identifiant').fill(username);
  await page.getByLabel('Mot de passe').fill(password);
  await page.getByRole('button', { name: 'Se connecter' }).press('Enter');
}

/** Signs a demo account in (`formateur`, `evaluateur`, `stagiaire2`…) and returns it; does not wait for what follows. */
export async function logInDemo(page: Page, server: DeskServer, username: string): Promise<DeskServer['demo']['accounts'][number]> {
  const account = server.demo.accounts.find((a) => a.username === username);
  if (!account) throw new Error(`no demo account ${username}`);
  await signIn(page, server.app.url, account.username, account.password);
  return account;
}

/**
 * Logs the demo's first trainee in and waits for the desk of the trainee's only active session (the demo's,
 * unless a test closed it and opened another), not started yet. Returns the account.
 */
export async function logInDemoTrainee(page: Page, server: DeskServer): Promise<DeskServer['demo']['accounts'][number]> {
  const trainee = await logInDemo(page, server, 'stagiaire1');
  await page.getByTestId('session-status').filter({ hasText: 'En préparation' }).waitFor();
  return trainee;
}
