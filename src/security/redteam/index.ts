/** The red-team engine: targets, attack plugins, strategies, detectors, the run and its reports. */

export { buildPdf } from './attacks/pdf.js';
export type { AttackPlugin, AttackSeed, GenerationContext } from './attacks/plugin.js';
export { PLUGINS, selectPlugins } from './attacks/registry.js';
export { compareReports, type RedTeamComparison } from './compare.js';
export type { Detector } from './detectors/detector.js';
export { isRefusal } from './detectors/refusal.js';
export { DETECTORS } from './detectors/registry.js';
export { generateCases } from './generate.js';
export { renderReportHtml } from './report/html.js';
export { redTeamToSarif } from './report/sarif.js';
export { formatReportTable } from './report/table.js';
export type { CaseOutcome, CaseResult, RateRow, RedTeamReport } from './report-types.js';
export { type RunRedTeamOptions, runRedTeam } from './run.js';
export { STRATEGIES, selectStrategies } from './strategies/registry.js';
export type { Strategy } from './strategies/strategy.js';
export { agentRoutes, createAgentTarget } from './targets/agent.js';
export { createFunctionTarget, type FunctionReply, type TargetFunction } from './targets/function.js';
export { createHttpTarget } from './targets/http.js';
export { createOpenAiTarget } from './targets/openai.js';
export { createTarget, TARGET_KINDS, type TargetKind, type TargetSpec } from './targets/registry.js';
export { type Target, TargetError } from './targets/target.js';
export type * from './types.js';
