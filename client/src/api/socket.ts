/**
 * socket.io on the client: one shared connection (the login cookie
 * authenticates it), ack promises over the server's Ack envelope, and a hook
 * that joins a session, keeps the latest pushed update, rejoins from the
 * last sequence number seen after a reconnect and leaves when its screen closes.
 */
import { io, type Socket } from 'socket.io-client';
import { useCallback, useEffect, useRef, useState } from 'react';
import type {
  Ack, ClientToServerEvents, CommandAck, Notice, ServerToClientEvents, SessionStatusUpdate, StaffUpdate, TraineeResults, TraineeUpdate,
} from '../../../server/src/protocol.js';
import type { EvaluatorCommand, TraineeCommand, TrainerCommand } from '../../../server/src/domain/commands.js';
import { DeskFeed, type DeskState, type FeedOutcome } from '../../../server/src/desk-state.js';
import { applyStaffUpdate } from '../../../server/src/staff-state.js';

export type DeskSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export class AckError extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
    this.name = 'AckError';
  }
}

let shared: DeskSocket | undefined;

/** The shared connection, created on first use (same origin, cookie sent by the browser). */
export function getSocket(): DeskSocket {
  shared ??= io({ path: '/socket.io', withCredentials: true, transports: ['websocket', 'polling'], reconnectionDelayMax: 4000 });
  return shared;
}

/** Closes the shared connection (on logout: the next one carries the new cookie). */
export function closeSocket(): void {
  shared?.disconnect();
  shared = undefined;
}

export const ACK_TIMEOUT_MS = 8000;

type EventsWithAck = {
  [K in keyof ClientToServerEvents]: Parameters<ClientToServerEvents[K]> extends [infer Req, (res: Ack<infer R>) => void] ? { req: Req; res: R } : never;
};

/** Emits a request and resolves with the acknowledged data, or rejects with AckError. */
export async function emitAck<K extends keyof EventsWithAck>(socket: DeskSocket, event: K, req: EventsWithAck[K]['req'], timeoutMs = ACK_TIMEOUT_MS): Promise<EventsWithAck[K]['res']> {
  const res = await new Promise<Ack<EventsWithAck[K]['res']>>((resolve, reject) => {
    // socket.io's typed emit cannot see through the mapped type; the runtime shape is (req, ack).
    (socket.timeout(timeoutMs) as unknown as { emit: (e: string, r: unknown, cb: (err: Error | null, res: Ack<EventsWithAck[K]['res']>) => void) => void })
      .emit(event, req, (err, r) => (err ? reject(new AckError('network/timeout', 'the server did not answer in time')) : resolve(r)));
  });
  if (!res.ok) throw new AckError(res.error.code, res.error.message);
  return res.data;
}

