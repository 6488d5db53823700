/**
 * Desk pushes are patches of the view a trainee's clients hold: the contacts and tickets a batch changed
 * (tickets whole, contacts taken before the patch's base as deltas), plus the header and the small lists. Folded by the client code (`applyTraineeUpdate`), they must
 * give exactly the view the server would project, after every batch of real drills, for a client that
 * followed from the start and for one that joined halfway (it holds a later view than the patches' base).
 */
import { describe, expect, it } from 'vitest';
import { loadCatalogOrThrow } from '../../server/src/catalog/load.js';
import { applyTraineeUpdate, DeskFeed, type DeskState } from '../../server/src/desk-state.js';
import type { SessionEvent } from '../../server/src/domain/events.js';
import { SessionMachine } from '../../server/src/domain/machine.js';
import { createPlayer } from '../../server/src/domain/players/index.js';
import { runDrill } from '../../server/src/domain/players/driver.js';
import { projectForTrainee, type TraineeView } from '../../server/src/domain/projection.js';
import { deskChanges } from '../../server/src/engine/fanout.js';
import { LiveSession } from '../../server/src/engine/live-session.js';
import { emptyScorer } from '../../server/src/engine/scoring-adapter.js';
import { traineePush, traineeSnapshot } from '../../server/src/engine/views.js';
import type { SessionRecord } from '../../server/src/store/types.js';

const catalog = loadCatalogOrThrow();

/** The log cut into batches of 1 to 4 events, as the host stores them (an action with the schedule's due events). */
function batches(events: readonly SessionEvent[]): SessionEvent[][] {
  const sizes = [1, 2, 1, 3, 1, 4];
  const out: SessionEvent[][] = [];
  for (let i = 0, k = 0; i < events.length; k++) { const n = sizes[k % sizes.length]!; out.push(events.slice(i, i + n)); i += n; }
  return out;
}

/** A played drill's machine, and a client holding the trainee's whole view at its end (the merge tests' start). */
function wholeDeskAfterDrill(): { m: SessionMachine; view: TraineeView; held: DeskState } {
  const seats = [{ id: 't0', player: createPlayer('model', 5, 't0') }];
  const run = runDrill({ catalog, drillId: 'tai-morning-shift', seed: 4, seats, stepMs: 20_000 });
  const m = new SessionMachine(catalog, run.events);
  const view = projectForTrainee(m.state, catalog, 't0');
  return { m, view, held: { sessionId: 's1', seq: m.state.seq, view, feedback: [], feedbackVersion: 0 } };
}

