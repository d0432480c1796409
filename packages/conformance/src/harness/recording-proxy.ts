// A transparent HTTP proxy in front of each target: the browser talks to it, it forwards every
// byte to the target and records each exchange (request line, CORS request headers, status and
// raw response headers). It is the one observation point shared by all targets, so preflight
// counts and "what the server sent" mean the same thing everywhere, and no target has to be
// instrumented. Bodies are piped, never buffered, so streaming is preserved.

import { createServer, request as forward, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseScenarioPath, type ScenarioArea } from '../app.ts';

export interface Exchange {
  readonly scenario: string | undefined;
  readonly run: string | undefined;
  readonly method: string;
  readonly path: string;
  readonly requestHeaders: IncomingHttpHeaders;
  /** Undefined when the target never answered. */
  status?: number | undefined;
  /** Raw header lines, duplicates kept, names lowercased. */
  responseHeaders?: [string, string][];
  error?: string;
}

export function isPreflight(exchange: Exchange): boolean {
  return exchange.method === 'OPTIONS' && exchange.requestHeaders['access-control-request-method'] !== undefined;
}

/** A response header as a script would read it: duplicates joined with ', ', or null. */
export function headerValue(exchange: Exchange, name: string): string | null {
  const values = (exchange.responseHeaders ?? []).filter(([n]) => n === name).map(([, v]) => v);
  return values.length === 0 ? null : values.join(', ');
}

/**
 * The request's raw header list without the hop-by-hop headers of the browser's connection
 * (RFC 9110, 7.6.1): this proxy keeps its own connections to the target. Forwarding a client's
 * `Connection: close` makes the target close a connection the proxy's agent would reuse.
 */
function endToEnd(raw: readonly string[]): string[] {
  const hop = new Set(['connection', 'keep-alive', 'proxy-connection']);
  for (let i = 0; i < raw.length; i += 2) {
    if (raw[i]!.toLowerCase() === 'connection') for (const name of raw[i + 1]!.split(',')) hop.add(name.trim().toLowerCase());
  }
  const kept: string[] = [];
  for (let i = 0; i < raw.length; i += 2) if (!hop.has(raw[i]!.toLowerCase())) kept.push(raw[i]!, raw[i + 1]!);
  return kept;
}

export interface RecordingProxy {
  /** `http://127.0.0.1:<port>` */
  readonly origin: string;
  /** Where the browser asks for one run of a scenario: `<origin>/<area>/<scenario>/r/<run>/`. */
  scenarioUrl(scenario: string, run: string): string;
  /** The same place on the target itself, past the proxy, for the harness's own questions (unrecorded). */
  targetUrl(scenario: string, run: string): string;
  exchanges(run: string): Exchange[];
  close(): Promise<void>;
}

export interface ProxiedTarget {
  readonly host: string;
  readonly port: number;
  /** Where the target serves the scenarios (default `s`). */
  readonly area?: ScenarioArea | undefined;
}

export async function startRecordingProxy(target: ProxiedTarget): Promise<RecordingProxy> {
  const log: Exchange[] = [];
  const server: Server = createServer((incoming, outgoing) => {
    const path = incoming.url ?? '/';
    const parsed = parseScenarioPath(new URL(path, 'http://proxy').pathname);
    const exchange: Exchange = {
      scenario: parsed?.scenario,
      run: parsed?.run,
      method: incoming.method ?? '',
      path,
      requestHeaders: incoming.headers,
    };
    log.push(exchange);
    const upstream = forward(
      { host: target.host, port: target.port, method: incoming.method, path, headers: endToEnd(incoming.rawHeaders) as never },
      (response) => {
        exchange.status = response.statusCode;
        const raw = response.rawHeaders;
        exchange.responseHeaders = [];
        for (let i = 0; i < raw.length; i += 2) exchange.responseHeaders.push([raw[i]!.toLowerCase(), raw[i + 1]!]);
        outgoing.writeHead(response.statusCode ?? 502, response.statusMessage, raw);
        response.pipe(outgoing);
      },
    );
    upstream.on('error', (error) => {
      exchange.error = String(error);
      if (!outgoing.headersSent) outgoing.writeHead(502, { 'content-type': 'text/plain' });
      outgoing.end(`conformance proxy: ${String(error)}`);
    });
    incoming.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    scenarioUrl: (scenario, run) => `${origin}/${target.area ?? 's'}/${scenario}/r/${run}/`,
    targetUrl: (scenario, run) => `http://${target.host}:${target.port}/${target.area ?? 's'}/${scenario}/r/${run}/`,
    exchanges: (run) => log.filter((e) => e.run === run),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
