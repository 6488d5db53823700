/**
 * Shared state of the trainee desk: the latest view pushed by the server,
 * the reference catalogue, what the trainee has selected, and `send`, which
 * posts a command and reports a refusal. Nothing here decides an outcome:
 * every change comes back from the server in the next update.
 */
import { createContext, useCallback, useContext, useEffect, useState } from 'react';
import type { Contract } from '../../../server/src/domain/scenario.js';
import type { ContactView, TicketView, TraineeView } from '../../../server/src/domain/projection.js';
import type { TraineeCommand } from '../../../server/src/domain/commands.js';
import type { Evidence, TraineeScore } from '../../../server/src/domain/scoring/types.js';
import type { RubricInfo, TraineeCatalog } from '../api/rest.js';
import { virtualNow } from './format.js';

export type CentreTab = 'call' | 'ticket' | 'diagnosis' | 'escalation' | 'resolution' | 'followup';
export type SideTab = 'kb' | 'assets' | 'feedback' | 'notices';

export interface DeskContextValue {
  sessionId: string;
  view: TraineeView;
  feedback: readonly Evidence[];
  /** The trainee's own roll-up (levels per criterion and competence), when the mode shows feedback. */
  score?: TraineeScore | undefined;
  catalog: TraineeCatalog;
  /** The session's rubric (the criteria's wording), once loaded; never while an exam keeps scores hidden. */
  rubric?: RubricInfo | undefined;
  contract: Contract;
  /** Sends a command; resolves true when acknowledged, false (after showing why) when refused. */
  send: (command: TraineeCommand) => Promise<boolean>;
  /** Logs a contact as a ticket, then takes the ticket in once the server has created it. */
  createTicket: (contactId: string, title: string) => Promise<boolean>;
  selectedContactId: string | undefined;
  select: (contactId: string | undefined, tab?: CentreTab) => void;
  centreTab: CentreTab;
  setCentreTab: (tab: CentreTab) => void;
  sideTab: SideTab;
  setSideTab: (tab: SideTab) => void;
  /** Article open in the KB panel. */
  openArticleId: string | undefined;
  setOpenArticleId: (id: string | undefined) => void;
  /** Asset shown in the inventory panel. */
  openAssetTag: string | undefined;
  setOpenAssetTag: (tag: string | undefined) => void;
  announce: (text: string) => void;
  busy: boolean;
  /** Panel state that outlives the panel (search boxes and results keep their content across tab switches). */
  panelMemory: Map<string, unknown>;
}

export const DeskContext = createContext<DeskContextValue | undefined>(undefined);

export function useDesk(): DeskContextValue {
  const ctx = useContext(DeskContext);
  if (!ctx) throw new Error('useDesk must be used inside the trainee desk');
  return ctx;
}

/** The selected contact and its ticket, if any. */
export function useSelection(): { contact: ContactView | undefined; ticket: TicketView | undefined } {
  const { view, selectedContactId } = useDesk();
  const contact = view.desk.contacts.find((c) => c.id === selectedContactId);
  const ticket = contact?.ticketId ? view.desk.tickets.find((t) => t.id === contact.ticketId) : undefined;
  return { contact, ticket };
}

/** Virtual "now" of the session, refreshed a few times a second while the clock runs. */
export const NowContext = createContext<number>(0);

export function useNow(): number {
  return useContext(NowContext);
}

export function useVirtualClock(view: TraineeView | undefined): number {
  const clock = view?.session.clock;
  const [now, setNow] = useState(() => (clock ? virtualNow(clock) : 0));
  useEffect(() => {
    if (!clock) return;
    setNow(virtualNow(clock));
    if (!clock.running) return;
    // Tick often enough for a seconds display at the drill's speed, without burning the CPU.
    const every = Math.max(100, Math.min(1000, 1000 / Math.max(1, clock.speed)));
    const id = setInterval(() => setNow(virtualNow(clock)), every);
    return () => clearInterval(id);
  }, [clock?.running, clock?.anchorVirtual, clock?.anchorWall, clock?.speed]);
  return now;
}

/** useState whose value survives the component being unmounted (kept for the desk's lifetime). */
export function usePanelState<T>(key: string, initial: T): [T, (value: T) => void] {
  const { panelMemory } = useDesk();
  const [value, setValue] = useState<T>(() => (panelMemory.has(key) ? (panelMemory.get(key) as T) : initial));
  const set = useCallback((v: T) => { panelMemory.set(key, v); setValue(v); }, [key, panelMemory]);
  return [value, set];
}
