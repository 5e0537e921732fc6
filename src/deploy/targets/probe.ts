import http from 'node:http';

/** One GET of `url` on its own connection: true on 2xx, false on anything else, errors and timeouts. */
export function probeUrl(url: string, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    let settled = false;
    const finish = (ready: boolean): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      request.destroy();
      resolve(ready);
    };
    const request = http.get(url, { agent: false }, (response) => {
      const status = response.statusCode ?? 0;
      response.resume();
      finish(status >= 200 && status < 300);
    });
    request.on('error', () => finish(false));
    const timer = setTimeout(() => finish(false), Math.max(1, timeoutMs));
  });
}
