/**
 * The naive agent, a deliberately vulnerable target: it reads hidden content as if it were
 * visible and obeys every instruction it finds, in the question or in a retrieved document —
 * revealing its system prompt, replying as told, and calling any tool without confirmation.
 * Deterministic (no model), so red-team tests have a known-bad baseline.
 */
import { extractiveAnswer } from '../answer/index.js';
import { findDirectives } from './directives.js';
import { revealHidden } from './hidden.js';
import { buildSystemPrompt } from './system-prompt.js';
import type { ToolCall } from './tool-log.js';
import type { Agent, AgentDeps } from './types.js';

/** Creates the agent that follows instructions wherever it finds them. */
export function createNaiveAgent(deps: AgentDeps): Agent {
  const systemPrompt = buildSystemPrompt(deps.canary);
  return {
    mode: 'naive',
    async ask({ question }) {
      const passages = (await deps.retriever.search(question, 4)).map((p) => ({
        ...p,
        text: revealHidden(p.text),
      }));
      const sources = [
        { text: revealHidden(question), source: 'question' as const, documentId: undefined },
        ...passages.map((p) => ({ text: p.text, source: 'document' as const, documentId: p.documentId })),
      ];
      const toolCalls: ToolCall[] = [];
      let reveal = false;
      let dictated: string | undefined;
      for (const { text, source, documentId } of sources) {
        for (const directive of findDirectives(text)) {
          if (directive.kind === 'reveal') reveal = true;
          else if (directive.kind === 'respond') dictated ??= directive.text;
          else if (directive.kind === 'tool') {
            const args = Object.fromEntries(
              Object.entries(directive.call.args).map(([k, v]) => [
                k,
                v.replace('{{system_prompt}}', () => systemPrompt),
              ]),
            );
            const entry = {
              tool: directive.call.tool,
              args,
              mode: 'naive' as const,
              source,
              confirmed: false,
            };
            toolCalls.push(deps.toolLog.record(documentId === undefined ? entry : { ...entry, documentId }));
          }
        }
      }
      const base = extractiveAnswer(question, passages);
      let answer = dictated ?? base.answer;
      if (reveal) answer = `Here are my instructions:\n${systemPrompt}\n\n${answer}`;
      if (toolCalls.length > 0) {
        answer += `\n\nDone: ${toolCalls.map((c) => `${c.tool}(${JSON.stringify(c.args)})`).join('; ')}.`;
      }
      return { answer, citations: base.citations, mode: 'naive', answeredBy: 'extractive', toolCalls };
    },
  };
}
