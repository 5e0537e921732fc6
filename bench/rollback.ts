/**
 * Rollback benchmark on the reference agent under load: for bad canaries (errors, latency, a
 * crash), the time from the bad version's first request to all traffic back on the stable version,
 * and the errors clients were served meanwhile; then one good canary, which must be promoted.
 * The canary and analysis settings are the config's defaults (setWeight 10, analysis 20 s,
 * setWeight 50, analysis 20 s, 5 s warm-up); `--instances N` sets instances per version (default 2).
 * Peers are compared from their published default configuration (bench/lib/rollback-peers.ts).
 *
 *   npx tsx bench/rollback.ts [--quick] [--trials N] [--instances N] [--keep]
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { exposureSeconds, stopLoad } from '../src/cli/actions/demo-deploy.js';
import type { Deployment } from '../src/deploy/index.js';
import { createCleanup, InterruptedError } from './lib/cleanup.js';
import { formatDuration } from './lib/format.js';
import { machineInfo, writeResults } from './lib/results.js';
import { PEER_DEFAULTS } from './lib/rollback-peers.js';
import { clientView, type ProbeLoop, startProbe } from './lib/rollback-probe.js';
import {
  type Fault,
  formatSummary,
  formatTrials,
  rollbackTargets,
  summaryRows,
  type TrialResult,
  trialResult,
} from './lib/rollback-report.js';
import { openAgentService } from './lib/rollback-service.js';

/** The agent's own load generator (what the judge sees). */
const LOAD_RPS = 30;
/** Our client loop, on top: it stamps each response with the version that served it. */
const PROBE_RPS = 10;
/** The config's default; `--instances 1` saves CPU (one stable instance must carry all the load). */
const DEFAULT_INSTANCES = 2;
/** Requests in flight when a deployment ends are let finish before the trial is read. */
const SETTLE_MS = 2_000;

/** Bad versions, taken in this order (and round again past five). */
const FAULTS: readonly Fault[] = [
  { label: 'ERROR_RATE=0.2', knobs: { ERROR_RATE: '0.2' }, errorRate: 0.2 },
  { label: 'LATENCY_MS=300', knobs: { LATENCY_MS: '300' } },
  { label: 'CRASH_AFTER_S=30', knobs: { CRASH_AFTER_S: '30' } },
  { label: 'ERROR_RATE=0.05', knobs: { ERROR_RATE: '0.05' }, errorRate: 0.05 },
  { label: 'LATENCY_MS=100', knobs: { LATENCY_MS: '100' } },
];

const note = (line: string) => process.stderr.write(`${line}\n`);

interface RollbackBenchOptions {
  trials: number;
  instances: number;
  quick: boolean;
  keep: boolean;
}

function parseOptions(argv: string[]): RollbackBenchOptions {
  // Not strict: `npm run bench -- ...` passes every benchmark the same arguments.
  const { values } = parseArgs({
    args: argv,
    strict: false,
    options: {
      trials: { type: 'string' },
      instances: { type: 'string' },
      quick: { type: 'boolean', default: false },
      keep: { type: 'boolean', default: false },
    },
  });
  const quick = values.quick === true;
  const trials = values.trials === undefined ? (quick ? 2 : 5) : Number(values.trials);
  if (!Number.isSafeInteger(trials) || trials < 1 || trials > 50)
    throw new Error(`--trials must be a whole number from 1 to 50, got "${values.trials}"`);
  const instances = values.instances === undefined ? DEFAULT_INSTANCES : Number(values.instances);
  if (!Number.isSafeInteger(instances) || instances < 1 || instances > 8)
    throw new Error(`--instances must be a whole number from 1 to 8, got "${values.instances}"`);
  return { trials, instances, quick, keep: values.keep === true };
}

