/**
 * The same migrations, repository and seeds on a real PostgreSQL server (a throwaway cluster of the
 * installed version, 15 here), and a schema identical to the one PGlite gets.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readEnv } from '../../../../src/core/index.js';
import {
  postgresSkipReason,
  startPostgres,
  type ThrowawayPostgres,
} from '../../../../test/support/postgres.js';
import { MIGRATIONS, openDatabase } from '../../src/db/index.js';
import { repositoryContract } from './contract.js';
import { schemaSnapshot } from './support.js';

const skipReason = postgresSkipReason();
if (skipReason !== undefined && readEnv().ci) {
  throw new Error(`PostgreSQL is required in CI but missing: ${skipReason}`);
}
if (skipReason !== undefined) console.warn(`nepa-agent database tests on PostgreSQL skipped: ${skipReason}`);
const title = skipReason === undefined ? 'PostgreSQL server' : `PostgreSQL server (skipped: ${skipReason})`;

describe.skipIf(skipReason !== undefined)(title, () => {
  let server: ThrowawayPostgres | undefined;
  let databases = 0;

  beforeAll(async () => {
    server = await startPostgres();
  });
  afterAll(async () => {
    await server?.stop();
  });

  /** The URL of a new, empty database on the throwaway server. */
  async function freshDatabase(): Promise<string> {
    if (server === undefined) throw new Error('the PostgreSQL server did not start');
    const name = `nepa_${++databases}`;
    const client = new pg.Client({ connectionString: server.url });
    await client.connect();
    try {
      await client.query(`create database ${name}`);
    } finally {
      await client.end();
    }
    return server.url.replace(/\/postgres$/, `/${name}`);
  }

  repositoryContract(async () => openDatabase({ databaseUrl: await freshDatabase() }));

  it('gets exactly the schema PGlite gets from the same migrations', async () => {
    const onServer = await openDatabase({ databaseUrl: await freshDatabase() });
    const embedded = await openDatabase();
    try {
      expect(onServer.kind).toBe('postgres');
      const [version] = await onServer.query<{ v: number }>(
        `select current_setting('server_version_num')::int as v`,
      );
      expect(version?.v).toBeGreaterThanOrEqual(150_000);
      const server = await schemaSnapshot(onServer);
      expect(server.columns.length).toBeGreaterThan(200);
      expect(server.constraints.filter((line) => line.includes('FOREIGN KEY')).length).toBeGreaterThan(30);
      expect(server.checks).toHaveLength(8);
      expect(server).toEqual(await schemaSnapshot(embedded));
    } finally {
      await Promise.all([onServer.close(), embedded.close()]);
    }
  });

  it('migrates once when several processes open the same database at the same time', async () => {
    const url = await freshDatabase();
    const opened = await Promise.all([1, 2, 3].map(() => openDatabase({ databaseUrl: url })));
    try {
      const [first] = opened;
      expect(await first?.query('select version from schema_migrations order by version')).toEqual(
        MIGRATIONS.map((m) => ({ version: m.version })),
      );
    } finally {
      await Promise.all(opened.map((db) => db.close()));
    }
    const reopened = await openDatabase({ databaseUrl: url });
    await reopened.close();
  });

  it('names a missing database and what to do', async () => {
    if (server === undefined) throw new Error('the PostgreSQL server did not start');
    const url = server.url.replace(/\/postgres$/, '/no_such_db');
    await expect(openDatabase({ databaseUrl: url })).rejects.toMatchObject({
      code: 'DB_NOT_FOUND',
      message: expect.stringMatching(/no such database .*createdb/),
    });
  });
});
