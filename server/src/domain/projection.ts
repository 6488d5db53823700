/**
 * What each role may see of a session. A trainee's view is built from an
 * allow-list of what their own calls and tickets have revealed; the answer key
 * (incident ids, truth, unrevealed facts, other trainees) is never copied in.
 * Staff get the full state plus the truth beside each ticket.
 */
import { cloneData } from './clone.js';
import type { ReplyKind, TicketType, Catalog, Channel, Mood, TechLevel, Truth, Localized } from './scenario.js';
import type { SessionState, TicketState, TranscriptLine } from './session.js';
import { elapsed, targetsFor, type SlaPhase } from './sla.js';
import type { TicketStatus } from './ticket.js';

export interface CallerView { name: string; title: string; department: string; site: string; phone: string; email: string; vip: boolean; mood: Mood; techLevel: TechLevel }
export interface FactView { id: string; label: { fr: string; en?: string | undefined }; text: string }
export interface ContactView {
  id: string; channel: Channel; arrivedAt: number; takenAt?: number; endedAt?: number; ticketId?: string;
  caller: CallerView;
  /** The opening statement (or message body), shown once the contact is taken. */
  opening?: string;
  facts: FactView[];
  transcript: TranscriptLine[];
  causes: { id: string; label: { fr: string; en?: string | undefined } }[];
  steps: { greeted: boolean; identityChecked: boolean; rephrased: boolean; concluded: boolean };
}
export interface SlaView { phase: SlaPhase; target: number; elapsed: number; paused: boolean; stopped: boolean }
export interface TicketView {
  id: string; contactId: string; title: string; status: TicketStatus; arrivedAt: number; openedAt: number; takenAt?: number;
  impact?: string; urgency?: string; priority?: string; category?: string; ticketType?: TicketType; assetTag?: string;
  notes: TicketState['notes']; tests: TicketState['tests']; kbOpened: string[]; fixApplied?: string;
  remote: TicketState['remote']; pendingReason?: string; groupId?: string; escalations: TicketState['escalations']; returns: number;
  supervisorAlerted: boolean; userInformed: TicketState['userInformed']; resolvedAt?: number; resolution?: TicketState['resolution'];
  confirmation: TicketState['confirmation']; closedAt?: number; parentId?: string; problemId?: string;
  sla: { response: SlaView; resolution: SlaView };
  /** Staff only. */
  truth?: Truth & { incidentId: string; facts: string[]; factLabels: Record<string, Localized>; asset?: string | undefined };
}
export interface DeskView {
  traineeId: string;
  contacts: ContactView[];
  tickets: TicketView[];
  problems: SessionState['problems'][string][];
  articles: SessionState['articles'][string][];
  assetChanges: Record<string, Record<string, string>>;
}
export interface SessionHeaderView {
  /** The trainer's name for the session, when given. */
  name?: string;
  drillId: string; contractId: string; mode: SessionState['mode']; status: SessionState['status']; cancelled: boolean; clock: SessionState['clock'];
  now: number; seq: number; duration: number; feedbackReleased: boolean;
  broadcasts: SessionState['broadcasts'];
  trainees: SessionState['trainees'];
}
export interface TraineeView { role: 'trainee'; session: SessionHeaderView; desk: DeskView }
/**
 * A contact that changed after it was taken, sent to clients holding it already taken (it was taken at or
 * before the patch's base): the parts that can still change, and only the transcript lines after the base.
 * The caller, the opening, the causes and the arrival never change once a contact is taken, and the
 * transcript only grows: they were most of a patch.
 */
export interface ContactDelta {
  id: string;
  delta: true;
  endedAt?: number;
  ticketId?: string;
  facts: FactView[];
  /** The lines whose seq is above the patch's base (a client keeps its lines up to the base, then these). */
  transcript: TranscriptLine[];
  steps: ContactView['steps'];
}
/** The lists of a ticket that only grow, each item with the seq of the event that added it (ticket deltas cut them). */
export const TICKET_GROWING_LISTS = ['notes', 'tests', 'escalations', 'userInformed'] as const;
type GrowingList = typeof TICKET_GROWING_LISTS[number];
/**
 * A ticket that changed, sent to clients holding it already (it was created at or before the patch's base): every
 * field whole but the lists that only grow, which carry only their items added after the base.
 */
export type TicketDelta = Omit<TicketView, GrowingList> & { delta: true } & { [K in GrowingList]: TicketView[K] };
/**
 * The changes to a trainee's view since one at seq `base` (or later): the header, the contacts and tickets
 * that changed (by id, new ones after the others, in creation order: whole, or as a `ContactDelta` or a
 * `TicketDelta` when the view held has them already), and the small lists whole. A ticket left out has not
 * changed, except that its running SLA clocks went on with the virtual time: the fold moves them on by the
 * header's `now` (`desk-state.ts`).
 */