describe('desk patches', () => {
  for (const drillId of ['tai-morning-shift', 'major-mail-outage', 'exam-mixed']) {
    it(`fold into exactly the projected view after every batch (${drillId})`, async () => {
      const seats = (['model', 'careless', 'random'] as const).map((kind, i) => ({ id: `t${i}`, player: createPlayer(kind, 31 + i, `t${i}`) }));
      const run = runDrill({ catalog, drillId, seed: 7, seats, stepMs: 20_000 });
      const m = new SessionMachine(catalog);
      const live = new LiveSession({ id: 's1' } as SessionRecord, m, emptyScorer());
      const desks = new Map<string, DeskState | undefined>();
      const late = new Map<string, DeskState | undefined>();
      const all = batches(run.events);
      const joinAt = Math.floor(all.length / 2);
      let patches = 0, views = 0, patchBytes = 0, viewBytes = 0, deltas = 0, wholeContacts = 0, ticketDeltas = 0, wholeTickets = 0;
      for (const [i, chunk] of all.entries()) {
        const events = m.append(chunk);
        const concerned = live.noteDecided(events);
        const changes = deskChanges(events, m.state);
        // A second client of each trainee joins halfway: whole view and feedback, as session:join answers.
        if (i === joinAt) for (const { id } of seats) late.set(id, applyTraineeUpdate(undefined, await traineeSnapshot(live, id)));
        for (const id of concerned) {
          const u = traineePush(live, id, changes);
          if (u.patch) {
            patches++; patchBytes += JSON.stringify(u).length; viewBytes += JSON.stringify(projectForTrainee(m.state, catalog, id)).length;
            for (const c of u.patch.contacts) if ('delta' in c) deltas++; else wholeContacts++;
            for (const t of u.patch.tickets) if ('delta' in t) ticketDeltas++; else wholeTickets++;
          } else views++;
          const want = projectForTrainee(m.state, catalog, id);
          const next = applyTraineeUpdate(desks.get(id), u);
          expect(next, `${id}: push at seq ${u.seq} did not fit`).toBeDefined();
          expect(next!.view, `${id} after seq ${m.state.seq}`).toEqual(want);
          desks.set(id, next);
          if (late.has(id)) {
            const other = applyTraineeUpdate(late.get(id), u);
            expect(other?.view, `${id} (joined late) after seq ${m.state.seq}`).toEqual(want);
            late.set(id, other);
          }
        }
      }
      // Most pushes were patches, and much smaller than the views they stand for.
      expect(patches).toBeGreaterThan(views * 3);
      expect(patchBytes).toBeLessThan(viewBytes / 2);
      // A contact taken before a patch's base travels as a delta (what can change, new transcript lines).
      expect(deltas).toBeGreaterThan(wholeContacts);
      // So does a ticket created before it (its growing lists carry only the items added after the base).
      expect(ticketDeltas).toBeGreaterThan(wholeTickets);
    });
  }

  it('merge a ticket delta into a view later than its base, list by list, without repeating items', async () => {
    const { m, view, held } = wholeDeskAfterDrill();
    const ticket = view.desk.tickets.find((t) => t.tests.length >= 1)!;
    expect(ticket).toBeDefined();
    // The base sits before the ticket's last test: the view held is later than the base.
    const base = ticket.tests.at(-1)!.seq - 1;
    const seq = m.state.seq + 1;
    const later = { ...view.session, seq };
    const delta = {
      ...ticket, delta: true as const, status: 'pending' as const,
      notes: [...ticket.notes.filter((x) => x.seq > base), { seq, t: later.now, text: 'Rappel prévu à 14 h' }],
      tests: ticket.tests.filter((x) => x.seq > base),
      escalations: ticket.escalations.filter((x) => x.seq > base),
      userInformed: ticket.userInformed.filter((x) => x.seq > base),
    };
    const patch = { base, session: later, contacts: [], tickets: [delta], problems: view.desk.problems, articles: view.desk.articles, assetChanges: view.desk.assetChanges };
    const next = applyTraineeUpdate(held, { sessionId: 's1', seq, patch });
    const merged = next!.view.desk.tickets.find((t) => t.id === ticket.id)!;
    expect(merged.tests).toEqual(ticket.tests);
    expect(merged.notes).toEqual([...ticket.notes, delta.notes.at(-1)]);
    expect(merged.status).toBe('pending');
    expect('delta' in merged).toBe(false);
    expect(applyTraineeUpdate(held, { sessionId: 's1', seq, patch: { ...patch, tickets: [{ ...delta, id: 'INC-9999' }] } })).toBeUndefined();
  });

  it('merge a contact delta into a view later than its base without repeating lines, and refuse one for a contact not held', async () => {
    const { m, view, held } = wholeDeskAfterDrill();
    const contact = view.desk.contacts.find((c) => c.transcript.length >= 4)!;
    expect(contact).toBeDefined();
    const lines = contact.transcript;
    // The client holds the whole view; the patch's base sits before the last two lines' seq.
    const base = lines[lines.length - 3]!.seq;
    const later = { ...view.session, seq: m.state.seq + 1, now: view.session.now };
    const delta = { id: contact.id, delta: true as const, facts: contact.facts, steps: { ...contact.steps, concluded: true },
      transcript: [...lines.filter((l) => l.seq > base), { seq: m.state.seq + 1, t: later.now, who: 'agent' as const, kind: 'call.concluded' as const, text: 'Merci' }] };
    const patch = { base, session: later, contacts: [delta], tickets: [], problems: view.desk.problems, articles: view.desk.articles, assetChanges: view.desk.assetChanges };
    const next = applyTraineeUpdate(held, { sessionId: 's1', seq: m.state.seq + 1, patch });
    const merged = next!.view.desk.contacts.find((c) => c.id === contact.id)!;
    expect(merged.transcript).toEqual([...lines, delta.transcript.at(-1)]);
    expect(merged.steps.concluded).toBe(true);
    expect(merged.caller).toEqual(contact.caller);
    expect(applyTraineeUpdate(held, { sessionId: 's1', seq: m.state.seq + 1, patch: { ...patch, contacts: [{ ...delta, id: 'nobody' }] } })).toBeUndefined();
  });

  it('hold the pushes that overtake a join in flight and fold them after its answer (DeskFeed)', async () => {
    const seats = [{ id: 't0', player: createPlayer('model', 8, 't0') }];
    const run = runDrill({ catalog, drillId: 'tai-morning-shift', seed: 6, seats, stepMs: 20_000 });
    const m = new SessionMachine(catalog);
    const live = new LiveSession({ id: 's1' } as SessionRecord, m, emptyScorer());
    const all = batches(run.events);
    const cut = Math.floor(all.length / 2);
    for (const chunk of all.slice(0, cut)) { const ev = m.append(chunk); if (live.noteDecided(ev).includes('t0')) traineePush(live, 't0', deskChanges(ev, m.state)); }
    // The join is answered at this point of the log; the next pushes reach the client before its answer does.
    const answer = await traineeSnapshot(live, 't0');
    const feed = new DeskFeed();
    feed.joining();
    let held = 0;
    for (const chunk of all.slice(cut, cut + 12)) {
      const ev = m.append(chunk);
      if (!live.noteDecided(ev).includes('t0')) continue;
      expect(feed.take(traineePush(live, 't0', deskChanges(ev, m.state)))).toBe('held');
      held++;
    }
    expect(held).toBeGreaterThan(2);
    expect(feed.desk).toBeUndefined();
    expect(feed.joined(answer)).toBe('changed');
    expect(feed.desk!.view).toEqual(projectForTrainee(m.state, catalog, 't0'));
    // Without a join in flight, pushes fold as they come; after a failed join too.
    feed.joining();
    feed.joinFailed();
    for (const chunk of all.slice(cut + 12)) {
      const ev = m.append(chunk);
      if (!live.noteDecided(ev).includes('t0')) continue;
      expect(feed.take(traineePush(live, 't0', deskChanges(ev, m.state)))).not.toBe('held');
    }
    expect(feed.desk!.view).toEqual(projectForTrainee(m.state, catalog, 't0'));
  });

  it('refuses a patch whose base is later than the view held (a missed push): the client joins again', async () => {
    const seats = [{ id: 't0', player: createPlayer('model', 3, 't0') }];
    const run = runDrill({ catalog, drillId: 'tai-morning-shift', seed: 2, seats, stepMs: 20_000 });
    const m = new SessionMachine(catalog);
    const live = new LiveSession({ id: 's1' } as SessionRecord, m, emptyScorer());
    let held: DeskState | undefined;
    let refused = 0;
    let missedOne = false;
    for (const chunk of batches(run.events)) {
      const events = m.append(chunk);
      const concerned = live.noteDecided(events);
      if (!concerned.includes('t0')) continue;
      const u = traineePush(live, 't0', deskChanges(events, m.state));
      // Drop one patch once the desk has tickets: the next patch must not fit.
      if (!missedOne && u.patch && held && held.view.desk.tickets.length > 0) { missedOne = true; continue; }
      const next = applyTraineeUpdate(held, u);
      if (!next) { refused++; held = applyTraineeUpdate(undefined, await traineeSnapshot(live, 't0')); continue; }
      held = next;
    }
    expect(missedOne).toBe(true);
    expect(refused).toBe(1);
    expect(held!.view).toEqual(projectForTrainee(m.state, catalog, 't0'));
  });
});
