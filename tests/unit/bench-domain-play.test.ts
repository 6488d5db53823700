/**
 * bench:load --player: the load client's domain players fold the session from the server's database and choose what
 * the same player would choose on the server's own state.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadCatalogOrThrow } from '../../server/src/catalog/load.js';
import type { SessionEvent } from '../../server/src/domain/events.js';
import { SessionMachine } from '../../server/src/domain/machine.js';
import { createPlayer } from '../../server/src/domain/players/index.js';
import { TRAINER } from '../../server/src/domain/players/driver.js';
import { openSqliteStore, type SqliteStore } from '../../server/src/store/sqlite/index.js';
import { addLoadDrill, LOAD_DRILL_ID } from '../../scripts/bench/common.js';
import { DomainPlay, playerKindFor } from '../../scripts/bench/domain-play.js';
import { DomainPlayThread } from '../../scripts/bench/domain-play-thread.js';

let dir: string;
let store: SqliteStore;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'deskdrill-domain-play-'));
  store = openSqliteStore(join(dir, 'db.sqlite'));
});
afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('bench:load domain players', () => {
  it('mixes two experts for one novice, by seat', () => {
    expect([0, 1, 2, 3, 4, 5].map((i) => playerKindFor('mixed', i))).toEqual(['model', 'model', 'random', 'model', 'model', 'random']);
    expect(playerKindFor('random', 0)).toBe('random');
  });

  it('plays from the stored log what the same player plays on the live state, following the log as it grows', async () => {
    const catalog = loadCatalogOrThrow();
    addLoadDrill(catalog, 30, 4);
    const trainees = ['usr_a', 'usr_b', 'usr_c'];
    await store.createUser({ id: 'usr_t', username: 'trainer', displayName: 'T', role: 'trainer', passwordHash: 'x' });
    for (const id of trainees) await store.createUser({ id, username: id, displayName: id, role: 'trainee', passwordHash: 'x' });
    await store.createClassroom({ id: 'cls_1', name: 'C', createdBy: 'usr_t' });
    const created = SessionMachine.creation(catalog, { drillId: LOAD_DRILL_ID, seed: 5, trainees: trainees.map((id) => ({ id, name: id })) }, TRAINER);
    if (!created.ok) throw new Error(created.error.message);
    const live = new SessionMachine(catalog);
    const [first] = live.append([created.value]);
    await store.createSession({ id: 'ses_1', classroomId: 'cls_1', createdBy: 'usr_t', traineeIds: trainees, created: first as Extract<SessionEvent, { type: 'session.created' }> }, 1);
    const store_ = async (events: SessionEvent[]) => { if (events.length) await store.appendBatch('ses_1', events, 1); };
    const started = live.control(TRAINER, { type: 'session.start' }, 0, 0);
    if (!started.ok) throw new Error(started.error.message);
    await store_(started.value);

    const config = { db: join(dir, 'db.sqlite'), drillMinutes: 30, drillEvery: 4, players: 'mixed', seed: 5 } as const;
    const play = new DomainPlay(config);
    // The load client asks a thread of its own; the in-process oracle is asked the same questions beside it.
    const thread = await DomainPlayThread.start(config);
    // At the lowest priority, where threads have one of their own.
    if (process.platform === 'linux') expect(thread.nice).toBe(19);
    // The bench's seats and, beside them, the same players on the server's state.
    const benchSeats = trainees.map((id, i) => play.player(i, id));
    const liveSeats = trainees.map((id, i) => createPlayer(playerKindFor('mixed', i), 5, id));
    let commands = 0;
    for (let t = 5_000; t <= 600_000; t += 5_000) {
      await store_(live.advanceTo(t));
      for (const [i, id] of trainees.entries()) {
        const fromBench = play.next(benchSeats[i]!, 'ses_1', id);
        const fromLive = liveSeats[i]!.next({ state: live.state, catalog, traineeId: id, t: live.state.now });
        expect(fromBench).toEqual(fromLive);
        expect(await thread.next(i, 'ses_1', id)).toEqual(fromLive);
        if (!fromBench) continue;
        commands++;
        const r = live.act({ role: 'trainee', id }, fromBench, t);
        if (r.ok) await store_(r.value);
      }
    }
    play.close();
    await thread.close();
    await expect(thread.next(0, 'ses_1', trainees[0]!)).rejects.toThrow(/closed/);
    // The lifecycle was played, not only the start of it.
    const types = new Set(live.events.map((e) => e.type));
    expect(commands).toBeGreaterThan(100);
    for (const type of ['ticket.qualified', 'ticket.resolved', 'ticket.closed'] as const) expect(types).toContain(type);
  });

  it("fails to start the players' thread on a database that is not there, saying why", async () => {
    await expect(DomainPlayThread.start({ db: join(dir, 'missing.sqlite'), drillMinutes: 30, drillEvery: 4, players: 'model', seed: 1 }))
      .rejects.toThrow(/could not start: unable to open database file/);
  });
});
