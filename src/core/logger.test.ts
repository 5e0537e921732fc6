import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from './logger.js';

function capture() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { lines, destination };
}

describe('createLogger', () => {
  it('censors secret-bearing fields at any of the first three levels', () => {
    const { lines, destination } = capture();
    const log = createLogger({ level: 'info', destination });
    log.info(
      {
        password: 'p1',
        store: { url: 'postgres://u:p2@h/db' },
        llm: { provider: { apiKey: 'sk-3' } },
        ok: 'visible',
      },
      'opened',
    );
    const text = lines.join('');
    for (const secret of ['p1', 'p2', 'sk-3']) expect(text).not.toContain(secret);
    expect(text).toContain('[redacted]');
    expect(text).toContain('visible');
  });

  it('respects the level', () => {
    const { lines, destination } = capture();
    const log = createLogger({ level: 'warn', destination });
    log.info('hidden');
    log.warn('shown');
    expect(lines.join('')).not.toContain('hidden');
    expect(lines.join('')).toContain('shown');
  });
});
