/**
 * Runs the enabled NEPA rules against a database: introspects the schema, runs schema rules in
 * memory and data rules as paged SQL (LIMIT/OFFSET), and collects a {@link NepaReport}.
 */
import { messageOf } from '../../core/index.js';
import { DEFAULT_TABLES, NEPA_ENTITIES, type NepaEntity } from './entities.js';
import { type NepaReport, type NepaViolation, type RuleOutcome, summarise } from './report.js';
import { NEPA_RULES } from './rules/registry.js';
import type { CrosswalkColumn, DataRule, NepaRule, QueryContext, Severity } from './rules/rule.js';
import { hasColumn, introspect, type SchemaInfo } from './schema-info.js';
import type { SqlClient } from './sql-client.js';
import type { NepaTemplate } from './template-schema.js';

export interface RunNepaChecksOptions {
  client: SqlClient;
  template: NepaTemplate;
  crosswalk: readonly CrosswalkColumn[] | { missing: string };
  /** The rules to run; all of {@link NEPA_RULES} by default (tests pass others). */
  rules?: readonly NepaRule[];
}

interface RowRecord {
  row_id: string;
  seed_key: string | null;
  detail: string | null;
}

/** Runs every enabled rule; a database that lacks tables or refuses queries yields a non-conformant report. */
export async function runNepaChecks(options: RunNepaChecksOptions): Promise<NepaReport> {
  const { client, template, crosswalk } = options;
  const tables = { ...DEFAULT_TABLES, ...definedOnly(template.tables) };
  const violations: NepaViolation[] = [];
  const outcomes: RuleOutcome[] = [];
  const violating = new Map<NepaEntity, Set<string>>();
  let schema: SchemaInfo | undefined;
  let schemaError: string | undefined;
  try {
    schema = await introspect(client, Object.values(tables));
  } catch (error) {
    schemaError = `the database refused introspection: ${messageOf(error)}`;
  }
  for (const rule of options.rules ?? NEPA_RULES) {
    const setting = template.rules[rule.id as keyof NepaTemplate['rules']];
    const enabled = setting === undefined || (typeof setting === 'boolean' ? setting : setting.enabled);
    const severity: Severity = (typeof setting === 'object' ? setting.severity : undefined) ?? rule.severity;
    const outcome: RuleOutcome = {
      id: rule.id,
      family: rule.family,
      citation: rule.citation,
      severity,
      description: rule.description,
      status: 'pass',
      violations: 0,
    };
    outcomes.push(outcome);
    if (!enabled) {
      outcome.status = 'disabled';
      continue;
    }
    if (schema === undefined) {
      outcome.status = 'error';
      outcome.reason = schemaError ?? 'no schema';
      continue;
    }
    const add = (violation: Omit<NepaViolation, 'rule' | 'citation' | 'severity'>) => {
      outcome.violations++;
      if (outcome.violations <= template.parameters.maxViolationsPerRule) {
        violations.push({ rule: rule.id, citation: rule.citation, severity, ...violation });
      }
    };
    if (rule.kind === 'schema') {
      const result = rule.check(schema, { tables, crosswalk });
      if (!Array.isArray(result)) {
        outcome.status = 'not-assessed';
        outcome.reason = (result as { notAssessed: string }).notAssessed;
        continue;
      }
      for (const finding of result) add({ ...finding, rowId: null, seedKey: null });
    } else {
      await runDataRule(rule, { client, template, schema, tables, outcome, violating, add });
    }
    if (outcome.status === 'pass' && outcome.violations > 0) outcome.status = 'fail';
  }
  const entities = await entitySummaries(client, schema, tables, violating);
  const { conformant, ...totals } = summarise(outcomes);
  return { database: client.location, conformant, totals, entities, rules: outcomes, violations };
}

