/**
 * Entry point: configuration from the environment, then wiring only.
 *   PORT            listening port (default 3000)
 *   DESKDRILL_DB    SQLite file (default ./data/deskdrill.db)
 *   DESKDRILL_SEEDS scenario library (default ./seeds)
 *   DESKDRILL_COOKIE_SECURE=1  behind HTTPS
 *   DESKDRILL_ORIGINS          extra allowed browser origins, comma-separated (vite dev server)
 *   LOG_LEVEL       pino level (default info)
 */
import { resolve } from 'node:path';
import pino from 'pino';
import { createApp } from './app.js';
import { existingDemoLogins, formatDemo, seedDemo } from './demo-seed.js';

export const DEFAULT_DB = resolve('data', 'deskdrill.db');

async function main(): Promise<void> {
  const logger = pino({ level: process.env.LOG_LEVEL ?? 'info' });
  const port = process.env.PORT === undefined ? 3000 : Number(process.env.PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, got "${process.env.PORT}"`);
  const app = await createApp({
    dbFile: resolve(process.env.DESKDRILL_DB ?? DEFAULT_DB),
    port,
    logger,
    ...(process.env.DESKDRILL_SEEDS ? { seedsDir: resolve(process.env.DESKDRILL_SEEDS) } : {}),
    cookieSecure: process.env.DESKDRILL_COOKIE_SECURE === '1',
    allowedOrigins: (process.env.DESKDRILL_ORIGINS ?? '').split(',').map((s) => s.trim()).filter(Boolean),
  });
  const url = `http://localhost:${app.port}`;
  if ((await app.store.countUsers()) === 0) process.stdout.write(formatDemo(await seedDemo(app.store, app.host), url) + '\n');
  else process.stdout.write((await existingDemoLogins(app.store, url)) ?? '');
  logger.info({ port: app.port, db: process.env.DESKDRILL_DB ?? DEFAULT_DB }, `DeskDrill listening on ${url}`);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    app.close().then(() => process.exit(0), (e: unknown) => { logger.error({ err: e }, 'shutdown failed'); process.exit(1); });
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((e: unknown) => {
  process.stderr.write(`DeskDrill failed to start: ${e instanceof Error ? e.stack ?? e.message : String(e)}\n`);
  process.exit(1);
});
