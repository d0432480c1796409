// The public types: the options users write, the refusals and events they may observe, and
// the decisions adapters translate. Values live elsewhere; this module has no runtime code.

/** Anything a function may return either directly or wrapped in a promise. */
export type MaybePromise<T> = T | Promise<T>;

/**
 * Decides, per request, whether an origin may read responses.
 * Receives the serialized `Origin` value, already checked to be well formed (never `'null'`,
 * which is never allowed), and the request it came with. Only `true` allows; a string equal to
 * the origin (the hono/itty style) allows too, and anything else refuses, reported through
 * `onRefusal`.
 */
export type OriginFunction<Req = Request> = (origin: string, request: Req) => MaybePromise<boolean>;

/**
 * Which origins may read responses:
 * - `'*'`: any origin (only without credentials; every response carries the literal `*`);
 * - a serialized origin such as `'https://myapp.es'`;
 * - a pattern: `'https://*.myapp.es'` (one or more subdomain labels, never the apex) or
 *   `'http://localhost:*'` (any port, or none);
 * - a RegExp anchored with `^...$` (no `g` or `y` flag), tested against the serialized origin;
 * - an array mixing the above (not `'*'`);
 * - a function `(origin, request) => boolean | Promise<boolean>`.
 */
export type OriginOption<Req = Request> =
  | '*'
  | string
  | RegExp
  | ReadonlyArray<string | RegExp>
  | OriginFunction<Req>;

/** Methods spelled as browsers send them; any other token is matched case-sensitively. */
export type KnownMethod = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'OPTIONS';

/** Receives every refusal; see {@link CorsOptions.onRefusal}. */
export type RefusalListener<Req = Request> = (event: CorsRefusalEvent<Req>) => void;

// The lists below take any string as `string & {}` (not `string`, so that editors still suggest
// the common names beside it), written out rather than named: the public types stay the ones
// users write.

/** The options of `cors()` and every adapter. Only `origin` is required. */
export interface CorsOptions<Req = Request> {
  /** Required. Which origins may read responses. See {@link OriginOption}. */
  origin: OriginOption<Req>;
  /**
   * Methods allowed in preflights. `GET`, `HEAD` and `POST` never need listing.
   * `'*'`: every method a browser can send.
   * @default ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE']
   */
  allowMethods?: ReadonlyArray<KnownMethod | (string & {})> | '*' | undefined;
  /**
   * Request headers allowed in preflights (case-insensitive). `'*'` allows every header but
   * `authorization`, which must be listed by name beside it: `['*', 'authorization']`.
   * @default ['content-type']
   */
  allowHeaders?: ReadonlyArray<'content-type' | 'authorization' | '*' | (string & {})> | '*' | undefined;
  /**
   * Response headers that scripts may read beyond the always-readable ones.
   * `'*'` only without credentials.
   * @default []
   */
  exposeHeaders?: ReadonlyArray<string & {}> | '*' | undefined;
  /**
   * Whether requests with credentials (cookies, HTTP auth, client certificates) may read
   * responses. Never combined with `origin: '*'`.
   * @default false
   */
  credentials?: boolean | undefined;
  /**
   * How long, in seconds, browsers may cache a preflight result (integer, 0..86400).
   * Chromium caps it at 7200.
   * @default 600
   */
  maxAge?: number | undefined;
  /**
   * Status of an allowed preflight response (200..299).
   * @default 204
   */
  preflightStatus?: number | undefined;
  /**
   * `Cache-Control` for allowed preflight answers, for a CDN in front of the API: a header
   * value (`'public, max-age=600'`) or a number of seconds (`600` is `'max-age=600'`).
   * @default none: no Cache-Control header
   */
  preflightCacheControl?: string | number | undefined;
  /**
   * Whether refusals say why. On: a preflight from an allowed origin whose method or headers
   * are refused is answered so that the browser's console names the refused method or header
   * (a 2xx with `Access-Control-Allow-Origin` and what is allowed, which still blocks the
   * request), and every refusal carries its reason in the `Portcullis-Refusal` header. Off:
   * every refused preflight or write is a bare 403.
   * @default true
   */
  explainRefusals?: boolean | undefined;
  /**
   * Called with every refusal (preflights, actual requests from origins that may not read the
   * answer, refused writes), after the answer is decided; it cannot change it, and an error it
   * throws is reported once and never breaks the request. `'log'` logs one line per refusal,
   * with its fix, through `console.warn` (Fastify: the request's logger).
   * @default none
   */
  onRefusal?: 'log' | RefusalListener<Req> | undefined;
  /**
   * Cross-origin write protection: requests with a method other than GET, HEAD or OPTIONS from
   * a browser on an origin the policy does not allow never reach the handler (403), judged by
   * `Sec-Fetch-Site`, or `Origin` against the request's host. CORS decides who may read; this
   * decides who may write. Not available with `origin: '*'`.
   * @default true when `credentials` is true, else false
   */
  protectWrites?: boolean | undefined;
  /**
   * Accepts plain-`http:` origins other than loopback with `credentials: true`. Anyone on the
   * network path of such a page can inject script into it and read your users' data.
   * @default false
   */
  dangerouslyAllowInsecureOrigins?: boolean | undefined;
}

