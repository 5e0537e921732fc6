/** An in-process function as a target: for tests and for agents embedded in the same program. */
import type { AttackCase, AttackDocument, TargetResponse, ToolCallRecord, TurnResult } from '../types.js';
import type { Target } from './target.js';

/** What the function returns for one turn. */
export interface FunctionReply {
  text: string;
  toolCalls?: ToolCallRecord[];
  blocked?: boolean;
}

/** The function under attack: one user turn, the conversation so far, the planted document. */
export type TargetFunction = (
  prompt: string,
  context: { history: readonly TurnResult[]; documents: readonly AttackDocument[] },
) => Promise<FunctionReply> | FunctionReply;

/** Wraps a function as a target; a thrown error becomes that case's error. */
export function createFunctionTarget(fn: TargetFunction, label = 'function'): Target {
  return {
    kind: 'function',
    label,
    async send(attack: AttackCase): Promise<TargetResponse> {
      const turns: TurnResult[] = [];
      const toolCalls: ToolCallRecord[] = [];
      for (const prompt of attack.turns) {
        const started = performance.now();
        const context = { history: turns, documents: attack.documents ?? [] };
        const reply = await fn(prompt, context);
        toolCalls.push(...(reply.toolCalls ?? []));
        const turn: TurnResult = {
          request: prompt,
          text: reply.text,
          latencyMs: performance.now() - started,
        };
        if (reply.blocked === true) turn.blocked = true;
        turns.push(turn);
      }
      return { turns, toolCalls, notes: [] };
    },
  };
}
