import { CaraError } from '../../core/errors.js';
import type { JudgeConfig, Look, MetricSamples, RateSamples, SpendingFunction } from './types.js';

/** The judge's settings with every default filled in. */
export interface Settings {
  alpha: number;
  tailAlpha: number;
  power: number;
  tailQuantile: number;
  confidence: number;
  look: Look;
  spending: SpendingFunction;
  groups: Readonly<Record<string, number>>;
}

const usage = (field: string, problem: string) => new CaraError('USAGE', `judge config: ${field} ${problem}`);
const invalid = (field: string, problem: string) =>
  new CaraError('DATA_INVALID', `judge data: ${field} ${problem}`);

function checkFraction(field: string, value: number | undefined, low: number, high: number): void {
  if (value === undefined) return;
  if (!(Number.isFinite(value) && value > low && value < high))
    throw usage(field, `must be a number between ${low} and ${high} (exclusive), got ${value}`);
}

/** Checks the config and fills in defaults; throws CaraError('USAGE') naming the bad field. */
export function resolveSettings(config: JudgeConfig): Settings {
  if (!Array.isArray(config.metrics) || config.metrics.length === 0)
    throw usage('metrics', 'must list at least one metric');
  for (const [field, value] of [
    ['pass', config.pass],
    ['marginal', config.marginal],
  ] as const)
    if (!(Number.isFinite(value) && value >= 0 && value <= 100))
      throw usage(field, `must be a score from 0 to 100, got ${value}`);
  if (config.marginal > config.pass)
    throw usage('marginal', `(${config.marginal}) must not be above pass (${config.pass})`);
  checkFraction('alpha', config.alpha, 0, 0.5);
  checkFraction('tailAlpha', config.tailAlpha, 0, 0.5);
  checkFraction('power', config.power, 0.5, 1);
  checkFraction('tailQuantile', config.tailQuantile, 0.5, 1);
  checkFraction('confidence', config.confidence, 0, 1);
  const look = config.look ?? { index: 1, planned: 1 };
  if (!(Number.isSafeInteger(look.planned) && look.planned >= 1))
    throw usage('look.planned', `must be a whole number of at least 1, got ${look.planned}`);
  if (!(Number.isSafeInteger(look.index) && look.index >= 1 && look.index <= look.planned))
    throw usage(
      'look.index',
      `must be a whole number from 1 to look.planned (${look.planned}), got ${look.index}`,
    );
  if (config.spending !== undefined && config.spending !== 'obrien-fleming' && config.spending !== 'pocock')
    throw usage('spending', `must be 'obrien-fleming' or 'pocock', got '${String(config.spending)}'`);
  const groups = config.groups ?? { default: 1 };
  for (const [name, weight] of Object.entries(groups))
    if (!(Number.isFinite(weight) && weight > 0))
      throw usage(`groups.${name}`, `must be a positive weight, got ${weight}`);
  const names = new Set<string>();
  for (const [i, metric] of config.metrics.entries()) {
    const field = `metrics[${i}]`;
    if (typeof metric.name !== 'string' || metric.name === '')
      throw usage(`${field}.name`, 'must be a non-empty string');
    if (names.has(metric.name)) throw usage(`${field}.name`, `repeats the metric '${metric.name}'`);
    names.add(metric.name);
    if (metric.kind !== 'continuous' && metric.kind !== 'rate')
      throw usage(`${field}.kind`, `must be 'continuous' or 'rate', got '${String(metric.kind)}'`);
    if (!['increase', 'decrease', 'either'].includes(metric.direction))
      throw usage(
        `${field}.direction`,
        `must be 'increase', 'decrease' or 'either', got '${String(metric.direction)}'`,
      );
    for (const key of ['effectSize', 'absoluteEffect'] as const) {
      const value = metric[key];
      if (value !== undefined && !(Number.isFinite(value) && value >= 0))
        throw usage(`${field}.${key}`, `must be a number of at least 0, got ${value}`);
    }
    const group = metric.group ?? 'default';
    if (!(group in groups)) throw usage(`${field}.group`, `'${group}' has no weight in groups`);
    if (metric.tail && metric.kind === 'rate')
      throw usage(`${field}.tail`, 'applies to continuous metrics only');
  }
  const alpha = config.alpha ?? 0.05;
  return {
    alpha,
    tailAlpha: config.tailAlpha ?? alpha / 4,
    power: config.power ?? 0.8,
    tailQuantile: config.tailQuantile ?? 0.99,
    confidence: config.confidence ?? 0.95,
    look,
    spending: config.spending ?? 'obrien-fleming',
    groups,
  };
}

/** Checks the data of every configured metric (and nothing else) and returns it by kind. */
export function checkData(
  config: JudgeConfig,
  data: Readonly<Record<string, MetricSamples | RateSamples>>,
): void {
  const names = new Set(config.metrics.map((m) => m.name));
  for (const key of Object.keys(data))
    if (!names.has(key)) throw usage(`data.${key}`, 'is not a configured metric');
  for (const metric of config.metrics) {
    const entry = data[metric.name];
    const field = `data.${metric.name}`;
    if (entry === undefined) throw invalid(field, 'is missing');
    if (metric.kind === 'continuous') {
      for (const side of ['baseline', 'canary'] as const) {
        const values = (entry as MetricSamples)[side];
        if (!Array.isArray(values))
          throw invalid(`${field}.${side}`, 'must be an array of numbers (the metric is continuous)');
        if (values.length === 0) throw invalid(`${field}.${side}`, 'is empty');
        const bad = values.findIndex((v) => typeof v !== 'number' || !Number.isFinite(v));
        if (bad >= 0)
          throw invalid(`${field}.${side}[${bad}]`, `must be a finite number, got ${values[bad]}`);
      }
    } else {
      for (const side of ['baseline', 'canary'] as const) {
        const counts = (entry as RateSamples)[side];
        if (typeof counts !== 'object' || counts === null || Array.isArray(counts))
          throw invalid(`${field}.${side}`, 'must be { events, trials } (the metric is a rate)');
        const { events, trials } = counts;
        if (!(Number.isSafeInteger(trials) && trials >= 1))
          throw invalid(`${field}.${side}.trials`, `must be a whole number of at least 1, got ${trials}`);
        if (!(Number.isSafeInteger(events) && events >= 0 && events <= trials))
          throw invalid(
            `${field}.${side}.events`,
            `must be a whole number from 0 to trials (${trials}), got ${events}`,
          );
      }
    }
  }
}
