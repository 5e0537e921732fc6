import type { JsonSchema } from './json-schema.js';

const ref = (name: string): JsonSchema => ({ $ref: `#/definitions/${name}` });
const int = (minimum?: number): JsonSchema => ({
  type: 'integer',
  ...(minimum === undefined ? {} : { minimum }),
});
const str: JsonSchema = { type: 'string' };
const LEVELS = ['none', 'note', 'warning', 'error'];

/**
 * The part of the SARIF 2.1.0 schema (OASIS, sarif-schema-2.1.0.json) that covers the objects
 * cara writes: sarifLog, run, tool, toolComponent, reportingDescriptor, reportingConfiguration,
 * result, message, location, physicalLocation, artifactLocation, region, propertyBag. Property
 * names, types, enums, minimums and required lists follow the official definitions; the objects
 * cara does not write are left out, so a property the subset does not know is reported (stricter
 * than the full schema, never looser for the properties it lists).
 */
export const sarifSubsetSchema: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['version', 'runs'],
  properties: {
    $schema: { type: 'string', format: 'uri' },
    version: { type: 'string', enum: ['2.1.0'] },
    runs: { type: ['array', 'null'], items: ref('run') },
    properties: ref('propertyBag'),
  },
  definitions: {
    propertyBag: {
      type: 'object',
      additionalProperties: true,
      properties: { tags: { type: 'array', uniqueItems: true, items: str } },
    },
    multiformatMessageString: {
      type: 'object',
      additionalProperties: false,
      required: ['text'],
      properties: { text: str, markdown: str, properties: ref('propertyBag') },
    },
    message: {
      type: 'object',
      additionalProperties: false,
      properties: {
        text: str,
        markdown: str,
        id: str,
        arguments: { type: 'array', items: str },
        properties: ref('propertyBag'),
      },
      anyOf: [{ required: ['text'] }, { required: ['id'] }],
    },
    run: {
      type: 'object',
      additionalProperties: false,
      required: ['tool'],
      properties: {
        tool: ref('tool'),
        originalUriBaseIds: { type: 'object', additionalProperties: ref('artifactLocation') },
        columnKind: { enum: ['utf16CodeUnits', 'unicodeCodePoints'] },
        results: { type: ['array', 'null'], items: ref('result') },
        properties: ref('propertyBag'),
      },
    },
    tool: {
      type: 'object',
      additionalProperties: false,
      required: ['driver'],
      properties: { driver: ref('toolComponent'), properties: ref('propertyBag') },
    },
    toolComponent: {
      type: 'object',
      additionalProperties: false,
      required: ['name'],
      properties: {
        name: str,
        version: str,
        semanticVersion: str,
        informationUri: { type: 'string', format: 'uri' },
        rules: { type: 'array', uniqueItems: true, items: ref('reportingDescriptor') },
        properties: ref('propertyBag'),
      },
    },
    reportingDescriptor: {
      type: 'object',
      additionalProperties: false,
      required: ['id'],
      properties: {
        id: str,
        name: str,
        shortDescription: ref('multiformatMessageString'),
        fullDescription: ref('multiformatMessageString'),
        help: ref('multiformatMessageString'),
        helpUri: { type: 'string', format: 'uri' },
        defaultConfiguration: ref('reportingConfiguration'),
        properties: ref('propertyBag'),
      },
    },
    reportingConfiguration: {
      type: 'object',
      additionalProperties: false,
      properties: {
        enabled: { type: 'boolean' },
        level: { enum: LEVELS },
        rank: { type: 'number', minimum: -1 },
        parameters: ref('propertyBag'),
        properties: ref('propertyBag'),
      },
    },
    result: {
      type: 'object',
      additionalProperties: false,
      required: ['message'],
      properties: {
        ruleId: str,
        ruleIndex: int(-1),
        kind: { enum: ['notApplicable', 'pass', 'fail', 'review', 'open', 'informational'] },
        level: { enum: LEVELS },
        message: ref('message'),
        locations: { type: 'array', items: ref('location') },
        partialFingerprints: { type: 'object', additionalProperties: str },
        fingerprints: { type: 'object', additionalProperties: str },
        properties: ref('propertyBag'),
      },
    },
    location: {
      type: 'object',
      additionalProperties: false,
      properties: {
        id: int(-1),
        physicalLocation: ref('physicalLocation'),
        message: ref('message'),
        properties: ref('propertyBag'),
      },
    },
    physicalLocation: {
      type: 'object',
      additionalProperties: false,
      properties: {
        artifactLocation: ref('artifactLocation'),
        region: ref('region'),
        contextRegion: ref('region'),
        properties: ref('propertyBag'),
      },
      anyOf: [{ required: ['address'] }, { required: ['artifactLocation'] }],
    },
    artifactLocation: {
      type: 'object',
      additionalProperties: false,
      properties: {
        uri: { type: 'string', format: 'uri-reference' },
        uriBaseId: str,
        index: int(-1),
        description: ref('message'),
        properties: ref('propertyBag'),
      },
    },
    region: {
      type: 'object',
      additionalProperties: false,
      properties: {
        startLine: int(1),
        startColumn: int(1),
        endLine: int(1),
        endColumn: int(1),
        charOffset: int(-1),
        charLength: int(0),
        byteOffset: int(-1),
        byteLength: int(0),
        message: ref('message'),
        properties: ref('propertyBag'),
      },
    },
  },
};
