import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createServerAdapter } from '@whatwg-node/server';
import { handler } from './api.js';
import { frontEndPage } from './front-end.js';

export interface Running {
  readonly api: string;
  readonly frontEnd: string;
  close(): Promise<void>;
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve((server.address() as AddressInfo).port));
  });
}

function close(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

/**
 * Starts the API on 127.0.0.1 and the front end on localhost: two different origins, as
 * api.myapp.es and myapp.es would be. Port 0 picks free ports.
 */
export async function startServers(apiPort = 0, frontEndPort = 0): Promise<Running> {
  const api = createServer(createServerAdapter(handler));
  const actualApiPort = await listen(api, apiPort, '127.0.0.1');
  const apiOrigin = `http://127.0.0.1:${actualApiPort}`;
  const frontEnd = createServer(createServerAdapter(() => frontEndPage(apiOrigin)));
  const actualFrontEndPort = await listen(frontEnd, frontEndPort, '127.0.0.1');
  return {
    api: apiOrigin,
    frontEnd: `http://localhost:${actualFrontEndPort}`,
    close: async () => {
      await Promise.all([close(api), close(frontEnd)]);
    },
  };
}
