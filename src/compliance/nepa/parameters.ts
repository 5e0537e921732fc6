/**
 * The template's parameters: statutory limits (defaults from 42 U.S.C. 4336a), the document and
 * event type names that mark an EA, EIS, NOI, ROD or extension, and per-agency timings.
 */
import { z } from 'zod';

const typeNames = (defaults: string[], what: string) =>
  z
    .array(z.string().min(1))
    .min(1)
    .default(defaults)
    .describe(`${what} (compared case-insensitively with document_type and case_event.type)`);

/** Timings that moved from the CEQ regulations into each agency's NEPA procedures. */
export const agencyTimingSchema = z
  .object({
    aliases: z
      .array(z.string().min(1))
      .default([])
      .describe('other spellings of the agency in lead_agency or record_owner_agency'),
    draftEisCommentDays: z
      .number()
      .int()
      .min(0)
      .describe('minimum comment period on a draft EIS, in days (formerly 45)'),
    finalEisWaitDays: z
      .number()
      .int()
      .min(0)
      .describe('minimum days between the final EIS and the record of decision (formerly 30)'),
  })
  .strict();

export const parametersSchema = z
  .object({
    eaMonths: z.number().int().positive().default(12).describe('EA deadline in months'),
    eaPageLimit: z.number().int().positive().default(75).describe('EA page limit'),
    eisMonths: z.number().int().positive().default(24).describe('EIS deadline in months'),
    eisPageLimit: z.number().int().positive().default(150).describe('EIS page limit'),
    eisComplexPageLimit: z
      .number()
      .int()
      .positive()
      .default(300)
      .describe('EIS page limit for an action of extraordinary complexity'),
    eaDocumentTypes: typeNames(['EA', 'Draft EA', 'Final EA'], 'document types of an EA'),
    eisDocumentTypes: typeNames(['EIS', 'Draft EIS', 'Final EIS'], 'document types of an EIS'),
    finalEisDocumentTypes: typeNames(['Final EIS', 'FEIS'], 'document types of a final EIS'),
    noiTypes: typeNames(['NOI', 'Notice of Intent'], 'names of a notice of intent'),
    rodTypes: typeNames(['ROD', 'Record of Decision'], 'names of a record of decision'),
    extensionTypes: typeNames(['extension', 'deadline extension'], 'names of a deadline extension'),
    pageSize: z.number().int().min(1).max(100_000).default(1000).describe('rows fetched per query page'),
    maxViolationsPerRule: z
      .number()
      .int()
      .min(1)
      .default(1000)
      .describe('violations listed per rule (all are counted)'),
  })
  .strict();

/** Per-agency timings; `default` applies to agencies not listed. */
export const agenciesSchema = z
  .object({ default: agencyTimingSchema })
  .catchall(agencyTimingSchema)
  .default({ default: { aliases: [], draftEisCommentDays: 45, finalEisWaitDays: 30 } });

export type NepaParameters = z.output<typeof parametersSchema>;
export type AgencyTiming = z.output<typeof agencyTimingSchema>;
export type Agencies = z.output<typeof agenciesSchema>;
