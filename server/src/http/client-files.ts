/**
 * Serves the built client (vite writes it to dist/). Without a build, every
 * page answers a short French notice saying how to build it, rather than a 404.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import express, { Router } from 'express';

const NOT_BUILT = `<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><title>DeskDrill</title></head>
<body><main>
<h1>DeskDrill</h1>
<p>Le serveur fonctionne, mais l'interface n'est pas encore construite.</p>
<p>Lancez <code>npm run build</code> (ou <code>npm start</code>, qui construit puis démarre) et rechargez cette page.</p>
</main></body></html>`;

export function clientFiles(distDir: string): Router {
  const r = Router();
  const index = join(distDir, 'index.html');
  if (existsSync(index)) {
    r.use(express.static(distDir, { index: false, maxAge: '1h' }));
    // Client-side routes: any other page gets the app shell.
    r.get(/^\/(?!api\/|socket\.io\/).*/, (_req, res) => { res.sendFile(index); });
  } else {
    r.get(/^\/(?!api\/|socket\.io\/).*/, (_req, res) => { res.status(200).type('html').send(NOT_BUILT); });
  }
  return r;
}
