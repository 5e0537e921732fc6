import { describe, expect, it } from 'vitest';
import { maskToken } from './mask.js';

describe('maskToken', () => {
  it.each([
    ['numbers', '2227', '<*>'],
    ['negative numbers', '-529', '<*>'],
    ['decimals', '0.2477829', '<*>'],
    ['hex with a prefix', '0x7fed806eb5d', '<*>'],
    ['bare hex hashes', '9f4ef63', '<*>'],
    ['UUIDs', '38101a0b-2096-447d-96ea-a692162415ae', '<*>'],
    ['UUIDs in brackets', '[instance:', '[instance:'],
    ['IPv4 addresses', '10.11.10.1', '<*>'],
    ['IPv4 with a port', '172.16.96.116:33370,', '<*>,'],
    ['IPv6 addresses', 'fe80::1ff:fecd:1c2b', '<*>'],
    ['MAC addresses', 'f8:4f:57:3b:ea:b2', '<*>'],
    ['paths', '/var/log/syslog', '<*>'],
    ['paths in quotes', '"/v2/servers/detail', '"<*>'],
    ['URLs', 'https://gs-loc.apple.com/clls/wloc,', '<*>,'],
    ['URLs after a key', 'url=http://example.org/a?b=1', 'url=<*>'],
    ['durations', '12ms', '<*>'],
    ['durations in seconds', '(5s)', '(<*>)'],
    ['sizes', '300KB', '<*>'],
    ['dates keep their separators', '2016-09-28', '<*>-<*>-<*>'],
    ['times keep their separators', '04:30:31', '<*>:<*>:<*>'],
    ['slashed dates', '2016/9/27', '<*>/<*>/<*>'],
    ['key=value numbers', 'pid=2227,', 'pid=<*>,'],
    ['key=value booleans', 'force=true,', 'force=<*>,'],
    ['whole key=value values', 'bnds=[0,0][1080,1920]', 'bnds=<*>'],
    ['quoted key=value values keep quotes', 'tag="RILJ_ACK_WL",', 'tag="RILJ_ACK_WL",'],
    ['ids with numbers', 'blk_1608999687919862906', '<*>'],
    ['numbers after a named prefix', 'blk_-1608999687919862906', 'blk_-<*>'],
    ['numbered parts', 'rdd_42_20', '<*>'],
    ['named nodes', 'node-246', 'node-<*>'],
    ['null-like words', 'null', '<*>'],
  ])('masks %s', (_shape, token, masked) => {
    expect(maskToken(token)).toBe(masked);
  });

  it.each([
    ['plain words', 'Terminating'],
    ['words with punctuation', 'instance:'],
    ['names with one digit', 'en0'],
    ['protocol names', 'IPv6'],
    ['dotted names', 'com.android.systemui'],
    ['constant keys with text values', 'mode=auto'],
    ['non-ASCII words', 'Grüße'],
    ['Windows paths', 'C:\\Windows\\cbscore.dll'],
  ])('keeps %s', (_shape, token) => {
    expect(maskToken(token)).toBe(token);
  });

  it('keeps a constructor value that a space cut in two', () => {
    expect(maskToken('fullscreenStackBounds=Rect(0,')).toBe('fullscreenStackBounds=Rect(<*>,');
  });

  it('does not mistake hex-looking words or times for addresses', () => {
    expect(maskToken('added')).toBe('added');
    expect(maskToken('27:20:30:31.455')).toBe('<*>:<*>:<*>:<*>');
  });
});
