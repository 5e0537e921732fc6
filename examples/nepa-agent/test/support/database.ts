/**
 * The repository the tests use: the real database layer (in-memory PGlite through `openDatabase`)
 * when `src/db/index.ts` exists, the in-memory repository otherwise.
 */
import { existsSync } from 'node:fs';
import type { NepaDatabase, NepaRepository } from '../../src/db/types.js';
import { createMemoryRepository } from './memory-repository.js';

export interface TestDatabase {
  repository: NepaRepository;
  kind: 'pglite' | 'postgres' | 'memory';
  /** The database door `createService` takes (the memory fallback reports itself as PGlite). */
  database: NepaDatabase;
  close(): Promise<void>;
}

const DB_INDEX = new URL('../../src/db/index.ts', import.meta.url);

/** Opens a fresh, empty database for one test file. */
export async function openTestDatabase(): Promise<TestDatabase> {
  if (!existsSync(DB_INDEX)) {
    const repository = createMemoryRepository();
    const database: NepaDatabase = {
      kind: 'pglite',
      repository,
      query: async () => [],
      close: async () => {},
    };
    return { repository, kind: 'memory', database, close: database.close };
  }
  const module = (await import(DB_INDEX.href)) as {
    openDatabase(options: { dataDir?: string }): Promise<NepaDatabase>;
  };
  const database = await module.openDatabase({});
  return { repository: database.repository, kind: database.kind, database, close: () => database.close() };
}
