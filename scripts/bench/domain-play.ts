/**
 * The domain's seeded players (`model`, `random`) driving the load bench's trainees (`bench:load --player`).
 *
 * They choose from the whole session state, hidden truth included, which a trainee's client never receives. The
 * bench is not a browser: a thread of its client process (domain-play-thread.ts) folds each session's log from the
 * server's own database (read-only, beside the server's connection, as WAL allows) and hands the players that state,
 * so the server plays the whole ticket lifecycle of a real class (questions, qualification, KB, fixes, escalations,
 * user confirmation, closure, problem records) instead of the desk player's cheap actions. What reaches the sockets
 * is unchanged: commands in, desk patches out.
 */
import Database from 'better-sqlite3';
import { loadCatalogOrThrow } from '../../server/src/catalog/load.js';
import type { TraineeCommand } from '../../server/src/domain/commands.js';
import { SessionMachine } from '../../server/src/domain/machine.js';
import { createPlayer, type Player } from '../../server/src/domain/players/index.js';
import type { Catalog } from '../../server/src/domain/scenario.js';
import { READ_EVENTS_SQL, toEvent, type EventRowDb } from '../../server/src/store/sqlite/event-log.js';
import { addLoadDrill } from './common.js';

export const PLAYER_CHOICES = ['desk', 'model', 'random', 'mixed'] as const;
export type PlayerChoice = (typeof PLAYER_CHOICES)[number];

/** `--player`'s value, checked (bench:load and bench:crash). */
export function parsePlayerChoice(value: string): PlayerChoice {
  if (!(PLAYER_CHOICES as readonly string[]).includes(value)) throw new Error(`--player takes ${PLAYER_CHOICES.join(', ')}`);
  return value as PlayerChoice;
}

export interface DomainPlayConfig {
  /** The server's database file. */
  db: string;
  /** The generated drill the server runs (`addLoadDrill`'s arguments), so both fold the log on the same catalogue. */
  drillMinutes: number;
  drillEvery: number;
  players: Exclude<PlayerChoice, 'desk'>;
  seed: number;
}

/** `mixed`: a class of two experts for one novice (trainee index 0, 1 → model, 2 → random, and so on). */
export function playerKindFor(choice: DomainPlayConfig['players'], index: number): 'model' | 'random' {
  if (choice === 'mixed') return index % 3 === 2 ? 'random' : 'model';
  return choice;
}

export class DomainPlay {
  private readonly catalog: Catalog;
  private readonly db: Database.Database;
  private readonly readFrom: Database.Statement;
  private readonly machines = new Map<string, SessionMachine>();

  constructor(private readonly config: DomainPlayConfig) {
    this.catalog = loadCatalogOrThrow();
    addLoadDrill(this.catalog, config.drillMinutes, config.drillEvery);
    this.db = new Database(config.db, { readonly: true, fileMustExist: true });
    this.readFrom = this.db.prepare(READ_EVENTS_SQL);
  }

  player(index: number, traineeId: string): Player {
    return createPlayer(playerKindFor(this.config.players, index), this.config.seed, traineeId);
  }

  /**
   * The player's next command on the session as stored now (a trainee acts after its previous action's ack, which
   * the server sends once that action is committed, so the state read here includes it); undefined to wait.
   */
  next(player: Player, sessionId: string, traineeId: string): TraineeCommand | undefined {
    const state = this.catchUp(sessionId).state;
    if (state.status !== 'running') return undefined;
    return player.next({ state, catalog: this.catalog, traineeId, t: state.now });
  }

  close(): void {
    this.db.close();
  }

  private catchUp(sessionId: string): SessionMachine {
    let m = this.machines.get(sessionId);
    if (!m) this.machines.set(sessionId, (m = new SessionMachine(this.catalog)));
    const rows = this.readFrom.all(sessionId, m.state.seq, -1) as EventRowDb[];
    if (rows.length) m.follow(rows.map(toEvent));
    return m;
  }
}
