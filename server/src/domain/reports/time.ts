/**
 * Wall-clock time of an event, derived from the log: the clock anchors
 * (`session.started`, `paused`, `resumed`, `speedChanged`) carry wall time and
 * the virtual clock runs at the session speed in between. Used for xAPI
 * timestamps and report dates; pure, so a replay gives the same instants.
 */
import type { SessionEvent } from '../events.js';

interface Anchor { seq: number; t: number; wall: number; speed: number; running: boolean }

export interface WallClock {
  /** Wall milliseconds since the epoch at which the event happened, or `fallback` before the session started. */
  (e: Pick<SessionEvent, 'seq' | 't'>): number;
  /** Wall time of the first start, if the session was started. */
  startedAt: number | undefined;
}

export function wallClock(events: readonly SessionEvent[], fallback = 0): WallClock {
  const anchors: Anchor[] = [];
  let speed = 1;
  let cur: Anchor | undefined;
  const at = (a: Anchor | undefined, t: number) => (a ? (a.running ? a.wall + Math.max(0, t - a.t) / a.speed : a.wall) : fallback);
  for (const e of events) {
    switch (e.type) {
      case 'session.created': speed = e.payload.speed; break;
      case 'session.started':
      case 'session.resumed': cur = { seq: e.seq, t: e.t, wall: e.payload.wallMs, speed, running: true }; anchors.push(cur); break;
      case 'session.paused': cur = { seq: e.seq, t: e.t, wall: e.payload.wallMs, speed, running: false }; anchors.push(cur); break;
      case 'session.speedChanged':
        speed = e.payload.speed;
        cur = { seq: e.seq, t: e.t, wall: e.payload.wallMs, speed, running: cur?.running ?? false }; anchors.push(cur); break;
      case 'session.stopped':
        cur = { seq: e.seq, t: e.t, wall: at(cur, e.t), speed, running: false }; anchors.push(cur); break;
      default: break;
    }
  }
  const fn = ((e: Pick<SessionEvent, 'seq' | 't'>) => {
    let lo = 0, hi = anchors.length - 1, found: Anchor | undefined;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (anchors[mid]!.seq <= e.seq) { found = anchors[mid]; lo = mid + 1; } else hi = mid - 1;
    }
    return Math.round(at(found, e.t));
  }) as WallClock;
  fn.startedAt = anchors.find((a) => a.running)?.wall;
  return fn;
}

/** "mm:ss" (or "h:mm:ss") of a virtual duration in milliseconds. */
export function formatVirtual(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600), m = Math.floor((total % 3600) / 60), s = total % 60;
  const mm = String(m).padStart(2, '0'), ss = String(s).padStart(2, '0');
  return h > 0 ? `${h}:${mm}:${ss}` : `${mm}:${ss}`;
}

/** A duration for people: "45 s", "3 min 05 s", "1 h 02 min". */
export function formatDuration(ms: number, lang: 'fr' | 'en' = 'fr'): string {
  const total = Math.max(0, Math.round(ms / 1000));
  const h = Math.floor(total / 3600), m = Math.floor((total % 3600) / 60), s = total % 60;
  const nb = lang === 'fr' ? '\u00a0' : ' ';
  if (h > 0) return `${h}${nb}h${nb}${String(m).padStart(2, '0')}${nb}min`;
  if (m > 0) return `${m}${nb}min${nb}${String(s).padStart(2, '0')}${nb}s`;
  return `${s}${nb}s`;
}
