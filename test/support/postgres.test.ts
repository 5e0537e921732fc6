import { existsSync } from 'node:fs';
import { connect } from 'node:net';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresSkipReason, startPostgres, type ThrowawayPostgres } from './postgres.js';

const skipReason = postgresSkipReason();
if (skipReason !== undefined) console.warn(`Skipping throwaway PostgreSQL tests: ${skipReason}`);
const describePostgres = skipReason === undefined ? describe : describe.skip;
const title =
  skipReason === undefined ? 'throwaway PostgreSQL' : `throwaway PostgreSQL (skipped: ${skipReason})`;

describePostgres(title, () => {
  let postgres: ThrowawayPostgres | undefined;

  beforeAll(async () => {
    postgres = await startPostgres();
  });

  afterAll(async () => {
    await postgres?.stop();
  });

  function cluster(): ThrowawayPostgres {
    if (postgres === undefined) throw new Error('the cluster did not start');
    return postgres;
  }

  it('serves queries and round-trips a row', async () => {
    const { url, port } = cluster();
    expect(url).toBe(`postgres://cara@127.0.0.1:${port}/postgres`);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const version = await client.query<{ version: string }>('select version()');
      expect(version.rows[0]?.version).toContain('PostgreSQL');

      await client.query('create table notes (id integer primary key, body text not null)');
      await client.query('insert into notes (id, body) values ($1, $2)', [1, 'grüße ✓']);
      const notes = await client.query<{ id: number; body: string }>('select id, body from notes');
      expect(notes.rows).toEqual([{ id: 1, body: 'grüße ✓' }]);
    } finally {
      await client.end();
    }
  });

  it('stop shuts the server down, deletes the data dir and can be called again', async () => {
    const { dataDir, port, stop } = cluster();
    expect(existsSync(dataDir)).toBe(true);
    await stop();
    expect(existsSync(dataDir)).toBe(false);
    expect(await acceptsConnections(port)).toBe(false);
    await expect(stop()).resolves.toBeUndefined();
  });
});

function acceptsConnections(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
