/** Online backup of a live database file (another process may be writing to it). */
import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';

export async function backupFile(source: string, dest: string): Promise<{ pages: number }> {
  if (!existsSync(source)) throw new Error(`no database at ${source}`);
  if (existsSync(dest)) throw new Error(`${dest} already exists; choose a new file name`);
  // No migration here: a backup must copy the database as it is, whatever version wrote it.
  const db = new Database(source, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    const r = await db.backup(dest);
    return { pages: r.totalPages };
  } finally {
    db.close();
  }
}
