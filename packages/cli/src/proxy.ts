// `portcullis proxy` as a library: a fetch handler that forwards every request to one target
// and answers CORS with a @portcullis/core policy. Only the request's path and query are used:
// no URL, Host or absolute-form target in the request can send it anywhere else.

import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { Readable } from 'node:stream';
import { cors, CorsConfigError, REFUSAL_HEADER, type CorsOptions } from '@portcullis/core';
import { protocol } from '@portcullis/core/adapter';
import { corsCheck, judgePreflight, planRequest, parseTokenList } from '@portcullis/browser-model';
import { UsageError } from './errors.js';
import { httpUrl } from './http-url.js';
import { describePolicyError } from './policy-options.js';
import { rawPairs } from './transport.js';

export interface ProxyOptions {
  /** The API to forward to: an http(s) URL, optionally with a base path (`https://api.example/v1`). */
  readonly target: string;
  /**
   * The whole policy, as core's options (what `--policy` reads); the fields below are ignored
   * when it is given.
   */
  readonly policy?: CorsOptions | undefined;
  /** The origins allowed to read responses, as for `cors({ origin })`; required without `policy`. */
  readonly origin?: string | readonly string[] | undefined;
  readonly credentials?: boolean | undefined;
  /** Request headers allowed in preflights; core's default (`content-type`) when omitted. */
  readonly allowHeaders?: readonly string[] | undefined;
  /** Methods allowed in preflights; core's default when omitted. */
  readonly allowMethods?: readonly string[] | undefined;
  /** Response headers script may read beyond the safelisted ones. */
  readonly exposeHeaders?: readonly string[] | undefined;
  /** Called once per request with what was forwarded and what a browser would conclude. */
  readonly onRequest?: ((entry: ProxyLogEntry) => void) | undefined;
}

export interface ProxyLogEntry {
  readonly method: string;
  /** Path and query, as forwarded. */
  readonly path: string;
  readonly status: number;
  readonly origin: string | null;
  /** `preflight`, `actual` (a CORS request), `not-cors` (no Origin), or `misdirected` (a Host the proxy does not answer to). */
  readonly kind: 'preflight' | 'actual' | 'not-cors' | 'misdirected';
  readonly allowed: boolean;
  /** Why a browser would block it, or what was allowed. */
  readonly detail: string;
}

/** Headers that belong to one connection, never forwarded (RFC 9110 §7.6.1). */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
]);

/** Statuses whose responses have no body. */
const NULL_BODY = new Set([101, 103, 204, 205, 304]);

/** Checks and normalizes the target; throws UsageError. */
export function parseTarget(target: string): URL {
  const url = httpUrl(target, `--target '${target}'`, 'https://api.example or http://127.0.0.1:3000');
  if (url.username !== '' || url.password !== '') throw new UsageError(`--target '${target}' has user info: remove user:password@`);
  if (url.search !== '' || url.hash !== '') throw new UsageError(`--target '${target}' has a query or fragment: give only the origin and an optional base path`);
  return url;
}

/** A CorsConfigError as one line naming the flags. */
export function describeConfigError(error: CorsConfigError): string {
  return describePolicyError(error);
}

/** Names listed in `Connection`, which are hop-by-hop too. */
function connectionTokens(value: string | null): Set<string> {
  if (value === null) return new Set();
  const parsed = parseTokenList(value);
  return new Set(parsed.ok ? parsed.items.map((t) => t.toLowerCase()) : []);
}

/** Path and query of the request, and nothing else of its URL. */
function pathOf(request: Request): string {
  const url = new URL(request.url);
  return `${url.pathname}${url.search}`;
}

/**
 * How the forwarded body is framed: by the request's own Content-Length, else chunked (what the
 * client sent chunked goes on chunked); without a body, no length but an honest `0`. Never a
 * Content-Length for a body that was dropped, and never a body without framing, which a lenient
 * upstream would read as the start of the next request.
 */