export interface DeskPatch extends Omit<DeskPart, 'contacts' | 'tickets'> {
  base: number;
  session: SessionHeaderView;
  contacts: (ContactView | ContactDelta)[];
  tickets: (TicketView | TicketDelta)[];
}
/** Part of a desk: some of its contacts and tickets (whole, in creation order) and its small lists whole. */
export type DeskPart = Pick<DeskView, 'contacts' | 'tickets' | 'problems' | 'articles' | 'assetChanges'>;
export interface StaffView { role: 'staff'; session: SessionHeaderView & { seed: number; rubricVersion: string }; desks: DeskView[]; overrides: SessionState['overrides'] }

function header(s: SessionState, traineeId?: string): SessionHeaderView {
  return {
    drillId: s.drillId, contractId: s.contractId, mode: s.mode, status: s.status, cancelled: s.cancelled, clock: s.clock, now: s.now, seq: s.seq, duration: s.duration,
    feedbackReleased: s.feedbackReleased, ...(s.name !== undefined ? { name: s.name } : {}),
    broadcasts: traineeId ? s.broadcasts.filter((b) => !b.traineeId || b.traineeId === traineeId) : s.broadcasts,
    trainees: traineeId ? s.trainees.filter((x) => x.id === traineeId) : s.trainees,
  };
}

function slaView(s: SessionState, tk: TicketState, clock: 'response' | 'resolution'): SlaView {
  const timer = clock === 'response' ? tk.responseSla : tk.resolutionSla;
  const target = targetsFor(s.contract, tk.priority)[clock];
  return { phase: tk.sla[clock], target, elapsed: elapsed(timer, s.now), paused: timer.pausedSince !== undefined, stopped: timer.stoppedAt !== undefined };
}

function contactView(s: SessionState, catalog: Catalog, c: SessionState['contacts'][string]): ContactView {
  const p = catalog.personas[c.callerId]!;
  const inc = catalog.incidents[c.incidentId]!;
  return {
    id: c.id, channel: c.channel, arrivedAt: c.arrivedAt,
    ...(c.takenAt !== undefined ? { takenAt: c.takenAt, opening: inc.opening } : {}),
    caller: { name: p.name, title: p.title, department: p.department, site: p.site, phone: p.phone, email: p.email, vip: p.vip, mood: inc.mood ?? p.mood, techLevel: p.techLevel },
    causes: c.takenAt !== undefined ? inc.causes.map((x) => ({ id: x.id, label: x.label })) : [],
    ...contactChanging(catalog, c, 0),
  };
}

/** The parts of a contact view that can still change once it is taken, with the transcript lines after `afterSeq`. */
function contactChanging(catalog: Catalog, c: SessionState['contacts'][string], afterSeq: number): Omit<ContactDelta, 'id' | 'delta'> {
  const inc = catalog.incidents[c.incidentId]!;
  return {
    ...(c.endedAt !== undefined ? { endedAt: c.endedAt } : {}),
    ...(c.ticketId ? { ticketId: c.ticketId } : {}),
    facts: inc.facts.filter((f) => c.revealed.includes(f.id)).map((f) => ({ id: f.id, label: f.label, text: f.text })),
    transcript: c.transcript.filter((l) => l.seq > afterSeq).map((l) => ({ ...l })),
    steps: { greeted: c.greetedAt !== undefined, identityChecked: c.identityCheckedAt !== undefined, rephrased: c.rephrasedAt !== undefined, concluded: c.concludedAt !== undefined },
  };
}

function ticketView(s: SessionState, catalog: Catalog, tk: TicketState, staff: boolean): TicketView {
  const view: TicketView = {
    id: tk.id, contactId: tk.contactId, title: tk.title, status: tk.status, arrivedAt: tk.arrivedAt, openedAt: tk.openedAt,
    notes: tk.notes, tests: tk.tests, kbOpened: tk.kbOpened, remote: tk.remote, escalations: tk.escalations, returns: tk.returns,
    supervisorAlerted: tk.supervisorAlerted, userInformed: tk.userInformed, confirmation: tk.confirmation,
    sla: { response: slaView(s, tk, 'response'), resolution: slaView(s, tk, 'resolution') },
  };
  for (const k of ['takenAt', 'impact', 'urgency', 'priority', 'category', 'ticketType', 'assetTag', 'fixApplied', 'pendingReason', 'groupId', 'resolvedAt', 'resolution', 'closedAt', 'parentId', 'problemId'] as const) {
    if (tk[k] !== undefined) (view as unknown as Record<string, unknown>)[k] = tk[k];
  }
  if (staff) {
    const inc = catalog.incidents[tk.incidentId]!;
    const required = inc.facts.filter((f) => f.required);
    // The labels too: staff see the facts still to gather by name, not only those a caller has revealed.
    view.truth = { ...inc.truth, incidentId: inc.id, facts: required.map((f) => f.id), factLabels: Object.fromEntries(required.map((f) => [f.id, f.label])), asset: inc.asset };
  }
  // Views are sent after the turn that built them; later events must not reach into them.
  return cloneData(view);
}

