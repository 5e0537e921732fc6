import type { Block } from './block.js';
import { firstMeaningfulLine, tidyMessage } from './message.js';

/** npm's and Maven's lines that say where, not what: `npm ERR! code 1`, an empty `[ERROR]`. */
const FALLOUT_NOISE =
  /^(?:npm (?:ERR!|error)(?:\s+(?:code|errno|path|syscall|cwd|command|signal)\b.*|\s*)|\[ERROR\]\s*)$/;

/** The message of a finished block, or undefined when the block turned out not to be a failure. */
export function blockMessage(block: Block): string | undefined {
  switch (block.style) {
    case 'tap':
      return tapMessage(block);
    case 'pytest': {
      const assertion = block.body.find((line) => /^E\s/.test(line));
      if (assertion !== undefined) return tidyMessage(assertion.replace(/^E\s+/, ''));
      return firstMeaningfulLine(block.body);
    }
    case 'traceback':
      return tidyMessage(block.exception ?? block.body[0] ?? '');
    case 'fallout':
      return tidyMessage(block.body.find((text) => !FALLOUT_NOISE.test(text)) ?? block.body[0] ?? '');
    default:
      return firstMeaningfulLine(block.body);
  }
}

/** node:test TAP puts the error in YAML: `error: |-` and the lines under it, `name: 'AssertionError'`. */
function tapMessage(block: Block): string | undefined {
  const yaml = block.body;
  if (yaml.some((line) => /^failureType: '?subtestsFailed'?$/.test(line))) return undefined;
  const at = yaml.findIndex((line) => line.startsWith('error: '));
  if (at === -1)
    return firstMeaningfulLine(yaml.filter((line) => !/^(?:---|\.\.\.|[\w]+:\s)/.test(line))) ?? block.label;
  const value = (yaml[at] ?? '').slice('error: '.length).trim();
  const error = /^[|>][-+]?$/.test(value) ? (yaml[at + 1] ?? '') : unquote(value);
  const name = yaml
    .map((line) => /^name: '?([\w$.]+)'?$/.exec(line)?.[1])
    .find((found) => found !== undefined);
  return tidyMessage(name === undefined || error.startsWith(name) ? error : `${name}: ${error}`);
}

function unquote(value: string): string {
  const quoted = /^(['"])(.*)\1$/.exec(value);
  return quoted?.[2] ?? value;
}
