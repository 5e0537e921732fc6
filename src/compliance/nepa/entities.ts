/**
 * The 13 entities of the CEQ NEPA and Permitting Data and Technology Standard, the table names the
 * crosswalk gives them, the foreign keys it implies and the provenance columns v1.2 adds to each.
 */

/** The standard's entity names (PRODUCT.md spelling). */
export const NEPA_ENTITIES = [
  'project',
  'process',
  'document',
  'public_comment',
  'public_engagement_event',
  'case_event',
  'gis_data',
  'gis_data_element',
  'user_role',
  'legal_structure',
  'process_model',
  'decision_element',
  'decision_payload',
] as const;

export type NepaEntity = (typeof NEPA_ENTITIES)[number];

/** The crosswalk's table name of each entity, used unless the template maps it elsewhere. */
export const DEFAULT_TABLES: Readonly<Record<NepaEntity, string>> = {
  project: 'project',
  process: 'process_instance',
  document: 'document',
  public_comment: 'comment',
  public_engagement_event: 'engagement',
  case_event: 'case_event',
  gis_data: 'gis_data',
  gis_data_element: 'gis_data_element',
  user_role: 'user_role',
  legal_structure: 'legal_structure',
  process_model: 'process_model',
  decision_element: 'decision_element',
  decision_payload: 'process_decision_payload',
};

/** The v1.2 provenance columns every entity carries. */
export const PROVENANCE_COLUMNS = [
  'record_owner_agency',
  'data_source_agency',
  'data_source_system',
  'data_record_version',
  'last_updated',
  'retrieved_timestamp',
] as const;

/** A foreign key the standard's parent/child columns imply. */
export interface ExpectedForeignKey {
  entity: NepaEntity;
  column: string;
  references: NepaEntity;
}

const fk = (entity: NepaEntity, column: string, references: NepaEntity): ExpectedForeignKey => ({
  entity,
  column,
  references,
});

/** The references between entities, by crosswalk column. */
export const EXPECTED_FOREIGN_KEYS: readonly ExpectedForeignKey[] = [
  fk('project', 'parent_project_id', 'project'),
  fk('process', 'parent_project_id', 'project'),
  fk('process', 'parent_process_id', 'process'),
  fk('process', 'process_model', 'process_model'),
  fk('document', 'parent_process_id', 'process'),
  fk('document', 'related_document_id', 'document'),
  fk('public_comment', 'parent_document_id', 'document'),
  fk('public_engagement_event', 'parent_process_id', 'process'),
  fk('case_event', 'parent_process_id', 'process'),
  fk('case_event', 'parent_event_id', 'case_event'),
  fk('case_event', 'related_document_id', 'document'),
  fk('gis_data', 'parent_project_id', 'project'),
  fk('gis_data', 'parent_process_id', 'process'),
  fk('gis_data', 'parent_document_id', 'document'),
  fk('gis_data', 'parent_case_event_id', 'case_event'),
  fk('gis_data', 'parent_comment_id', 'public_comment'),
  fk('gis_data', 'parent_engagement_id', 'public_engagement_event'),
  fk('gis_data_element', 'parent_gis', 'gis_data'),
  fk('process_model', 'legal_structure_id', 'legal_structure'),
  fk('process_model', 'parent_model', 'process_model'),
  fk('decision_element', 'process_model_id', 'process_model'),
  fk('decision_element', 'legal_structure_id', 'legal_structure'),
  fk('decision_element', 'parent_decision_element_id', 'decision_element'),
  fk('decision_payload', 'process_decision_element', 'decision_element'),
  fk('decision_payload', 'process_id', 'process'),
  fk('decision_payload', 'project', 'project'),
  fk('decision_payload', 'parent_payload', 'decision_payload'),
];

/** The GIS parent columns; the standard expects exactly one of them set. */
export const GIS_PARENT_COLUMNS = [
  'parent_project_id',
  'parent_process_id',
  'parent_document_id',
  'parent_case_event_id',
  'parent_comment_id',
  'parent_engagement_id',
] as const;

/** The entity a crosswalk table name stands for, when it is one of the standard's tables. */
export function entityOfCrosswalkTable(table: string): NepaEntity | undefined {
  return NEPA_ENTITIES.find((entity) => DEFAULT_TABLES[entity] === table);
}
