/** `npm run load -- --url URL ...`: runs the load and prints the summary (or `--json`). */
import { LOAD_USAGE, parseLoadArgs } from './args.js';
import { runLoad } from './run-load.js';
import { formatSummary } from './stats.js';

const args = parseLoadArgs(process.argv.slice(2));
if (args.help) {
  process.stdout.write(`${LOAD_USAGE}\n`);
} else if (args.errors.length > 0) {
  process.stderr.write(`${args.errors.map((e) => `load: ${e}`).join('\n')}\n${LOAD_USAGE}\n`);
  process.exitCode = 1;
} else {
  const controller = new AbortController();
  process.once('SIGINT', () => controller.abort());
  const summary = await runLoad({ ...args.options, signal: controller.signal });
  process.stdout.write(args.json ? `${JSON.stringify(summary, null, 2)}\n` : `${formatSummary(summary)}\n`);
}
