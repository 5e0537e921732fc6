import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { CaraError } from '../../core/index.js';
import { classify } from '../../security/index.js';
import type { CliContext } from '../context.js';
import { json, line, paint } from '../output.js';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks).toString('utf8');
}

/** `cara guard check`: one verdict for the given text or file; exit 1 when it is an injection. */
export async function runGuardCheck(
  ctx: CliContext,
  words: string[],
  options: { file?: string; json?: boolean },
): Promise<void> {
  if (options.file !== undefined && words.length > 0) {
    throw new CaraError('USAGE', 'Give the text or --file, not both.');
  }
  let text: string;
  if (options.file === '-') text = await readStdin();
  else if (options.file !== undefined) {
    const path = resolve(ctx.cwd(), options.file);
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      throw new CaraError('USAGE', `Cannot read ${path}.`, {
        hint: 'check the path given to --file',
        cause: error,
      });
    }
  } else if (words.length > 0) text = words.join(' ');
  else throw new CaraError('USAGE', 'Nothing to check.', { hint: 'cara guard check "TEXT" or --file FILE' });
  const verdict = classify(text);
  if (verdict.label === 'injection') ctx.setExitCode(1);
  if (options.json) return json(ctx.output, verdict);
  const label =
    verdict.label === 'injection'
      ? paint(ctx.output, 'red', 'INJECTION')
      : paint(ctx.output, 'green', 'benign');
  line(ctx.output.out, `${label}  score ${verdict.score.toFixed(3)}`);
  for (const reason of verdict.reasons) line(ctx.output.out, paint(ctx.output, 'dim', `  ${reason}`));
}
