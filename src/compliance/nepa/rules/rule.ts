/** What a NEPA rule is: an id, the entity it checks, its citation, and a check as parameterised SQL. */
import type { NepaEntity } from '../entities.js';
import type { Agencies, NepaParameters } from '../parameters.js';
import type { SchemaInfo } from '../schema-info.js';

export type Severity = 'error' | 'warning';
export type RuleFamily =
  | 'schema'
  | 'required'
  | 'enumeration'
  | 'reference'
  | 'provenance'
  | 'statutory'
  | 'agency';

/** A parameterised statement: values travel in `params`, never inside `sql`. */
export interface SqlQuery {
  sql: string;
  params: unknown[];
}

/** What a data rule's query builder may use. */
export interface QueryContext {
  /** The quoted table name of an entity (after the template's mapping). */
  table(entity: NepaEntity): string;
  /** The unquoted table name of an entity, for schema look-ups. */
  tableName(entity: NepaEntity): string;
  /** The seed-key expression for a table alias (null when the table has no `other` column). */
  seedKey(alias: string): string;
  parameters: NepaParameters;
  agencies: Agencies;
  schema: SchemaInfo;
}

interface RuleBase {
  id: string;
  family: RuleFamily;
  /** The entities the rule checks; a violation is reported against one of them. */
  entities: readonly NepaEntity[];
  citation: string;
  severity: Severity;
  description: string;
}

/**
 * A check over the data. `query` selects `row_id` (text), `seed_key` (text or null) and `detail`
 * (text), one row per violation, ordered by row id; the runner pages it with LIMIT/OFFSET.
 */
export interface DataRule extends RuleBase {
  kind: 'data';
  /** The check of one of `entities`; run once per entity. */
  query(ctx: QueryContext, entity: NepaEntity): DataQuery;
}

/** A data rule's statement and the columns it reads ("not assessed" when one is missing). */
export interface DataQuery extends SqlQuery {
  requires: Partial<Record<NepaEntity, readonly string[]>>;
}

/** Collects parameter values and hands out their `$n` placeholders. */
export class Binder {
  readonly params: unknown[] = [];

  /** The placeholder of `value`, cast to `type` when given (e.g. `text[]`). */
  bind(value: unknown, type?: string): string {
    this.params.push(value);
    const placeholder = `$${this.params.length}`;
    return type === undefined ? placeholder : `${placeholder}::${type}`;
  }
}

/** One finding of a schema rule: the table (and column) that does not conform. */
export interface SchemaFinding {
  entity: NepaEntity;
  table: string;
  detail: string;
}

/** A check of the schema itself, from introspection; may decline with a reason ("not assessed"). */
export interface SchemaRule extends RuleBase {
  kind: 'schema';
  check(schema: SchemaInfo, context: SchemaRuleContext): SchemaFinding[] | { notAssessed: string };
}

export interface SchemaRuleContext {
  tables: Readonly<Record<NepaEntity, string>>;
  /** The crosswalk rows, or why they could not be read. */
  crosswalk: readonly CrosswalkColumn[] | { missing: string };
}

export interface CrosswalkColumn {
  table: string;
  column: string;
  dataType: string;
}

export type NepaRule = DataRule | SchemaRule;

/** The citation of the CEQ data standard, for schema, data and provenance rules. */
export const CEQ_STANDARD = 'CEQ NEPA Data Standard v1.2';
