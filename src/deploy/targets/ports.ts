import net from 'node:net';
import { CaraError } from '../../core/errors.js';

const LOOPBACK = '127.0.0.1';

/** Throws DEPLOY_PORT_IN_USE when something already listens on `host:port`. */
export async function assertPortFree(port: number, host = LOOPBACK): Promise<void> {
  const server = net.createServer();
  try {
    await listen(server, port, host);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') {
      throw new CaraError('DEPLOY_PORT_IN_USE', `port ${port} on ${host} is already in use`, {
        cause: error,
        hint: `stop what listens there (\`ss -ltnp 'sport = :${port}'\` shows it) or choose another port`,
      });
    }
    throw new CaraError('DEPLOY_CONFIG_INVALID', `cannot listen on ${host}:${port}: ${code ?? error}`, {
      cause: error,
      hint: 'choose a port above 1023 that this user may bind',
    });
  }
  await close(server);
}

/**
 * A port that was free a moment ago, picked by the OS. Another process may take it before the
 * caller binds it; the instance then fails to start and says so.
 */
export async function freePort(host = LOOPBACK): Promise<number> {
  const server = net.createServer();
  await listen(server, 0, host);
  const address = server.address();
  await close(server);
  if (address === null || typeof address === 'string') {
    throw new CaraError('INTERNAL', `could not read the port picked on ${host}`);
  }
  return address.port;
}

function listen(server: net.Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen({ port, host, exclusive: true }, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

function close(server: net.Server): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()));
}
