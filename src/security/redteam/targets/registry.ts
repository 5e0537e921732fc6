/** Target kinds by name, built from the CLI's flags. */
import { CaraError } from '../../../core/index.js';
import { agentRoutes, createAgentTarget } from './agent.js';
import { createHttpTarget } from './http.js';
import { createOpenAiTarget } from './openai.js';
import type { NetworkOptions, Target } from './target.js';

export const TARGET_KINDS = ['http', 'openai', 'agent'] as const;
export type TargetKind = (typeof TARGET_KINDS)[number];

/** Flags that describe a network target. */
export interface TargetSpec extends NetworkOptions {
  kind: TargetKind;
  url: string;
  bodyTemplate?: string;
  responsePath?: string;
  model?: string;
  apiKey?: string;
  systemPrompt?: string;
}

/** Builds a target from its kind and URL; an unknown kind or a bad URL is a usage error. */
export function createTarget(spec: TargetSpec): Target {
  if (!/^https?:\/\//i.test(spec.url)) {
    throw new CaraError('USAGE', `--target "${spec.url}" is not an http(s) URL`, {
      hint: 'give an http(s) URL, or the name of a target under redteam.targets in cara.config.yaml',
    });
  }
  const { kind, url, ...rest } = spec;
  if (kind === 'http') return createHttpTarget({ ...rest, url });
  if (kind === 'openai') return createOpenAiTarget({ ...rest, url });
  if (kind === 'agent') {
    const routes = /\/ask\/?$/.test(url) ? { askUrl: url } : agentRoutes(url);
    return createAgentTarget({ ...rest, ...routes });
  }
  throw new CaraError('USAGE', `unknown target kind "${kind as string}"`, {
    hint: `use one of ${TARGET_KINDS.join(', ')}`,
  });
}
