import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical-json.js';
import { type AuditEventRow, eventFromRow, leafObject, leafText } from './event.js';

const base: AuditEventRow = {
  seq: 7,
  id: '01a228b7-386d-7eb3-bee1-e28824192aa3',
  type: 'deploy.rollback',
  time: '2026-11-29T19:00:00.123Z',
  host: 'ci-runner-1',
  repository: '/work/repo',
  environment: 'staging',
  component: 'cara-cli',
  command: 'deploy run',
  outcome: 'failure',
  reason: 'p99 "latency" > 2s\n',
  actor: 'alice@agency.gov',
  subject: null,
  details: canonicalJson({ z: 1, a: [1, 'é', { k: null }], '\u20ac': 'euro', emoji: '\ud83d\ude00' }),
};

describe('leafText', () => {
  it.each([
    ['a full event', base],
    ['null reason and a subject', { ...base, reason: null, subject: 'deploy/42' }],
    [
      'awkward strings',
      { ...base, actor: "O'Brien <ob@x>", host: 'tab\there', subject: '\u2028line separator' },
    ],
    ['empty details', { ...base, details: '{}' }],
  ])('is the RFC 8785 canonical JSON of the event object: %s', (_name, row) => {
    expect(leafText(row)).toBe(canonicalJson(leafObject(eventFromRow(row))));
  });

  it('binds the position: the same event at another index has another leaf', () => {
    expect(leafText(base)).not.toBe(leafText({ ...base, seq: 8 }));
  });

  it('changes with every AU-3 field', () => {
    const fields = [
      'id',
      'type',
      'time',
      'host',
      'repository',
      'environment',
      'component',
      'command',
      'actor',
    ] as const;
    for (const field of fields)
      expect(leafText({ ...base, [field]: `${base[field]}x` })).not.toBe(leafText(base));
    expect(leafText({ ...base, outcome: 'success' })).not.toBe(leafText(base));
    expect(leafText({ ...base, reason: null })).not.toBe(leafText(base));
    expect(leafText({ ...base, subject: '' })).not.toBe(leafText(base));
  });
});
