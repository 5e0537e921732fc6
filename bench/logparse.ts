/**
 * Online log template mining on Loghub-2k (8 systems x 2,000 lines, corrected truth): one miner per
 * system, one configuration for all, scored with grouping accuracy (GA), parsing accuracy (PA) and
 * template-level F1 (FTA) as the Loghub-2.0 benchmark computes them, beside published Drain figures;
 * then lines per second on all systems' messages concatenated, on one core.
 *
 *   npx tsx bench/logparse.ts [--quick] [--data DIR]
 *
 * DIR holds one folder per system with a `*_structured_corrected.csv` (columns Content, EventTemplate);
 * the default is ../shared/data/loghub-2k. Without it the benchmark says so and exits 0.
 */
import { availableParallelism, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { formatCount } from './lib/format.js';
import { loadSystems } from './lib/logparse-data.js';
import { DRAIN_GA, measureThroughput, PUBLISHED_AVERAGES, parseSystem } from './lib/logparse-run.js';
import { machineInfo, RESULTS_DIR, writeResults } from './lib/results.js';
import { formatTable } from './lib/table.js';

const TARGETS = { ga: 0.95, pa: 0.75, linesPerSecond: 500_000 } as const;
const DEFAULT_DATA = join(RESULTS_DIR, '..', '..', '..', 'shared', 'data', 'loghub-2k');

function main(): void {
  // Not strict: `npm run bench -- ...` passes every benchmark the same arguments.
  const { values } = parseArgs({
    args: process.argv.slice(2),
    strict: false,
    options: { data: { type: 'string' }, quick: { type: 'boolean', default: false } },
  });
  const quick = values.quick === true;
  const dataDir = resolve(typeof values.data === 'string' ? values.data : DEFAULT_DATA);
  const systems = loadSystems(dataDir);
  if (!systems || systems.length === 0) {
    console.log(`logparse: skipped, no labelled systems in ${dataDir} (pass --data DIR).`);
    return;
  }

  const results = systems.map((system) => parseSystem(system).result);
  const mean = (pick: (r: (typeof results)[number]) => number) =>
    results.reduce((sum, r) => sum + pick(r), 0) / results.length;
  const average = { ga: mean((r) => r.ga), pa: mean((r) => r.pa), fta: mean((r) => r.fta) };

  const allLines = systems.flatMap((system) => system.contents);
  const throughput = measureThroughput(allLines, quick ? 3 : 10, quick ? 5 : 15);

  const f = (x: number) => x.toFixed(3);
  const rows = results.map((r) => [
    r.system,
    formatCount(r.lines),
    f(r.ga),
    f(r.pa),
    f(r.fta),
    `${r.predictedTemplates}/${r.truthTemplates}`,
    DRAIN_GA[r.system] === undefined ? '-' : f(DRAIN_GA[r.system] as number),
  ]);
  rows.push([
    'Average',
    formatCount(allLines.length),
    f(average.ga),
    f(average.pa),
    f(average.fta),
    '',
    `${f(PUBLISHED_AVERAGES.drainGa)} (PA ${f(PUBLISHED_AVERAGES.drainPa)})*`,
  ]);
  const right = { align: 'right' } as const;
  console.log(
    formatTable(
      [
        { header: 'system' },
        { header: 'lines', ...right },
        { header: 'GA', ...right },
        { header: 'PA', ...right },
        { header: 'FTA', ...right },
        { header: 'templates found/truth', ...right },
        { header: 'Drain GA (published)', ...right },
      ],
      rows,
    ),
  );
  console.log(
    `* Drain per system: original truth (Zhu et al. 2019); averages: Loghub-2.0, 14 systems, corrected truth. ` +
      `Loghub-2.0 PA: UniParser ${f(PUBLISHED_AVERAGES.uniParserPa)}, LogPPT ${f(PUBLISHED_AVERAGES.logPptPa)}.`,
  );
  console.log(
    `throughput: ${formatCount(throughput.linesPerSecond)} lines/s on one thread ` +
      `(${formatCount(throughput.lines)} lines, median of ${throughput.runsMs.length} runs after warm-up; ` +
      `${formatCount(throughput.cpuLinesPerSecond)} per CPU-second, GC threads included; ` +
      `load average ${loadavg()[0]?.toFixed(1)} on ${availableParallelism()} cores)`,
  );
  const verdict = (ok: boolean) => (ok ? 'PASS' : 'FAIL');
  const checks = [
    { target: `average GA >= ${TARGETS.ga}`, value: average.ga, ok: average.ga >= TARGETS.ga },
    { target: `average PA >= ${TARGETS.pa}`, value: average.pa, ok: average.pa >= TARGETS.pa },
    {
      target: `>= ${formatCount(TARGETS.linesPerSecond)} lines/s on one thread`,
      value: throughput.linesPerSecond,
      ok: throughput.linesPerSecond >= TARGETS.linesPerSecond,
    },
  ];
  for (const check of checks) {
    const shown = check.value > 10 ? formatCount(check.value) : f(check.value);
    console.log(`${verdict(check.ok)}  ${check.target} (got ${shown})`);
  }

  const file = writeResults(quick ? 'logparse-quick' : 'logparse', {
    benchmark: 'logparse',
    machine: machineInfo(),
    data: dataDir,
    quick,
    evaluation:
      'Loghub-2.0: GA and FTA group messages by template string on both sides; PA is exact string equality; ' +
      'no post-processing of either side; rows without a truth template are left out of GA and FTA.',
    systems: results,
    average,
    throughput,
    published: { drainGaPerSystem: DRAIN_GA, averages: PUBLISHED_AVERAGES },
    targets: checks,
  });
  console.log(`results: ${file}`);
}

main();
