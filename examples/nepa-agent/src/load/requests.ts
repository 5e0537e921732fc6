/** The request kinds of the load mix and how each one is built (deterministic from the seed). */
import type { Random } from '../faults/index.js';

export const REQUEST_KINDS = ['ask', 'documents', 'projects', 'health'] as const;
export type RequestKind = (typeof REQUEST_KINDS)[number];
export type Mix = Partial<Record<RequestKind, number>>;

export const DEFAULT_MIX: Mix = { ask: 0.6, documents: 0.1, projects: 0.3 };

const QUESTIONS = [
  'When was the Record of Decision signed?',
  'What is the purpose and need of the project?',
  'Who commented on the draft environmental impact statement?',
  'Which agency is the lead agency?',
  'When did the public comment period close?',
  'What alternatives were considered?',
  'When was the Notice of Intent published?',
];

export interface PlannedRequest {
  kind: RequestKind;
  path: string;
  init: RequestInit;
}

/** Picks a kind by cumulative weight. */
export function pickKind(mix: Mix, random: Random): RequestKind {
  const entries = REQUEST_KINDS.map((kind) => [kind, mix[kind] ?? 0] as const).filter(([, w]) => w > 0);
  const total = entries.reduce((sum, [, weight]) => sum + weight, 0);
  let draw = random() * total;
  for (const [kind, weight] of entries) {
    draw -= weight;
    if (draw < 0) return kind;
  }
  return entries[entries.length - 1]?.[0] ?? 'health';
}

function sampleDocument(seed: number, n: number): string {
  return [
    `# Environmental Assessment: Load Test Trail Project ${n}`,
    '',
    `Project ID: LOAD-EA-${seed}-${n}`,
    'Lead Agency: U.S. Forest Service',
    '',
    '## Purpose and Need',
    `The Forest Service proposes to reroute ${1 + (n % 9)} miles of trail to reduce erosion near a creek.`,
    '',
    '## Schedule',
    `- The public comment period opened on March ${1 + (n % 27)}, 2025.`,
  ].join('\n');
}

/** Builds request number `n` of the given kind. */
export function buildRequest(kind: RequestKind, n: number, seed: number, random: Random): PlannedRequest {
  if (kind === 'ask') {
    const question = QUESTIONS[Math.floor(random() * QUESTIONS.length)] ?? QUESTIONS[0];
    return {
      kind,
      path: '/ask',
      init: {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ question }),
      },
    };
  }
  if (kind === 'documents') {
    return {
      kind,
      path: '/documents',
      init: {
        method: 'POST',
        headers: { 'content-type': 'text/markdown', 'x-file-name': `load-${seed}-${n}.md` },
        body: sampleDocument(seed, n),
      },
    };
  }
  return { kind, path: kind === 'projects' ? '/projects' : '/healthz', init: { method: 'GET' } };
}