/** Options whose origin check is synchronous: the policy never returns a promise of its own. */
export interface SyncCorsOptions<Req = Request> extends CorsOptions<Req> {
  /** As in {@link CorsOptions.origin}, with a synchronous function: `preflight`, `apply` and `decide*` stay synchronous. */
  origin: '*' | string | RegExp | ReadonlyArray<string | RegExp> | ((origin: string, request: Req) => boolean);
}

/** Header name/value pairs to set on a response; names are lowercase. */
export type CorsHeaderList = ReadonlyArray<readonly [name: string, value: string]>;

/**
 * Why a request was refused, as data: `code` names the rule, the other fields are what the
 * rule looked at. Every refusal carries the request's `origin` as received (`null` when a
 * write without `Origin` was refused). `explainRefusal` turns one into words.
 */
export type CorsRefusal =
  /** The origin is well formed but not allowed by the policy. */
  | { readonly code: 'origin.not-allowed'; readonly origin: string }
  /** `Origin: null` (sandboxed iframes, `data:` and `file:` documents, redirects): never allowed. */
  | { readonly code: 'origin.null'; readonly origin: string }
  /** The `Origin` value is not a serialized origin a browser could send. */
  | { readonly code: 'origin.malformed'; readonly origin: string }
  /** The origin function returned neither a boolean nor the origin itself. */
  | { readonly code: 'origin.function-result'; readonly origin: string; readonly returned: string }
  /** The preflight asked for a method the policy does not allow. */
  | { readonly code: 'method.not-allowed'; readonly origin: string; readonly method: string; readonly allowed: readonly string[] }
  /** The preflight asked for something no browser sends as a method (not a token, or forbidden). */
  | { readonly code: 'method.invalid'; readonly origin: string; readonly method: string }
  /** The preflight asked for a request header the policy does not allow. */
  | { readonly code: 'header.not-allowed'; readonly origin: string; readonly header: string; readonly allowed: readonly string[] }
  /** `authorization` was asked for under `allowHeaders: '*'`, which never covers it. */
  | { readonly code: 'header.authorization-not-covered'; readonly origin: string; readonly header: string }
  /** `Access-Control-Request-Headers` is not a comma-separated list of header names. */
  | { readonly code: 'request-headers.malformed'; readonly origin: string; readonly position: number }
  /** `Access-Control-Request-Headers` is longer than the parser accepts. */
  | { readonly code: 'request-headers.too-long'; readonly origin: string; readonly length: number; readonly limit: number }
  /** `Access-Control-Request-Headers` names more headers than the parser accepts. */
  | { readonly code: 'request-headers.too-many'; readonly origin: string; readonly limit: number }
  /**
   * A write (a method other than GET, HEAD, OPTIONS) from another site, refused by
   * `protectWrites`: `secFetchSite` is the request's `Sec-Fetch-Site` (null when absent), and
   * `host` the request's host it was compared with when there was none.
   */
  | {
      readonly code: 'write.cross-origin';
      readonly origin: string | null;
      readonly method: string;
      readonly secFetchSite: string | null;
      readonly host: string | null;
    };

/** The stable identifier of a refusal rule, e.g. `header.not-allowed`. */
export type CorsRefusalCode = CorsRefusal['code'];

