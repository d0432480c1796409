// The three origins of the playground, all on loopback:
//   the API            http://127.0.0.1:8787  @portcullis/core, with the policy of api.ts
//   the playground     http://localhost:5173  a site the policy allows (http://localhost:*)
//   another site       http://127.0.0.1:5174  a site it does not allow
// Each port falls back to a free one when taken; port 0 always picks a free one.

import { createServerAdapter } from '@whatwg-node/server';
import { app } from './api.js';
import { listen, type Listening } from './listen.js';
import { defaultPolicy } from './playground/default-policy.js';
import { livePolicy } from './playground/live-policy.js';
import { otherSite, playgroundSite, type Origins } from './playground/pages.js';
import { requestLog } from './playground/request-log.js';

export interface Ports {
  api?: number;
  playground?: number;
  other?: number;
}

export interface Running extends Origins {
  /** One line per port that was taken, saying which one was used instead. */
  readonly notes: readonly string[];
  close(): Promise<void>;
}

export const DEFAULT_PORTS = { api: 8787, playground: 5173, other: 5174 } as const;

export async function startServers(ports: Ports = {}): Promise<Running> {
  const log = requestLog();
  const live = livePolicy(log.marking(app), defaultPolicy);
  const origins: Origins = { api: '', playground: '', other: '' };
  const listening: Listening[] = [];
  const notes: string[] = [];
  const close = async () => {
    await Promise.all(listening.map((l) => l.close()));
  };

  async function serve(name: string, handler: (request: Request) => Response | Promise<Response>, port: number, hosts: string[]) {
    const server = await listen(createServerAdapter(handler), port, hosts);
    listening.push(server);
    if (server.taken !== undefined) notes.push(`port ${server.taken} is taken, so ${name} uses ${server.port}`);
    return server.port;
  }

  try {
    const apiPort = await serve('the API', log.recording(live.handle), ports.api ?? DEFAULT_PORTS.api, ['127.0.0.1']);
    origins.api = `http://127.0.0.1:${apiPort}`;
    const otherPort = await serve('the other site', otherSite(origins), ports.other ?? DEFAULT_PORTS.other, ['127.0.0.1']);
    origins.other = `http://127.0.0.1:${otherPort}`;
    const site = playgroundSite(origins, live, defaultPolicy, log);
    const playgroundPort = await serve('the playground', site, ports.playground ?? DEFAULT_PORTS.playground, ['127.0.0.1', '::1']);
    origins.playground = `http://localhost:${playgroundPort}`;
  } catch (error) {
    await close();
    throw error;
  }
  return { ...origins, notes, close };
}
