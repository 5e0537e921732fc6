/**
 * The guard in front of `POST /ask`: a question it classes as injection is refused before the
 * agent sees it, in the agent's refusal shape plus the guard's evidence. Bodies that are not a
 * JSON object with a `question` string pass through, so the route reports them as it always has.
 */
import type { MiddlewareHandler } from 'hono';
import { REFUSAL } from '../agent/index.js';
import type { Guard } from './guard.js';

export function guardQuestion(guard: Guard): MiddlewareHandler {
  return async (c, next) => {
    const text = await c.req.text();
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return next();
    }
    const question = (body as { question?: unknown } | null)?.question;
    if (typeof question !== 'string' || question.trim() === '') return next();
    const verdict = guard.check(question, 'question');
    if (!verdict.injection) return next();
    return c.json({
      answer: REFUSAL,
      citations: [],
      mode: 'guarded',
      answeredBy: 'extractive',
      toolCalls: [],
      blocked: true,
      guard: { score: verdict.score, reasons: verdict.reasons },
    });
  };
}
