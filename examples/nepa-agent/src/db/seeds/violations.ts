/**
 * The deliberate violations of the violation seed, for asserting a compliance checker against: each
 * names the row (table and `other->>'seed_key'`) and the rule it breaks.
 */
import type { NepaTable } from '../repository.js';

/** The rules the violation seed breaks. */
export type ViolationRule =
  | 'lead-agency-missing'
  | 'eis-without-noi'
  | 'eis-completed-without-rod'
  | 'ea-over-one-year-without-extension'
  | 'ea-over-75-pages'
  | 'eis-over-150-pages'
  | 'comment-document-missing'
  | 'gis-parent-count'
  | 'provenance-missing';

/** One deliberate violation: the row (table and `other->>'seed_key'`) and the rule it breaks. */
export interface SeededViolation {
  entity: NepaTable;
  key: string;
  rule: ViolationRule;
  detail: string;
}

/** A document id no seeded row has, cited by the orphan comment. */
export const MISSING_DOCUMENT_ID = 990_001;

export const SEEDED_VIOLATIONS: readonly SeededViolation[] = [
  {
    entity: 'project',
    key: 'viol:VIOL-NO-LEAD',
    rule: 'lead-agency-missing',
    detail: 'project without lead_agency',
  },
  {
    entity: 'process_instance',
    key: 'viol:VIOL-NO-LEAD:ce',
    rule: 'lead-agency-missing',
    detail: 'CE without lead_agency',
  },
  {
    entity: 'process_instance',
    key: 'viol:VIOL-EIS-NO-NOI:eis',
    rule: 'eis-without-noi',
    detail: 'completed EIS with a ROD but no NOI event or document',
  },
  {
    entity: 'process_instance',
    key: 'viol:VIOL-EIS-NO-ROD:eis',
    rule: 'eis-completed-without-rod',
    detail: 'EIS completed 2023-06-01 with no ROD event or document',
  },
  {
    entity: 'process_instance',
    key: 'viol:VIOL-EA-LATE:ea',
    rule: 'ea-over-one-year-without-extension',
    detail: 'EA underway since 2022-03-01, no extension event',
  },
  {
    entity: 'document',
    key: 'viol:VIOL-EA-LONG:ea-doc',
    rule: 'ea-over-75-pages',
    detail: 'EA of 112 pages',
  },
  {
    entity: 'document',
    key: 'viol:VIOL-EIS-LONG:feis',
    rule: 'eis-over-150-pages',
    detail: 'Final EIS of 236 pages, no extraordinary complexity',
  },
  {
    entity: 'comment',
    key: 'viol:VIOL-ORPHANS:comment',
    rule: 'comment-document-missing',
    detail: `comment citing document ${MISSING_DOCUMENT_ID}, which does not exist`,
  },
  {
    entity: 'gis_data',
    key: 'viol:VIOL-ORPHANS:gis-two-parents',
    rule: 'gis-parent-count',
    detail: 'GIS row with a project and a process parent',
  },
  {
    entity: 'gis_data',
    key: 'viol:VIOL-ORPHANS:gis-no-parent',
    rule: 'gis-parent-count',
    detail: 'GIS row with no parent',
  },
  {
    entity: 'project',
    key: 'viol:VIOL-NO-PROVENANCE',
    rule: 'provenance-missing',
    detail: 'project with every provenance field empty',
  },
];
