/**
 * GUARD_MODULE: an ES module exporting `classify(text) → {score, label, reasons}` (cara's prompt
 * injection guard, or any classifier of that shape), loaded once at start by path, so the service
 * never depends on where such a module lives and still runs alone.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

export interface GuardVerdict {
  /** In [0, 1]; higher is more likely an injection. */
  score: number;
  /** `injection` blocks; any other label lets the text through. */
  label: string;
  reasons: string[];
}

export type GuardClassify = (text: string) => GuardVerdict;

/** A classifier loaded from GUARD_MODULE, with the module it came from. */
export interface LoadedGuard {
  module: string;
  classify: GuardClassify;
}

/** A verdict the service can rely on, or an error naming the module and what it returned. */
function checkedVerdict(module: string, value: unknown): GuardVerdict {
  const v = value as Partial<GuardVerdict> | null;
  if (
    typeof v !== 'object' ||
    v === null ||
    typeof v.score !== 'number' ||
    !Number.isFinite(v.score) ||
    typeof v.label !== 'string' ||
    !Array.isArray(v.reasons) ||
    !v.reasons.every((r) => typeof r === 'string')
  ) {
    throw new Error(
      `GUARD_MODULE ${module}: classify(text) returned ${JSON.stringify(value)}, not {score: number, label: string, reasons: string[]}`,
    );
  }
  return { score: v.score, label: v.label, reasons: v.reasons };
}

/**
 * Imports the module at `spec` (an absolute path or a file: URL), checks that it exports
 * `classify` and that one call answers in the expected shape. Every failure names the module.
 */
export async function loadGuardModule(spec: string): Promise<LoadedGuard> {
  let url: URL;
  try {
    url = spec.startsWith('file:') ? new URL(spec) : pathToFileURL(spec);
  } catch {
    throw new Error(`GUARD_MODULE ${spec} is not a valid file: URL`);
  }
  if (!existsSync(fileURLToPath(url))) {
    throw new Error(`GUARD_MODULE ${spec} does not exist; give the absolute path of the guard module`);
  }
  let module: Record<string, unknown>;
  try {
    module = (await import(url.href)) as Record<string, unknown>;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`GUARD_MODULE ${spec} could not be loaded: ${reason}`);
  }
  const classify = module.classify;
  if (typeof classify !== 'function') {
    throw new Error(`GUARD_MODULE ${spec} does not export a classify(text) function`);
  }
  const loaded: LoadedGuard = {
    module: spec,
    classify: (text) => checkedVerdict(spec, (classify as (text: string) => unknown)(text)),
  };
  loaded.classify('What is the status of the environmental review?');
  return loaded;
}
