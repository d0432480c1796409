import Fastify, { type FastifyInstance, type FastifyServerOptions, type LightMyRequestResponse } from 'fastify';
import { afterEach } from 'vitest';
import portcullis, { type PortcullisFastifyOptions } from '../src/index.js';

export const MYAPP = 'https://myapp.es';
export const EVIL = 'https://evil.example';

const open: FastifyInstance[] = [];

afterEach(async () => {
  await Promise.all(open.splice(0).map((app) => app.close()));
});

/** A Fastify app with the plugin registered first, then `routes`; closed after the test. */
export async function appWith(
  options: PortcullisFastifyOptions,
  routes: (app: FastifyInstance) => void,
  serverOptions: FastifyServerOptions = {},
): Promise<FastifyInstance> {
  const app = Fastify(serverOptions);
  open.push(app);
  await app.register(portcullis, options);
  routes(app);
  await app.ready();
  return app;
}

/** Sends a preflight as a browser does: OPTIONS with Origin and Access-Control-Request-*. */
export function preflight(
  app: FastifyInstance,
  url: string,
  requestMethod: string,
  { origin = MYAPP, requestHeaders }: { origin?: string; requestHeaders?: string } = {},
): Promise<LightMyRequestResponse> {
  const headers: Record<string, string> = { origin, 'access-control-request-method': requestMethod };
  if (requestHeaders !== undefined) headers['access-control-request-headers'] = requestHeaders;
  return app.inject({ method: 'OPTIONS', url, headers });
}

/** The Access-Control-* headers of a response, for whole-set comparisons. */
export function corsHeaders(response: LightMyRequestResponse): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(response.headers)) {
    if (name.startsWith('access-control-')) out[name] = String(value);
  }
  return out;
}
