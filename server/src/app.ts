/**
 * Builds a running server from a configuration: store (migrated), catalogue,
 * scorer, session host (open sessions resumed), express, socket.io. Returns
 * handles so main.ts and the integration tests start and stop it the same way.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pino, { type Logger } from 'pino';
import { Server as IoServer } from 'socket.io';
import { DEFAULT_SEEDS_DIR, loadCatalogOrThrow } from './catalog/load.js';
import type { Catalog } from './domain/scenario.js';
import { loadScorer, type Scorer } from './engine/scoring-adapter.js';
import { ScoringThread } from './engine/scoring-thread.js';
import { SessionHost } from './engine/session-host.js';
import { createHttpApp } from './http/index.js';
import { attachRealtime } from './realtime/index.js';
import { DEFAULT_REQUEST_LIMIT, RequestLimiter, type RequestLimit } from './realtime/request-limit.js';
import { loginRoom } from './realtime/rooms.js';
import type { DeskServer } from './realtime/types.js';
import { openSqliteStore } from './store/sqlite/index.js';
import type { Store } from './store/types.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export interface AppConfig {
  /** SQLite file (DESKDRILL_DB). */
  dbFile: string;
  /** 0 = any free port. */
  port?: number;
  host?: string;
  seedsDir?: string;
  /** A ready catalogue (tests); otherwise loaded from seedsDir. */
  catalog?: Catalog;
  scorer?: Scorer;
  logger?: Logger;
  /** Built client (vite output). */
  distDir?: string;
  /** Set the login cookie's Secure flag (behind HTTPS). */
  cookieSecure?: boolean;
  bcryptRounds?: number;
  loginRateLimit?: { windowMs: number; limit: number };
  /** Requests allowed per user, sockets and API together (default 10 per second, 40 at once; 'off' for no limit). */
  requestLimit?: RequestLimit | 'off';
  /** How long a socket trusts its login before reading it again (ms, default 60,000; a logout is immediate). */
  loginRecheckMs?: number;
  /** Extra browser origins allowed to open a socket (e.g. the vite dev server); same-origin always is. */
  allowedOrigins?: string[];
  /**
   * Score live feedback on a thread of its own (default, when the scorer has rules to load) so scoring never
   * holds the event loop that serves the sockets; false scores on the event loop.
   */
  scoringThread?: boolean;
  /** The scoring thread's nice value (default 10: below the event loop, see thread-priority.ts; 0 keeps the process's). */
  scoringThreadNice?: number;
}

export interface App {
  server: Server;
  io: DeskServer;
  store: Store;
  host: SessionHost;
  /** The live-scoring thread, when one runs. */
  scoring: ScoringThread | undefined;
  catalog: Catalog;
  logger: Logger;
  port: number;
  url: string;
  /** Sessions that were open in the database and resumed at start-up. */
  resumed: string[];
  close(): Promise<void>;
}

/** Socket messages are small commands; a larger frame is dropped by socket.io before any handler sees it. */
export const SOCKET_MAX_BYTES = 64 * 1024;

export async function createApp(config: AppConfig): Promise<App> {
  const logger = config.logger ?? pino({ level: process.env.LOG_LEVEL ?? 'info' });
  const catalog = config.catalog ?? loadCatalogOrThrow(config.seedsDir ?? DEFAULT_SEEDS_DIR);
  const scorer = config.scorer ?? await loadScorer();
  const scoring = scorer.source && config.scoringThread !== false
    ? await ScoringThread.start({ catalog, source: scorer.source, logger, ...(config.scoringThreadNice !== undefined ? { nice: config.scoringThreadNice } : {}) })
    : undefined;
  const store = openSqliteStore(config.dbFile);
  const host = new SessionHost({ store, catalog, scorer, logger, ...(scoring ? { feedback: scoring.factory } : {}) });

  const httpServer = createServer();
  const origins = new Set(config.allowedOrigins ?? []);
  const io: DeskServer = new IoServer(httpServer, {
    maxHttpBufferSize: SOCKET_MAX_BYTES,
    serveClient: false,
    // Browsers send Origin on WebSocket handshakes; refuse other sites (cross-site WebSocket hijacking).
    allowRequest: (req, cb) => {
      const origin = req.headers.origin;
      if (!origin || origins.has(origin)) { cb(null, true); return; }
      try { cb(null, new URL(origin).host === req.headers.host); } catch { cb(null, false); }
    },
  });

  // One budget per user for their socket and API requests together.
  const requestLimit = config.requestLimit ?? DEFAULT_REQUEST_LIMIT;
  const requestLimiter = requestLimit === 'off' ? undefined : new RequestLimiter(requestLimit);
  const app = createHttpApp({
    store, host, logger, ...(requestLimiter ? { requestLimiter } : {}),
    distDir: config.distDir ?? join(ROOT, 'dist'),
    cookieSecure: config.cookieSecure ?? false,
    bcryptRounds: config.bcryptRounds ?? 10,
    loginRateLimit: config.loginRateLimit ?? { windowMs: 15 * 60_000, limit: 10 },
    onLogout: (tokenHash) => { io.in(loginRoom(tokenHash)).disconnectSockets(true); },
  });
  httpServer.on('request', app);
  const stopPushes = attachRealtime(io, { store, host, logger, ...(config.loginRecheckMs !== undefined ? { loginRecheckMs: config.loginRecheckMs } : {}),
    ...(requestLimiter ? { limiter: requestLimiter } : {}) });

  const resumed = await host.resumeAll();
  if (resumed.length) logger.info({ sessions: resumed }, 'resumed open drill sessions from the log');

  await new Promise<void>((ok, fail) => {
    httpServer.once('error', fail);
    httpServer.listen(config.port ?? 0, config.host ?? '0.0.0.0', () => { httpServer.off('error', fail); ok(); });
  });
  const port = (httpServer.address() as AddressInfo).port;

  let closing: Promise<void> | undefined;
  return {
    server: httpServer, io, store, host, scoring, catalog, logger, port, url: `http://127.0.0.1:${port}`, resumed,
    close: () => closing ??= (async () => {
      stopPushes();
      await host.close();
      io.disconnectSockets(true);
      await new Promise<void>((ok) => { io.close(() => ok()); });
      httpServer.closeAllConnections();
      await store.close();
      await scoring?.close();
    })(),
  };
}
