/** The autoplay players by name (`npm run autoplay -- --player model|careless|random`). */
import { CarelessPlayer } from './careless.js';
import type { Player } from './driver.js';
import { ModelPlayer } from './model.js';
import { RandomPlayer } from './random.js';

export const PLAYER_KINDS = ['model', 'careless', 'random'] as const;
export type PlayerKind = (typeof PLAYER_KINDS)[number];

export function createPlayer(kind: PlayerKind, seed: number, traineeId: string): Player {
  switch (kind) {
    case 'model': return new ModelPlayer();
    case 'careless': return new CarelessPlayer();
    case 'random': return new RandomPlayer(seed, traineeId);
  }
}

export { runDrill, type DrillRun, type Player, type PlayerView, type RunOptions, type Seat } from './driver.js';
