// The decision logic every adapter shares. It works from plain header values and returns
// what to send; it never touches a Request or Response, so a framework with its own request
// objects (Fastify) uses it directly. Everything that does not depend on the request is
// computed here once, at configuration time.

import { isTokenChar } from './http-tokens.js';
import { isThenable } from './maybe-promise.js';
import { isForbiddenMethod, normalizeMethod, SAFELISTED_METHODS } from './methods.js';
import { compileOriginMatcher, isSerializedOrigin } from './origin-matcher.js';
import { allowedRequestHeaders, checkRequestHeaders, type AllowedRequestHeaders } from './request-headers.js';
import type {
  AllowedActualDecision,
  CorsDecision,
  CorsHeaderList,
  CorsOptions,
  CorsRefusal,
  MaybePromise,
  NotCorsDecision,
  RefusedActualDecision,
  RefusedPreflightDecision,
  SyncCorsOptions,
} from './types.js';
import { validateConfig, type ResolvedConfig } from './validate-config.js';

export const ACAO = 'access-control-allow-origin';
export const ACAC = 'access-control-allow-credentials';
export const ACAM = 'access-control-allow-methods';
export const ACAH = 'access-control-allow-headers';
export const ACEH = 'access-control-expose-headers';
export const ACMA = 'access-control-max-age';

/** Longest method token accepted from Access-Control-Request-Method. */
const MAX_METHOD_LENGTH = 64;

/**
 * The low-level CORS decision API. `decide` takes the raw header values of a request and
 * returns what to do; adapters translate the result into their framework's response.
 */
export interface CorsEngine<Req = Request, Sync extends boolean = boolean> {
  /**
   * Decides how to treat one request.
   * @param method the request method, as received
   * @param origin the `Origin` header, or null/undefined when absent
   * @param requestMethod `Access-Control-Request-Method`, or null/undefined (read it only for OPTIONS)
   * @param requestHeaders `Access-Control-Request-Headers`, or null/undefined
   * @param request passed to an origin function as its second argument
   * @returns a decision; a promise only when an origin function returned one
   */
  decide(
    method: string,
    origin: string | null | undefined,
    requestMethod: string | null | undefined,
    requestHeaders: string | null | undefined,
    request: Req,
  ): Sync extends true ? CorsDecision : MaybePromise<CorsDecision>;
  /** Whether responses depend on `Origin`, so caches must see `Vary: Origin`. */
  readonly variesByOrigin: boolean;
  /** The validated, normalised configuration. */
  readonly config: ResolvedConfig<Req>;
  /**
   * An engine that advertises `methods` (e.g. the ones a route implements) unless the user set
   * `allowMethods` explicitly, in which case it returns this engine. Forbidden methods
   * (CONNECT, TRACE, TRACK) are skipped. Shares the compiled origin matcher.
   */
  withRouteMethods(methods: Iterable<string>): CorsEngine<Req, Sync>;
}

/** Builds the decision engine; throws CorsConfigError when the options are wrong. */
export function createCorsEngine<Req = Request>(options: SyncCorsOptions<Req>): CorsEngine<Req, true>;
export function createCorsEngine<Req = Request>(options: CorsOptions<Req>): CorsEngine<Req, boolean>;
export function createCorsEngine<Req = Request>(options: CorsOptions<Req>): CorsEngine<Req, boolean> {
  return buildEngine(validateConfig<Req>(options), undefined);
}

type OriginCheck<Req> = (origin: string, request: Req) => MaybePromise<boolean>;

