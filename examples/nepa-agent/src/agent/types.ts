/** The agent's contract: one question in, an answer with citations (and what it did) out. */
import type { ChatClient, Citation } from '../answer/index.js';
import type { AgentMode } from '../env.js';
import type { Guard } from '../guard/index.js';
import type { ScoredPassage } from '../retrieval/index.js';
import type { Screening } from './screen.js';
import type { ToolCall, ToolCallLog, ToolCallRequest } from './tool-log.js';

export interface AskInput {
  question: string;
  /** Confirms destructive tool calls (guarded mode). */
  confirm?: boolean;
}

export interface AskResult {
  answer: string;
  citations: Citation[];
  /** Which agent answered. */
  mode: AgentMode;
  answeredBy: 'extractive' | 'llm';
  /** Tool calls this question caused (also in the tool-call log). */
  toolCalls: ToolCall[];
  note?: string;
  /** Guarded: the question was refused as an injection attempt. */
  blocked?: boolean;
  /** Guarded: destructive calls waiting for `confirm: true`. */
  pendingConfirmation?: ToolCallRequest[];
  /** Guarded: what the input screen removed. */
  screening?: Screening;
}

export interface Agent {
  readonly mode: AgentMode;
  ask(input: AskInput): Promise<AskResult>;
}

export interface PassageSource {
  search(question: string, limit?: number): Promise<ScoredPassage[]>;
}

export interface AgentDeps {
  retriever: PassageSource;
  toolLog: ToolCallLog;
  canary: string;
  /** An OpenAI-compatible model; the guarded agent uses it when present. */
  llm?: ChatClient;
  /** GUARD_MODULE: the guarded agent drops retrieved passages it classes as injection. */
  guard?: Guard;
}
