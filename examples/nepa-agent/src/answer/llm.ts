/** An OpenAI-compatible chat completion call (`POST {base}/chat/completions`) with a timeout. */
import type { LlmConfig } from '../env.js';

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export interface ChatClient {
  complete(messages: ChatMessage[]): Promise<string>;
}

interface ChatResponse {
  choices?: { message?: { content?: string | null } }[];
}

/**
 * Creates a client for an OpenAI-compatible endpoint (OpenAI, vLLM, Ollama, LiteLLM, ...).
 * Every failure (timeout, HTTP error, empty reply) is thrown, so the caller can fall back.
 */
export function createChatClient(config: LlmConfig, fetchImpl: typeof fetch = fetch): ChatClient {
  return {
    async complete(messages) {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (config.apiKey !== undefined) headers.authorization = `Bearer ${config.apiKey}`;
      const response = await fetchImpl(`${config.baseUrl}/chat/completions`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ model: config.model, messages, temperature: 0 }),
        signal: AbortSignal.timeout(config.timeoutMs),
      });
      if (!response.ok) throw new Error(`the model endpoint answered HTTP ${response.status}`);
      const body = (await response.json()) as ChatResponse;
      const content = body.choices?.[0]?.message?.content;
      if (typeof content !== 'string' || content.trim() === '') throw new Error('the model returned no text');
      return content.trim();
    },
  };
}
