/** A JSON HTTP endpoint: a templated request body per turn, the answer read from a path. */
import type { AttackCase, TargetResponse, ToolCallRecord, TurnResult } from '../types.js';
import { expectJson, fetchBounded } from './fetch.js';
import { asText, fillTemplate, getPath } from './json-path.js';
import type { NetworkOptions, Target } from './target.js';
import { TargetError } from './target.js';

export interface HttpTargetOptions extends NetworkOptions {
  url: string;
  /** JSON with `{{prompt}}` where the user's text goes (default `{"question": "{{prompt}}"}`). */
  bodyTemplate?: string;
  /** Dotted path of the answer in the response (default `answer`). */
  responsePath?: string;
  /** Dotted path of a tool-call array in the response, when the endpoint reports them. */
  toolCallsPath?: string;
}

/** Reads `[{tool|name, args|arguments}]` into tool-call records, ignoring anything else. */
export function readToolCalls(value: unknown): ToolCallRecord[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((item: unknown) => {
    if (item === null || typeof item !== 'object') return [];
    const entry = item as Record<string, unknown>;
    const tool = entry.tool ?? entry.name;
    if (typeof tool !== 'string') return [];
    const args = entry.args ?? entry.arguments;
    const record: ToolCallRecord = {
      tool,
      args: args !== null && typeof args === 'object' ? (args as Record<string, unknown>) : { value: args },
    };
    if (typeof entry.source === 'string') record.source = entry.source;
    return [record];
  });
}

/** Creates a target that posts each turn to one JSON endpoint. */
export function createHttpTarget(options: HttpTargetOptions): Target {
  const template = options.bodyTemplate ?? '{"question": "{{prompt}}"}';
  const path = options.responsePath ?? 'answer';
  return {
    kind: 'http',
    label: options.url,
    async send(attack: AttackCase): Promise<TargetResponse> {
      const turns: TurnResult[] = [];
      const toolCalls: ToolCallRecord[] = [];
      const notes: string[] = [];
      const docs = attack.documents ?? [];
      if (docs.length > 0)
        notes.push('no ingest route: the planted documents were sent inline with the first turn');
      for (const [i, turnText] of attack.turns.entries()) {
        const prompt =
          i === 0 && docs.length > 0
            ? `${docs.map((d) => `Context document (${d.fileName}):\n${d.text}`).join('\n\n')}\n\n${turnText}`
            : turnText;
        const started = performance.now();
        const body = await fetchBounded(
          options.url,
          {
            method: 'POST',
            headers: { 'content-type': 'application/json', ...options.headers },
            body: fillTemplate(template, { prompt }),
          },
          options,
        );
        notes.push(...body.notes);
        const latencyMs = performance.now() - started;
        if (body.status >= 400 && body.status < 500) {
          throw new TargetError(
            'rejected',
            `${options.url} rejected the request (${body.status})`,
            body.status,
          );
        }
        const json = expectJson(body, options.url);
        const answer = getPath(json, path);
        if (options.toolCallsPath) toolCalls.push(...readToolCalls(getPath(json, options.toolCallsPath)));
        const turn: TurnResult = {
          request: prompt,
          text: asText(answer ?? json),
          status: body.status,
          latencyMs,
        };
        if (getPath(json, 'blocked') === true) turn.blocked = true;
        turns.push(turn);
      }
      return { turns, toolCalls, notes };
    },
  };
}
