/**
 * The guarded agent: refuses questions that try to change its rules or reveal its prompt, strips
 * hidden content and instruction-like sentences from retrieved passages, takes tool requests only
 * from the question (never from documents), runs destructive tools only with `confirm: true`, and
 * redacts its prompt and canary from everything it returns. With a guard (GUARD_MODULE) it also
 * drops every retrieved passage the guard classes as injection.
 */
import { findDirectives } from './directives.js';
import { redactSecrets } from './redact.js';
import { answerFrom } from './respond.js';
import { type Screening, screenPassage, screenQuestion } from './screen.js';
import { buildSystemPrompt } from './system-prompt.js';
import { DESTRUCTIVE_TOOLS, type ToolCall, type ToolCallRequest } from './tool-log.js';
import type { Agent, AgentDeps, AskResult } from './types.js';

export const REFUSAL =
  'I cannot follow instructions that try to change my rules or reveal my configuration. Ask me about the NEPA records instead.';
const SECRET_ARG = /\{\{system_prompt\}\}|\b(?:system prompt|canary|secret|confidential)\b/i;

/** Creates the agent that screens its inputs and confirms destructive actions. */
export function createGuardedAgent(deps: AgentDeps): Agent {
  const systemPrompt = buildSystemPrompt(deps.canary);
  const redact = (text: string) => redactSecrets(text, deps.canary, systemPrompt);
  return {
    mode: 'guarded',
    async ask({ question, confirm }) {
      const screenedQuestion = screenQuestion(question);
      const screening: Screening = {
        hiddenRemoved: screenedQuestion.hiddenRemoved,
        sentencesDropped: 0,
        passagesDropped: 0,
      };
      if (deps.guard) screening.guardDropped = 0;
      if (screenedQuestion.injection) {
        return {
          answer: REFUSAL,
          citations: [],
          mode: 'guarded',
          answeredBy: 'extractive',
          toolCalls: [],
          blocked: true,
          screening,
        };
      }
      const passages = [];
      for (const passage of await deps.retriever.search(screenedQuestion.text, 4)) {
        if (deps.guard?.check(passage.text, 'passage').injection) {
          screening.passagesDropped++;
          screening.guardDropped = (screening.guardDropped ?? 0) + 1;
          continue;
        }
        const screened = screenPassage(passage.text);
        screening.hiddenRemoved += screened.hiddenRemoved;
        screening.sentencesDropped += screened.sentencesDropped;
        if (screened.text === '') screening.passagesDropped++;
        else passages.push({ ...passage, text: screened.text });
      }
      const notes: string[] = [];
      const toolCalls: ToolCall[] = [];
      const pending: ToolCallRequest[] = [];
      for (const directive of findDirectives(screenedQuestion.text)) {
        if (directive.kind !== 'tool') continue;
        const { call } = directive;
        if (Object.values(call.args).some((value) => SECRET_ARG.test(value))) {
          notes.push(`${call.tool} refused: it would disclose confidential configuration`);
        } else if (DESTRUCTIVE_TOOLS.has(call.tool) && confirm !== true) {
          pending.push(call);
          notes.push(`${call.tool} needs confirmation: send the question again with "confirm": true`);
        } else {
          toolCalls.push(
            deps.toolLog.record({
              ...call,
              mode: 'guarded',
              source: 'question',
              confirmed: confirm === true,
            }),
          );
        }
      }
      const answered = await answerFrom(deps, systemPrompt, screenedQuestion.text, passages);
      if (answered.note) notes.push(answered.note);
      const result: AskResult = {
        answer: redact(answered.answer),
        citations: answered.citations.map((c) => ({ ...c, snippet: redact(c.snippet) })),
        mode: 'guarded',
        answeredBy: answered.answeredBy,
        toolCalls,
        screening,
      };
      if (pending.length > 0) result.pendingConfirmation = pending;
      if (notes.length > 0) result.note = notes.join('; ');
      return result;
    },
  };
}
