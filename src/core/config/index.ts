export {
  type CanaryStepConfig,
  type DeployConfig,
  type ServiceConfig,
  stepWeight,
} from './deploy-schema.js';
export { CONFIG_SCHEMA_ID, configJsonSchema } from './json-schema.js';
export {
  assertValidConfig,
  type ConfigIssue,
  formatConfigIssue,
  type LoadConfigResult,
  loadConfig,
  type ParseConfigOptions,
  parseConfig,
} from './load.js';
export { redactObject, redactSecrets, redactText, SECRET_KEY_PATTERN } from './redact.js';
export { type CaraConfig, configSchema, secretPaths } from './schema.js';
export { type ConfigTemplateOptions, configTemplate } from './template.js';
export { type Position, positionOf } from './yaml-position.js';
