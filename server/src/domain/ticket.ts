/**
 * Ticket lifecycle as an explicit state machine (ITIL incident states).
 * Every transition not listed is refused with a typed error naming it.
 */
import { err, ok, domainError, type DomainError, type Result } from './result.js';

export const TICKET_STATUSES = ['new', 'in_progress', 'pending', 'escalated', 'resolved', 'closed', 'cancelled'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

export const TICKET_ACTIONS = ['take', 'wait', 'resume', 'escalate', 'return', 'resolve', 'close', 'reopen', 'cancel'] as const;
export type TicketAction = (typeof TICKET_ACTIONS)[number];

/** from status → action → to status */
const TRANSITIONS: Record<TicketStatus, Partial<Record<TicketAction, TicketStatus>>> = {
  new: { take: 'in_progress', cancel: 'cancelled' },
  in_progress: { wait: 'pending', escalate: 'escalated', resolve: 'resolved', cancel: 'cancelled' },
  pending: { resume: 'in_progress', resolve: 'resolved', cancel: 'cancelled' },
  // An escalated ticket comes back when the group returns it, or is resolved by the group.
  escalated: { return: 'in_progress', resolve: 'resolved', escalate: 'escalated', cancel: 'cancelled' },
  resolved: { close: 'closed', reopen: 'in_progress' },
  closed: {},
  cancelled: {},
};

const WHY: Partial<Record<TicketAction, string>> = {
  take: 'only a new ticket can be taken in',
  wait: 'only a ticket in progress can be put on hold',
  resume: 'only a pending ticket can be resumed',
  escalate: 'only a ticket in progress can be escalated',
  return: 'only an escalated ticket can be returned by its group',
  resolve: 'a ticket must be in progress, pending or escalated to be resolved',
  close: 'only a resolved ticket can be closed (resolve it and get the user\'s confirmation first)',
  reopen: 'only a resolved ticket can be reopened; a closed ticket is final',
  cancel: 'a resolved, closed or cancelled ticket cannot be cancelled',
};

export function transition(from: TicketStatus, action: TicketAction): Result<TicketStatus, DomainError> {
  const to = TRANSITIONS[from][action];
  if (to) return ok(to);
  return err(domainError('ticket/invalid_transition', `cannot ${action} a ticket that is ${from.replace('_', ' ')}: ${WHY[action]}`));
}

export function allowedActions(from: TicketStatus): TicketAction[] {
  return Object.keys(TRANSITIONS[from]) as TicketAction[];
}

export const isOpen = (s: TicketStatus) => s !== 'closed' && s !== 'cancelled' && s !== 'resolved';
