/** Reference rows shared by the demo projects: statutes, a process model, a screening criterion, user roles. */

import type { Provenance } from '../types.js';
import { json, provenanceColumns, type SeedWriter } from './writer.js';

const CEQ: Provenance = {
  recordOwnerAgency: 'CEQ',
  dataSourceAgency: 'CEQ',
  dataSourceSystem: 'nepa-agent demo seed',
  dataRecordVersion: '1',
  lastUpdated: '2024-06-01T00:00:00Z',
  retrievedTimestamp: '2024-06-02T15:00:00Z',
};

/** Writes the reference rows (idempotent) and returns nothing; look rows up by their seed keys. */
export async function seedReference(writer: SeedWriter): Promise<void> {
  const prov = provenanceColumns(CEQ);
  const deadlines = await writer.insertRow('legal_structure', 'demo:legal:42usc4336a', {
    title: 'Procedure for environmental documents: deadlines and page limits',
    citation: '42 U.S.C. 4336a',
    description:
      'Environmental assessments within 1 year and 75 pages; environmental impact statements within 2 years ' +
      'and 150 pages, or 300 pages for a proposed agency action of extraordinary complexity.',
    issuing_authority: 'United States Congress',
    effective_date: '2023-06-03',
    compliance_data: json({
      ea: { months: 12, pages: 75 },
      eis: { months: 24, pages: 150, complexPages: 300 },
    }),
    url: 'https://uscode.house.gov/view.xhtml?req=granuleid:USC-prelim-title42-section4336a',
    ...prov,
  });
  await writer.insertRow('legal_structure', 'demo:legal:42usc4336', {
    title: 'Review of agency action: levels of NEPA review',
    citation: '42 U.S.C. 4336',
    description: 'Categorical exclusion, environmental assessment or environmental impact statement.',
    issuing_authority: 'United States Congress',
    effective_date: '2023-06-03',
    url: 'https://uscode.house.gov/view.xhtml?req=granuleid:USC-prelim-title42-section4336',
    ...prov,
  });
  const model = await writer.insertRow('process_model', 'demo:model:blm-eis', {
    title: 'BLM environmental impact statement',
    description: 'Notice of intent, scoping, draft EIS and comment period, final EIS, record of decision.',
    legal_structure_id: deadlines,
    legal_structure_text: '42 U.S.C. 4336a; BLM NEPA Handbook H-1790-1',
    screening_description: 'Proposed actions likely to have significant effects on the human environment.',
    agency: 'BLM',
    bpmn_model: json({ steps: ['NOI', 'scoping', 'Draft EIS', 'comment period', 'Final EIS', 'ROD'] }),
    ...prov,
  });
  await writer.insertRow('decision_element', 'demo:element:critical-habitat', {
    process_model_id: model,
    legal_structure_id: deadlines,
    title: 'Designated critical habitat',
    description: 'Does the project footprint intersect designated critical habitat of a listed species?',
    measure: 'Acres of designated critical habitat inside the project footprint',
    threshold: 0,
    spatial: true,
    intersect: true,
    form_text: 'Acres of critical habitat affected',
    form_response_desc: 'number',
    category: 'extraordinary circumstances',
    ...prov,
  });
  await writer.insertRow('user_role', 'demo:role:agency-staff', {
    name: 'Agency Staff',
    description: 'Prepares and publishes NEPA documents; records case events; answers comments.',
    permission_descriptions: 'read and write all records of the agency',
    public: false,
    access_policy: json({ read: 'agency', write: 'agency' }),
    ...prov,
  });
  await writer.insertRow('user_role', 'demo:role:public-commenter', {
    name: 'Public Commenter',
    description: 'Reads public documents and submits comments during comment periods.',
    permission_descriptions: 'read public records; create comments',
    public: true,
    access_policy: json({ read: 'public', write: ['comment'] }),
    ...prov,
  });
}

/** The screening answer recorded for the USFS trail CE (run after the demo projects). */
export async function seedDecisionPayload(
  writer: SeedWriter,
  keys: { process: string; project: string },
  provenance: Provenance,
): Promise<void> {
  await writer.insertRow('process_decision_payload', 'demo:payload:trail-habitat', {
    process_decision_element: writer.id('demo:element:critical-habitat'),
    process_id: writer.id(keys.process),
    project: writer.id(keys.project),
    data_description: 'The reroute footprint was overlaid on the designated critical habitat layer.',
    evaluation_data: json({ acres: 0 }),
    response: '0 acres',
    result: 'no extraordinary circumstance',
    result_bool: false,
    result_source: 'Forest GIS specialist',
    ...provenanceColumns(provenance),
  });
}
