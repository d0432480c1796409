// Listening on a preferred port, or on a free one when it is taken, on loopback only.

import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Listening {
  readonly port: number;
  /** The port asked for, when it was taken and `port` is another. */
  readonly taken?: number;
  close(): Promise<void>;
}

function listenOnce(listener: RequestListener, port: number, host: string): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer(listener);
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve(server);
    });
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

const code = (error: unknown) => (error as NodeJS.ErrnoException).code;

/**
 * Listens on `hosts` (all on the same port): `preferred`, or a free port when another
 * program holds it on any of them. `localhost` needs both 127.0.0.1 and ::1, since browsers
 * may try either and another dev server on [::1]:5173 would otherwise answer our URL. A host
 * this machine lacks (no IPv6) is skipped.
 */
export async function listen(listener: RequestListener, preferred: number, hosts: readonly string[]): Promise<Listening> {
  // A free port on the first host can still be taken on the next one: a few tries.
  for (const port of preferred === 0 ? [0, 0, 0] : [preferred, 0, 0, 0]) {
    const servers: Server[] = [];
    try {
      let actual = port;
      for (const host of hosts) {
        try {
          const server = await listenOnce(listener, actual, host);
          servers.push(server);
          actual = (server.address() as AddressInfo).port;
        } catch (error) {
          if (servers.length > 0 && (code(error) === 'EADDRNOTAVAIL' || code(error) === 'EAFNOSUPPORT')) continue;
          throw error;
        }
      }
      return {
        port: actual,
        ...(actual !== preferred && preferred !== 0 ? { taken: preferred } : {}),
        close: async () => {
          await Promise.all(servers.map(closeServer));
        },
      };
    } catch (error) {
      await Promise.all(servers.map(closeServer));
      if (code(error) !== 'EADDRINUSE') throw error;
    }
  }
  throw new Error(`no free port on ${hosts.join(' and ')}`);
}
