export { type ParseJestJsonOptions, parseJestJson } from './jest-json.js';
export { type ParseJUnitXmlOptions, parseJUnitXml } from './junit.js';
export type { TestCaseResult, TestFailure, TestFileResult, TestOutcome, TestRunResult } from './model.js';
export { type SummarizeOptions, summarize, type TestRunSummary } from './summary.js';