function framing(request: Request): [string, string] | undefined {
  const length = request.headers.get('content-length');
  if (request.body === null) return length === '0' ? ['content-length', '0'] : undefined;
  return length === null ? ['transfer-encoding', 'chunked'] : ['content-length', length];
}

function forward(target: URL, request: Request): Promise<Response> {
  const base = target.pathname.endsWith('/') ? target.pathname.slice(0, -1) : target.pathname;
  const path = `${base}${pathOf(request)}`;
  const hopByHop = connectionTokens(request.headers.get('connection'));
  const headers: [string, string][] = [];
  for (const [name, value] of request.headers) {
    if (HOP_BY_HOP.has(name) || hopByHop.has(name) || name === 'host' || name === 'content-length') continue;
    headers.push([name, value]);
  }
  const frame = framing(request);
  if (frame !== undefined) headers.push(frame);
  headers.push(['host', target.host]);
  const make = target.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise<Response>((resolve, reject) => {
    // The connection goes to the target's host and port, whatever `path` holds.
    const upstream = make({
      protocol: target.protocol,
      hostname: target.hostname.startsWith('[') ? target.hostname.slice(1, -1) : target.hostname,
      port: target.port || undefined,
      method: request.method,
      path,
      headers: headers.flat(),
      setHost: false,
      agent: false,
    });
    const abort = () => upstream.destroy(new Error('the client went away'));
    request.signal.addEventListener('abort', abort, { once: true });
    upstream.on('error', reject);
    upstream.on('response', (incoming: IncomingMessage) => {
      try {
        resolve(relay(incoming, request.method));
      } catch (error) {
        // Never an exception out of an event handler: it would stop the proxy for every client.
        incoming.destroy();
        reject(error);
      }
    });
    if (request.body === null) {
      upstream.end();
      return;
    }
    // Streamed as it arrives, in both directions: nothing is buffered.
    Readable.fromWeb(request.body as import('node:stream/web').ReadableStream<Uint8Array>)
      .on('error', (error) => upstream.destroy(error))
      .pipe(upstream);
  });
}

/** The upstream's answer as a Response: its status, body and headers but the hop-by-hop and CORS ones. */
function relay(incoming: IncomingMessage, method: string): Response {
  const status = incoming.statusCode ?? 0;
  // Response takes 200..599 only; Node hands over any three digits (HTTP/1.1 600, 1xx but 101 aside).
  if (status < 200 || status > 599) throw new Error(`the target answered with status ${status}, which is not 200..599`);
  const drop = connectionTokens(incoming.headers.connection ?? null);
  const out = new Headers();
  for (const [name, value] of rawPairs(incoming.rawHeaders)) {
    const key = name.toLowerCase();
    // The upstream's own CORS headers are replaced by the policy's.
    if (HOP_BY_HOP.has(key) || drop.has(key) || key.startsWith(protocol.CORS_RESPONSE_PREFIX)) continue;
    out.append(key, value);
  }
  const empty = method === 'HEAD' || NULL_BODY.has(status);
  if (empty) incoming.resume();
  const body = empty ? null : (Readable.toWeb(incoming) as ReadableStream<Uint8Array>);
  return new Response(body, { status, statusText: incoming.statusMessage ?? '', headers: out });
}

function badGateway(target: URL, error: unknown): Response {
  const code = (error as NodeJS.ErrnoException).code;
  const why = code === 'ECONNREFUSED' ? 'connection refused' : code === 'ENOTFOUND' ? 'unknown host' : (error as Error).message;
  const what = code === undefined ? 'no usable answer from' : 'cannot reach';
  return new Response(`portcullis proxy: ${what} ${target.origin}: ${why}\n`, {
    status: 502,
    headers: { 'content-type': 'text/plain; charset=utf-8' },
  });
}

