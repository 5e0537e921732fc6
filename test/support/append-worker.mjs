// Appends events to a repository's audit log through the built runtime, one transaction per
// batch, printing a line per 50 events so a test can tell it is running (and kill it mid-burst).
// usage: node append-worker.mjs REPO_DIR COUNT [BATCH] [TAG]
import { openRuntime } from '../../dist/cli/runtime.js';
import { readEnv } from '../../dist/core/index.js';

const [dir, countText, batchText = '1', tag = 'worker'] = process.argv.slice(2);
const count = Number(countText);
const batch = Number(batchText);
const sink = { write: () => true };
const rt = await openRuntime({
  cwd: dir,
  env: { ...readEnv(), actor: `${tag}@example.gov` },
  output: { out: sink, err: process.stderr, color: false },
  command: `test ${tag}`,
});
for (let done = 0; done < count; done += batch) {
  const inputs = [];
  for (let i = done; i < Math.min(count, done + batch); i++) {
    inputs.push({ type: 'ci.step', outcome: 'success', subject: `${tag}-${i}`, details: { worker: tag, i } });
  }
  await rt.audit.recordMany(inputs);
  if ((done + batch) % 50 < batch) process.stdout.write(`appended ${done + batch}\n`);
}
await rt.finish();
process.stdout.write('done\n');
