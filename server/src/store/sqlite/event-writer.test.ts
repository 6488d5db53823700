/**
 * The writer thread dying (a native crash, an out-of-memory): what was in
 * flight is rejected, never silently lost or half-applied, and a new writer
 * takes over for the next appends; writers that keep dying are not restarted.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Worker } from 'node:worker_threads';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { SessionEvent } from '../../domain/events.js';
import { eventRow, EventWriter, sessionRowUpdate } from './event-writer.js';
import { openSqliteStore, type SqliteStore } from './index.js';

let dir: string;
let store: SqliteStore;
let writer: EventWriter | undefined;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'deskdrill-writer-'));
  store = openSqliteStore(join(dir, 'db.sqlite'));
  await store.createUser({ id: 'usr_t', username: 'trainer', displayName: 'T', role: 'trainer', passwordHash: 'x' });
  await store.createClassroom({ id: 'cls_1', name: 'C', createdBy: 'usr_t' });
  await store.createSession({
    id: 'ses_1', classroomId: 'cls_1', createdBy: 'usr_t', traineeIds: [],
    created: { seq: 1, type: 'session.created', t: 0, actor: { role: 'trainer', id: 'usr_t' }, payload: { drillId: 'd', contractId: 'c', seed: 1, mode: 'training', speed: 1, rubricVersion: 'v1', trainees: [], timeline: [], duration: 1000 } },
  }, 1);
});
afterEach(async () => {
  await writer?.close();
  writer = undefined;
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const batch = (seq: number) => ({
  sessionId: 'ses_1', afterSeq: seq - 1,
  rows: [eventRow('ses_1', { seq, type: 'message.sent', t: seq, actor: { role: 'trainer', id: 'usr_t' }, payload: { message: `m${seq}` } } as SessionEvent, 5)],
  next: sessionRowUpdate('ses_1', { status: 'created', lastSeq: seq, virtualNow: seq, speed: 1 }, 5),
});
const kill = (w: EventWriter) => (w as unknown as { worker: Worker }).worker.terminate();

it('tells the truth about what was in flight when the writer dies, then a new writer takes the next appends', async () => {
  writer = new EventWriter(join(dir, 'db.sqlite'), 2);
  await writer.append(batch(2));
  const inFlight = writer.append(batch(3));
  await kill(writer);
  // A writer killed before it answered gets the append rejected (committed or not: the stored log says which);
  // one quick enough to answer first got it committed. Never answered as stored when it is not.
  const outcome = await inFlight.then(() => 'stored', (e: Error) => e.message);
  const stored = (await store.readLog('ses_1')).map((e) => e.seq);
  if (outcome === 'stored') expect(stored).toEqual([1, 2, 3]);
  else {
    expect(outcome).toMatch(/event writer stopped/);
    expect([[1, 2], [1, 2, 3]]).toContainEqual(stored);
  }
  const next = stored.length + 1;
  await writer.append(batch(next));
  expect((await store.readLog('ses_1')).map((e) => e.seq)).toEqual(Array.from({ length: next }, (_, i) => i + 1));
});

it('stops restarting a writer that keeps dying, and refuses appends with a clear error', async () => {
  writer = new EventWriter(join(dir, 'db.sqlite'), 2);
  for (let i = 0; i < 3; i++) { await kill(writer); await new Promise((r) => setTimeout(r, 50)); }
  await expect(writer.append(batch(2))).rejects.toThrow(/keeps stopping/);
});

/** Counts what the writer thread is sent (the real thread still receives it). */
function spyPosts(w: EventWriter): { type: string; batches?: { id: number }[] }[] {
  const worker = (w as unknown as { worker: Worker }).worker;
  const posted: { type: string; batches?: { id: number }[] }[] = [];
  const post = worker.postMessage.bind(worker);
  worker.postMessage = (msg: { type: string; batches?: { id: number }[] }) => { posted.push(msg); post(msg); };
  return posted;
}

it('posts the first append of a turn at once and the turn\'s later ones together, and commits them all in order', async () => {
  writer = new EventWriter(join(dir, 'db.sqlite'), 2);
  const posted = spyPosts(writer);
  const turn = [2, 3, 4, 5, 6].map((seq) => writer!.append(batch(seq)));
  // Before the turn ends, only the first has left.
  expect(posted.map((p) => p.batches?.length)).toEqual([1]);
  await Promise.all(turn);
  expect(posted.map((p) => p.batches?.length)).toEqual([1, 4]);
  expect((await store.readLog('ses_1')).map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6]);
  // A later turn starts again with a message of its own.
  await writer.append(batch(7));
  expect(posted.map((p) => p.batches?.length)).toEqual([1, 4, 1]);
});

it('never commits an append that waited for the end of the turn when the writer died meanwhile', async () => {
  writer = new EventWriter(join(dir, 'db.sqlite'), 2);
  await writer.append(batch(2));
  const first = writer.append(batch(3));
  const waiting = writer.append(batch(4));
  // The writer is lost before the turn ends (as its 'exit' would report): both were in flight, so both are refused.
  const old = (writer as unknown as { worker: Worker }).worker;
  (writer as unknown as { lost(w: Worker, e: Error): void }).lost(old, new Error('the event writer stopped (test)'));
  await expect(first).rejects.toThrow(/event writer stopped/);
  await expect(waiting).rejects.toThrow(/event writer stopped/);
  await new Promise((r) => setTimeout(r, 100));
  await old.terminate();
  const stored = (await store.readLog('ses_1')).map((e) => e.seq);
  // Seq 3 may have reached the old writer; seq 4, held back, must not reach the new one.
  expect(stored).not.toContain(4);
  const next = stored.length + 1;
  await writer.append(batch(next));
  expect((await store.readLog('ses_1')).map((e) => e.seq)).toEqual(Array.from({ length: next }, (_, i) => i + 1));
});
