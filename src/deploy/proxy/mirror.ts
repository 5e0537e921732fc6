import http from 'node:http';
import { requestHeadersForBackend } from './headers.js';
import type { MirroredRequest } from './types.js';

/** Mirrored requests still running beyond this many are skipped, so a slow target costs nothing. */
const MAX_IN_FLIGHT = 32;
/** A mirrored request silent for this long is abandoned. */
const MIRROR_TIMEOUT_MS = 30_000;

/** Where mirrored traffic goes and how much of it. */
export interface MirrorTarget {
  /** Origin of the listener that receives the copies, e.g. the preview proxy. */
  url: string;
  /** Share of eligible requests copied, 0..100. */
  percent: number;
}

/** Copies a deterministic sample of requests to a target, fire-and-forget. */
export interface TrafficMirror {
  /** The hook to pass as `mirror` to createWeightedProxy. */
  readonly hook: (request: MirroredRequest) => void;
  /** Changes or (with undefined) stops mirroring. */
  setTarget(target: MirrorTarget | undefined): void;
  /** Copies sent so far (skipped ones excluded). */
  sent(): number;
  /** Releases the sockets to the target. */
  close(): void;
}

/**
 * Creates a mirror that sends `percent`% of the requests it is offered to the target, spread
 * evenly (every k-th request for 100/k percent), discarding the answers. The client's request
 * never waits for or sees a copy: copies run on their own agent and every error is swallowed.
 */
export function createTrafficMirror(): TrafficMirror {
  const agent = new http.Agent({ keepAlive: true, timeout: 4_000, maxSockets: MAX_IN_FLIGHT });
  let target: { host: string; port: number; percent: number } | undefined;
  let credit = 0;
  let inFlight = 0;
  let sent = 0;

  const send = (request: MirroredRequest, host: string, port: number): void => {
    const headers = requestHeadersForBackend(request.headers, { remoteAddress: request.remoteAddress });
    headers['x-cara-mirror'] = '1';
    inFlight++;
    sent++;
    let done = false;
    const finish = (): void => {
      if (done) return;
      done = true;
      inFlight--;
    };
    const copy = http.request({ agent, host, port, method: request.method, path: request.path, headers });
    copy.setTimeout(MIRROR_TIMEOUT_MS, () => copy.destroy());
    copy.on('response', (res) => {
      res.on('error', finish);
      res.on('end', finish);
      res.on('close', finish);
      res.resume();
    });
    copy.on('error', finish);
    copy.on('close', finish);
    copy.end();
  };

  return {
    hook: (request) => {
      if (target === undefined || target.percent <= 0) return;
      credit += target.percent;
      if (credit < 100) return;
      credit -= 100;
      if (inFlight >= MAX_IN_FLIGHT) return;
      send(request, target.host, target.port);
    },
    setTarget: (next) => {
      if (next === undefined) {
        target = undefined;
        return;
      }
      const url = new URL(next.url);
      target = {
        host: url.hostname.replace(/^\[|\]$/g, ''),
        port: Number(url.port === '' ? 80 : url.port),
        percent: next.percent,
      };
      credit = Math.min(credit, 99);
    },
    sent: () => sent,
    close: () => agent.destroy(),
  };
}
