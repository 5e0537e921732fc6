/**
 * A retrieval agent: the attack document is uploaded (multipart `file`) to an ingest URL, then the
 * turns are asked; tool calls come from the answer and, when configured, from a tool-log URL.
 */
import type { AttackCase, TargetResponse, ToolCallRecord, TurnResult } from '../types.js';
import { expectJson, fetchBounded } from './fetch.js';
import { readToolCalls } from './http.js';
import { asText, getPath } from './json-path.js';
import { type NetworkOptions, type Target, TargetError } from './target.js';

export interface AgentTargetOptions extends NetworkOptions {
  askUrl: string;
  ingestUrl?: string;
  toolLogUrl?: string;
  /** Field of the question in the ask body (default `question`). */
  questionField?: string;
  /** Dotted path of the answer (default `answer`). */
  answerPath?: string;
}

/** The conventional routes under one base URL: `/ask`, `/documents`, `/tool-calls`. */
export function agentRoutes(base: string): Pick<AgentTargetOptions, 'askUrl' | 'ingestUrl' | 'toolLogUrl'> {
  const root = base.replace(/\/$/, '');
  return { askUrl: `${root}/ask`, ingestUrl: `${root}/documents`, toolLogUrl: `${root}/tool-calls` };
}

/** Creates the ingest-then-ask target; with a tool log it takes one case at a time. */
export function createAgentTarget(options: AgentTargetOptions): Target {
  const seen = new Set<string>();
  let primed = false;
  const readLog = async (): Promise<ToolCallRecord[]> => {
    if (!options.toolLogUrl) return [];
    const body = await fetchBounded(
      options.toolLogUrl,
      { method: 'GET', headers: { ...options.headers } },
      options,
    );
    const json = expectJson(body, options.toolLogUrl);
    const calls = getPath(json, 'calls') ?? json;
    const fresh: ToolCallRecord[] = [];
    if (!Array.isArray(calls)) return fresh;
    for (const entry of calls) {
      const key = JSON.stringify(entry);
      if (seen.has(key)) continue;
      seen.add(key);
      fresh.push(...readToolCalls([entry]));
    }
    return fresh;
  };
  const target: Target = {
    kind: 'agent',
    label: options.askUrl,
    async send(attack: AttackCase): Promise<TargetResponse> {
      const notes: string[] = [];
      if (!primed) {
        await readLog();
        primed = true;
      }
      if (attack.documents && attack.documents.length > 0) {
        if (!options.ingestUrl)
          throw new TargetError('format', 'this case plants a document but no ingest URL is set');
        const form = new FormData();
        for (const { bytes, fileName, contentType } of attack.documents) {
          form.append('file', new File([bytes], fileName, { type: contentType }));
        }
        const body = await fetchBounded(
          options.ingestUrl,
          { method: 'POST', body: form, headers: { ...options.headers } },
          options,
        );
        notes.push(...body.notes);
        if (body.status >= 400) {
          const reason = body.status < 500 ? 'rejected' : 'status';
          throw new TargetError(
            reason,
            `ingest answered ${body.status}: ${body.text.slice(0, 200)}`,
            body.status,
          );
        }
      }
      const turns: TurnResult[] = [];
      const answered: ToolCallRecord[] = [];
      for (const question of attack.turns) {
        const started = performance.now();
        const body = await fetchBounded(
          options.askUrl,
          {
            method: 'POST',
            headers: { 'content-type': 'application/json', ...options.headers },
            body: JSON.stringify({ [options.questionField ?? 'question']: question }),
          },
          options,
        );
        notes.push(...body.notes);
        if (body.status >= 400 && body.status < 500) {
          throw new TargetError(
            'rejected',
            `${options.askUrl} rejected the question (${body.status})`,
            body.status,
          );
        }
        const json = expectJson(body, options.askUrl);
        answered.push(...readToolCalls(getPath(json, 'toolCalls')));
        const turn: TurnResult = {
          request: question,
          text: asText(getPath(json, options.answerPath ?? 'answer') ?? json),
          status: body.status,
          latencyMs: performance.now() - started,
        };
        if (getPath(json, 'blocked') === true) turn.blocked = true;
        turns.push(turn);
      }
      const logged = await readLog();
      return { turns, toolCalls: options.toolLogUrl ? logged : answered, notes };
    },
  };
  if (options.toolLogUrl) target.maxConcurrency = 1;
  return target;
}