export function newClientId(): string {
  if (typeof crypto !== 'undefined' && 'randomUUID' in crypto) return crypto.randomUUID();
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 12)}`;
}

/**
 * A session's room requests (join, leave, watch, unwatch) go one at a time, each once the one before is answered:
 * the server handles a socket's requests concurrently, so a leave sent while a join is in flight could be handled
 * first and leave the socket in the room (a screen closed as it opens, React's StrictMode remount), or a leave
 * could be handled after the join of the screen that follows.
 */
const roomTurns = new Map<string, Promise<unknown>>();

function inTurn<T>(sessionId: string, request: () => Promise<T>): Promise<T> {
  const run = (roomTurns.get(sessionId) ?? Promise.resolve()).then(request);
  const done = run.catch(() => undefined);
  roomTurns.set(sessionId, done);
  void done.then(() => { if (roomTurns.get(sessionId) === done) roomTurns.delete(sessionId); });
  return run;
}

export type ConnectionState = 'connecting' | 'connected' | 'reconnecting';

export interface SessionFeed<U> {
  update: U | undefined;
  notices: Notice[];
  connection: ConnectionState;
  error: AckError | undefined;
}

/**
 * Joins a session and follows its pushes. `kind` selects which push carries
 * this user's updates ('desk' for trainees, 'staff' for trainers and
 * evaluators). Both kinds are folded into what is held: a staff push carries
 * only the desks that changed, a desk push its feedback as patches. Older
 * sequence numbers do not replace a newer view.
 */
type FeedOf<K extends 'desk' | 'staff'> = K extends 'desk' ? DeskState : StaffUpdate;

export function useSessionFeed<K extends 'desk' | 'staff'>(sessionId: string | undefined, kind: K, onUpdate?: (u: FeedOf<K>) => void): SessionFeed<FeedOf<K>> {
  type U = FeedOf<K>;
  const [update, setUpdate] = useState<U>();
  const [notices, setNotices] = useState<Notice[]>([]);
  const [connection, setConnection] = useState<ConnectionState>('connecting');
  const [error, setError] = useState<AckError>();
  const current = useRef<U | undefined>(undefined);
  const onUpdateRef = useRef(onUpdate);
  onUpdateRef.current = onUpdate;

  useEffect(() => {
    if (!sessionId) return;
    const socket = getSocket();
    let cancelled = false;
    current.current = undefined;
    setUpdate(undefined);
    setNotices([]);

    const show = (next: U) => {
      current.current = next;
      setUpdate(next);
      onUpdateRef.current?.(next);
    };
    // A trainee's desk: pushes that arrive during a join wait for its answer (DeskFeed).
    const feed = kind === 'desk' ? new DeskFeed() : undefined;
    const showDesk = (outcome: FeedOutcome) => {
      // An update that does not fit what is held: one was missed, the whole view and list come with a join.
      if (outcome === 'gap') join();
      else if (outcome === 'changed') show(feed!.desk as U);
    };
    const accept = (u: TraineeUpdate | TraineeResults | StaffUpdate) => {
      if (cancelled || u.sessionId !== sessionId) return;
      if (feed) { showDesk(feed.take(u as TraineeUpdate | TraineeResults)); return; }
      const prev = current.current;
      const next = applyStaffUpdate(prev as StaffUpdate | undefined, u as StaffUpdate);
      // A partial push that does not continue what is held: a whole view comes with a join.
      if (!next) { join(); return; }
      if (next !== prev) show(next as U);
    };
    // Whether a join was sent: only then is there a room to leave.
    let joinSent = false;
    const join = () => {
      setConnection('connected');
      feed?.joining();
      inTurn(sessionId, () => {
        // The screen closed while an earlier request of this session was in flight: nothing to join.
        if (cancelled) return Promise.reject(new AckError('session/left', 'the screen left the session'));
        joinSent = true;
        const lastSeq = current.current?.seq;
        return emitAck(socket, 'session:join', { sessionId, ...(lastSeq !== undefined ? { lastSeq } : {}) });
      })
        .then((u) => {
          setError(undefined);
          if (cancelled || u.sessionId !== sessionId) { feed?.joinFailed(); return; }
          if (feed) showDesk(feed.joined(u as TraineeUpdate));
          else accept(u);
        })
        .catch((e: AckError) => { feed?.joinFailed(); if (!cancelled) setError(e); });
    };
    const onDisconnect = (reason: string) => {
      setConnection('reconnecting');
      // socket.io does not retry after a server-side disconnect; try once: a valid login rejoins,
      // an ended one fails the handshake with auth/unauthenticated (handled below).
      if (reason === 'io server disconnect') setTimeout(() => socket.connect(), 500);
    };
    // The handshake is refused once the login has ended (logout elsewhere, expiry).
    const onConnectError = (e: Error) => { if (!cancelled && e.message === 'auth/unauthenticated') setError(new AckError('auth/unauthenticated', 'your login session has ended')); };
    const onPush = (u: TraineeUpdate | TraineeResults | StaffUpdate) => accept(u);
    const onNotice = (n: Notice) => { if (n.sessionId === sessionId) setNotices((list) => [...list.slice(-49), n]); };
    const pushEvent = kind === 'desk' ? 'desk:update' : 'staff:update';

    socket.on('connect', join);
    socket.on('disconnect', onDisconnect);
    socket.on('connect_error', onConnectError);
    socket.on(pushEvent, onPush);
    // Scored results (feedback patches, roll-up) come apart from the view they follow.
    if (kind === 'desk') socket.on('desk:results', onPush);
    socket.on('notice', onNotice);
    if (socket.connected) join(); else socket.connect();
    return () => {
      cancelled = true;
      socket.off('connect', join);
      socket.off('disconnect', onDisconnect);
      socket.off('connect_error', onConnectError);
      socket.off(pushEvent, onPush);
      socket.off('desk:results', onPush);
      socket.off('notice', onNotice);
      // Out of the session's rooms, or the server keeps pushing it to this socket for as long as it is open.
      inTurn(sessionId, () => (joinSent ? emitAck(socket, 'session:leave', { sessionId }) : Promise.resolve(undefined))).catch(() => undefined);
    };
  }, [sessionId, kind]);

  return { update, notices, connection, error };
}

/**
 * Follows a session's status only (`session:watch`), for staff screens that show it without the live view:
 * joining the staff feed for that would bring every staff push. Watches again after a reconnect (rooms do not
 * survive it) and stops watching when `sessionId` goes. The highest `seq` wins, as with the feed.
 */
export function useSessionStatus(sessionId: string | undefined): SessionStatusUpdate | undefined {
  const [status, setStatus] = useState<SessionStatusUpdate>();
  useEffect(() => {
    if (!sessionId) return;
    const socket = getSocket();
    let cancelled = false;
    setStatus(undefined);
    const take = (u: SessionStatusUpdate) => {
      if (!cancelled && u.sessionId === sessionId) setStatus((held) => (held && held.seq > u.seq ? held : u));
    };
    const watch = () => { inTurn(sessionId, () => (cancelled ? Promise.resolve(undefined) : emitAck(socket, 'session:watch', { sessionId }))).then((u) => u && take(u), () => undefined); };
    socket.on('connect', watch);
    socket.on('session:status', take);
    if (socket.connected) watch(); else socket.connect();
    return () => {
      cancelled = true;
      socket.off('connect', watch);
      socket.off('session:status', take);
      inTurn(sessionId, () => (socket.connected ? emitAck(socket, 'session:unwatch', { sessionId }) : Promise.resolve(undefined))).catch(() => undefined);
    };
  }, [sessionId]);
  return status;
}

type CommandEvent = 'trainee:command' | 'trainer:command' | 'evaluator:command';
type CommandOf<E extends CommandEvent> = E extends 'trainee:command' ? TraineeCommand : E extends 'trainer:command' ? TrainerCommand : EvaluatorCommand;

/**
 * Sends a command with a fresh client id and resolves with its ack. A timeout
 * or a dropped connection is retried with the same id (the server applies it
 * once), up to `attempts` times.
 */
export async function sendCommand<E extends CommandEvent>(event: E, sessionId: string, command: CommandOf<E>, attempts = 3): Promise<CommandAck> {
  const socket = getSocket();
  const clientId = newClientId();
  let last: unknown;
  for (let i = 0; i < attempts; i++) {
    if (!socket.connected) await new Promise<void>((resolve) => { socket.once('connect', () => resolve()); setTimeout(resolve, ACK_TIMEOUT_MS); });
    try {
      return (await emitAck(socket, event, { sessionId, clientId, command } as never)) as CommandAck;
    } catch (e) {
      last = e;
      if (!(e instanceof AckError) || e.code !== 'network/timeout') throw e;
    }
  }
  throw last;
}

/** A stable `send` bound to one session and command channel. */
export function useCommand<E extends CommandEvent>(event: E, sessionId: string | undefined) {
  return useCallback((command: CommandOf<E>) => {
    if (!sessionId) return Promise.reject(new AckError('session/none', 'no session joined'));
    return sendCommand(event, sessionId, command);
  }, [event, sessionId]);
}
