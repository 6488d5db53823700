/**
 * `npm run scenarios:check [--seeds DIR] [files…]`: validates the scenario
 * library, or the given files in the context of the library. Prints each error
 * as `file: path: message` and exits 1 on any error.
 */
import { resolve, relative } from 'node:path';
import { loadCatalog, DEFAULT_SEEDS_DIR, formatError } from '../server/src/catalog/load.js';

const args = process.argv.slice(2);
let root = DEFAULT_SEEDS_DIR;
const files: string[] = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--seeds') root = resolve(args[++i] ?? '.');
  else files.push(args[i]!);
}

const { catalog, errors } = loadCatalog(root, files);
// With explicit files, report only their errors (the rest of the library is context).
const wanted = files.map((f) => relative(process.cwd(), resolve(f)));
const shown = files.length ? errors.filter((e) => wanted.includes(e.file)) : errors;
for (const e of shown) console.error(formatError(e));
const counts = `${Object.keys(catalog.incidents).length} incidents, ${Object.keys(catalog.drills).length} drills, ${Object.keys(catalog.kb).length} KB articles`;
if (shown.length) {
  console.error(`\n${shown.length} error(s) (${counts})`);
  process.exit(1);
}
console.log(`scenarios ok: ${counts}`);