/** A trainee's small lists, whole (a few items each): problems, written articles, asset changes. */
function deskLists(s: SessionState, traineeId: string): Pick<DeskView, 'problems' | 'articles' | 'assetChanges'> {
  return {
    problems: cloneData(Object.values(s.problems).filter((p) => p.traineeId === traineeId)),
    articles: cloneData(Object.values(s.articles).filter((a) => a.traineeId === traineeId)),
    assetChanges: cloneData(s.assetChanges[traineeId] ?? {}),
  };
}

function desk(s: SessionState, catalog: Catalog, traineeId: string, staff: boolean): DeskView {
  const own = s.byTrainee[traineeId];
  return {
    traineeId,
    contacts: (own?.contacts ?? []).map((id) => contactView(s, catalog, s.contacts[id]!)),
    tickets: (own?.tickets ?? []).map((id) => ticketView(s, catalog, s.tickets[id]!, staff)),
    ...deskLists(s, traineeId),
  };
}

/**
 * What changed on a trainee's desk, for clients holding a view at seq `base` or later: the header, the
 * given contacts and tickets whole (the ones a batch named), and the small lists whole. Trainee allow-list
 * only, as `projectForTrainee`.
 */
export function deskPatch(s: SessionState, catalog: Catalog, traineeId: string, base: number, contactIds: Iterable<string>, ticketIds: Iterable<string>): DeskPatch {
  const own = s.byTrainee[traineeId];
  const wantContacts = new Set(contactIds), wantTickets = new Set(ticketIds);
  const contacts: DeskPatch['contacts'] = [];
  for (const id of own?.contacts ?? []) {
    if (!wantContacts.has(id)) continue;
    const c = s.contacts[id]!;
    contacts.push(c.takenSeq !== undefined && c.takenSeq <= base ? contactDelta(catalog, c, base) : contactView(s, catalog, c));
  }
  const tickets: DeskPatch['tickets'] = [];
  for (const id of own?.tickets ?? []) {
    if (!wantTickets.has(id)) continue;
    const tk = s.tickets[id]!;
    tickets.push(tk.createdSeq <= base ? ticketDelta(s, catalog, tk, base) : ticketView(s, catalog, tk, false));
  }
  return { base, session: header(s, traineeId), contacts, tickets, ...deskLists(s, traineeId) };
}

function ticketDelta(s: SessionState, catalog: Catalog, tk: TicketState, base: number): TicketDelta {
  const delta: TicketDelta = { ...ticketView(s, catalog, tk, false), delta: true };
  for (const k of TICKET_GROWING_LISTS) (delta[k] as { seq: number }[]) = (delta[k] as { seq: number }[]).filter((x) => x.seq > base);
  return delta;
}

function contactDelta(catalog: Catalog, c: SessionState['contacts'][string], base: number): ContactDelta {
  return { id: c.id, delta: true, ...contactChanging(catalog, c, base) };
}

/**
 * The given contacts and tickets of a trainee's desk, whole, in creation order, and the small lists whole;
 * `staff` adds the truth beside each ticket (staff pushes only).
 */
export function deskPart(s: SessionState, catalog: Catalog, traineeId: string, contactIds: Iterable<string>, ticketIds: Iterable<string>, staff: boolean): DeskPart {
  const own = s.byTrainee[traineeId];
  const wantContacts = new Set(contactIds), wantTickets = new Set(ticketIds);
  const contacts: ContactView[] = [];
  for (const id of own?.contacts ?? []) if (wantContacts.has(id)) contacts.push(contactView(s, catalog, s.contacts[id]!));
  const tickets: TicketView[] = [];
  for (const id of own?.tickets ?? []) if (wantTickets.has(id)) tickets.push(ticketView(s, catalog, s.tickets[id]!, staff));
  return { contacts, tickets, ...deskLists(s, traineeId) };
}

export function projectForTrainee(s: SessionState, catalog: Catalog, traineeId: string): TraineeView {
  return { role: 'trainee', session: header(s, traineeId), desk: desk(s, catalog, traineeId, false) };
}

/** The staff view; `only`: the desks of those trainees alone (a live push sends the desks that changed). */
export function projectForStaff(s: SessionState, catalog: Catalog, only?: ReadonlySet<string>): StaffView {
  return {
    role: 'staff',
    session: { ...header(s), seed: s.seed, rubricVersion: s.rubricVersion },
    desks: s.trainees.filter((x) => !only || only.has(x.id)).map((x) => desk(s, catalog, x.id, true)),
    overrides: s.overrides,
  };
}

export type { ReplyKind };