/** What `onRefusal` receives. */
export interface CorsRefusalEvent<Req = Request> {
  /** What was refused: a preflight, an actual request (the browser hides the answer), or a write. */
  readonly kind: 'preflight' | 'actual' | 'write';
  /** The rule that refused it; the same as `refusal.code`. */
  readonly code: CorsRefusalCode;
  /** The refusal, as data. */
  readonly refusal: CorsRefusal;
  /** The `Origin` header as received, or null. */
  readonly origin: string | null;
  /** For a preflight the requested method (`Access-Control-Request-Method`), else the request's method. */
  readonly method: string;
  /** For a preflight, `Access-Control-Request-Headers` as received (null when absent). */
  readonly requestHeaders: string | null;
  /** What was refused, in words, e.g. `request header 'x-api-key' is not allowed`. */
  readonly message: string;
  /** What to change, in words, e.g. `add 'x-api-key' to allowHeaders`. */
  readonly fix: string;
  /** The request, of the adapter's own type (a `Request`, a `NextRequest`, a `FastifyRequest`). */
  readonly request: Req;
}

/** A request without `Origin` under a policy whose answers depend on it: not a CORS request. */
export interface NotCorsDecision {
  /** Which kind of decision this is. */
  readonly kind: 'not-cors';
  /** Tokens to merge into the response's `Vary` (`'Origin'`), if any. */
  readonly vary: string | undefined;
}

/** A request the policy lets its origin read: set these headers on the handler's response. */
export interface AllowedActualDecision {
  /** Which kind of decision this is. */
  readonly kind: 'actual';
  /** Whether the origin may read the answer (or the preflight passes). */
  readonly allowed: true;
  /** Headers to set (replacing any the handler set). */
  readonly headers: CorsHeaderList;
  /** Tokens to merge into the response's `Vary`. */
  readonly vary: string | undefined;
}

/** An actual request from an origin that may not read: the handler runs, nothing is exposed. */
export interface RefusedActualDecision {
  /** Which kind of decision this is. */
  readonly kind: 'actual';
  /** Whether the origin may read the answer (or the preflight passes). */
  readonly allowed: false;
  /** Why, as data; `explainRefusal` gives it in words. */
  readonly refusal: CorsRefusal;
  /** Tokens to merge into the response's `Vary`. */
  readonly vary: string | undefined;
}

/** A cross-origin write refused by `protectWrites`: answer `status` with `headers`, empty, without the handler. */
export interface RefusedWriteDecision {
  /** Which kind of decision this is. */
  readonly kind: 'write';
  /** Whether the origin may read the answer (or the preflight passes). */
  readonly allowed: false;
  /** The status to answer with. */
  readonly status: 403;
  /** `Portcullis-Refusal` when refusals are explained, else nothing. */
  readonly headers: CorsHeaderList;
  /** Why, as data; `explainRefusal` gives it in words. */
  readonly refusal: CorsRefusal;
  /** Tokens to merge into the response's `Vary`. */
  readonly vary: string | undefined;
}

/** A preflight that passes: answer with `status`, these headers and an empty body. */
export interface AllowedPreflightDecision {
  /** Which kind of decision this is. */
  readonly kind: 'preflight';
  /** Whether the origin may read the answer (or the preflight passes). */
  readonly allowed: true;
  /** The status to answer with. */
  readonly status: number;
  /** Headers to set on the answer. */
  readonly headers: CorsHeaderList;
  /** Tokens to merge into the response's `Vary`. */
  readonly vary: string;
}

/**
 * A preflight that fails: answer with `status`, these headers and an empty body. From an
 * allowed origin with `explainRefusals`, a 2xx whose CORS headers make the browser name the
 * refused method or header; otherwise a 403 without CORS headers. `headers` carries
 * `Portcullis-Refusal` when refusals are explained.
 */
export interface RefusedPreflightDecision {
  /** Which kind of decision this is. */
  readonly kind: 'preflight';
  /** Whether the origin may read the answer (or the preflight passes). */
  readonly allowed: false;
  /** The status to answer with. */
  readonly status: number;
  /** Headers to set on the answer. */
  readonly headers: CorsHeaderList;
  /** Why, as data; `explainRefusal` gives it in words. */
  readonly refusal: CorsRefusal;
  /** Tokens to merge into the response's `Vary`. */
  readonly vary: string;
}

/** What `decideActual` returns. */
export type ActualDecision = NotCorsDecision | AllowedActualDecision | RefusedActualDecision | RefusedWriteDecision;

/** What `decidePreflight` returns. */
export type PreflightDecision = AllowedPreflightDecision | RefusedPreflightDecision;

/** Any decision of the engine. */
export type CorsDecision = ActualDecision | PreflightDecision;
