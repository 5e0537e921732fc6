/**
 * Seeds for demos and tests: `seedDemo` writes compliant synthetic records, `seedViolations` records
 * that each break one statutory or data-standard rule. Both are idempotent: every seeded row carries
 * `other->>'seed_key'`, and a re-run reuses rows instead of duplicating them.
 */
import type { NepaTable } from './repository.js';
import { DEMO_PROJECTS, TRAIL_CE_KEY, TRAIL_KEY } from './seeds/demo.js';
import { USFS } from './seeds/provenance.js';
import { seedDecisionPayload, seedReference } from './seeds/reference.js';
import { OTHER_VIOLATION_PROJECTS } from './seeds/violation-projects.js';
import { EIS_VIOLATION_PROJECTS } from './seeds/violation-projects-eis.js';
import { SeedWriter } from './seeds/writer.js';
import type { NepaDatabase, NepaSession } from './types.js';

export {
  MISSING_DOCUMENT_ID,
  SEEDED_VIOLATIONS,
  type SeededViolation,
  type ViolationRule,
} from './seeds/violations.js';

export interface SeedReport {
  /** Project codes written or confirmed by this seed. */
  projects: string[];
  /** Rows inserted by this run (0 when everything was already there). */
  created: number;
}

/** Writes the demo projects (BLM solar EIS, FHWA highway EA, USFS trail CE) and reference rows. */
export function seedDemo(db: NepaDatabase): Promise<SeedReport> {
  return inTransaction(db, async (writer) => {
    await seedReference(writer);
    for (const project of DEMO_PROJECTS) await writer.project(project);
    await seedDecisionPayload(writer, { process: TRAIL_CE_KEY, project: TRAIL_KEY }, USFS);
    return DEMO_PROJECTS.map((project) => project.project.code);
  });
}

/** Writes the projects with deliberate violations listed in `SEEDED_VIOLATIONS`. */
export function seedViolations(db: NepaDatabase): Promise<SeedReport> {
  const projects = [...OTHER_VIOLATION_PROJECTS, ...EIS_VIOLATION_PROJECTS];
  return inTransaction(db, async (writer) => {
    for (const project of projects) await writer.project(project);
    return projects.map((project) => project.project.code);
  });
}

/** The id of the seeded row `key` in `table`, or undefined when it was not seeded. */
export async function seededRowId(
  db: NepaDatabase,
  table: NepaTable,
  key: string,
): Promise<number | undefined> {
  const [row] = await db.query<{ id: number }>(`select id from ${table} where other->>'seed_key' = $1`, [
    key,
  ]);
  return row?.id;
}

async function inTransaction(
  db: NepaDatabase,
  write: (writer: SeedWriter) => Promise<string[]>,
): Promise<SeedReport> {
  const run = async (session: NepaSession): Promise<SeedReport> => {
    const writer = new SeedWriter(session);
    const projects = await write(writer);
    return { projects, created: writer.created };
  };
  // A database without transactions still seeds; a failed run is then completed by the next one.
  return db.transaction === undefined ? run(db) : db.transaction(run);
}
