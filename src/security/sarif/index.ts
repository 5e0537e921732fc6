export { checkSarif } from './check-sarif.js';
export { type JsonSchema, type SchemaIssue, validateJsonSchema } from './json-schema.js';
export { sarifSubsetSchema } from './sarif-schema.js';
export { relativeUri, type ToSarifOptions, toSarif } from './to-sarif.js';
export {
  SARIF_SCHEMA_URI,
  SARIF_VERSION,
  type SarifLevel,
  type SarifLog,
  type SarifResultInput,
  type SarifRuleInput,
  type SarifToolInfo,
} from './types.js';