interface DataRun {
  client: SqlClient;
  template: NepaTemplate;
  schema: SchemaInfo;
  tables: Record<NepaEntity, string>;
  outcome: RuleOutcome;
  violating: Map<NepaEntity, Set<string>>;
  add(violation: Omit<NepaViolation, 'rule' | 'citation' | 'severity'>): void;
}

async function runDataRule(rule: DataRule, run: DataRun): Promise<void> {
  const { schema, tables, template, outcome } = run;
  const skipped: string[] = [];
  for (const entity of rule.entities) {
    const table = tables[entity];
    const ctx: QueryContext = {
      table: (e) => quoteIdentifier(tables[e]),
      tableName: (e) => tables[e],
      seedKey: (alias) =>
        hasColumn(schema, table, 'other') ? `(${alias}.other::jsonb->>'seed_key')` : 'null::text',
      parameters: template.parameters,
      agencies: template.agencies,
      schema,
    };
    const query = rule.query(ctx, entity);
    const missing = missingColumns(schema, tables, query.requires);
    if (missing !== undefined) {
      skipped.push(`${entity}: ${missing}`);
      continue;
    }
    const pageSize = template.parameters.pageSize;
    const limit = `$${query.params.length + 1}`;
    const offset = `$${query.params.length + 2}`;
    try {
      for (let start = 0; ; start += pageSize) {
        const rows = await run.client.query<RowRecord>(`${query.sql} limit ${limit} offset ${offset}`, [
          ...query.params,
          pageSize,
          start,
        ]);
        for (const row of rows) {
          run.add({ entity, table, rowId: row.row_id, seedKey: row.seed_key, detail: row.detail ?? '' });
          let set = run.violating.get(entity);
          if (set === undefined) {
            set = new Set();
            run.violating.set(entity, set);
          }
          set.add(row.row_id);
        }
        if (rows.length < pageSize) break;
      }
    } catch (error) {
      outcome.status = 'error';
      outcome.reason = `${entity}: the database refused the check: ${messageOf(error)}`;
      return;
    }
  }
  if (skipped.length === rule.entities.length) {
    outcome.status = 'not-assessed';
    outcome.reason = skipped.join('; ');
  } else if (skipped.length > 0) outcome.reason = `partly not assessed: ${skipped.join('; ')}`;
}

function missingColumns(
  schema: SchemaInfo,
  tables: Record<NepaEntity, string>,
  requires: Partial<Record<NepaEntity, readonly string[]>>,
): string | undefined {
  for (const [entity, columns] of Object.entries(requires) as [NepaEntity, readonly string[]][]) {
    const table = tables[entity];
    if (!schema.columns.has(table)) return `table ${table} is missing`;
    const absent = columns.filter((column) => !hasColumn(schema, table, column));
    if (absent.length > 0) return `${table} lacks ${absent.join(', ')}`;
  }
  return undefined;
}

async function entitySummaries(
  client: SqlClient,
  schema: SchemaInfo | undefined,
  tables: Record<NepaEntity, string>,
  violating: Map<NepaEntity, Set<string>>,
): Promise<NepaReport['entities']> {
  const summaries: NepaReport['entities'] = [];
  for (const entity of NEPA_ENTITIES) {
    const table = tables[entity];
    let rows: number | null = null;
    if (schema?.columns.has(table)) {
      try {
        const [row] = await client.query<{ n: number }>(
          `select count(*)::int as n from ${quoteIdentifier(table)}`,
        );
        rows = row === undefined ? null : Number(row.n);
      } catch {
        rows = null;
      }
    }
    const bad = violating.get(entity)?.size ?? 0;
    const passRate = rows === null || rows === 0 ? null : Math.max(0, rows - bad) / rows;
    summaries.push({ entity, table, rows, violatingRows: bad, passRate });
  }
  return summaries;
}

/** A table name as a quoted identifier; names are validated by the template schema. */
function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

function definedOnly(tables: NepaTemplate['tables']): Partial<Record<NepaEntity, string>> {
  return Object.fromEntries(Object.entries(tables).filter(([, value]) => value !== undefined));
}
