export { type Baseline, oscalControlId, readBaseline } from './baseline.js';
export { type EvaluateTemplatesOptions, evaluateTemplates, type RunContext } from './evaluate.js';
export { type RenderComplianceStyle, renderComplianceReport } from './render.js';
export type { ComplianceCheckReport, ControlReport, RuleReport, TemplateReport, Totals } from './report.js';
export {
  controlIdsOf,
  type LoadedControl,
  type LoadedControlsTemplate,
  type LoadedNepaTemplate,
  type LoadedRule,
  type LoadedTemplate,
  loadComplianceTemplates,
  type ParseComplianceTemplateResult,
  parseComplianceTemplate,
  templateFilesIn,
} from './template-load.js';
export {
  CONTROLS_TEMPLATE_NAMES,
  type ControlsTemplate,
  controlsTemplateJsonSchema,
  controlsTemplateSchema,
} from './template-schema.js';