function buildEngine<Req>(config: ResolvedConfig<Req>, sharedCheck: OriginCheck<Req> | undefined): CorsEngine<Req, boolean> {
  const { origin: originConfig, credentials } = config;
  const anyOrigin = originConfig.kind === 'any';
  const variesByOrigin = !anyOrigin;
  const actualVary = variesByOrigin ? 'Origin' : undefined;

  // --- origin check, compiled once --------------------------------------------------------
  let check: OriginCheck<Req>;
  if (sharedCheck !== undefined) check = sharedCheck;
  else if (originConfig.kind === 'any') check = () => true;
  else if (originConfig.kind === 'list') {
    const matches = compileOriginMatcher(originConfig.patterns, originConfig.regexps);
    check = (origin) => matches(origin);
  } else {
    const fn = originConfig.fn;
    // User code only ever sees well-formed origins (or 'null'); only `true` allows.
    check = (origin, request) => {
      if (!isSerializedOrigin(origin)) return false;
      const verdict = fn(origin, request);
      return isThenable<boolean>(verdict) ? Promise.resolve(verdict).then((v) => v === true) : verdict === true;
    };
  }

  // --- actual requests ------------------------------------------------------------------
  const actualTail: (readonly [string, string])[] = [];
  if (credentials) actualTail.push([ACAC, 'true']);
  const expose = config.exposeHeaders;
  if (expose === '*') actualTail.push([ACEH, '*']);
  else if (expose.length > 0) actualTail.push([ACEH, expose.join(', ')]);

  const notCors: NotCorsDecision = Object.freeze({ kind: 'not-cors', vary: actualVary });
  const anyOriginActual: AllowedActualDecision = Object.freeze({
    kind: 'actual',
    allowed: true,
    headers: Object.freeze([[ACAO, '*'] as const, ...actualTail]),
    vary: undefined,
  });

  function allowActual(origin: string): AllowedActualDecision {
    const headers: [string, string][] = [[ACAO, origin]];
    for (let i = 0; i < actualTail.length; i++) headers.push(actualTail[i] as [string, string]);
    return { kind: 'actual', allowed: true, headers, vary: actualVary };
  }

  function refuseActual(origin: string): RefusedActualDecision {
    return { kind: 'actual', allowed: false, refusal: { reason: 'origin', origin }, vary: actualVary };
  }

  // --- preflights -----------------------------------------------------------------------
  const methods = config.allowMethods;
  const anyMethod = methods === '*';
  const methodSet = new Set(anyMethod ? [] : methods);
  // With credentials, browsers read '*' as a method literally named '*': reflect instead.
  const reflectMethod = anyMethod && credentials;
  const methodsValue = anyMethod ? '*' : methods.join(', ');

  const headerConfig = config.allowHeaders;
  const anyHeader = headerConfig[0] === '*';
  const allowedHeaders: AllowedRequestHeaders = allowedRequestHeaders(
    anyHeader,
    anyHeader ? headerConfig.slice(1) : headerConfig,
  );
  const reflectHeaders = anyHeader && credentials;
  const headersValue = headerConfig.join(', ');

  const preflightVary = [
    variesByOrigin ? 'Origin' : '',
    'Access-Control-Request-Method',
    'Access-Control-Request-Headers',
  ]
    .filter(Boolean)
    .join(', ');
  const maxAgeValue = String(config.maxAge);
  // Pairs that do not depend on the request, shared by every decision (the lists are read-only).
  const acacPair = [ACAC, 'true'] as const;
  const acamPair = [ACAM, methodsValue] as const;
  const acahPair = [ACAH, headersValue] as const;
  const acmaPair = [ACMA, maxAgeValue] as const;
  const status = config.preflightStatus;

  function checkMethod(requestMethod: string): CorsRefusal | undefined {
    if (methodSet.has(requestMethod) || SAFELISTED_METHODS.has(requestMethod)) return undefined;
    if (anyMethod && isMethodToken(requestMethod) && !isForbiddenMethod(requestMethod)) return undefined;
    return { reason: 'method', method: requestMethod };
  }

  function refusePreflight(refusal: CorsRefusal): RefusedPreflightDecision {
    return { kind: 'preflight', allowed: false, status: 403, refusal, vary: preflightVary };
  }

  function preflight(
    allowed: boolean,
    origin: string,
    requestMethod: string,
    requestHeaders: string | null | undefined,
  ): CorsDecision {
    if (!allowed) return refusePreflight({ reason: 'origin', origin });
    const methodRefusal = checkMethod(requestMethod);
    if (methodRefusal !== undefined) return refusePreflight(methodRefusal);
    const hasHeaders = requestHeaders != null && requestHeaders !== '';
    if (hasHeaders) {
      const headerRefusal = checkRequestHeaders(requestHeaders, allowedHeaders);
      if (headerRefusal !== undefined) return refusePreflight(headerRefusal);
    }
    const headers: (readonly [string, string])[] = [[ACAO, anyOrigin ? '*' : origin]];
    if (credentials) headers.push(acacPair);
    headers.push(reflectMethod ? [ACAM, requestMethod] : acamPair);
    if (hasHeaders) headers.push(reflectHeaders ? [ACAH, requestHeaders] : acahPair);
    headers.push(acmaPair);
    return { kind: 'preflight', allowed: true, status, headers, vary: preflightVary };
  }

  function decide(
    method: string,
    origin: string | null | undefined,
    requestMethod: string | null | undefined,
    requestHeaders: string | null | undefined,
    request: Req,
  ): MaybePromise<CorsDecision> {
    if (origin == null) return notCors;
    const isPreflight = method === 'OPTIONS' && requestMethod != null;
    if (anyOrigin) {
      return isPreflight ? preflight(true, origin, requestMethod, requestHeaders) : anyOriginActual;
    }
    const verdict = check(origin, request);
    if (typeof verdict === 'boolean') {
      if (isPreflight) return preflight(verdict, origin, requestMethod, requestHeaders);
      return verdict ? allowActual(origin) : refuseActual(origin);
    }
    return verdict.then((allowed) => {
      if (isPreflight) return preflight(allowed, origin, requestMethod, requestHeaders);
      return allowed ? allowActual(origin) : refuseActual(origin);
    });
  }

  const engine: CorsEngine<Req, boolean> = {
    decide,
    variesByOrigin,
    config,
    withRouteMethods(routeMethods) {
      if (config.allowMethodsGiven) return engine;
      const list: string[] = [];
      for (const raw of routeMethods) {
        const m = normalizeMethod(raw);
        if (isMethodToken(m) && !isForbiddenMethod(m) && !list.includes(m)) list.push(m);
      }
      return buildEngine({ ...config, allowMethods: list }, check);
    },
  };
  return engine;
}

function isMethodToken(method: string): boolean {
  const n = method.length;
  if (n === 0 || n > MAX_METHOD_LENGTH) return false;
  for (let i = 0; i < n; i++) {
    if (!isTokenChar(method.charCodeAt(i))) return false;
  }
  return true;
}
