import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AttackCase } from '../types.js';
import { createAgentTarget } from './agent.js';
import { retryAfterMs } from './fetch.js';
import { createFunctionTarget } from './function.js';
import { createHttpTarget } from './http.js';
import { createOpenAiTarget } from './openai.js';

const ATTACK: AttackCase = {
  id: 'x/1',
  plugin: 'x',
  category: 'c',
  owasp: ['LLM01'],
  atlas: [],
  description: '',
  turns: ['first "quoted"', 'second'],
  payload: '',
  goal: {},
};

let server: Server;
let base = '';
let throttled = 0;
const seen: { path: string; body: string }[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => {
      body += c.toString('latin1');
    });
    req.on('end', () => {
      seen.push({ path: req.url ?? '', body });
      const json = (value: unknown) => {
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify(value));
      };
      if (req.url === '/echo')
        return json({ answer: `got ${JSON.parse(body).question}`, toolCalls: [{ tool: 't', args: {} }] });
      if (req.url === '/html') return res.end('<html><body>Bad gateway</body></html>');
      if (req.url === '/slow') return setTimeout(() => json({ answer: 'late' }), 500);
      if (req.url === '/huge') return json({ answer: 'x'.repeat(50_000) });
      if (req.url === '/latin1') {
        res.setHeader('content-type', 'application/json');
        return res.end(
          Buffer.from([0x7b, 0x22, 0x61, 0x6e, 0x73, 0x77, 0x65, 0x72, 0x22, 0x3a, 0x22, 0xe9, 0x22, 0x7d]),
        );
      }
      if (req.url === '/throttle') {
        if (throttled++ < 2) {
          res.statusCode = 429;
          res.setHeader('retry-after', '1');
          return res.end();
        }
        return json({ answer: 'ok' });
      }
      if (req.url === '/chat/completions') {
        const messages = JSON.parse(body).messages as unknown[];
        return json({ choices: [{ message: { content: `turns ${messages.length}` } }] });
      }
      if (req.url === '/documents') return json({ documents: [] });
      if (req.url === '/ask') return json({ answer: 'a', toolCalls: [] });
      if (req.url === '/tool-calls')
        return json({
          calls: seen.some((s) => s.path === '/ask')
            ? [{ id: 1, tool: 'delete_record', args: { id: '7' } }]
            : [],
        });
      res.statusCode = 404;
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('targets', () => {
  it('http: fills the template per turn (JSON-escaped) and reads the answer and tool calls', async () => {
    const response = await createHttpTarget({ url: `${base}/echo`, toolCallsPath: 'toolCalls' }).send(ATTACK);
    expect(response.turns.map((t) => t.text)).toEqual(['got first "quoted"', 'got second']);
    expect(response.toolCalls).toHaveLength(2);
  });

  it('turns HTML, timeouts and throttling into per-attack errors or notes, never crashes', async () => {
    const sleeps: number[] = [];
    const sleep = async (ms: number) => {
      sleeps.push(ms);
    };
    await expect(createHttpTarget({ url: `${base}/html` }).send(ATTACK)).rejects.toThrow(/HTML, not JSON/);
    await expect(createHttpTarget({ url: `${base}/slow`, timeoutMs: 50 }).send(ATTACK)).rejects.toMatchObject(
      { reason: 'timeout' },
    );
    const ok = await createHttpTarget({ url: `${base}/throttle`, sleep }).send({ ...ATTACK, turns: ['a'] });
    expect(ok.turns[0]?.text).toBe('ok');
    expect(sleeps).toEqual([1000, 1000]);
    expect(ok.notes.join(' ')).toMatch(/429/);
    throttled = 0;
    await expect(
      createHttpTarget({ url: `${base}/throttle`, sleep, maxRetries: 1 }).send(ATTACK),
    ).rejects.toMatchObject({ reason: 'throttled' });
  });

  it('caps huge bodies and decodes non-UTF-8 with replacement, with notes', async () => {
    await expect(
      createHttpTarget({ url: `${base}/huge`, maxBytes: 1000 }).send(ATTACK),
    ).rejects.toMatchObject({ reason: 'format' });
    const latin = await createHttpTarget({ url: `${base}/latin1` }).send({ ...ATTACK, turns: ['a'] });
    expect(latin.turns[0]?.text).toBe('\uFFFD');
    expect(latin.notes.join(' ')).toMatch(/not valid UTF-8/);
    expect(
      retryAfterMs('Wed, 21 Oct 2015 07:28:00 GMT', 0, Date.parse('Wed, 21 Oct 2015 07:27:58 GMT')),
    ).toBe(2000);
  });

  it('openai: the conversation grows turn by turn', async () => {
    const response = await createOpenAiTarget({ url: base, systemPrompt: 'be nice' }).send(ATTACK);
    expect(response.turns.map((t) => t.text)).toEqual(['turns 2', 'turns 4']);
  });

  it('agent: uploads the documents, asks, and reads new tool-log entries only', async () => {
    const target = createAgentTarget({
      askUrl: `${base}/ask`,
      ingestUrl: `${base}/documents`,
      toolLogUrl: `${base}/tool-calls`,
    });
    expect(target.maxConcurrency).toBe(1);
    const doc = {
      fileName: 'a.md',
      contentType: 'text/markdown',
      bytes: new TextEncoder().encode('# A'),
      text: '# A',
    };
    const first = await target.send({ ...ATTACK, documents: [doc] });
    expect(first.toolCalls).toEqual([{ tool: 'delete_record', args: { id: '7' } }]);
    expect(seen.some((s) => s.path === '/documents' && s.body.includes('filename="a.md"'))).toBe(true);
    expect((await target.send(ATTACK)).toolCalls).toEqual([]);
  });

  it('function: passes the history and documents, reports tool calls and blocks', async () => {
    const target = createFunctionTarget((prompt, { history }) => ({
      text: `${history.length}:${prompt}`,
      blocked: prompt === 'second',
      toolCalls: [{ tool: 'x', args: {} }],
    }));
    const response = await target.send(ATTACK);
    expect(response.turns.map((t) => [t.text, t.blocked === true])).toEqual([
      ['0:first "quoted"', false],
      ['1:second', true],
    ]);
    expect(response.toolCalls).toHaveLength(2);
  });
});
