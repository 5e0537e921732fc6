/** Every NEPA rule, one family per file; the template enables, disables and parameterises them. */
import { AGENCY_RULES } from './agency.js';
import { ENUMERATION_RULES } from './enumerations.js';
import { PROVENANCE_RULES } from './provenance.js';
import { REFERENCE_RULES } from './references.js';
import { REQUIRED_RULES } from './required.js';
import type { NepaRule } from './rule.js';
import { SCHEMA_RULES } from './schema.js';
import { STATUTORY_RULES } from './statutory.js';

/** The rules in report order: schema first, then data rules by family. */
export const NEPA_RULES: readonly NepaRule[] = [
  ...SCHEMA_RULES,
  ...REQUIRED_RULES,
  ...ENUMERATION_RULES,
  ...REFERENCE_RULES,
  ...PROVENANCE_RULES,
  ...STATUTORY_RULES,
  ...AGENCY_RULES,
];

/** The ids of all rules, for the template schema. */
export const NEPA_RULE_IDS: readonly string[] = NEPA_RULES.map((rule) => rule.id);
