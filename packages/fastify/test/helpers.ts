import { Writable } from 'node:stream';
import Fastify, { type FastifyInstance, type FastifyServerOptions, type LightMyRequestResponse } from 'fastify';
import { afterEach } from 'vitest';
import portcullis, { type PortcullisFastifyOptions } from '../src/index.js';

export const MYAPP = 'https://myapp.es';
export const EVIL = 'https://evil.example';
export const PREFLIGHT_VARY = 'Origin, Access-Control-Request-Method, Access-Control-Request-Headers';

const open: FastifyInstance[] = [];

afterEach(async () => {
  await Promise.all(open.splice(0).map((app) => app.close()));
});

/** A Fastify app, closed after the test. */
export function track(app: FastifyInstance): FastifyInstance {
  open.push(app);
  return app;
}

/** A Fastify app with the plugin registered first, then `routes`; closed after the test. */
export async function appWith(
  options: PortcullisFastifyOptions,
  routes: (app: FastifyInstance) => void | Promise<void>,
  serverOptions: FastifyServerOptions = {},
): Promise<FastifyInstance> {
  const app = track(Fastify(serverOptions));
  await app.register(portcullis, options);
  await routes(app);
  await app.ready();
  return app;
}

/** The error `register`/`ready` rejects with, or undefined. */
export async function registrationError(options: unknown, routes: (app: FastifyInstance) => void = () => {}): Promise<unknown> {
  const app = Fastify();
  try {
    await app.register(portcullis, options as PortcullisFastifyOptions);
    routes(app);
    await app.ready();
    return undefined;
  } catch (error) {
    return error;
  } finally {
    await app.close().catch(() => undefined);
  }
}

export interface PreflightParts {
  origin?: string;
  requestHeaders?: string;
  headers?: Record<string, string>;
}

/** Sends a preflight as a browser does: OPTIONS with Origin and Access-Control-Request-*. */
export function preflight(
  app: FastifyInstance,
  url: string,
  requestMethod: string,
  { origin = MYAPP, requestHeaders, headers = {} }: PreflightParts = {},
): Promise<LightMyRequestResponse> {
  const all: Record<string, string> = { origin, 'access-control-request-method': requestMethod, ...headers };
  if (requestHeaders !== undefined) all['access-control-request-headers'] = requestHeaders;
  return app.inject({ method: 'OPTIONS', url, headers: all });
}

/** The Access-Control-* headers of a response (and Portcullis-Refusal), for whole-set comparisons. */
export function corsHeaders(response: LightMyRequestResponse): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(response.headers)) {
    if (name.startsWith('access-control-') || name === 'portcullis-refusal') out[name] = String(value);
  }
  return out;
}

/** A pino destination that keeps each log line, parsed. */
export function logCapture(): { stream: Writable; lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      for (const line of chunk.toString().split('\n')) if (line !== '') lines.push(JSON.parse(line) as Record<string, unknown>);
      callback();
    },
  });
  return { stream, lines };
}

export const ok = async () => ({ ok: true });
