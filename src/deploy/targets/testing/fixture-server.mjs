// A tiny service for the deploy target tests, driven by its environment:
//   PORT            where to listen (127.0.0.1)
//   READY_AFTER_MS  /readyz answers 503 until this many ms after start (default 0)
//   NEVER_READY=1   /readyz always answers 503
//   EXIT_AT_START=N print a complaint and exit with code N before listening
//   IGNORE_SIGTERM=1 log SIGTERM and keep serving (SIGKILL is needed)
//   GREETING        echoed back by GET /
// GET / answers JSON with the version, index, pid, argv and GREETING. SIGTERM closes the server
// and exits 0.
import http from 'node:http';

const env = process.env;
const started = Date.now();

if (env.EXIT_AT_START !== undefined) {
  console.error(`fixture: cannot start, DATABASE_URL is missing (exit ${env.EXIT_AT_START})`);
  process.exit(Number(env.EXIT_AT_START));
}

const readyAfter = Number(env.READY_AFTER_MS ?? 0);
const server = http.createServer((req, res) => {
  if (req.url === '/readyz') {
    const ready = env.NEVER_READY !== '1' && Date.now() - started >= readyAfter;
    res.writeHead(ready ? 200 : 503).end(ready ? 'ready' : 'starting');
    return;
  }
  res.setHeader('content-type', 'application/json');
  res.end(
    JSON.stringify({
      service: env.CARA_SERVICE,
      version: env.CARA_VERSION,
      index: Number(env.CARA_INSTANCE_INDEX),
      instanceDir: env.CARA_INSTANCE_DIR,
      pid: process.pid,
      argv: process.argv.slice(2),
      cwd: process.cwd(),
      greeting: env.GREETING ?? null,
    }),
  );
});

process.on('SIGTERM', () => {
  console.log('fixture: SIGTERM received');
  if (env.IGNORE_SIGTERM === '1') return;
  server.close(() => process.exit(0));
  server.closeAllConnections();
});

server.listen(Number(env.PORT), '127.0.0.1', () => {
  console.log(`fixture: listening on ${env.PORT}`);
});
