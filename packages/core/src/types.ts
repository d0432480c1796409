/** Anything a function may return either directly or wrapped in a promise. */
export type MaybePromise<T> = T | Promise<T>;

/**
 * Decides, per request, whether an origin may read responses.
 * Receives the serialized `Origin` value (already checked to be well formed, or the string
 * `'null'` for opaque origins) and the request it came with.
 */
export type OriginFunction<Req = Request> = (origin: string, request: Req) => MaybePromise<boolean>;

/** A synchronous origin function: keeps `preflight`, `apply` and `decide` synchronous. */
export type SyncOriginFunction<Req = Request> = (origin: string, request: Req) => boolean;

/**
 * Which origins may read responses:
 * - `'*'`: any origin (only without credentials; the response carries the literal `*`);
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

/** Lets editors suggest common names while accepting any header name. */
// eslint-disable-next-line @typescript-eslint/ban-types
type AnyString = string & {};

export interface CorsOptions<Req = Request> {
  /** Required. Which origins may read responses. See {@link OriginOption}. */
  origin: OriginOption<Req>;
  /**
   * Methods allowed in preflights. `GET`, `HEAD` and `POST` never need listing.
   * `'*'`: every method a browser can send.
   * @default ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE']
   */
  allowMethods?: ReadonlyArray<KnownMethod | AnyString> | '*' | undefined;
  /**
   * Request headers allowed in preflights (case-insensitive). `'*'` allows every header but
   * `authorization`, which must be listed by name beside it: `['*', 'authorization']`.
   * @default ['content-type']
   */
  allowHeaders?: ReadonlyArray<'content-type' | 'authorization' | '*' | AnyString> | '*' | undefined;
  /**
   * Response headers that scripts may read beyond the always-readable ones.
   * `'*'` only without credentials.
   * @default []
   */
  exposeHeaders?: ReadonlyArray<AnyString> | '*' | undefined;
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
}

/** Options whose origin check is synchronous: the policy never returns a promise of its own. */
export interface SyncCorsOptions<Req = Request> extends CorsOptions<Req> {
  origin: '*' | string | RegExp | ReadonlyArray<string | RegExp> | SyncOriginFunction<Req>;
}

/** Header name/value pairs to set on a response; names are lowercase. */
export type CorsHeaderList = ReadonlyArray<readonly [name: string, value: string]>;

/** Why a request was refused, for logs and diagnostics. */
export type CorsRefusal =
  /** The origin is not allowed (or is malformed, or `null`). */
  | { readonly reason: 'origin'; readonly origin: string }
  /** The preflight asked for a method that is not allowed, or is not a valid method token. */
  | { readonly reason: 'method'; readonly method: string }
  /** The preflight asked for a request header that is not allowed. */
  | { readonly reason: 'header'; readonly header: string }
  /** `Access-Control-Request-Headers` is not a comma-separated list of header names. */
  | { readonly reason: 'malformed-request-headers'; readonly detail: string }
  /** `Access-Control-Request-Headers` exceeds the parser's bounds. */
  | { readonly reason: 'oversized-request-headers'; readonly detail: string };

/** A request without `Origin`: not a CORS request. */
export interface NotCorsDecision {
  readonly kind: 'not-cors';
  /** Tokens to merge into the response's `Vary`, if any (`'Origin'` when ACAO depends on it). */
  readonly vary: string | undefined;
}

/** An actual (non-preflight) request from an allowed origin. */
export interface AllowedActualDecision {
  readonly kind: 'actual';
  readonly allowed: true;
  /** Headers to set (replacing any the handler set). */
  readonly headers: CorsHeaderList;
  readonly vary: string | undefined;
}

/** An actual request from an origin that is not allowed: the handler runs, nothing is exposed. */
export interface RefusedActualDecision {
  readonly kind: 'actual';
  readonly allowed: false;
  readonly refusal: CorsRefusal;
  readonly vary: string | undefined;
}

/** A preflight that passes: answer with `status`, these headers and an empty body. */
export interface AllowedPreflightDecision {
  readonly kind: 'preflight';
  readonly allowed: true;
  readonly status: number;
  readonly headers: CorsHeaderList;
  readonly vary: string | undefined;
}

/** A preflight that fails: answer 403 without any CORS header. */
export interface RefusedPreflightDecision {
  readonly kind: 'preflight';
  readonly allowed: false;
  readonly status: 403;
  readonly refusal: CorsRefusal;
  readonly vary: string | undefined;
}

export type CorsDecision =
  | NotCorsDecision
  | AllowedActualDecision
  | RefusedActualDecision
  | AllowedPreflightDecision
  | RefusedPreflightDecision;
