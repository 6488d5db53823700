// The French dictionary lives in this worker thread, not in the server's heap:
// nspell's expanded French data is ~450 MB, and on the main thread its full
// garbage collections paused every socket for ~300 ms. Plain JS so it runs the
// same under tsx, vitest and node.
import { parentPort } from 'node:worker_threads';
import nspell from 'nspell';

const { default: dictionary } = await import('dictionary-fr');
const checker = nspell(dictionary);

const answer = ({ word, shared }) => {
  const cell = new Int32Array(shared);
  Atomics.store(cell, 1, checker.correct(word) ? 1 : 0);
  Atomics.store(cell, 0, 1);
  Atomics.notify(cell, 0);
};
// Other threads of the process (the scoring thread) ask over a port of their own: one dictionary per process.
parentPort.on('message', (m) => { if (m.port) m.port.on('message', answer); else answer(m); });
parentPort.postMessage('ready');
