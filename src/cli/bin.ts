#!/usr/bin/env node
const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
if (major < 20 || (major === 20 && minor < 19)) {
  process.stderr.write(`cara needs Node.js 20.19 or newer; this is ${process.version}.\n`);
  process.exit(2);
}
// A closed pipe (`cara audit log | head`) is a normal way for a reader to stop, not an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}
const { main } = await import('./main.js');
await main(process.argv);
