// Serves a fetch handler on node:http, streaming bodies both ways, and starts the CORS proxy
// on loopback (another address only when asked for by its dangerous name), answering only to
// the Host names hosts.ts allows.

import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { UsageError } from './errors.js';
import { hostAllowed, isLoopback, misdirected, parseAllowedHost } from './hosts.js';
import { createCorsProxy, parseTarget, type ProxyOptions } from './proxy.js';
import { safeText } from './safe-text.js';

export type FetchHandler = (request: Request) => Promise<Response>;

/** The path and query of a request target; absolute-form targets lose their scheme and host. */
function requestPath(target: string): string | undefined {
  if (target.startsWith('/')) return target;
  try {
    const url = new URL(target);
    return `${url.pathname}${url.search}`;
  } catch {
    return undefined;
  }
}

async function writeResponse(response: Response, res: ServerResponse): Promise<void> {
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of response.headers) if (name !== 'set-cookie') headers[name] = value;
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) headers['set-cookie'] = cookies;
  res.writeHead(response.status, response.statusText || undefined, headers);
  if (response.body === null) {
    res.end();
    return;
  }
  const reader = response.body.getReader();
  const stop = () => void reader.cancel().catch(() => undefined);
  res.on('close', stop);
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (!res.write(value)) await once(res, 'drain');
    }
    res.end();
  } catch {
    res.destroy();
  } finally {
    res.off('close', stop);
  }
}

function toRequest(req: IncomingMessage, origin: string, path: string, signal: AbortSignal): Request {
  const headers = new Headers();
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) headers.append(req.rawHeaders[i]!, req.rawHeaders[i + 1]!);
  // A body is what the framing announces (RFC 9112 section 6.3), and a GET or HEAD has none here.
  const framed = req.headers['transfer-encoding'] !== undefined || (req.headers['content-length'] ?? '0') !== '0';
  const hasBody = framed && req.method !== 'GET' && req.method !== 'HEAD';
  return new Request(`${origin}${path}`, {
    method: req.method ?? 'GET',
    headers,
    signal,
    ...(hasBody ? { body: Readable.toWeb(req) as ReadableStream<Uint8Array>, duplex: 'half' } : {}),
  } as RequestInit);
}

function plain(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', connection: 'close' });
  res.end(`${text}\n`);
}

/**
 * A node:http server calling `handler`; its Request URLs use `publicOrigin` and the request's
 * path only. `refuseHost`, when given, may refuse a request first: its message is answered 421.
 */
function serveFetch(handler: FetchHandler, publicOrigin: () => string, refuseHost?: (req: IncomingMessage) => string | undefined): Server {
  return createServer((req, res) => {
    const refused = refuseHost?.(req);
    if (refused !== undefined) {
      plain(res, 421, refused);
      return;
    }
    const path = requestPath(req.url ?? '/');
    if (path === undefined) {
      plain(res, 400, 'portcullis proxy: the request target must be a path');
      return;
    }
    const controller = new AbortController();
    res.on('close', () => {
      if (!res.writableFinished) controller.abort();
    });
    let request: Request;
    try {
      request = toRequest(req, publicOrigin(), path, controller.signal);
    } catch (error) {
      plain(res, 400, `portcullis proxy: ${(error as Error).message}`);
      return;
    }
    handler(request).then(
      (response) => writeResponse(response, res),
      (error: unknown) => {
        if (!res.headersSent) plain(res, 500, `portcullis proxy: ${(error as Error).message}`);
        else res.destroy();
      },
    );
  });
}

export interface StartProxyOptions extends ProxyOptions {
  /** @default 8787; 0 picks a free port */
  readonly port?: number | undefined;
  /** @default '127.0.0.1' */
  readonly host?: string | undefined;
  /** Required to listen on anything but loopback: the proxy then serves whoever reaches it. */
  readonly dangerouslyAllowNonLoopback?: boolean | undefined;
  /**
   * Host names the proxy answers to besides localhost, *.localhost and IP addresses on its port
   * (any other `Host` is answered 421, so that a DNS-rebound page cannot use it).
   */
  readonly allowedHosts?: readonly string[] | undefined;
}

export interface RunningProxy {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  readonly target: string;
  readonly server: Server;
  close(): Promise<void>;
}

/** Starts the proxy; resolves once it accepts connections. */
export async function startCorsProxy(options: StartProxyOptions): Promise<RunningProxy> {
  const host = options.host ?? '127.0.0.1';
  if (!isLoopback(host) && options.dangerouslyAllowNonLoopback !== true) {
    throw new UsageError(
      `--host ${host} is not a loopback address: anyone who reaches it could use the proxy; pass --dangerously-allow-non-loopback to do it anyway`,
    );
  }
  const port = options.port ?? 8787;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be 0..65535, not '${String(port)}'`);
  const target = parseTarget(options.target);
  const allowed = new Set((options.allowedHosts ?? []).map(parseAllowedHost));
  const handler = createCorsProxy(options);
  let url = '';
  let listening = 0;
  const refuseHost = (req: IncomingMessage): string | undefined => {
    const host = req.headers.host;
    if (hostAllowed(host, listening, allowed)) return undefined;
    options.onRequest?.({
      method: req.method ?? '',
      path: req.url ?? '',
      status: 421,
      origin: req.headers.origin ?? null,
      kind: 'misdirected',
      allowed: false,
      detail: `Host ${host ?? '(none)'} refused: not a name of this proxy (DNS rebinding?)`,
    });
    return safeText(misdirected(host, listening));
  };
  const server = serveFetch(handler, () => url, refuseHost);
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      reject(
        error.code === 'EADDRINUSE'
          ? new UsageError(`port ${port} on ${host} is in use: pick another with --port (0 picks a free one)`)
          : error.code === 'EADDRNOTAVAIL'
            ? new UsageError(`cannot listen on ${host}: no such local address`)
            : error,
      );
    });
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  listening = address.port;
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  url = `http://${shownHost}:${address.port}`;
  return {
    url,
    target: target.href.replace(/\/$/, ''),
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
