/** Who a batch concerns: the creation event and grid judgements never reach a desk; desk events reach their owner only. */
import { describe, expect, it } from 'vitest';
import { loadCatalogOrThrow } from '../catalog/load.js';
import { SessionMachine } from '../domain/machine.js';
import { audienceOf, noticesFor, ownerOf } from './fanout.js';

const catalog = loadCatalogOrThrow();
const trainer = { role: 'trainer' as const, id: 'tr' };
const ana = { role: 'trainee' as const, id: 'ana' };

function running() {
  const m = new SessionMachine(catalog);
  const c = SessionMachine.creation(catalog, { drillId: 'demo-short', seed: 1, trainees: [{ id: 'ana', name: 'Ana' }, { id: 'ben', name: 'Ben' }] }, trainer);
  if (!c.ok) throw new Error(c.error.message);
  m.append([c.value]);
  m.control(trainer, { type: 'session.start' }, 0, 0);
  m.advanceTo(0);
  return m;
}

describe('fanout', () => {
  it('never addresses the creation event or evaluator judgements to a trainee', () => {
    const m = running();
    expect(ownerOf(m.events[0]!, m.state)).toBeUndefined();
    const r = m.evaluate({ role: 'evaluator', id: 'ev' }, { type: 'grid.override', traineeId: 'ana', criterionId: 'TAI-CP8-C1', level: 'acquired', comment: 'ok' });
    expect(r.ok && ownerOf(r.value[0]!, m.state)).toBeUndefined();
    expect(audienceOf([m.events[0]!], m.state)).toEqual({ all: false, trainees: new Set() });
  });

  it('addresses desk events to their owner, session events to all', () => {
    const m = running();
    const arrived = m.events.filter((e) => e.type === 'contact.arrived');
    expect(arrived.map((e) => ownerOf(e, m.state)).sort()).toEqual(['ana', 'ben']);
    const anaContact = Object.values(m.state.contacts).find((c) => c.traineeId === 'ana')!;
    const r = m.act(ana, { type: 'call.ask', contactId: anaContact.id, questionId: 'q-since-when' }, 0);
    expect(r.ok).toBe(false); // not taken yet
    const took = m.act(ana, { type: 'contact.take', contactId: anaContact.id }, 1000);
    expect(took.ok && audienceOf(took.value, m.state)).toEqual({ all: false, trainees: new Set(['ana']) });
    const msg = m.control(trainer, { type: 'session.message', traineeId: 'ben', message: 'Ben seulement' }, 2000, 2);
    expect(msg.ok && audienceOf(msg.value, m.state)).toEqual({ all: false, trainees: new Set(['ben']) });
    const pause = m.control(trainer, { type: 'session.pause' }, 3000, 3);
    expect(pause.ok && audienceOf(pause.value, m.state)).toEqual({ all: true });
  });

  it('announces a new caller to its trainee only, by name and channel', () => {
    const m = running();
    const notices = noticesFor('s', m.events, m.state, catalog);
    const contact = notices.filter((n) => n.notice.kind === 'contact');
    expect(contact.map((n) => n.to).sort()).toEqual(['ana', 'ben']);
    expect(contact[0]!.notice.text).toMatch(/^(Appel entrant : |Nouveau message de )/);
    expect(notices.find((n) => n.notice.kind === 'session')).toMatchObject({ to: 'all', notice: { text: 'Exercice démarré' } });
    // The code and parameters let a client write the notice in its reader's language.
    expect(contact[0]!.notice.code).toMatch(/^contact\.(phone|email|portal)$/);
    expect(contact[0]!.notice.params?.name).toEqual(expect.any(String));
    expect(notices.find((n) => n.notice.kind === 'session')?.notice.code).toBe('session.started');
  });
});
