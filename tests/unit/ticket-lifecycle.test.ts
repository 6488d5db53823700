import { describe, expect, it } from 'vitest';
import { TICKET_ACTIONS, TICKET_STATUSES, allowedActions, transition, type TicketAction, type TicketStatus } from '../../server/src/domain/ticket.js';

/** The lifecycle written out independently of the implementation's table. */
const EXPECTED: [TicketStatus, TicketAction, TicketStatus][] = [
  ['new', 'take', 'in_progress'], ['new', 'cancel', 'cancelled'],
  ['in_progress', 'wait', 'pending'], ['in_progress', 'escalate', 'escalated'], ['in_progress', 'resolve', 'resolved'], ['in_progress', 'cancel', 'cancelled'],
  ['pending', 'resume', 'in_progress'], ['pending', 'resolve', 'resolved'], ['pending', 'cancel', 'cancelled'],
  ['escalated', 'return', 'in_progress'], ['escalated', 'resolve', 'resolved'], ['escalated', 'escalate', 'escalated'], ['escalated', 'cancel', 'cancelled'],
  ['resolved', 'close', 'closed'], ['resolved', 'reopen', 'in_progress'],
];

describe('ticket lifecycle', () => {
  for (const [from, action, to] of EXPECTED) {
    it(`allows ${action} from ${from} to ${to}`, () => {
      expect(transition(from, action)).toEqual({ ok: true, value: to });
    });
  }

  const refused = TICKET_STATUSES.flatMap((from) => TICKET_ACTIONS.filter((a) => !EXPECTED.some(([f, x]) => f === from && x === a)).map((a) => [from, a] as const));
  it('refuses every other transition (there are many)', () => expect(refused.length).toBeGreaterThan(40));
  for (const [from, action] of refused) {
    it(`refuses ${action} from ${from} with a typed error naming it`, () => {
      const r = transition(from, action);
      expect(r.ok).toBe(false);
      if (r.ok) return;
      expect(r.error.code).toBe('ticket/invalid_transition');
      expect(r.error.message).toContain(`cannot ${action}`);
      expect(r.error.message).toContain(from.replace('_', ' '));
    });
  }

  it('closed and cancelled are final', () => {
    expect(allowedActions('closed')).toEqual([]);
    expect(allowedActions('cancelled')).toEqual([]);
  });

  it('explains why closing an unresolved ticket is refused', () => {
    const r = transition('in_progress', 'close');
    expect(!r.ok && r.error.message).toMatch(/resolve it and get the user's confirmation/);
  });
});
