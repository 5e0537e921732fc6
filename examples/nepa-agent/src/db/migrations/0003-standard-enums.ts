/**
 * The closed value lists of the standard's JSON Schema as CHECK constraints: NEPA review level,
 * project status, case event status, comment submission method and GIS element format, access
 * method and purpose. Open lists ("anyOf" an enum or any string) stay unconstrained.
 */
import type { Migration } from './migration.js';

const sql = `
alter table process_instance add constraint process_instance_type_check
  check (type in ('CE', 'EA', 'EIS'));
alter table project add constraint project_current_status_check
  check (current_status in ('pre-application', 'underway', 'paused', 'completed'));
alter table case_event add constraint case_event_status_check
  check (status in ('pending', 'completed', 'in progress'));
alter table comment add constraint comment_submission_method_check
  check (submission_method in ('online', 'email', 'mail', 'in-person'));
alter table gis_data_element add constraint gis_data_element_format_check
  check (format in ('GeoJSON', 'Shapefile', 'KML'));
alter table gis_data_element add constraint gis_data_element_access_method_check
  check (access_method in ('URL', 'API', 'direct upload'));
alter table gis_data_element add constraint gis_data_element_purpose_check
  check (purpose in ('bespoke', 'analysis', 'base map'));
`;

export const standardEnums: Migration = { version: '0003', name: 'standard_enums', sql };
