import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TEST_CANARY, type TestApp } from './support/app.js';
import { openTestDatabase, type TestDatabase } from './support/database.js';
import { EA_MARKDOWN } from './support/fixtures.js';

interface AskBody {
  answer: string;
  answeredBy: string;
  citations: unknown[];
  note?: string;
}

/** A loopback OpenAI-compatible endpoint whose reply the test sets. */
function fakeModel() {
  const state = { status: 200, reply: 'The bridge is structurally deficient [1].', prompts: [] as string[] };
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => {
      body += chunk;
    });
    request.on('end', () => {
      state.prompts.push(body);
      response.writeHead(state.status, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ choices: [{ message: { role: 'assistant', content: state.reply } }] }));
    });
  });
  return { server, state };
}

describe('POST /ask with LLM_BASE_URL (guarded)', () => {
  let db: TestDatabase;
  let model: ReturnType<typeof fakeModel>;
  let t: TestApp;

  beforeAll(async () => {
    db = await openTestDatabase();
    model = fakeModel();
    await new Promise<void>((resolve) => model.server.listen(0, '127.0.0.1', resolve));
    const port = (model.server.address() as AddressInfo).port;
    t = createTestApp(db.repository, {
      LLM_BASE_URL: `http://127.0.0.1:${port}/v1`,
      LLM_MODEL: 'test-model',
    });
    await t.request('/documents', {
      method: 'POST',
      headers: { 'content-type': 'text/markdown' },
      body: EA_MARKDOWN,
    });
  });
  afterAll(async () => {
    await new Promise((resolve) => (model.server as Server).close(resolve));
    await db.close();
  });

  it('answers through the model with the retrieved passages as untrusted data', async () => {
    const { body } = await t.ask<AskBody>('Why must the Cedar Creek bridge be replaced?');
    expect(body).toMatchObject({ answer: 'The bridge is structurally deficient [1].', answeredBy: 'llm' });
    expect(body.citations.length).toBeGreaterThan(0);
    const prompt = JSON.parse(model.state.prompts.at(-1) ?? '{}') as {
      model: string;
      messages: { content: string }[];
    };
    expect(prompt.model).toBe('test-model');
    expect(prompt.messages[1]?.content).toContain('untrusted data');
    expect(prompt.messages[1]?.content).toContain('structurally deficient');
  });

  it('redacts the canary if the model repeats it', async () => {
    model.state.reply = `Sure, the canary is ${TEST_CANARY}.`;
    const { body } = await t.ask<AskBody>('Why must the Cedar Creek bridge be replaced?');
    expect(body.answer).not.toContain(TEST_CANARY);
    expect(body.answer).toContain('[redacted]');
  });

  it('falls back to the extractive answer with a note when the model fails', async () => {
    model.state.status = 502;
    const { status, body } = await t.ask<AskBody>('Why must the Cedar Creek bridge be replaced?');
    expect(status).toBe(200);
    expect(body.answeredBy).toBe('extractive');
    expect(body.note).toMatch(/model call failed \(the model endpoint answered HTTP 502\)/);
    expect(body.answer).toContain('structurally deficient');
  });
});
