/**
 * `bench:load --staff`: one trainer watching every session's live board, as
 * in a centre where each class has its trainer's console open. It logs in,
 * joins each session's staff room on one socket, and measures the staff pushes
 * received in the window: how many, how many bytes (websocket frames as
 * received), and their latency (receive time − the bench-only `benchEmitAt`).
 */
import { io, type Socket } from 'socket.io-client';
import { stats, benchNow, type Stats } from './common.js';

export interface StaffResult { sessions: number; updates: number; updatesPerSec: number; kbPerSec: number; latency: Stats; errors: string[] }

export class StaffWatcher {
  private socket: Socket | undefined;
  private readonly latency: number[] = [];
  private updates = 0;
  private bytes = 0;
  private window = { from: Infinity, to: -Infinity };
  private readonly errors: string[] = [];

  constructor(private readonly url: string, private readonly username: string, private readonly password: string, private readonly sessionIds: string[]) {}

  async connect(): Promise<void> {
    const res = await fetch(`${this.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: this.username, password: this.password }) });
    if (res.status !== 200) throw new Error(`staff login: HTTP ${res.status}`);
    const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
    const socket = io(this.url, { transports: ['websocket'], extraHeaders: { cookie }, forceNew: true, reconnection: false, timeout: 20_000 });
    this.socket = socket;
    await new Promise<void>((resolve, reject) => { socket.once('connect', () => resolve()); socket.once('connect_error', reject); });
    socket.io.engine.on('data', (d: string | ArrayBuffer) => {
      const now = benchNow();
      if (now >= this.window.from && now < this.window.to) this.bytes += typeof d === 'string' ? d.length : d.byteLength;
    });
    socket.on('staff:update', (u: { benchEmitAt?: number }) => {
      const now = benchNow();
      if (now < this.window.from || now >= this.window.to) return;
      this.updates++;
      if (typeof u.benchEmitAt === 'number') this.latency.push(now - u.benchEmitAt);
    });
    for (const sessionId of this.sessionIds) {
      const ack = await socket.timeout(30_000).emitWithAck('session:join', { sessionId }) as { ok: boolean; error?: { code: string } };
      if (!ack.ok) this.errors.push(`join ${sessionId}: ${ack.error?.code}`);
    }
  }

  measure(from: number, to: number): void { this.window = { from, to }; }

  result(): StaffResult {
    const seconds = (this.window.to - this.window.from) / 1000;
    return {
      sessions: this.sessionIds.length, updates: this.updates, updatesPerSec: Math.round((this.updates / seconds) * 10) / 10,
      kbPerSec: Math.round(this.bytes / 1024 / seconds), latency: stats(this.latency), errors: this.errors,
    };
  }

  close(): void { this.socket?.disconnect(); }
}
