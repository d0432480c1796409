// Sends one request exactly as the browser model lays it out, over a plain socket: node:http
// would uppercase `patch` and add headers of its own, and a check must put on the wire what a
// browser puts there. Only the response head is read; CORS is decided there.

import { isIP, connect as netConnect, type Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import { badPort, type HttpResponse, type OutgoingRequest } from '@portcullis/browser-model';
import { NetworkError } from './errors.js';

export const DEFAULT_TIMEOUT_MS = 10_000;

/** A response head larger than this is refused rather than buffered. */
const MAX_HEAD_BYTES = 64 * 1024;

interface SendOptions {
  readonly timeoutMs?: number | undefined;
  readonly userAgent?: string | undefined;
}

/** Pairs from Node's flat `rawHeaders` list. */
export function rawPairs(raw: readonly string[]): [string, string][] {
  const pairs: [string, string][] = [];
  for (let i = 0; i + 1 < raw.length; i += 2) pairs.push([raw[i]!, raw[i + 1]!]);
  return pairs;
}

function describe(error: NodeJS.ErrnoException, url: URL): string {
  const host = url.host;
  const code = error.code ?? '';
  switch (code) {
    case 'ECONNREFUSED':
      return `cannot connect to ${host}: connection refused (is the server running?)`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `cannot resolve the host ${url.hostname}`;
    case 'ECONNRESET':
    case 'EPIPE':
      return `the connection to ${host} was closed before an answer`;
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return `cannot reach ${host}: the network is unreachable`;
    default:
      if (/TLS|CERT|SSL|SELF_SIGNED|UNABLE_TO/.test(code)) return `TLS error with ${host}: ${error.message}`;
      return `network error calling ${url.href}: ${error.message}`;
  }
}

/** The head of an HTTP/1.x response, or undefined while incomplete. */
function parseHead(text: string): { status: number; statusText: string; headers: [string, string][]; rest: string } | undefined {
  const end = text.indexOf('\r\n\r\n');
  if (end === -1) return undefined;
  const [statusLine = '', ...lines] = text.slice(0, end).split('\r\n');
  const match = /^HTTP\/1\.[01] (\d{3})(?: (.*))?$/.exec(statusLine);
  if (!match) throw new Error(`not an HTTP/1.1 response: ${JSON.stringify(statusLine.slice(0, 60))}`);
  const headers: [string, string][] = [];
  for (const line of lines) {
    if ((line.startsWith(' ') || line.startsWith('\t')) && headers.length > 0) {
      headers[headers.length - 1]![1] += ` ${line.trim()}`; // obsolete line folding
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    headers.push([line.slice(0, colon), line.slice(colon + 1).replace(/^[ \t]+|[ \t]+$/g, '')]);
  }
  return { status: Number(match[1]), statusText: match[2] ?? '', headers, rest: text.slice(end + 4) };
}

/** Sends `request`; resolves with the status and the raw header lines. */
export function send(request: OutgoingRequest, options: SendOptions = {}): Promise<HttpResponse> {
  const url = new URL(request.url);
  // What browsers refuse, a check refuses too: a server must not make it talk to a mail or IRC port.
  const bad = badPort(url);
  if (bad !== undefined) {
    return Promise.reject(new NetworkError(`refusing to connect to port ${bad} of ${url.hostname}: browsers never fetch from it (a Fetch Standard bad port)`));
  }
  const https = url.protocol === 'https:';
  const host = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
  const port = Number(url.port || (https ? 443 : 80));
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const lines = [`${request.method} ${url.pathname}${url.search} HTTP/1.1`, `host: ${url.host}`];
  for (const [name, value] of request.headers) lines.push(`${name}: ${value}`);
  if (options.userAgent) lines.push(`user-agent: ${options.userAgent}`);
  // What a browser sends for a bodyless POST or PUT (Fetch: HTTP-network-or-cache fetch).
  if (request.method === 'POST' || request.method === 'PUT') lines.push('content-length: 0');
  lines.push('connection: close', '', '');
  const head = lines.join('\r\n');

  return new Promise<HttpResponse>((resolve, reject) => {
    let settled = false;
    let received = '';
    const socket: Socket = https
      ? tlsConnect({ host, port, ...(isIP(host) ? {} : { servername: host }), ALPNProtocols: ['http/1.1'] })
      : netConnect({ host, port });
    const finish = (error: Error | undefined, response?: HttpResponse) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      if (error) reject(error);
      else resolve(response!);
    };
    const timer = setTimeout(
      () => finish(new NetworkError(`no answer from ${url.host} within ${timeoutMs} ms (--timeout)`)),
      timeoutMs,
    );
    socket.once(https ? 'secureConnect' : 'connect', () => socket.write(head, 'latin1'));
    socket.on('data', (chunk: Buffer) => {
      received += chunk.toString('latin1');
      try {
        for (;;) {
          const parsed = parseHead(received);
          if (parsed === undefined) break;
          // Interim answers (100 Continue, 103 Early Hints) precede the real one.
          if (parsed.status >= 100 && parsed.status < 200 && parsed.status !== 101) {
            received = parsed.rest;
            continue;
          }
          const address = socket.remoteAddress;
          finish(undefined, { status: parsed.status, statusText: parsed.statusText, headers: parsed.headers, ...(address ? { address } : {}) });
          return;
        }
      } catch (error) {
        finish(new NetworkError(`${url.host} answered ${(error as Error).message}`));
        return;
      }
      if (received.length > MAX_HEAD_BYTES) finish(new NetworkError(`the response head from ${url.host} is over 64 KiB`));
    });
    socket.on('error', (error: NodeJS.ErrnoException) => finish(new NetworkError(describe(error, url))));
    socket.on('close', () => finish(new NetworkError(`${url.host} closed the connection without an answer`)));
  });
}
