import { CaraError } from '../../core/errors.js';
import type { BackendInstance, BackendPool } from './types.js';

function invalid(field: string, problem: string): CaraError {
  return new CaraError('USAGE', `Invalid proxy backends: ${field} ${problem}.`, {
    hint: 'Give each version an integer weight 0..100, the weights summing to 100, and http:// instance URLs.',
  });
}

/** Normalises an instance URL to its origin, or explains why it cannot be proxied to. */
function checkUrl(raw: unknown, field: string): string {
  if (typeof raw !== 'string') throw invalid(field, 'must be a string');
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw invalid(field, `is not a URL: ${JSON.stringify(raw)}`);
  }
  if (parsed.protocol !== 'http:') throw invalid(field, `must use http:, got ${parsed.protocol}`);
  if (parsed.username !== '' || parsed.password !== '') throw invalid(field, 'must not carry credentials');
  if (parsed.pathname !== '/' || parsed.search !== '' || parsed.hash !== '') {
    throw invalid(field, `must be an origin without path or query, got ${JSON.stringify(raw)}`);
  }
  return parsed.origin;
}

/**
 * Checks a routing table and returns it with instance URLs normalised to their origins.
 * Bad tables throw a CaraError('USAGE') naming the field, so a typo never shifts real traffic.
 */
export function validateBackends(pools: readonly BackendPool[]): BackendPool[] {
  if (!Array.isArray(pools) || pools.length === 0) {
    throw invalid('backends', 'must list at least one version');
  }
  const versions = new Set<string>();
  const urls = new Map<string, string>();
  let total = 0;
  const result: BackendPool[] = [];
  pools.forEach((pool, i) => {
    const at = `backends[${i}]`;
    if (typeof pool.version !== 'string' || pool.version.trim() === '') {
      throw invalid(`${at}.version`, 'must be a non-empty string');
    }
    if (versions.has(pool.version)) throw invalid(`${at}.version`, `repeats version "${pool.version}"`);
    versions.add(pool.version);
    const weight = pool.weight;
    if (typeof weight !== 'number' || !Number.isInteger(weight) || weight < 0 || weight > 100) {
      throw invalid(`${at}.weight`, `must be an integer 0..100, got ${String(weight)}`);
    }
    total += weight;
    if (!Array.isArray(pool.instances)) throw invalid(`${at}.instances`, 'must be an array');
    if (weight > 0 && pool.instances.length === 0) {
      throw invalid(`${at}.instances`, `is empty but version "${pool.version}" has weight ${weight}`);
    }
    const listed: readonly BackendInstance[] = pool.instances;
    const instances = listed.map((instance, j) => {
      const field = `${at}.instances[${j}].url`;
      const url = checkUrl(instance?.url, field);
      const owner = urls.get(url);
      if (owner !== undefined) throw invalid(field, `repeats ${url}, already listed under ${owner}`);
      urls.set(url, field);
      return { url };
    });
    result.push({ version: pool.version, weight, instances });
  });
  if (total !== 100) {
    const listed = result.map((p) => `${p.version}=${p.weight}`).join(', ');
    throw invalid('weights', `must sum to 100, got ${total} (${listed})`);
  }
  return result;
}
