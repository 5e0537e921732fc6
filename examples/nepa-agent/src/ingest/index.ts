export type { IngestResult, PreparedDocument, Upload } from './ingest.js';
export { prepareUpload, storeDocument } from './ingest.js';
export type { SupportedMediaType } from './media.js';
export { resolveMediaType } from './media.js';
export type { ExtractedRecords } from './records.js';
export { extractRecords } from './records.js';
export { extractText } from './text.js';
export { readUploads } from './upload.js';
