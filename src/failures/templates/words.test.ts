import { describe, expect, it } from 'vitest';
import { isWordLike, nameOf, skeleton } from './words.js';

describe('isWordLike', () => {
  it.each([
    'Terminating',
    '(Lifecycle',
    'instance:',
    'load/store',
    'com.apple.xpc',
    'LOAD_MESSAGE',
    'Event)',
  ])('reads %s as a word', (token) => expect(isWordLike(token)).toBe(true));

  it.each(['<*>', 'pid=<*>', '/latest/meta-data/', 'a=b', '42', 'x<*>', '=', '-'])(
    'reads %s as a value',
    (token) => expect(isWordLike(token)).toBe(false),
  );
});

describe('nameOf', () => {
  it('finds the leading name of key=value and key: tokens', () => {
    expect(nameOf('num=<*>,flags=<*>')).toBe('num=');
    expect(nameOf('action:<*>')).toBe('action:');
    expect(nameOf('<*>=<*>')).toBe('');
    expect(nameOf('KB3121255~x')).toBe('');
  });
});

describe('skeleton', () => {
  it('keeps words and names, and lets units after a value vary', () => {
    expect(skeleton(['size', '<*>', 'KB,'])).toBe(skeleton(['size', '<*>', 'B,']));
    expect(skeleton(['VM', 'Started'])).not.toBe(skeleton(['VM', 'Paused']));
    expect(skeleton(['a=<*>'])).not.toBe(skeleton(['b=<*>']));
    expect(skeleton(['x', '<*>'])).toBe(skeleton(['x', '/tmp/<*>']));
  });
});
