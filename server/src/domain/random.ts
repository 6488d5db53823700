/**
 * Seeded pseudo-random generator (mulberry32). The state is a plain number kept
 * inside the session state, so folding the log reproduces every draw.
 */
export interface RandomDraw { value: number; state: number }

export function seedState(seed: number | string): number {
  // Hash strings (FNV-1a) so seeds can be words; numbers are taken as 32-bit.
  if (typeof seed === 'number') return seed >>> 0;
  let h = 0x811c9dc5;
  for (let i = 0; i < seed.length; i++) { h ^= seed.charCodeAt(i); h = Math.imul(h, 0x01000193); }
  return h >>> 0;
}

/** One draw in [0, 1) and the next state. */
export function nextRandom(state: number): RandomDraw {
  const s = (state + 0x6d2b79f5) >>> 0;
  let t = s;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return { value: ((t ^ (t >>> 14)) >>> 0) / 4294967296, state: s };
}

/** A stateful helper for code that draws several numbers in a row (the state is read back after). */
export class Rng {
  constructor(public state: number) {}
  next(): number { const d = nextRandom(this.state); this.state = d.state; return d.value; }
  int(min: number, max: number): number { return min + Math.floor(this.next() * (max - min + 1)); }
  pick<T>(items: readonly T[]): T { return items[Math.floor(this.next() * items.length)]!; }
}
