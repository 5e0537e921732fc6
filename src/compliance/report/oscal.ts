/**
 * The report as an OSCAL assessment-results document: one result per template, one finding per
 * control (its objective satisfied or not), one observation per rule, the checkpoint in back-matter.
 */
import { randomUUID } from 'node:crypto';
import { isAbsolute, relative } from 'node:path';
import type { CheckStatus } from '../checks/index.js';
import { type ControlReport, oscalControlId, type TemplateReport } from '../controls/index.js';
import type { NepaReport } from '../nepa/index.js';
import type { ComplianceReportData } from './data.js';

/** The OSCAL version of the official schema the output is validated against. */
export const OSCAL_VERSION = '1.0.6';
/** The namespace of the properties cara adds (`status`, `check`, checkpoint fields). */
export const CARA_OSCAL_NS = 'urn:cara-devops:oscal';

type Json = Record<string, unknown>;

export interface ToOscalOptions {
  /** UUID v4 source; tests may pass a deterministic one. */
  uuid?: () => string;
}

/** A single-line OSCAL string (StringDatatype: no line breaks, no outer whitespace), or undefined when empty. */
function oneLine(text: string): string | undefined {
  const value = text.replace(/\s+/g, ' ').trim();
  return value === '' ? undefined : value;
}

/** An OSCAL token (NCName): letters, digits, `.`, `-`, `_`, starting with a letter or `_`. */
export function oscalToken(text: string): string {
  const token = text.replace(/[^\p{L}\p{N}._-]+/gu, '-');
  return /^[\p{L}_]/u.test(token) ? token : `_${token}`;
}

function prop(name: string, value: string): Json[] {
  const v = oneLine(value);
  return v === undefined ? [] : [{ name, ns: CARA_OSCAL_NS, value: v }];
}

const nonEmpty = (text: string, fallback: string) => (text.trim() === '' ? fallback : text);

/** A URI reference to a file: relative to the repository when inside it, else a file URL. */
function fileHref(file: string, root: string): string {
  const rel = relative(root, file);
  if (rel !== '' && !rel.startsWith('..') && !isAbsolute(rel)) return encodeURI(rel.split('\\').join('/'));
  return encodeURI(`file://${file.split('\\').join('/')}`);
}

const STATE: Record<CheckStatus, { state: string; reason: string }> = {
  pass: { state: 'satisfied', reason: 'pass' },
  fail: { state: 'not-satisfied', reason: 'fail' },
  'not-assessed': { state: 'not-satisfied', reason: 'other' },
};

/** Converts the report; every control, assessed or not, yields a finding. */
export function toOscalAssessmentResults(data: ComplianceReportData, options: ToOscalOptions = {}): Json {
  const uuid = options.uuid ?? randomUUID;
  const templatesResource = uuid();
  const checkpointResource = uuid();
  const cp = data.checkpoint;
  return {
    'assessment-results': {
      uuid: uuid(),
      metadata: {
        title: 'CARA compliance assessment results',
        'last-modified': data.generatedAt,
        version: data.generatedAt,
        'oscal-version': OSCAL_VERSION,
        props: [
          ...prop('generator', `${data.generator.name} ${data.generator.version}`),
          ...prop('audit-checkpoint-origin', cp.origin),
          ...prop('audit-checkpoint-size', String(cp.size)),
          ...prop('audit-checkpoint-root-hash', cp.rootHash),
        ],
        links: [{ href: `#${checkpointResource}`, rel: 'reference', text: 'Audit checkpoint' }],
      },
      'import-ap': {
        href: `#${templatesResource}`,
        remarks:
          'No separate assessment plan exists: the compliance templates listed in back-matter define what is assessed and how.',
      },
      results: data.templates.map((template) => result(template, data, uuid)),
      'back-matter': {
        resources: [
          {
            uuid: templatesResource,
            title: 'Compliance templates',
            description: 'The templates evaluated, each with its controls and the checks that assess them.',
            rlinks: data.templates.map((t) => ({
              href: fileHref(t.file, data.root),
              'media-type': 'application/yaml',
            })),
          },
          {
            uuid: checkpointResource,
            title: 'Audit checkpoint',
            description: `The signed checkpoint of the audit log this assessment was computed against (C2SP checkpoint note):\n\n${cp.note}`,
            props: [
              ...prop('origin', cp.origin),
              ...prop('tree-size', String(cp.size)),
              ...prop('root-hash', cp.rootHash),
              ...prop('key-id', cp.keyId),
              ...prop('signed-at', cp.createdAt),
            ],
            base64: {
              filename: 'checkpoint.txt',
              'media-type': 'text/plain',
              value: Buffer.from(cp.note, 'utf8').toString('base64'),
            },
          },
        ],
      },
    },
  };
}

