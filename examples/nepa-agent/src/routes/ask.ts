/** `POST /ask {question, confirm?}`: the agent answers with citations; the mode says which agent. */
import { Hono, type HonoRequest, type MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { ServiceError } from '../errors.js';
import { guardQuestion } from '../guard/index.js';
import type { RouteContext } from './context.js';

const MAX_QUESTION = 4000;

async function readJson(request: HonoRequest): Promise<unknown> {
  const type = request.header('content-type') ?? '';
  if (!/^application\/(?:[\w.+-]*\+)?json\b/i.test(type)) {
    throw new ServiceError(
      'UNSUPPORTED_MEDIA_TYPE',
      'send the question as application/json: {"question": "..."}',
    );
  }
  // Read through Hono's body cache: the guard middleware may have read it already.
  const text = await request.text();
  try {
    return JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ServiceError('INVALID_JSON', `the body is not valid JSON (${reason})`, { cause: error });
  }
}

function parseAsk(body: unknown): { question: string; confirm?: boolean } {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new ServiceError('INVALID_FIELD', 'the body must be a JSON object: {"question": "..."}');
  }
  const { question, confirm } = body as Record<string, unknown>;
  if (typeof question !== 'string' || question.trim() === '') {
    throw new ServiceError('INVALID_FIELD', '"question" must be a non-empty string');
  }
  if (question.length > MAX_QUESTION) {
    throw new ServiceError('INVALID_FIELD', `"question" is longer than ${MAX_QUESTION} characters`);
  }
  if (confirm !== undefined && typeof confirm !== 'boolean') {
    throw new ServiceError('INVALID_FIELD', '"confirm" must be true or false');
  }
  return confirm === undefined ? { question } : { question, confirm };
}

/** Registers the question route. */
export function askRoutes(ctx: RouteContext): Hono {
  const app = new Hono();
  const limit = bodyLimit({
    maxSize: 64 * 1024,
    onError: () => {
      throw new ServiceError('PAYLOAD_TOO_LARGE', 'the question body is larger than 64 KB');
    },
  });
  const guard: MiddlewareHandler = ctx.guard ? guardQuestion(ctx.guard) : (_c, next) => next();
  app.post('/ask', limit, guard, async (c) => {
    ctx.runtime.repository();
    const input = parseAsk(await readJson(c.req));
    return c.json(await ctx.agent.ask(input));
  });
  return app;
}
