export {
  type BuildComplianceReportOptions,
  buildComplianceReport,
  COMPLIANCE_REPORT_KIND,
  type ComplianceReportData,
  type ReportCheckpoint,
  reportCheckpoint,
} from './data.js';
export { escapeHtml, renderComplianceHtml } from './html.js';
export {
  CARA_OSCAL_NS,
  OSCAL_VERSION,
  oscalToken,
  type ToOscalOptions,
  toOscalAssessmentResults,
} from './oscal.js';
export {
  ensureReportDir,
  formatComplianceReport,
  parseReportFormats,
  REPORT_FORMATS,
  type ReportFormat,
  type WrittenReport,
  writeComplianceReports,
} from './write.js';
