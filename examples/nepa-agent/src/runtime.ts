/**
 * What the service knows about its own start-up: whether the database is open, migrated and seeded,
 * when READY_DELAY_S is over, and whether it is draining. `/readyz` reads it; routes get the
 * repository from it and answer 503 until it is there.
 */
import type { NepaRepository } from './db/index.js';
import { ServiceError } from './errors.js';

export interface ReadinessReport {
  ready: boolean;
  checks: { database: boolean; migrations: boolean; seed: boolean; delay: boolean; draining: boolean };
  /** Seconds left of READY_DELAY_S (0 when over). */
  delayRemainingS: number;
}

export interface ServiceRuntimeOptions {
  /** Epoch ms before which the service reports not ready (start time + READY_DELAY_S). */
  readyNotBefore: number;
  now: () => number;
}

/** Runs `fn` in one transaction; databases without transactions run it directly. */
export type Transact = <T>(fn: (repository: NepaRepository) => Promise<T>) => Promise<T>;

export class ServiceRuntime {
  private repo: NepaRepository | undefined;
  private transact: Transact | undefined;
  private migrated = false;
  private seeded = false;
  private draining = false;

  constructor(private readonly options: ServiceRuntimeOptions) {}

  /** A runtime that is ready at once, for tests and embedding. */
  static ready(repository: NepaRepository, now: () => number = Date.now): ServiceRuntime {
    const runtime = new ServiceRuntime({ readyNotBefore: 0, now });
    runtime.databaseOpened(repository, true);
    runtime.seedLoaded();
    return runtime;
  }

  databaseOpened(repository: NepaRepository, migrated: boolean, transact?: Transact): void {
    this.repo = repository;
    this.migrated = migrated;
    this.transact = transact;
  }

  seedLoaded(): void {
    this.seeded = true;
  }

  startDraining(): void {
    this.draining = true;
  }

  get isDraining(): boolean {
    return this.draining;
  }

  /** The repository, or a 503 error while the database is still opening. */
  repository(): NepaRepository {
    if (this.repo === undefined) {
      throw new ServiceError('NOT_READY', 'the database is still opening; retry when /readyz answers 200');
    }
    return this.repo;
  }

  /** Runs `fn` against the repository inside one transaction when the database has them. */
  inTransaction<T>(fn: (repository: NepaRepository) => Promise<T>): Promise<T> {
    const repository = this.repository();
    return this.transact === undefined ? fn(repository) : this.transact(fn);
  }

  readiness(): ReadinessReport {
    const remainingMs = Math.max(0, this.options.readyNotBefore - this.options.now());
    const checks = {
      database: this.repo !== undefined,
      migrations: this.migrated,
      seed: this.seeded,
      delay: remainingMs === 0,
      draining: this.draining,
    };
    const ready = checks.database && checks.migrations && checks.seed && checks.delay && !checks.draining;
    return { ready, checks, delayRemainingS: Math.ceil(remainingMs / 1000) };
  }
}