function result(template: TemplateReport, data: ComplianceReportData, uuid: () => string): Json {
  const observations: Json[] = [];
  const findings = template.controls.map((control) => {
    const related = observationsOf(control, data.checkedAt, uuid);
    observations.push(...related);
    return finding(control, related, uuid);
  });
  if (template.kind === 'nepa' && data.nepa !== null)
    observations.push(...entityObservations(data.nepa, data.checkedAt, uuid));
  const ids = [...new Set(template.controls.map((c) => oscalToken(oscalControlId(c.id))))];
  const t = template.totals;
  const notes = data.notes.filter((note) => note.startsWith(`${template.name}:`));
  return {
    uuid: uuid(),
    title: template.title,
    description: `${template.name} (${template.file}): ${t.passed} passed, ${t.failed} failed, ${t.notAssessed} not assessed of ${t.controls} controls.`,
    start: data.checkedAt,
    end: data.generatedAt,
    props: [...prop('template', template.name), ...prop('template-kind', template.kind)],
    'reviewed-controls': {
      'control-selections': [
        ids.length > 0
          ? { 'include-controls': ids.map((id) => ({ 'control-id': id })) }
          : { description: 'The template lists no controls.' },
      ],
    },
    ...(observations.length > 0 ? { observations } : {}),
    ...(findings.length > 0 ? { findings } : {}),
    ...(notes.length > 0 ? { remarks: notes.join('\n') } : {}),
  };
}

function finding(control: ControlReport, observations: readonly Json[], uuid: () => string): Json {
  const { state, reason } = STATE[control.status];
  const why = nonEmpty(control.reason, control.status);
  return {
    uuid: uuid(),
    title: `${control.id}: ${control.title}`,
    description: why,
    props: prop('status', control.status),
    target: {
      type: 'objective-id',
      'target-id': oscalToken(oscalControlId(control.id)),
      status: {
        state,
        reason,
        ...(control.status === 'not-assessed' ? { remarks: `Not assessed: ${why}` } : {}),
      },
    },
    'related-observations': observations.map((o) => ({ 'observation-uuid': o.uuid })),
  };
}

/** One observation per rule; a control without rules (e.g. NEPA without a database) gets one saying why. */
function observationsOf(control: ControlReport, collected: string, uuid: () => string): Json[] {
  if (control.rules.length === 0)
    return [
      {
        uuid: uuid(),
        title: `${control.id}: ${control.status === 'not-assessed' ? 'not assessed' : control.status}`,
        description: nonEmpty(control.reason, control.status),
        props: prop('status', control.status),
        methods: ['TEST'],
        collected,
      },
    ];
  return control.rules.map((rule) => {
    const evidence =
      Object.keys(rule.evidence).length > 0 ? JSON.stringify(rule.evidence, null, 2) : undefined;
    return {
      uuid: uuid(),
      title: `${control.id}: ${rule.check}`,
      description: nonEmpty(rule.reason, rule.status),
      props: [...prop('check', rule.check), ...prop('status', rule.status)],
      methods: ['TEST'],
      ...(evidence === undefined ? {} : { 'relevant-evidence': [{ description: evidence }] }),
      collected,
    };
  });
}

function entityObservations(nepa: NepaReport, collected: string, uuid: () => string): Json[] {
  return nepa.entities.map((e) => ({
    uuid: uuid(),
    title: `NEPA entity ${e.entity}`,
    description:
      e.rows === null
        ? `${e.entity} (table ${e.table}): rows could not be counted.`
        : `${e.entity} (table ${e.table}): ${e.rows - e.violatingRows} of ${e.rows} rows without a data-rule violation${e.passRate === null ? '' : ` (${(e.passRate * 100).toFixed(1)}%)`}.`,
    props: [
      ...prop('entity', e.entity),
      ...prop('rows', e.rows === null ? 'unknown' : String(e.rows)),
      ...prop('violating-rows', String(e.violatingRows)),
      ...(e.passRate === null ? [] : prop('pass-rate', e.passRate.toFixed(4))),
    ],
    methods: ['TEST'],
    collected,
  }));
}
