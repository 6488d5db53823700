/**
 * `npm run db:backup -- <file>`: copies the database (DESKDRILL_DB, default
 * ./data/deskdrill.db) to <file> with SQLite's online backup API. Safe while
 * the server runs: the copy is a consistent snapshot.
 */
import { resolve } from 'node:path';
import { backupFile } from '../server/src/store/sqlite/backup.js';

const dest = process.argv[2];
if (!dest) {
  console.error('usage: npm run db:backup -- <backup-file>');
  process.exit(2);
}
const source = resolve(process.env.DESKDRILL_DB ?? resolve('data', 'deskdrill.db'));
backupFile(source, resolve(dest)).then(
  (r) => console.log(`backup of ${source} written to ${resolve(dest)} (${r.pages} pages)`),
  (e: unknown) => { console.error(`backup failed: ${e instanceof Error ? e.message : String(e)}`); process.exit(1); },
);
