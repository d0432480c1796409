// The facts of the CORS protocol this library relies on, in one place: header names, method
// and header rules, and what makes a request a preflight. Every rule cites the Fetch Standard
// (https://fetch.spec.whatwg.org/).

// ── Header names (lowercase, as Headers and Node report them) ────────────────────────────────

/** The request header naming the page's origin: https://fetch.spec.whatwg.org/#http-origin */
export const ORIGIN = 'origin';
/** The response header that lists what else an answer depends on (RFC 9110 section 12.5.5). */
export const VARY = 'vary';
/** https://fetch.spec.whatwg.org/#http-access-control-request-method */
export const ACRM = 'access-control-request-method';
/** https://fetch.spec.whatwg.org/#http-access-control-request-headers */
export const ACRH = 'access-control-request-headers';
/** https://fetch.spec.whatwg.org/#http-access-control-allow-origin */
export const ACAO = 'access-control-allow-origin';
/** https://fetch.spec.whatwg.org/#http-access-control-allow-credentials */
export const ACAC = 'access-control-allow-credentials';
/** https://fetch.spec.whatwg.org/#http-access-control-allow-methods */
export const ACAM = 'access-control-allow-methods';
/** https://fetch.spec.whatwg.org/#http-access-control-allow-headers */
export const ACAH = 'access-control-allow-headers';
/** https://fetch.spec.whatwg.org/#http-access-control-expose-headers */
export const ACEH = 'access-control-expose-headers';
/** https://fetch.spec.whatwg.org/#http-access-control-max-age */
export const ACMA = 'access-control-max-age';
/** Set on allowed preflight answers when `preflightCacheControl` is. */
export const CACHE_CONTROL = 'cache-control';
/** https://w3c.github.io/webappsec-fetch-metadata/#sec-fetch-site-header */
export const SEC_FETCH_SITE = 'sec-fetch-site';
/** Every response header the CORS protocol defines starts with this. */
export const CORS_RESPONSE_PREFIX = 'access-control-';

/**
 * Our own response header: why a preflight or a write was refused. A header rather than a
 * body: DevTools shows a failed preflight's headers, not its body.
 */
export const REFUSAL_HEADER = 'portcullis-refusal';

/** The Vary token an origin-dependent answer carries, as sent (display case). */
export const VARY_ORIGIN = 'Origin';
/**
 * A preflight's answer depends on what it asks for, so it varies by the two request headers
 * too: https://fetch.spec.whatwg.org/#cors-protocol-and-http-caches
 */
export const PREFLIGHT_VARY_TOKENS = ['Access-Control-Request-Method', 'Access-Control-Request-Headers'] as const;

// ── Tokens ───────────────────────────────────────────────────────────────────────────────────

/** The characters of an HTTP token (a method, a header name) besides ASCII letters and digits: RFC 9110 section 5.6.2. */
export const TOKEN_PUNCTUATION = "!#$%&'*+-.^_`|~";

// ── Requests ─────────────────────────────────────────────────────────────────────────────────

/**
 * A CORS-preflight request is an OPTIONS request with `Origin` and
 * `Access-Control-Request-Method` (https://fetch.spec.whatwg.org/#cors-preflight-request);
 * any other OPTIONS request belongs to the application.
 */
export function isPreflight(method: string, origin: unknown, requestMethod: unknown): boolean {
  return method === 'OPTIONS' && origin != null && requestMethod != null;
}

// ── Methods ──────────────────────────────────────────────────────────────────────────────────

/** Methods fetch uppercases before sending: https://fetch.spec.whatwg.org/#concept-method-normalize */
export const NORMALIZED_METHODS: readonly string[] = ['DELETE', 'GET', 'HEAD', 'OPTIONS', 'POST', 'PUT'];

/** Methods the CORS check lets through without listing: https://fetch.spec.whatwg.org/#cors-safelisted-method */
export const SAFELISTED_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'POST']);

/** Methods a browser refuses to send: https://fetch.spec.whatwg.org/#forbidden-method */
export const FORBIDDEN_METHODS: ReadonlySet<string> = new Set(['CONNECT', 'TRACE', 'TRACK']);

/**
 * Methods that must not change state (RFC 9110 section 9.2.1), so cross-origin write
 * protection lets them through. OPTIONS is among them: preflights must pass.
 */
export const SAFE_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'OPTIONS']);

// ── Request headers ──────────────────────────────────────────────────────────────────────────

/**
 * The one request header a `*` in Access-Control-Allow-Headers never covers: it must be
 * listed by name (https://fetch.spec.whatwg.org/#cors-non-wildcard-request-header-name).
 */
export const NEVER_WILDCARDED_REQUEST_HEADER = 'authorization';

/**
 * https://fetch.spec.whatwg.org/#forbidden-request-header. The browser model (which judges core)
 * writes its own copy on purpose; test/forbidden-headers-agree.test.ts holds the two together.
 */
const FORBIDDEN_REQUEST_HEADERS: ReadonlySet<string> = new Set([
  'accept-charset',
  'accept-encoding',
  'access-control-request-headers',
  'access-control-request-method',
  'connection',
  'content-length',
  'cookie',
  'cookie2',
  'date',
  'dnt',
  'expect',
  'host',
  'keep-alive',
  'origin',
  'referer',
  'set-cookie',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'via',
]);

/** Whether scripts can never set this request header (so allowing it means nothing). */
export function isForbiddenRequestHeader(lowercaseName: string): boolean {
  return (
    FORBIDDEN_REQUEST_HEADERS.has(lowercaseName) ||
    lowercaseName.startsWith('proxy-') ||
    lowercaseName.startsWith('sec-')
  );
}

// ── Limits: Portcullis's own bounds, not the standard's ──────────────────────────────────────
// What the engine accepts from a request, and what a refusal repeats of it. The exports to web
// servers (the CLI) apply the same bounds, so they come from here.

/** Longest method token accepted from Access-Control-Request-Method. */
export const MAX_METHOD_LENGTH = 64;
/** Longest Origin matched against the policy; a longer one is refused unread (no real origin comes close). */
export const MAX_ORIGIN_LENGTH = 1024;
/** Longest Access-Control-Request-Headers value accepted, in characters. */
export const MAX_REQUEST_HEADERS_LENGTH = 4096;
/** Most header names accepted in one preflight. */
export const MAX_REQUEST_HEADERS_COUNT = 100;
/** Longest method or header name a refusal repeats: a reason explains, it does not mirror. */
export const MAX_ECHOED_NAME_LENGTH = 64;
/** Longest origin a refusal repeats (a DNS name has at most 253 bytes; an origin is rarely over 100). */
export const MAX_ECHOED_ORIGIN_LENGTH = 128;

// ── Response headers ─────────────────────────────────────────────────────────────────────────

/** Response headers scripts never read, whatever the server says: https://fetch.spec.whatwg.org/#forbidden-response-header-name */
export const NEVER_EXPOSED_RESPONSE_HEADERS: ReadonlySet<string> = new Set(['set-cookie', 'set-cookie2']);
