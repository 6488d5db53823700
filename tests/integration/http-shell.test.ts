/**
 * The HTTP shell around the API: security headers, no caching of API answers,
 * the built client (or a French notice when it is not built), and sockets
 * refused from another site's pages.
 */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { http, login } from './support/clients.js';
import { startServer, type TestServer } from './support/server.js';

let built: TestServer, bare: TestServer;
const dist = mkdtempSync(join(tmpdir(), 'deskdrill-dist-'));

beforeAll(async () => {
  mkdirSync(join(dist, 'assets'));
  writeFileSync(join(dist, 'index.html'), '<!doctype html><title>DeskDrill app</title><div id="root"></div>');
  writeFileSync(join(dist, 'assets', 'app.js'), 'console.log(1)');
  built = await startServer({ config: { distDir: dist } });
  bare = await startServer({ config: { distDir: join(dist, 'missing') } });
  await built.createUser('u', 'trainee');
}, 60_000);
afterAll(async () => {
  await built?.close();
  await bare?.close();
  rmSync(dist, { recursive: true, force: true });
});

describe('HTTP shell', () => {
  it('sends security headers and never lets API answers be cached', async () => {
    const r = await http(built.url, 'GET', '/api/health');
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ status: 'ok' });
    expect(r.headers.get('cache-control')).toBe('no-store');
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
    expect(r.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
    expect(r.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(r.headers.get('x-powered-by')).toBeNull();
    const me = await http(built.url, 'GET', '/api/auth/me', { cookie: await login(built.url, 'u') });
    expect(me.headers.get('cache-control')).toBe('no-store');
  });

  it('serves the built client, with the app shell for client-side routes', async () => {
    const asset = await http<string>(built.url, 'GET', '/assets/app.js');
    expect(asset.status).toBe(200);
    expect(asset.body).toBe('console.log(1)');
    for (const path of ['/', '/trainee/session/abc']) {
      const page = await http<string>(built.url, 'GET', path, { headers: { accept: 'text/html' } });
      expect(page.status).toBe(200);
      expect(page.body).toContain('DeskDrill app');
    }
    expect((await http(built.url, 'GET', '/api/unknown')).status).toBe(404);
  });

  it('says in French how to build the client when it is not built', async () => {
    const page = await http<string>(bare.url, 'GET', '/', { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.body).toContain("l'interface n'est pas encore construite");
    expect(page.body).toContain('npm run build');
  });

  it('refuses sockets opened from another site\'s page', async () => {
    const cookie = await login(built.url, 'u');
    const s = io(built.url, { transports: ['websocket'], reconnection: false, forceNew: true, extraHeaders: { cookie, origin: 'https://evil.example' } });
    const err = await new Promise<Error>((resolve) => s.once('connect_error', resolve));
    expect(err).toBeInstanceOf(Error);
    s.close();
    const ok = io(built.url, { transports: ['websocket'], reconnection: false, forceNew: true, extraHeaders: { cookie, origin: built.url } });
    await new Promise<void>((resolve, reject) => { ok.once('connect', () => resolve()); ok.once('connect_error', reject); });
    ok.close();
  });
});
