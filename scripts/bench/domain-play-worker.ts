/** The domain players' thread (see domain-play-thread.ts): one `DomainPlay` and a player per seat, answering in order. */
import { parentPort, workerData } from 'node:worker_threads';
import type { Player } from '../../server/src/domain/players/index.js';
import { lowerThreadPriority } from '../../server/src/engine/thread-priority.js';
import { DomainPlay, type DomainPlayConfig } from './domain-play.js';
import type { FromOracle, ToOracle } from './domain-play-thread.js';

// The players stand for the trainees' thinking, which a class does on its own machines: on the bench's shared CPUs
// they yield to everything else (the server, the scoring thread, the loop that stamps the latencies).
const nice = lowerThreadPriority(19);

const port = parentPort!;
const post = (m: FromOracle) => port.postMessage(m);
const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e));

let play: DomainPlay;
try {
  play = new DomainPlay((workerData as { config: DomainPlayConfig }).config);
} catch (e) {
  // Said in a message of its own: an error thrown here reaches the parent without its text.
  post({ t: 'failed', error: messageOf(e) });
  process.exit(1);
}
const seats = new Map<number, Player>();

port.on('message', (m: ToOracle) => {
  if (m.t !== 'next') return;
  try {
    let player = seats.get(m.seat);
    if (!player) seats.set(m.seat, (player = play.player(m.seat, m.traineeId)));
    post({ t: 'next', req: m.req, ok: true, value: play.next(player, m.sessionId, m.traineeId) });
  } catch (e) {
    post({ t: 'next', req: m.req, ok: false, error: messageOf(e) });
  }
});
post({ t: 'ready', nice });
