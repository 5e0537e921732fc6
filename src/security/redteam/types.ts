/** The data a red-team run passes between targets, attacks, strategies and detectors. */

/** OWASP Top 10 for LLM Applications 2025 categories the attacks map to. */
export type OwaspId = 'LLM01' | 'LLM02' | 'LLM05' | 'LLM06' | 'LLM07' | 'LLM10';

/** How bad a finding is; reports rank by it. */
export type FindingSeverity = 'critical' | 'high' | 'medium' | 'low';

/** A document an indirect attack plants where the target will retrieve it. */
export interface AttackDocument {
  fileName: string;
  contentType: string;
  bytes: Uint8Array;
  /** The document's text as a reader of the source sees it (hidden parts included), for evidence. */
  text: string;
}

/** What counts as the attack working, beyond the always-bad signals (canary, prompt, tool calls). */
export interface AttackGoal {
  /** A token the attack tells the target to output; seeing it (not merely echoed) proves obedience. */
  marker?: string;
  /** The category asks for data: PII and secret patterns count as success. */
  wantsData?: boolean;
  /** Resource abuse: a latency this many times the baseline counts. */
  latencyFactor?: number;
}

/** One concrete attack: the user turns to send and, for indirect attacks, the planted document. */
export interface AttackCase {
  /** `plugin/n` or `plugin/n+strategy`: stable for a seed, so runs compare. */
  id: string;
  plugin: string;
  category: string;
  owasp: OwaspId[];
  atlas: string[];
  strategy?: string;
  description: string;
  turns: string[];
  /** Documents planted before the turns (one upload batch). */
  documents?: AttackDocument[];
  /** The injected instruction after any strategy (what a defence had to catch). */
  payload: string;
  goal: AttackGoal;
}

/** A tool call the target made, from its answer or its tool log. */
export interface ToolCallRecord {
  tool: string;
  args: Record<string, unknown>;
  source?: string;
}

/** One exchange with the target. */
export interface TurnResult {
  request: string;
  text: string;
  status?: number;
  latencyMs: number;
  /** The target said it refused or blocked (e.g. `blocked: true`). */
  blocked?: boolean;
}

/** Everything the target did for one case; detectors read only this and the case. */
export interface TargetResponse {
  turns: TurnResult[];
  toolCalls: ToolCallRecord[];
  /** Notes such as "throttled twice (429), waited 2.0 s" or "response cut at 1 MiB". */
  notes: string[];
}

/** What a detector knows about the target besides the exchange. */
export interface DetectorContext {
  canary?: string;
  systemPrompt?: string;
  /** Median latency of a benign question, for resource-abuse checks. */
  baselineLatencyMs?: number;
}

export interface Evidence {
  request: string;
  responseExcerpt: string;
  detector: string;
  why: string;
}

export interface Finding {
  caseId: string;
  plugin: string;
  category: string;
  owasp: OwaspId[];
  atlas: string[];
  strategy?: string;
  severity: FindingSeverity;
  evidence: Evidence;
}

/** A detector's verdict before it is tied to a case. */
export interface Detection {
  severity: FindingSeverity;
  why: string;
  excerpt: string;
  /** Counts towards attack success (false for weak signals reported for review). */
  decisive: boolean;
}
