/**
 * What the agent service needs beyond the standard's crosswalk: the standard's string project
 * identifier (JSON Schema `project_id`, absent from the crosswalk), the uploaded document's media
 * type, extracted text and page count, a comment's process and the document it cited (unchecked),
 * the extraordinary-complexity determination that lifts the EIS page limit, and indexes for the
 * service's lookups.
 */
import type { Migration } from './migration.js';

const sql = `
alter table project add column project_id text not null;
alter table project add constraint project_project_id_key unique (project_id);

alter table process_instance add column extraordinary_complexity boolean not null default false;

alter table document add column parent_project_id bigint references project (id);
alter table document add column media_type text not null default 'text/plain';
alter table document add column content_text text not null default '';
alter table document add column page_count integer;
alter table document add constraint document_page_count_check check (page_count >= 0);

alter table comment add column parent_process_id bigint references process_instance (id);
-- The document id as the comment's source cited it; no foreign key on purpose, so a comment that
-- cites a document not (yet) loaded is kept rather than rejected, and compliance checks report it.
alter table comment add column cited_document_id bigint;

create index process_instance_parent_project_id_idx on process_instance (parent_project_id);
create index document_parent_process_id_idx on document (parent_process_id);
create index document_parent_project_id_idx on document (parent_project_id);
create index case_event_parent_process_id_idx on case_event (parent_process_id);
create index comment_parent_process_id_idx on comment (parent_process_id);
create index comment_parent_document_id_idx on comment (parent_document_id);
`;

export const agentService: Migration = { version: '0002', name: 'agent_service', sql };
