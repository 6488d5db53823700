/** Wires socket.io: handshake auth, one module per concern, and the push after each stored batch. */
import { broadcaster } from './broadcast.js';
import { loginRoom } from './rooms.js';
import * as deskCommands from './desk-commands.js';
import * as evaluatorCommands from './evaluator-commands.js';
import * as sessionRoom from './session-room.js';
import { useSocketAuth } from './socket-auth.js';
import * as trainerCommands from './trainer-commands.js';
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
  });
  return () => pushes.close();
}
