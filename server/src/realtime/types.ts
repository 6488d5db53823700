/** What socket handlers get: the typed server and socket, and the shell's services. */
import type { Logger } from 'pino';
import type { Server, Socket } from 'socket.io';
import type { SessionHost } from '../engine/session-host.js';
import type { ClientToServerEvents, ServerToClientEvents } from '../protocol.js';
import type { Store, User } from '../store/types.js';

export interface SocketData { user: User; tokenHash: string }
export type DeskServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
export type DeskSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

export interface RealtimeDeps { store: Store; host: SessionHost; logger: Logger }
