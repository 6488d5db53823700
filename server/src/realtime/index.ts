/** Wires socket.io: handshake auth, one module per concern, and the push after each stored batch. */
import { broadcaster } from './broadcast.js';
import { loginRoom } from './rooms.js';
import * as deskCommands from './desk-commands.js';
import * as evaluatorCommands from './evaluator-commands.js';
import * as sessionRoom from './session-room.js';
import { useSocketAuth } from './socket-auth.js';
import * as trainerCommands from './trainer-commands.js';
import type { ClientToServerEvents } from '../protocol.js';
import type { DeskServer, RealtimeDeps } from './types.js';

const MODULES = [sessionRoom, deskCommands, trainerCommands, evaluatorCommands];

/** Returns a function that stops the pending pushes (call it before closing the host). */
export function attachRealtime(io: DeskServer, deps: RealtimeDeps): () => void {
  useSocketAuth(io, deps.store);
  const pushes = broadcaster(io, deps.host, deps.logger);
  deps.host.onBatch(pushes.listener);
  io.on('connection', (socket) => {
    // So that a logout can close every socket opened with that login.
    void socket.join(loginRoom(socket.data.tokenHash));
    for (const m of MODULES) m.register(io, socket, deps);
    // An event no module handles still gets an answer, rather than leaving the client waiting for its timeout.
    socket.onAny((event: string, ...args: unknown[]) => {
      if (socket.listeners(event as keyof ClientToServerEvents).length > 0) return;
      const ack = args[args.length - 1];
      if (typeof ack === 'function') (ack as (r: unknown) => void)({ ok: false, error: { code: 'request/unknown_event', message: `unknown event "${String(event).slice(0, 60)}"` } });
    });
  });
  return () => pushes.close();
}
