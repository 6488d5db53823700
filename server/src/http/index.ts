/** The express application: security headers, JSON bodies, cookies, the API routers, the client files, JSON errors. */
import cookieParser from 'cookie-parser';
import express, { type Express } from 'express';
import rateLimit from 'express-rate-limit';
import helmet from 'helmet';
import type { Logger } from 'pino';
import type { SessionHost } from '../engine/session-host.js';
import type { Store } from '../store/types.js';
import { clientFiles } from './client-files.js';
import { apiNotFound, errorBody, errorHandler } from './errors.js';
import type { RequestLimiter } from '../realtime/request-limit.js';
import { authenticate, limitPerUser } from './guards.js';
import { reportsRouter } from './reports.js';
import { authRouter } from './routes/auth.js';
import { catalogRouter } from './routes/catalog.js';
import { classroomsRouter } from './routes/classrooms.js';
import { sessionsRouter } from './routes/sessions.js';
import { usersRouter } from './routes/users.js';

export interface HttpDeps {
  store: Store;
  host: SessionHost;
  logger: Logger;
  distDir: string;
  cookieSecure: boolean;
  bcryptRounds: number;
  /** Failed logins allowed per address and window. */
  loginRateLimit: { windowMs: number; limit: number };
  onLogout: (tokenHash: string) => void;
  /** The per-user request budget shared with the sockets (none: no limit). */
  requestLimiter?: RequestLimiter;
}

/** Request bodies are small commands; anything bigger is refused before parsing. */
export const BODY_LIMIT = '64kb';

export function createHttpApp(d: HttpDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', false);
  app.use(helmet());
  // One line per API request (debug: a classroom makes many), so a trainer's "it failed" can be traced.
  app.use('/api', (req, res, next) => {
    const start = performance.now();
    res.on('finish', () => d.logger.debug({ method: req.method, url: req.originalUrl, status: res.statusCode, ms: Math.round(performance.now() - start), user: req.user?.id }, 'api request'));
    next();
  });
  app.use(express.json({ limit: BODY_LIMIT }));
  app.use(cookieParser());

  const loginLimiter = rateLimit({
    windowMs: d.loginRateLimit.windowMs,
    limit: d.loginRateLimit.limit,
    // Only failures count: a classroom behind one NAT address logs in together without being blocked.
    skipSuccessfulRequests: true,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    handler: (_req, res) => { res.status(429).json(errorBody('auth/rate_limited', 'too many failed logins from this address; wait a few minutes and try again')); },
  });

  // API answers are per user and change with every action: never cache them.
  app.use('/api', (_req, res, next) => { res.set('Cache-Control', 'no-store'); next(); }, authenticate(d.store), limitPerUser(d.requestLimiter, d.logger));
  // Staff reports (replay, grid, exports) carry their full /api/sessions/:id/... paths.
  app.use(reportsRouter({ store: d.store, catalog: d.host.catalog, scorer: d.host.scorer }));

  const api = express.Router();
  api.get('/health', (_req, res) => { res.json({ status: 'ok' }); });
  api.use('/auth', authRouter({ store: d.store, loginLimiter, cookieSecure: d.cookieSecure, onLogout: d.onLogout }));
  api.use('/users', usersRouter(d.store, d.bcryptRounds));
  api.use('/classrooms', classroomsRouter(d.store));
  api.use('/sessions', sessionsRouter(d.store, d.host));
  api.use('/catalog', catalogRouter(d.host.catalog, d.host.scorer));
  api.use(apiNotFound);

  app.use('/api', api);
  app.use(clientFiles(d.distDir));
  app.use(errorHandler(d.logger));
  return app;
}
