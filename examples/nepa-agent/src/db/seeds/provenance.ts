/** Shared helpers of the seed data: synthetic provenance per agency and plain-text documents. */
import type { ProjectInput, Provenance } from '../types.js';

/** Demo provenance for one agency's source system. */
export function demoProvenance(agency: string, system: string): Provenance {
  return {
    recordOwnerAgency: agency,
    dataSourceAgency: agency,
    dataSourceSystem: `${system} (synthetic demo)`,
    dataRecordVersion: '1',
    lastUpdated: '2024-06-01T00:00:00Z',
    retrievedTimestamp: '2024-06-02T15:00:00Z',
  };
}

export const BLM = demoProvenance('BLM', 'BLM ePlanning');
export const FHWA = demoProvenance('FHWA', 'FHWA Idaho Division project files');
export const USFS = demoProvenance('USFS', 'USFS PALS');
export const BOR = demoProvenance('BOR', 'Reclamation NEPA tracker');

export const PLAIN = 'text/plain';

/** A plain-text document body from paragraphs. */
export const text = (...paragraphs: string[]): string => paragraphs.join('\n\n');

/** A violation-seed project: otherwise complete, with the lead agency left out when `lead` is undefined. */
export function project(
  code: string,
  title: string,
  lead: string | undefined,
  provenance = USFS,
): ProjectInput {
  return {
    code,
    title,
    description: `${title} (synthetic record with a deliberate compliance violation).`,
    sector: 'land management',
    ...(lead === undefined ? {} : { leadAgency: lead }),
    ...provenance,
  };
}