async function main(options: RollbackBenchOptions): Promise<void> {
  const started = Date.now();
  const cleanup = createCleanup(note);
  const trials: TrialResult[] = [];
  let loadSummary: Awaited<ReturnType<typeof stopLoad>>;
  let probe: ProbeLoop | undefined;
  try {
    const svc = await openAgentService({
      service: { instances: options.instances },
      signal: cleanup.signal,
      log: (line) => note(`  ${line.split('\n')[0]}`),
      keep: options.keep,
    });
    cleanup.defer(() => svc.teardown(note));
    note(`workspace ${svc.ws.dir}, proxy on port ${svc.ws.port}; deploying the stable version`);
    const stable = await svc.deploy();
    if (stable.state !== 'succeeded') throw new Error(`the stable version did not start: ${stable.reason}`);
    const load = svc.ws.startLoad(LOAD_RPS);
    cleanup.defer(async () => {
      loadSummary = await stopLoad(load);
      if (load.exitCode === null && load.signalCode === null) load.kill('SIGKILL');
    });
    const running = startProbe(`http://127.0.0.1:${svc.ws.port}`, PROBE_RPS, 3 * 3600);
    probe = running;
    cleanup.defer(() => running.stop());
    note(`load: ${LOAD_RPS} req/s from the agent's load generator + ${PROBE_RPS} req/s from the probe`);
    await sleep(5_000, undefined, { signal: cleanup.signal });

    const scale = (LOAD_RPS + PROBE_RPS) / PROBE_RPS;
    const run = async (kind: 'bad' | 'good', fault: Fault, n: number): Promise<TrialResult> => {
      note(`\n${kind} canary ${n}: ${fault.label}`);
      const from = Date.now();
      const d: Deployment = await svc.deploy({
        message: `${kind} ${n}: ${fault.label}`,
        knobs: { SERVICE_VERSION: `${kind}-${n}`, ...fault.knobs },
      });
      const to = Date.now();
      await sleep(SETTLE_MS, undefined, { signal: cleanup.signal });
      const client = clientView(
        running.samples,
        d.version,
        { from, to },
        {
          ...(d.data.firstTrafficAt ? { firstTrafficAt: Date.parse(d.data.firstTrafficAt) } : {}),
          ...(d.data.restoredAt ? { restoredAt: Date.parse(d.data.restoredAt) } : {}),
        },
      );
      const result = trialResult(kind, fault, d, client, scale);
      const exposure = exposureSeconds(d);
      note(
        `${d.id} ${d.state}: ${d.reason ?? ''}` +
          (exposure !== undefined ? `; restored ${exposure.toFixed(1)} s after first traffic` : '') +
          `; client saw ${client.errors} error(s) in ${client.requests} request(s)`,
      );
      return result;
    };
    for (let i = 0; i < options.trials; i++) {
      const fault = FAULTS[i % FAULTS.length] as Fault;
      trials.push(await run('bad', fault, i + 1));
    }
    trials.push(await run('good', { label: 'no fault', knobs: {} }, 1));
  } catch (error) {
    if (error instanceof InterruptedError || cleanup.signal.aborted) {
      await cleanup.run();
      process.exitCode =
        cleanup.signal.reason instanceof InterruptedError ? cleanup.signal.reason.exitCode : 130;
      return;
    }
    await cleanup.run();
    throw error;
  }
  await cleanup.run();
  report(options, trials, loadSummary, probe, started);
}

function report(
  options: RollbackBenchOptions,
  trials: TrialResult[],
  loadSummary: Awaited<ReturnType<typeof stopLoad>>,
  probe: ProbeLoop | undefined,
  started: number,
): void {
  const bad = trials.filter((t) => t.kind === 'bad');
  const good = trials.find((t) => t.kind === 'good');
  const totalRps = LOAD_RPS + PROBE_RPS;
  const rows = summaryRows(bad, totalRps);
  const targets = rollbackTargets(bad, good);
  process.stdout.write(
    `\nRollback of bad canaries on the reference agent: default canary and analysis settings, ` +
      `instances: ${options.instances} per version${options.instances === DEFAULT_INSTANCES ? ' (the default)' : ' (set to save CPU)'}\n` +
      `load ${LOAD_RPS} req/s (agent load generator) + ${PROBE_RPS} req/s (probe client that reads x-cara-version)\n` +
      `restore = restoredAt - firstTrafficAt; decide = first traffic to the rollback decision; ` +
      `client = first to last response served by the bad version; requests/errors = probe requests in ` +
      `the exposure window (errors: non-2xx + connection errors)\n\n${formatTrials(trials)}\n\n` +
      `Time to restore and errors served per bad canary (errors: measured by the probe and scaled by ` +
      `${totalRps}/${PROBE_RPS} to all traffic; peers: estimated at ${totalRps} req/s with their ` +
      `canary weight, over the ERROR_RATE trials)\n\n${formatSummary(rows)}\n\n` +
      `${targets.map((t) => `${t.pass ? 'PASS' : 'FAIL'}  ${t.name}: ${t.detail}`).join('\n')}\n`,
  );
  const file = writeResults(options.quick ? 'rollback-quick' : 'rollback', {
    benchmark: 'rollback',
    machine: machineInfo(),
    options: {
      ...options,
      loadRps: LOAD_RPS,
      probeRps: PROBE_RPS,
      analysis: 'config defaults',
    },
    trials,
    summary: rows,
    peers: PEER_DEFAULTS,
    targets,
    load: loadSummary ?? null,
    probe: probe ? { sent: probe.samples.length } : null,
    runMs: Date.now() - started,
  });
  note(`results written to ${file} in ${formatDuration(Date.now() - started)}`);
  if (targets.some((t) => !t.pass)) process.exitCode = 1;
}

try {
  await main(parseOptions(process.argv.slice(2)));
} catch (error) {
  note(`bench/rollback failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exitCode = 1;
}
