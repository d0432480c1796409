// STAND-IN: a small model of what a browser concludes from a server's answers, for comparing
// two CORS setups by their effect rather than by their header strings. It follows the Fetch
// Standard's CORS check, CORS-preflight fetch and CORS-filtered response
// (https://fetch.spec.whatwg.org/#cors-check, #cors-preflight-fetch,
// #concept-filtered-response-cors), nothing more: no preflight cache, no redirects, and `*`
// never covers `authorization` (the standard's rule; shipping browsers still let it).
// `@portcullis/browser-model` will replace it.

import type { FastifyInstance, LightMyRequestResponse } from 'fastify';

/** What a script asks `fetch` for, cross-origin. */
export interface ScriptRequest {
  readonly method: string;
  readonly url: string;
  readonly origin: string;
  /** `credentials: 'include'`. */
  readonly credentials?: boolean;
  /** Headers the script sets, by lowercase name. */
  readonly headers?: Readonly<Record<string, string>>;
}

/** What the browser concludes. */
export interface Outcome {
  /** Whether a preflight was sent, and whether it passed. */
  readonly preflight: 'none' | 'passed' | 'failed';
  /** Seconds the browser may reuse the preflight result (5 without Access-Control-Max-Age). */
  readonly preflightCacheSeconds?: number;
  /** Whether the script can read the actual response. */
  readonly readable: boolean;
  /** When readable: its status, and the response headers it can read (sorted). */
  readonly status?: number;
  readonly readableHeaders?: readonly string[];
}

/** What a browser adds to a cross-site fetch: https://w3c.github.io/webappsec-fetch-metadata/ */
const FETCH_METADATA = { 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'cors' };

const SAFELISTED_METHODS = new Set(['GET', 'HEAD', 'POST']);
const SAFELISTED_CONTENT_TYPES = new Set(['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain']);
const SAFELISTED_RESPONSE_HEADERS = ['cache-control', 'content-language', 'content-length', 'content-type', 'expires', 'last-modified', 'pragma'];

/** https://fetch.spec.whatwg.org/#cors-safelisted-request-header (without `range`). */
function isSafelistedHeader(name: string, value: string): boolean {
  if (value.length > 128) return false;
  if (name === 'accept' || name === 'accept-language' || name === 'content-language') return true;
  if (name === 'content-type') return SAFELISTED_CONTENT_TYPES.has(value.split(';')[0]!.trim().toLowerCase());
  return false;
}

/** https://fetch.spec.whatwg.org/#cors-unsafe-request-header-names */
function unsafeHeaderNames(headers: Readonly<Record<string, string>>): string[] {
  return Object.entries(headers)
    .filter(([name, value]) => !isSafelistedHeader(name, value))
    .map(([name]) => name.toLowerCase())
    .sort();
}

function header(response: LightMyRequestResponse, name: string): string | undefined {
  const value = response.headers[name];
  if (value === undefined) return undefined;
  return Array.isArray(value) ? value.join(', ') : String(value);
}

/** A comma-separated list; undefined when it does not parse as one. */
function parseList(value: string | undefined): string[] | undefined {
  if (value === undefined) return [];
  const items = value.split(',').map((item) => item.trim()).filter((item) => item !== '');
  return items.every((item) => /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/.test(item)) ? items : undefined;
}

/** https://fetch.spec.whatwg.org/#cors-check */
function corsCheck(response: LightMyRequestResponse, origin: string, credentials: boolean): boolean {
  const raw = response.headers['access-control-allow-origin'];
  if (raw === undefined || Array.isArray(raw)) return false;
  const acao = String(raw);
  if (acao === '*' && !credentials) return true;
  if (acao !== origin) return false;
  return !credentials || header(response, 'access-control-allow-credentials') === 'true';
}

function judgePreflight(response: LightMyRequestResponse, request: ScriptRequest, unsafe: readonly string[]): boolean {
  const credentials = request.credentials === true;
  if (!corsCheck(response, request.origin, credentials)) return false;
  if (response.statusCode < 200 || response.statusCode > 299) return false;
  const methods = parseList(header(response, 'access-control-allow-methods'));
  const headers = parseList(header(response, 'access-control-allow-headers'));
  if (methods === undefined || headers === undefined) return false;
  const methodOk = methods.includes(request.method) || SAFELISTED_METHODS.has(request.method) || (methods.includes('*') && !credentials);
  if (!methodOk) return false;
  const allowed = new Set(headers.map((h) => h.toLowerCase()));
  return unsafe.every((name) => allowed.has(name) || (allowed.has('*') && !credentials && name !== 'authorization'));
}

function cacheSeconds(response: LightMyRequestResponse): number {
  const value = header(response, 'access-control-max-age');
  return value !== undefined && /^\d+$/.test(value) ? Number(value) : 5;
}

/** https://fetch.spec.whatwg.org/#concept-filtered-response-cors */
function readableHeaders(response: LightMyRequestResponse, credentials: boolean): string[] {
  const exposed = parseList(header(response, 'access-control-expose-headers')) ?? [];
  const names = new Set(SAFELISTED_RESPONSE_HEADERS);
  for (const name of exposed) names.add(name.toLowerCase());
  const all = exposed.includes('*') && !credentials;
  return Object.keys(response.headers)
    .filter((name) => name !== 'set-cookie' && name !== 'set-cookie2' && (all || names.has(name)))
    .sort();
}

/** Sends what a browser would send for `request` to `app`, and says what the script sees. */
export async function browse(app: FastifyInstance, request: ScriptRequest): Promise<Outcome> {
  const headers = request.headers ?? {};
  const unsafe = unsafeHeaderNames(headers);
  const credentials = request.credentials === true;
  let preflight: Outcome['preflight'] = 'none';
  let preflightCacheSeconds: number | undefined;
  if (!SAFELISTED_METHODS.has(request.method) || unsafe.length > 0) {
    const preflightHeaders: Record<string, string> = { ...FETCH_METADATA, origin: request.origin, 'access-control-request-method': request.method };
    if (unsafe.length > 0) preflightHeaders['access-control-request-headers'] = unsafe.join(',');
    const answer = await app.inject({ method: 'OPTIONS', url: request.url, headers: preflightHeaders });
    if (!judgePreflight(answer, request, unsafe)) return { preflight: 'failed', readable: false };
    preflight = 'passed';
    preflightCacheSeconds = cacheSeconds(answer);
  }
  const response = await app.inject({
    method: request.method as 'GET',
    url: request.url,
    headers: { ...headers, ...FETCH_METADATA, origin: request.origin, ...(credentials ? { cookie: 'session=1' } : {}) },
  });
  const cached = preflightCacheSeconds === undefined ? {} : { preflightCacheSeconds };
  if (!corsCheck(response, request.origin, credentials)) return { preflight, ...cached, readable: false };
  return { preflight, ...cached, readable: true, status: response.statusCode, readableHeaders: readableHeaders(response, credentials) };
}
