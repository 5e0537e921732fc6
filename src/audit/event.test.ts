import { describe, expect, it } from 'vitest';
import { type AuditEvent, eventFromLeaf, leafSeq, leafText } from './event.js';

const event: AuditEvent = {
  seq: 7,
  id: '01a228b7-386d-7eb3-bee1-e28824192aa3',
  type: 'deploy.rollback',
  time: '2026-11-29T19:00:00.123Z',
  where: { host: 'ci-runner-1', repository: '/work/repo', environment: 'staging' },
  source: { component: 'cara-cli', command: 'deploy run' },
  outcome: { status: 'failure', reason: 'p99 "latency" > 2s\n' },
  actor: 'alice@agency.gov',
  subject: null,
  details: { z: 1, a: [1, 'é', { k: null }], '\u20ac': 'euro', seq: 99, source: { x: 1 } },
};

describe('leaf encoding', () => {
  it('is canonical JSON with sorted keys and the encoding version, and round-trips', () => {
    const text = leafText(event);
    expect(text.startsWith('{"actor":"alice@agency.gov","details":{"a":[1,"é",{"k":null}],"seq":99,')).toBe(
      true,
    );
    expect(
      text.endsWith(
        ',"v":1,"where":{"environment":"staging","host":"ci-runner-1","repository":"/work/repo"}}',
      ),
    ).toBe(true);
    expect(eventFromLeaf(text)).toEqual(event);
  });

  it('binds the position: the same event at another index has another leaf', () => {
    expect(leafText(event)).not.toBe(leafText({ ...event, seq: 8 }));
  });

  it('reads the index back without parsing, even when details mimic it', () => {
    expect(leafSeq(leafText(event))).toBe(7);
    expect(leafSeq(leafText({ ...event, seq: 123456789 }))).toBe(123456789);
    const mimic = {
      ...event,
      details: { x: { status: 'success' }, seq: 5, source: {} },
      subject: ',"seq":6,',
    };
    expect(leafSeq(leafText(mimic))).toBe(7);
    expect(leafSeq('{"no":"seq"}')).toBeUndefined();
  });
});