/** What a browser would conclude from this answer, judged by the browser model. */
function judge(request: Request, response: Response): Pick<ProxyLogEntry, 'kind' | 'allowed' | 'detail'> {
  const origin = request.headers.get(protocol.ORIGIN);
  if (origin === null) return { kind: 'not-cors', allowed: true, detail: 'no Origin: not a CORS request' };
  const refusal = response.headers.get(REFUSAL_HEADER);
  const requestMethod = request.headers.get(protocol.ACRM);
  const headers = [...response.headers];
  try {
    if (requestMethod !== null && protocol.isPreflight(request.method, origin, requestMethod)) {
      const requested = parseTokenList(request.headers.get(protocol.ACRH) ?? '');
      const plan = {
        ...planRequest({ origin, url: request.url, method: requestMethod }),
        unsafeHeaders: requested.ok ? requested.items.map((h) => h.toLowerCase()) : [],
      };
      const verdict = judgePreflight(plan, { status: response.status, headers });
      return {
        kind: 'preflight',
        allowed: verdict.allowed,
        detail: verdict.allowed
          ? `preflight allowed: ${requestMethod}${plan.unsafeHeaders.length > 0 ? ` with ${plan.unsafeHeaders.join(',')}` : ''}`
          : `preflight refused: ${refusal ?? verdict.reason ?? ''}`,
      };
    }
    const credentials = request.headers.has('cookie');
    const failed = corsCheck(headers, origin, credentials, 'actual', 0).find((s) => !s.ok);
    if (failed === undefined) return { kind: 'actual', allowed: true, detail: 'allowed' };
    return { kind: 'actual', allowed: false, detail: `blocked: ${refusal ?? `${failed.title} (${origin} is not allowed)`}` };
  } catch {
    return { kind: 'actual', allowed: false, detail: `blocked: the Origin ${JSON.stringify(origin)} is malformed` };
  }
}

/**
 * A fetch handler `(Request) => Promise<Response>` that forwards to `options.target` and applies
 * a CORS policy built from the options (throws UsageError for a bad target, and the policy's
 * CorsConfigError, described by {@link describeConfigError}, for bad CORS options).
 */
export function createCorsProxy(options: ProxyOptions): (request: Request) => Promise<Response> {
  const target = parseTarget(options.target);
  const policy = cors(options.policy ?? {
    origin: typeof options.origin === 'string' || options.origin === undefined ? (options.origin as string) : [...options.origin],
    ...(options.credentials !== undefined ? { credentials: options.credentials } : {}),
    ...(options.allowHeaders !== undefined ? { allowHeaders: [...options.allowHeaders] } : {}),
    ...(options.allowMethods !== undefined ? { allowMethods: [...options.allowMethods] } : {}),
    ...(options.exposeHeaders !== undefined ? { exposeHeaders: [...options.exposeHeaders] } : {}),
  });
  const handler = policy.wrap(async (request: Request) => {
    try {
      const response = await forward(target, request);
      return rewriteLocation(response, target, request);
    } catch (error) {
      return badGateway(target, error);
    }
  });
  return async (request: Request) => {
    const response = await handler(request);
    options.onRequest?.({
      method: request.method,
      path: pathOf(request),
      status: response.status,
      origin: request.headers.get(protocol.ORIGIN),
      ...judge(request, response),
    });
    return response;
  };
}

/** A redirect to the target itself goes back through the proxy, so that CORS still applies. */
function rewriteLocation(response: Response, target: URL, request: Request): Response {
  const location = response.headers.get('location');
  if (location === null) return response;
  let url: URL;
  try {
    url = new URL(location, target);
  } catch {
    return response;
  }
  if (url.origin !== target.origin) return response;
  const base = target.pathname.endsWith('/') ? target.pathname.slice(0, -1) : target.pathname;
  if (!url.pathname.startsWith(base)) return response;
  const self = new URL(request.url);
  response.headers.set('location', `${self.origin}${url.pathname.slice(base.length) || '/'}${url.search}${url.hash}`);
  return response;
}

export { CorsConfigError };
