/** An OpenAI-compatible chat endpoint: the conversation grows turn by turn. */
import type { AttackCase, TargetResponse, ToolCallRecord, TurnResult } from '../types.js';
import { expectJson, fetchBounded } from './fetch.js';
import { asText, getPath } from './json-path.js';
import { type NetworkOptions, type Target, TargetError } from './target.js';

export interface OpenAiTargetOptions extends NetworkOptions {
  /** Base URL (`.../v1`) or the full `/chat/completions` URL. */
  url: string;
  model?: string;
  apiKey?: string;
  /** The system prompt to install, when the endpoint is a bare model. */
  systemPrompt?: string;
}

interface Message {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

function toolCallsOf(message: unknown): ToolCallRecord[] {
  const calls = getPath(message, 'tool_calls');
  if (!Array.isArray(calls)) return [];
  return calls.map((call: unknown) => {
    const raw = getPath(call, 'function.arguments');
    let args: Record<string, unknown> = { raw };
    if (typeof raw === 'string') {
      try {
        args = JSON.parse(raw) as Record<string, unknown>;
      } catch {
        args = { raw };
      }
    }
    return { tool: asText(getPath(call, 'function.name')), args };
  });
}

/** Creates a chat-completions target; a planted document goes in as retrieved context. */
export function createOpenAiTarget(options: OpenAiTargetOptions): Target {
  const url = /\/chat\/completions\/?$/.test(options.url)
    ? options.url
    : `${options.url.replace(/\/$/, '')}/chat/completions`;
  return {
    kind: 'openai',
    label: url,
    async send(attack: AttackCase): Promise<TargetResponse> {
      const messages: Message[] = options.systemPrompt
        ? [{ role: 'system', content: options.systemPrompt }]
        : [];
      const turns: TurnResult[] = [];
      const toolCalls: ToolCallRecord[] = [];
      const notes: string[] = [];
      for (const [i, prompt] of attack.turns.entries()) {
        const content =
          i === 0 && attack.documents
            ? `${attack.documents.map((d) => `Context document (${d.fileName}):\n${d.text}`).join('\n\n')}\n\n${prompt}`
            : prompt;
        messages.push({ role: 'user', content });
        const started = performance.now();
        const headers: Record<string, string> = { 'content-type': 'application/json', ...options.headers };
        if (options.apiKey) headers.authorization = `Bearer ${options.apiKey}`;
        const body = await fetchBounded(
          url,
          { method: 'POST', headers, body: JSON.stringify({ model: options.model ?? 'default', messages }) },
          options,
        );
        notes.push(...body.notes);
        if (body.status >= 400 && body.status < 500) {
          throw new TargetError('rejected', `${url} rejected the request (${body.status})`, body.status);
        }
        const message = getPath(expectJson(body, url), 'choices.0.message');
        const text = asText(getPath(message, 'content') ?? '');
        toolCalls.push(...toolCallsOf(message));
        messages.push({ role: 'assistant', content: text });
        turns.push({ request: content, text, status: body.status, latencyMs: performance.now() - started });
      }
      return { turns, toolCalls, notes };
    },
  };
}
