// The event log's writer: its own SQLite connection in a worker thread, so the
// server's event loop never waits for a commit's fsync (synchronous=FULL) or a
// WAL checkpoint. The main thread prepares everything (rows, JSON payloads, the
// next read-model row); this thread only checks that each batch continues the
// stored log, writes it, and commits. Batches that arrive while a commit runs
// share the next transaction (group commit), each in its own savepoint so one
// conflict does not fail the others; each is answered only once committed.
// Transactions begin IMMEDIATE: they take the write lock first (waiting up to
// busy_timeout while the main connection writes), instead of reading first and
// failing with "database is locked" when the upgrade finds a newer snapshot.
// Plain JS so it runs the same under tsx, vitest and node.
import { parentPort, receiveMessageOnPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

const db = new Database(workerData.file);
// The main connection's setting (FULL for the server, see open.ts).
db.pragma(`synchronous = ${Number(workerData.synchronous)}`);
db.pragma('foreign_keys = ON');
db.pragma('busy_timeout = 5000');

const getHead = db.prepare('SELECT last_seq FROM drill_sessions WHERE id = ?');
// The write statements come from event-writer.ts (WRITE_SQL), shared with the main connection.
const insertEvent = db.prepare(workerData.sql.insertEvent);
const updateRow = db.prepare(workerData.sql.updateSessionRow);

class Conflict extends Error {
  constructor(expected, got) { super('conflict'); this.expected = expected; this.got = got; }
}

const appendOne = db.transaction((b) => {
  const head = getHead.get(b.sessionId);
  if (!head) throw new Error(`unknown session ${b.sessionId}`);
  // Optimistic concurrency against the stored log, whoever else writes to it.
  if (head.last_seq !== b.afterSeq) throw new Conflict(head.last_seq + 1, b.afterSeq + 1);
  for (const row of b.rows) insertEvent.run(row);
  updateRow.run(b.next);
});

const commitGroup = db.transaction((group) => group.map((b) => {
  try {
    appendOne(b);
    return { id: b.id, ok: true };
  } catch (e) {
    return e instanceof Conflict
      ? { id: b.id, ok: false, conflict: { expected: e.expected, got: e.got } }
      : { id: b.id, ok: false, message: e instanceof Error ? e.message : String(e) };
  }
}));

let queued = [];
let closing = false;

function commit() {
  const group = queued;
  queued = [];
  if (group.length === 0) return;
  try {
    const started = performance.now();
    const results = commitGroup.immediate(group);
    // Timings for benchmarks (event-writer.ts `observeWriter`): the commit, fsync included, and when it was answered.
    const now = performance.now();
    parentPort.postMessage({ type: 'done', results, commitMs: now - started, answeredAt: performance.timeOrigin + now });
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    parentPort.postMessage({ type: 'done', results: group.map((b) => ({ id: b.id, ok: false, message })) });
  }
}

function handle(m) {
  if (m.type === 'append') queued.push(...m.batches);
  else if (m.type === 'close') closing = true;
}

// Everything already waiting on the port joins this group: no timer, so a lone append commits at once.
parentPort.on('message', (first) => {
  if (closing) return;
  handle(first);
  for (let next = receiveMessageOnPort(parentPort); next; next = receiveMessageOnPort(parentPort)) handle(next.message);
  commit();
  if (closing) {
    db.close();
    parentPort.postMessage({ type: 'closed' });
  }
});
parentPort.postMessage({ type: 'ready' });
