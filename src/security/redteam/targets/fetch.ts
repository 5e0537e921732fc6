/**
 * One HTTP exchange with the limits a red-team run needs: a timeout, a body-size cap, 429 back-off
 * honouring retry-after, and lenient decoding of non-UTF-8 bodies. Failures become TargetErrors.
 */
import { type NetworkOptions, TargetError } from './target.js';

export interface FetchedBody {
  status: number;
  contentType: string;
  text: string;
  notes: string[];
}

const DEFAULT_MAX_BYTES = 1024 * 1024;
const MAX_WAIT_MS = 10_000;

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Milliseconds a retry-after header asks for (seconds or an HTTP date), bounded. */
export function retryAfterMs(header: string | null, attempt: number, now = Date.now()): number {
  const fallback = Math.min(MAX_WAIT_MS, 500 * 2 ** attempt);
  if (header === null) return fallback;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.min(MAX_WAIT_MS, seconds * 1000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? fallback : Math.min(MAX_WAIT_MS, Math.max(0, date - now));
}

async function readCapped(response: Response, maxBytes: number, notes: string[]): Promise<string> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = response.body?.getReader();
  if (reader) {
    while (size < maxBytes) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      size += value.byteLength;
    }
    if (size >= maxBytes) {
      notes.push(`response cut at ${maxBytes} bytes`);
      await reader.cancel().catch(() => undefined);
    }
  }
  const bytes = Buffer.concat(chunks).subarray(0, maxBytes);
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  if (text.includes('\uFFFD')) notes.push('response was not valid UTF-8; bad bytes replaced');
  return text;
}

/** Sends one request; retries 429s, returns the (capped, decoded) body or throws a TargetError. */
export async function fetchBounded(
  url: string,
  init: RequestInit,
  options: NetworkOptions = {},
): Promise<FetchedBody> {
  const doFetch = options.fetch ?? fetch;
  const sleep = options.sleep ?? realSleep;
  const maxRetries = options.maxRetries ?? 3;
  const notes: string[] = [];
  for (let attempt = 0; ; attempt++) {
    let response: Response;
    try {
      response = await doFetch(url, { ...init, signal: AbortSignal.timeout(options.timeoutMs ?? 30_000) });
    } catch (error) {
      const timeout =
        error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
      if (timeout)
        throw new TargetError('timeout', `no answer from ${url} within ${options.timeoutMs ?? 30_000} ms`);
      throw new TargetError(
        'network',
        `cannot reach ${url}: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    if (response.status === 429) {
      await response.body?.cancel().catch(() => undefined);
      if (attempt >= maxRetries) {
        throw new TargetError('throttled', `${url} kept answering 429 after ${maxRetries} retries`, 429);
      }
      const wait = retryAfterMs(response.headers.get('retry-after'), attempt);
      notes.push(`throttled (429), waited ${(wait / 1000).toFixed(1)} s`);
      await sleep(wait);
      continue;
    }
    const text = await readCapped(response, options.maxBytes ?? DEFAULT_MAX_BYTES, notes);
    return { status: response.status, contentType: response.headers.get('content-type') ?? '', text, notes };
  }
}

/** Parses a JSON body, or throws a TargetError naming what came instead (HTML, a 5xx...). */
export function expectJson(body: FetchedBody, url: string): unknown {
  if (body.status >= 500) throw new TargetError('status', `${url} answered ${body.status}`, body.status);
  try {
    return JSON.parse(body.text) as unknown;
  } catch {
    const kind =
      /html/i.test(body.contentType) || /^\s*</.test(body.text) ? 'HTML' : body.contentType || 'text';
    throw new TargetError('format', `${url} answered ${body.status} with ${kind}, not JSON`, body.status);
  }
}
