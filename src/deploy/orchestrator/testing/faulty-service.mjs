// A small service for the orchestrator tests, its faults set by its environment (the deploy.env
// of the version under test):
//   PORT             where to listen (127.0.0.1)
//   ERROR_RATE       share of requests answered 500, spread evenly (every 1/rate-th request)
//   LATENCY_MS       added to every request
//   CRASH_AFTER_MS   exit 1 this long after start
//   EXIT_AT_START=N  exit with code N before listening
// GET /readyz and /healthz answer 200; anything else answers JSON with the version.
import http from 'node:http';

const env = process.env;
if (env.EXIT_AT_START !== undefined) {
  console.error(`faulty-service: refusing to start (exit ${env.EXIT_AT_START})`);
  process.exit(Number(env.EXIT_AT_START));
}
const errorRate = Number(env.ERROR_RATE ?? 0);
const latency = Number(env.LATENCY_MS ?? 0);
let served = 0;
let owed = 0;

const server = http.createServer((req, res) => {
  if (req.url === '/readyz' || req.url === '/healthz') {
    res.writeHead(200).end('ok');
    return;
  }
  served++;
  owed += errorRate;
  const fail = owed >= 1;
  if (fail) owed -= 1;
  setTimeout(
    () => {
      res.writeHead(fail ? 500 : 200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ version: env.CARA_VERSION, served }));
    },
    latency + (served % 3),
  );
});

if (env.CRASH_AFTER_MS !== undefined) setTimeout(() => process.exit(1), Number(env.CRASH_AFTER_MS));
process.on('SIGTERM', () => {
  server.close(() => process.exit(0));
  server.closeIdleConnections();
  setTimeout(() => process.exit(0), 2000).unref();
});
server.listen(Number(env.PORT), '127.0.0.1');
