/**
 * The seeds say what they are: the demo breaks none of the rules, and each listed violation is
 * exactly what a straightforward SQL check of its rule finds (no more, no fewer rows).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  NEPA_TABLES,
  type NepaDatabase,
  openDatabase,
  SEEDED_VIOLATIONS,
  seedDemo,
  seedViolations,
  type ViolationRule,
} from '../../src/db/index.js';

const hasEvent = (types: string) =>
  `(exists (select 1 from case_event e where e.parent_process_id = p.id and e.type in (${types}))
    or exists (select 1 from document d where d.parent_process_id = p.id and d.document_type in (${types})))`;
const key = (alias: string) => `${alias}.other->>'seed_key' as key`;
const noProvenance = NEPA_TABLES.map(
  (
    table,
  ) => `select ${key('t')} from ${table} t where num_nonnulls(t.record_owner_agency, t.data_source_agency,
    t.data_source_system, t.data_record_version, t.last_updated, t.retrieved_timestamp) = 0`,
).join(' union all ');

/** One plain SQL check per rule, returning the seed keys of the rows that break it. */
const RULE_CHECKS: Record<ViolationRule | 'eis-over-two-years', string> = {
  'lead-agency-missing': `select ${key('t')} from project t where t.lead_agency is null
    union all select ${key('t')} from process_instance t where t.lead_agency is null`,
  'eis-without-noi': `select ${key('p')} from process_instance p where p.type = 'EIS' and not ${hasEvent(`'NOI'`)}`,
  'eis-completed-without-rod': `select ${key('p')} from process_instance p
    where p.type = 'EIS' and p.status = 'completed' and not ${hasEvent(`'ROD'`)}`,
  'eis-over-two-years': `select ${key('p')} from process_instance p
    where p.type = 'EIS' and coalesce(p.complete_date, current_date) > p.start_date + interval '2 years'`,
  'ea-over-one-year-without-extension': `select ${key('p')} from process_instance p
    where p.type = 'EA' and coalesce(p.complete_date, current_date) > p.start_date + interval '1 year'
      and not ${hasEvent(`'extension'`)}`,
  'ea-over-75-pages': `select ${key('d')} from document d join process_instance p on p.id = d.parent_process_id
    where p.type = 'EA' and d.document_type = 'EA' and d.page_count > 75`,
  'eis-over-150-pages': `select ${key('d')} from document d join process_instance p on p.id = d.parent_process_id
    where p.type = 'EIS' and d.document_type in ('EIS', 'Draft EIS', 'Final EIS')
      and d.page_count > case when p.extraordinary_complexity then 300 else 150 end`,
  'comment-document-missing': `select ${key('c')} from comment c where c.cited_document_id is not null
    and not exists (select 1 from document d where d.id = c.cited_document_id)`,
  'gis-parent-count': `select ${key('g')} from gis_data g where num_nonnulls(g.parent_project_id, g.parent_process_id,
    g.parent_document_id, g.parent_case_event_id, g.parent_comment_id, g.parent_engagement_id) <> 1`,
  'provenance-missing': noProvenance,
};

async function offenders(db: NepaDatabase, rule: keyof typeof RULE_CHECKS): Promise<string[]> {
  const rows = await db.query<{ key: string | null }>(RULE_CHECKS[rule]);
  return rows.map((row) => row.key ?? '(row without seed key)').sort();
}

describe('seeds', () => {
  let db: NepaDatabase;
  beforeAll(async () => {
    db = await openDatabase();
  });
  afterAll(async () => {
    await db.close();
  });

  it('writes a demo that breaks none of the rules', async () => {
    await seedDemo(db);
    for (const rule of Object.keys(RULE_CHECKS) as (keyof typeof RULE_CHECKS)[]) {
      expect(await offenders(db, rule), rule).toEqual([]);
    }
    const solar = (await db.repository.listProjects()).find((project) => project.code === 'BLM-NV-2022-0107');
    const view = solar && (await db.repository.getProject(solar.id));
    expect(view?.processes[0]?.events.map((event) => event.eventType)).toEqual([
      'NOI',
      'extraordinary complexity determination',
      'Draft EIS published',
      'comment period opened',
      'comment period closed',
      'Final EIS published',
      'ROD',
    ]);
    expect(view?.comments).toHaveLength(3);
  });

  it('writes each listed violation, and only those', async () => {
    await seedViolations(db);
    for (const rule of Object.keys(RULE_CHECKS) as (keyof typeof RULE_CHECKS)[]) {
      const listed = SEEDED_VIOLATIONS.filter((violation) => violation.rule === rule).map((v) => v.key);
      expect(await offenders(db, rule), rule).toEqual(listed.sort());
    }
    expect(new Set(SEEDED_VIOLATIONS.map((violation) => violation.rule)).size).toBe(9);
  });
});
