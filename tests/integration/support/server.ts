/**
 * Starts the real server in-process (createApp on port 0 with a temporary
 * SQLite file) and creates accounts with known passwords through the real
 * store, so each test file runs against its own isolated instance.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { hashPassword } from '../../../server/src/access/login-sessions.js';
import { createApp, type App, type AppConfig } from '../../../server/src/app.js';
import { loadCatalogOrThrow } from '../../../server/src/catalog/load.js';
import type { Catalog } from '../../../server/src/domain/scenario.js';
import { emptyScorer, loadScorer, type Scorer } from '../../../server/src/engine/scoring-adapter.js';
import { newId } from '../../../server/src/ids.js';
import type { Role, User } from '../../../server/src/store/types.js';

export const PASSWORD = 'correct-horse-42';

let catalog: Catalog | undefined;
/** The real scenario library (loaded once per test file). */
export const realCatalog = () => (catalog ??= loadCatalogOrThrow());

let scorer: Promise<Scorer> | undefined;
/** The real scorer (loading the French dictionary takes seconds: once per test file). */
export const realScorer = () => (scorer ??= loadScorer());

export interface TestServer {
  app: App;
  dir: string;
  dbFile: string;
  url: string;
  user(username: string): User;
  createUser(username: string, role: Role, name?: string): Promise<User>;
  createClassroom(name: string, members: User[]): Promise<string>;
  close(): Promise<void>;
}

export async function startServer(o: { scorer?: 'real' | 'empty'; config?: Partial<AppConfig>; dir?: string } = {}): Promise<TestServer> {
  const dir = o.dir ?? mkdtempSync(join(tmpdir(), 'deskdrill-it-'));
  const dbFile = join(dir, 'test.db');
  const app = await createApp({
    dbFile, port: 0, host: '127.0.0.1', catalog: realCatalog(), bcryptRounds: 4,
    scorer: o.scorer === 'real' ? await realScorer() : emptyScorer(),
    logger: pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }),
    ...o.config,
  });
  const users = new Map<string, User>();
  for (const u of await app.store.listUsers()) users.set(u.username, u);
  return {
    app, dir, dbFile, url: app.url,
    user(username) {
      const u = users.get(username);
      if (!u) throw new Error(`no test user ${username}`);
      return u;
    },
    async createUser(username, role, name = username) {
      const u = await app.store.createUser({ id: newId('usr'), username, displayName: name, role, passwordHash: await hashPassword(PASSWORD, 4) });
      users.set(username, u);
      return u;
    },
    async createClassroom(name, members) {
      const c = await app.store.createClassroom({ id: newId('cls'), name, createdBy: members[0]!.id });
      for (const m of members) await app.store.addMember(c.id, m.id);
      return c.id;
    },
    async close() {
      await app.close();
      if (!o.dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}
