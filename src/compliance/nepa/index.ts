export { type CheckNepaOptions, checkNepa, defaultTemplate } from './check.js';
export { readCrosswalk } from './crosswalk.js';
export { DEFAULT_TABLES, NEPA_ENTITIES, type NepaEntity } from './entities.js';
export { checkJsonExport, type JsonExportReport } from './json-export.js';
export { type RenderStyle, renderNepaReport } from './render.js';
export type { EntitySummary, NepaReport, NepaViolation, RuleOutcome, RuleStatus } from './report.js';
export { NEPA_RULE_IDS, NEPA_RULES } from './rules/registry.js';
export type { NepaRule, Severity } from './rules/rule.js';
export { runNepaChecks } from './runner.js';
export { type NepaSource, openSqlClient, redactUrl, type SqlClient } from './sql-client.js';
export { formatTemplateIssue, loadTemplate, parseTemplate, type TemplateIssue } from './template-load.js';
export {
  NEPA_TEMPLATE_SCHEMA_ID,
  type NepaTemplate,
  nepaTemplateJsonSchema,
  nepaTemplateSchema,
} from './template-schema.js';
