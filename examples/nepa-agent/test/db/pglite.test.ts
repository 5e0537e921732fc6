/** The database layer on embedded PGlite: contract, migrations, persistence, crosswalk conformance, open errors. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MIGRATIONS, migrationChecksum, openDatabase, seedDemo } from '../../src/db/index.js';
import { repositoryContract } from './contract.js';
import { CROSSWALK_PATH, crosswalk } from './support.js';

const tmp = mkdtempSync(join(tmpdir(), 'nepa-db-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('PGlite in memory', () => {
  repositoryContract(() => openDatabase());

  const columns = crosswalk();
  if (columns === undefined) console.warn(`skipping the crosswalk check: ${CROSSWALK_PATH} is absent`);
  it.skipIf(columns === undefined)(
    'creates every table and column of the standard crosswalk with the crosswalk type',
    async () => {
      const db = await openDatabase();
      try {
        const rows = await db.query<{ table_name: string; column_name: string; data_type: string }>(
          `select table_name, column_name, data_type from information_schema.columns
         where table_schema = current_schema() and table_name <> 'schema_migrations'`,
        );
        const actual = new Map(rows.map((row) => [`${row.table_name}.${row.column_name}`, row.data_type]));
        const expected = columns ?? [];
        expect(new Set(expected.map((column) => column.table)).size).toBe(13);
        for (const column of expected) {
          expect(actual.get(`${column.table}.${column.column}`), `${column.table}.${column.column}`).toBe(
            column.dataType,
          );
        }
        // Everything beyond the crosswalk: provenance on every entity, plus the service's columns (0002).
        const listed = new Set(expected.map((column) => `${column.table}.${column.column}`));
        const provenance =
          /\.(record_owner_agency|data_source_agency|data_source_system|data_record_version|last_updated|retrieved_timestamp)$/;
        const extra = [...actual.keys()].filter((name) => !listed.has(name) && !provenance.test(name)).sort();
        expect(extra).toEqual([
          'comment.cited_document_id',
          'comment.parent_process_id',
          'document.content_text',
          'document.media_type',
          'document.page_count',
          'document.parent_project_id',
          'process_instance.extraordinary_complexity',
          'project.project_id',
        ]);
        expect([...actual.keys()].filter((name) => provenance.test(name))).toHaveLength(13 * 6);
      } finally {
        await db.close();
      }
    },
  );

  it('records every migration with its checksum', async () => {
    const db = await openDatabase();
    try {
      const rows = await db.query('select version, name, checksum from schema_migrations order by version');
      expect(rows).toEqual(
        MIGRATIONS.map((m) => ({ version: m.version, name: m.name, checksum: migrationChecksum(m.sql) })),
      );
    } finally {
      await db.close();
    }
  });
});

describe('PGlite with a data directory', () => {
  const dataDir = join(tmp, 'data');

  it('keeps the data across a reopen and does not re-apply migrations', async () => {
    const first = await openDatabase({ dataDir });
    await seedDemo(first);
    const counts = await first.repository.counts();
    const applied = await first.query('select version, applied_at from schema_migrations order by version');
    await first.close();

    const second = await openDatabase({ dataDir });
    try {
      expect(second.kind).toBe('pglite');
      expect(await second.repository.counts()).toEqual(counts);
      expect(
        await second.query('select version, applied_at from schema_migrations order by version'),
      ).toEqual(applied);
      expect((await second.repository.listProjects()).map((p) => p.code)).toContain('BLM-NV-2022-0107');
    } finally {
      await second.close();
    }
  });

  it('refuses an applied migration whose SQL was changed', async () => {
    const [first, ...rest] = MIGRATIONS;
    if (first === undefined) throw new Error('no migrations');
    const edited = [{ ...first, sql: `${first.sql}\ncreate table sneaky (id int);` }, ...rest];
    await expect(openDatabase({ dataDir, migrations: edited })).rejects.toMatchObject({
      code: 'MIGRATION_CHANGED',
      message: expect.stringMatching(
        /Migration 0001_ceq_standard was changed after it was applied.*new migration/,
      ),
    });
  });

  it('refuses a database migrated by a newer build', async () => {
    await expect(openDatabase({ dataDir, migrations: MIGRATIONS.slice(0, 2) })).rejects.toMatchObject({
      code: 'MIGRATION_UNKNOWN',
      message: expect.stringContaining('0003_standard_enums'),
    });
  });

  it('rolls a failing migration back completely', async () => {
    const broken = {
      version: '0099',
      name: 'broken',
      sql: 'create table half_done (id int);\nselect * from no_such_table;',
    };
    await expect(openDatabase({ dataDir, migrations: [...MIGRATIONS, broken] })).rejects.toMatchObject({
      code: 'MIGRATION_FAILED',
      message: expect.stringMatching(/0099_broken failed and was rolled back: .*no_such_table/),
    });
    const db = await openDatabase({ dataDir });
    try {
      expect(await db.query(`select to_regclass('half_done') as t`)).toEqual([{ t: null }]);
      expect(await db.query('select count(*) as n from schema_migrations')).toEqual([
        { n: MIGRATIONS.length },
      ]);
    } finally {
      await db.close();
    }
  });
});

describe('openDatabase errors', () => {
  it('refuses a data directory that is a file, foreign or damaged, saying what to do', async () => {
    const file = join(tmp, 'a-file');
    writeFileSync(file, 'x');
    await expect(openDatabase({ dataDir: file })).rejects.toMatchObject({
      code: 'DB_DATA_DIR_INVALID',
      message: expect.stringContaining('is a file, not a directory'),
    });
    const foreign = join(tmp, 'foreign');
    mkdirSync(foreign);
    writeFileSync(join(foreign, 'notes.txt'), 'mine');
    await expect(openDatabase({ dataDir: foreign })).rejects.toMatchObject({
      code: 'DB_DATA_DIR_INVALID',
      message: expect.stringContaining('no PG_VERSION'),
    });
    const damaged = join(tmp, 'damaged');
    mkdirSync(damaged);
    writeFileSync(join(damaged, 'PG_VERSION'), 'garbage\n');
    await expect(openDatabase({ dataDir: damaged })).rejects.toMatchObject({
      code: 'DB_DATA_DIR_CORRUPT',
      message: expect.stringMatching(/damaged .*move it aside/),
    });
  });

  it('refuses bad options and URLs without leaking the password', async () => {
    await expect(openDatabase({ dataDir: tmp, databaseUrl: 'postgres://h/db' })).rejects.toMatchObject({
      code: 'DB_OPTIONS_INVALID',
    });
    await expect(openDatabase({ databaseUrl: 'not a url' })).rejects.toMatchObject({
      code: 'DB_URL_INVALID',
    });
    await expect(openDatabase({ databaseUrl: 'mysql://u:secret@h/db' })).rejects.toMatchObject({
      code: 'DB_URL_INVALID',
      message: expect.not.stringContaining('secret'),
    });
  });

  it('names an unreachable server and what to do', async () => {
    const port = await closedPort();
    const error = await openDatabase({ databaseUrl: `postgres://u:secret@127.0.0.1:${port}/nepa` }).catch(
      (e) => e,
    );
    expect(error).toMatchObject({
      code: 'DB_UNREACHABLE',
      message: expect.stringContaining(`Cannot reach PostgreSQL at 127.0.0.1:${port}/nepa`),
    });
    expect(error.message).toContain('start the server');
    expect(error.message).not.toContain('secret');
  });
});

/** A loopback port nothing listens on (it was free a moment ago). */
function closedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}
