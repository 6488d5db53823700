/**
 * The scoring thread: it follows each live session's machine (a replica fed
 * the same batches in the same order) and keeps its `LiveFeedback`, so live
 * scoring never holds the event loop that serves the sockets. It loads the same
 * rules as the main thread and asks the process's one French dictionary
 * through a port.
 */
import { getHeapStatistics } from 'node:v8';
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { SessionMachine } from '../domain/machine.js';
import type { Catalog } from '../domain/scenario.js';
import { spellCheckOver } from '../domain/scoring/spell.js';
import { flushNow } from './feedback-source.js';
import { LiveFeedback, versionsFrom } from './live-feedback.js';
import { loadScorer, type ScorerSource } from './scoring-adapter.js';
import type { FromScoring, ThreadHeap, ToScoring } from './scoring-thread.js';
import { lowerThreadPriority } from './thread-priority.js';

interface Start { catalog: Catalog; source: ScorerSource; spellPort: MessagePort; versionFloor: number; nice: number }

const start = workerData as Start & { entry: string };
// Below the event loop: feedback can wait a little, a trainee's ack should not (thread-priority.ts).
const nice = start.nice > 0 ? lowerThreadPriority(start.nice) : undefined;
versionsFrom(start.versionFloor);
const scorer = await loadScorer({ ...start.source, spell: spellCheckOver(start.spellPort) });
const port = parentPort!;

interface Replica { machine: SessionMachine; feedback: LiveFeedback }
const replicas = new Map<string, Replica>();
/** Sessions whose replica fell out of step: their questions fail until the main thread loads them again. */
const broken = new Map<string, string>();

const send = (m: FromScoring) => port.postMessage(m);

function replica(key: string): Replica {
  const r = replicas.get(key);
  if (!r) throw new Error(broken.get(key) ?? `no session "${key}" on the scoring thread`);
  return r;
}

function handle(m: ToScoring): void {
  switch (m.t) {
    case 'load': {
      const machine = new SessionMachine(start.catalog, m.events);
      replicas.set(m.key, { machine, feedback: new LiveFeedback(() => machine, scorer) });
      broken.delete(m.key);
      return;
    }
    case 'events': {
      const r = replicas.get(m.key);
      if (!r) return;
      try {
        r.machine.follow(m.events);
        r.feedback.noteDecided(m.events);
      } catch (e) {
        replicas.delete(m.key);
        broken.set(m.key, `the scoring thread's copy of the session is out of step: ${(e as Error).message}`);
      }
      return;
    }
    case 'drop':
      replicas.delete(m.key);
      broken.delete(m.key);
      return;
    case 'flush': answer(m.req, () => flushNow(replica(m.key).feedback, m.ids, m.summary)); return;
    case 'full': answer(m.req, () => replica(m.key).feedback.results(m.id, 'full')); return;
    case 'summary': answer(m.req, () => replica(m.key).feedback.liveSummary()); return;
    case 'heap': answer(m.req, () => heap(m.gc)); return;
  }
}

/** This thread's V8 heap, after full collections when asked and exposed (--expose-gc). */
function heap(gc: boolean): ThreadHeap {
  if (gc) for (let i = 0; i < 2; i++) (globalThis as { gc?: () => void }).gc?.();
  const h = getHeapStatistics();
  return { heapTotal: h.total_heap_size, heapUsed: h.used_heap_size };
}

function answer(req: number, compute: () => unknown): void {
  try {
    send({ t: 'answer', req, ok: true, value: compute() });
  } catch (e) {
    send({ t: 'answer', req, ok: false, error: (e as Error).message });
  }
}

port.on('message', handle);
send({ t: 'ready', nice });
