import http from 'node:http';

/** The answer of one probe: up, or down with a reason. */
export type ProbeResult = { up: true } | { up: false; reason: string };

/**
 * GETs `path` on an instance with its own short-lived connection (never the proxy's keep-alive
 * pool, so a probe cannot hold a socket a request needs); 2xx and 3xx mean up.
 */
export function probe(instanceUrl: string, path: string, timeoutMs: number): Promise<ProbeResult> {
  const target = new URL(path, instanceUrl);
  return new Promise((resolve) => {
    let done = false;
    const finish = (result: ProbeResult): void => {
      if (done) return;
      done = true;
      resolve(result);
    };
    const request = http.get(
      target,
      { agent: false, headers: { 'user-agent': 'cara-proxy-health' } },
      (res) => {
        res.resume();
        const status = res.statusCode ?? 0;
        finish(status >= 200 && status < 400 ? { up: true } : { up: false, reason: `health ${status}` });
      },
    );
    request.setTimeout(timeoutMs, () => {
      finish({ up: false, reason: 'health timeout' });
      request.destroy();
    });
    request.on('error', (error: NodeJS.ErrnoException) => {
      finish({ up: false, reason: `health ${error.code ?? error.message}` });
    });
  });
}

/** A repeating timer that runs `round` and never overlaps two rounds. */
export function startHealthTimer(intervalMs: number, round: () => Promise<void>): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    round().finally(() => {
      running = false;
    });
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
