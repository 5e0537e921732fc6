/** Helpers the `cara test` actions share. */
import { CaraError } from '../../core/index.js';
import type { CliContext } from '../context.js';
import { withRuntime } from '../runtime.js';

export const open = <T>(ctx: CliContext, command: string, fn: Parameters<typeof withRuntime<T>>[1]) =>
  withRuntime({ cwd: ctx.cwd(), env: ctx.env, output: ctx.output, command }, fn);

export function wholeNumber(text: string, flag: string, min = 0): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < min)
    throw new CaraError('USAGE', `${flag} must be a whole number >= ${min}, not "${text}"`);
  return n;
}
