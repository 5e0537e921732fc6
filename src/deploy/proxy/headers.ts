import type { IncomingHttpHeaders, OutgoingHttpHeaders } from 'node:http';

/** Headers that describe one connection, not the message (RFC 9110 §7.6.1), never forwarded. */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
]);

/** Copies headers without hop-by-hop ones, including any the `Connection` header names. */
export function stripHopByHop(headers: IncomingHttpHeaders): OutgoingHttpHeaders {
  const named = new Set<string>();
  const connection = headers.connection;
  if (typeof connection === 'string') {
    for (const token of connection.split(',')) named.add(token.trim().toLowerCase());
  }
  const out: OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || HOP_BY_HOP.has(name) || named.has(name)) continue;
    out[name] = value;
  }
  return out;
}

export interface ForwardedFrom {
  /** The client's address as the proxy saw it. */
  remoteAddress: string | undefined;
}

/**
 * The headers sent to a backend: end-to-end headers of the client request, the client's address
 * appended to `x-forwarded-for`, `x-forwarded-proto: http` and the original host in `x-forwarded-host`.
 */
export function requestHeadersForBackend(
  headers: IncomingHttpHeaders,
  from: ForwardedFrom,
): OutgoingHttpHeaders {
  const out = stripHopByHop(headers);
  const address = from.remoteAddress ?? 'unknown';
  const prior = headers['x-forwarded-for'];
  out['x-forwarded-for'] = prior === undefined || prior === '' ? address : `${prior}, ${address}`;
  out['x-forwarded-proto'] = 'http';
  if (headers['x-forwarded-host'] === undefined && headers.host !== undefined) {
    out['x-forwarded-host'] = headers.host;
  }
  return out;
}

/** Reads a cookie's value from a `Cookie` header; undefined when absent. */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (header === undefined) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}
