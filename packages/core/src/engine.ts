// The decision logic every adapter shares. It works from plain header values and returns what
// to send; it never builds a Request or Response, so a framework with its own request objects
// (Fastify) uses it directly. A short builder assembles what configuration compiled once: the
// origin check, the answers to actual requests, the answers to preflights, the refusal reporter.

import { compileActualAnswers } from './actual-answers.js';
import { settle } from './maybe-promise.js';
import { routeMethods } from './methods.js';
import { compileOriginCheck, type OriginCheck } from './origin-check.js';
import { compilePreflightAnswers } from './preflight-answers.js';
import { ACRH, ACRM, ORIGIN, SAFE_METHODS } from './protocol.js';
import { compileReporter, type Reporter } from './refusal-reports.js';
import { fetchRequestAccess, type RequestAccess } from './request-access.js';
import type { ResolvedConfig } from './resolved-config.js';
import type {
  ActualDecision,
  AllowedActualDecision,
  CorsDecision,
  CorsOptions,
  CorsRefusal,
  MaybePromise,
  NotCorsDecision,
  PreflightDecision,
  SyncCorsOptions,
} from './types.js';
import { validateConfig } from './validate-config.js';
import { isSameOriginRequest, writeRefusal } from './write-protection.js';

/** `T`, or a promise of it when the engine is not known to be synchronous. */
export type Out<T, Sync extends boolean> = Sync extends true ? T : MaybePromise<T>;

/**
 * The low-level CORS decision API: raw header values in, what to send out. Adapters translate
 * the decisions into their framework's responses.
 */
export interface CorsEngine<Req = Request, Sync extends boolean = boolean> {
  /**
   * Classifies `request` once, as the Fetch Standard does, and decides it: a preflight
   * (`kind: 'preflight'`), a refused cross-origin write (`'write'`), or anything else, to be
   * served and decorated (`'actual'`, `'not-cors'`). The one entry point adapters need before
   * the handler runs; the request is read through the engine's `RequestAccess`.
   */
  decide(request: Req): Out<CorsDecision, Sync>;
  /**
   * Decides a preflight (`OPTIONS` with `Origin` and `Access-Control-Request-Method`).
   * @param origin the `Origin` header
   * @param requestMethod `Access-Control-Request-Method`
   * @param requestHeaders `Access-Control-Request-Headers`, or null/undefined when absent
   * @param request handed to an origin function and to `onRefusal`
   */
  decidePreflight(origin: string, requestMethod: string, requestHeaders: string | null | undefined, request: Req): Out<PreflightDecision, Sync>;
  /**
   * Decides any other request: whether its origin may read the answer, and (with
   * `protectWrites`) whether it may reach the handler at all.
   * @param origin the `Origin` header, or null/undefined when absent
   * @param checkWrites false when the handler already ran (decorating its response), so that
   *   no write can be refused any more; default true
   */
  decideActual(origin: string | null | undefined, request: Req, checkWrites?: boolean): Out<ActualDecision, Sync>;
  /** Whether answers depend on `Origin`, so caches must see `Vary: Origin`. */
  readonly variesByOrigin: boolean;
  /**
   * The decision for a request without `Origin` that write protection lets through (with
   * `origin: '*'`, the same `*` answer as every request; otherwise `Vary: Origin` only).
   */
  readonly noOrigin: NotCorsDecision | AllowedActualDecision;
  /** The validated, normalised configuration. */
  readonly config: ResolvedConfig<Req>;
  /**
   * An engine that advertises `methods` (the ones a route implements) unless the user chose
   * `allowMethods`, in which case it returns this engine. Methods are normalised as browsers
   * send them; CONNECT, TRACE and TRACK are skipped. Memoised per method list; shares the
   * origin check and the refusal reporter.
   */
  withRouteMethods(methods: Iterable<string>): CorsEngine<Req, Sync>;
}

/**
 * Builds the decision engine; throws CorsConfigError when the options are wrong. `access`
 * reads what the engine needs beyond the header values it is given (the method, the
 * `Sec-Fetch-Site` header, the host); it defaults to reading a WHATWG Request.
 */
export function createCorsEngine<Req extends Request = Request>(options: SyncCorsOptions<Req>): CorsEngine<Req, true>;
/** The engine for WHATWG Requests; may decide asynchronously (an async origin function). */
export function createCorsEngine<Req extends Request = Request>(options: CorsOptions<Req>): CorsEngine<Req, boolean>;
/** The engine for another request type, read through `access`; synchronous. */
export function createCorsEngine<Req>(options: SyncCorsOptions<Req>, access: RequestAccess<Req>): CorsEngine<Req, true>;
/** The engine for another request type, read through `access`. */
export function createCorsEngine<Req>(options: CorsOptions<Req>, access: RequestAccess<Req>): CorsEngine<Req, boolean>;
export function createCorsEngine<Req>(options: CorsOptions<Req>, access?: RequestAccess<Req>): CorsEngine<Req, boolean> {
  const config = validateConfig<Req>(options);
  const shared: Shared<Req> = {
    check: compileOriginCheck(config.origin),
    report: compileReporter(config.onRefusal),
    access: access ?? (fetchRequestAccess as unknown as RequestAccess<Req>),
  };
  return buildEngine(config, shared);
}

/** What engines derived by withRouteMethods share with the one they came from. */
interface Shared<Req> {
  readonly check: OriginCheck<Req>;
  readonly report: Reporter<Req> | undefined;
  readonly access: RequestAccess<Req>;
}

function buildEngine<Req>(config: ResolvedConfig<Req>, shared: Shared<Req>): CorsEngine<Req, boolean> {
  const { check, report, access } = shared;
  const anyOrigin = config.origin.kind === 'any';
  const protect = config.protectWrites;
  const actual = compileActualAnswers(config);
  const preflights = compilePreflightAnswers(config);

  function finishPreflight(
    refusal: CorsRefusal | undefined,
    origin: string,
    method: string,
    requestHeaders: string | null | undefined,
    request: Req,
  ): PreflightDecision {
    const decision = refusal === undefined ? preflights.answer(origin, method, requestHeaders) : preflights.refuseOrigin(refusal);
    if (!decision.allowed && report !== undefined) report('preflight', decision.refusal, origin, method, requestHeaders ?? null, request);
    return decision;
  }

  /** The write refusal for `origin` (allowed or not) when protection applies to this request. */
  function refusedWrite(origin: string | null, request: Req): ActualDecision | undefined {
    const method = access.method(request);
    if (SAFE_METHODS.has(method)) return undefined;
    const refusal = writeRefusal(origin, method, request, access);
    if (refusal === undefined) return undefined;
    if (report !== undefined) report('write', refusal, origin, method, null, request);
    return actual.refuseWrite(refusal);
  }

  function finishActual(refusal: CorsRefusal | undefined, origin: string, request: Req, checkWrites: boolean): ActualDecision {
    if (refusal === undefined) return actual.allow(origin);
    if (checkWrites) {
      const write = refusedWrite(origin, request);
      if (write !== undefined) return write;
    }
    // A same-origin request carries Origin too (every POST does); it needs no CORS, so its
    // "refusal" is not one worth reporting.
    if (report !== undefined && !isSameOriginRequest(origin, request, access)) {
      report('actual', refusal, origin, access.method(request), null, request);
    }
    return actual.refuse(refusal);
  }

  const engine: CorsEngine<Req, boolean> = {
    variesByOrigin: !anyOrigin,
    noOrigin: actual.noOrigin,
    config,
    decide(request) {
      // The one place a request is classified (https://fetch.spec.whatwg.org/#http-requests):
      // without `Origin` it is not a CORS request (https://fetch.spec.whatwg.org/#cors-request),
      // though it may still be a write to refuse; `OPTIONS` with `Origin` and
      // `Access-Control-Request-Method` is a preflight
      // (https://fetch.spec.whatwg.org/#cors-preflight-request); anything else with `Origin`,
      // an `OPTIONS` of the application's own included, is an actual request.
      const origin = access.header(request, ORIGIN) ?? null;
      if (origin === null) return (protect && refusedWrite(null, request)) || actual.noOrigin;
      if (access.method(request) === 'OPTIONS') {
        const requestMethod = access.header(request, ACRM);
        if (requestMethod != null) return engine.decidePreflight(origin, requestMethod, access.header(request, ACRH), request);
      }
      return engine.decideActual(origin, request);
    },
    decidePreflight(origin, method, requestHeaders, request) {
      return settle(check(origin, request), (refusal) => finishPreflight(refusal, origin, method, requestHeaders, request));
    },
    decideActual(origin, request, checkWrites = true) {
      const writes = protect && checkWrites;
      if (origin == null) return (writes && refusedWrite(null, request)) || actual.noOrigin;
      if (actual.any !== undefined) return actual.any;
      return settle(check(origin, request), (refusal) => finishActual(refusal, origin, request, writes));
    },
    withRouteMethods: routed(config, shared, () => engine),
  };
  return engine;
}

/** `withRouteMethods`, memoised per normalised method list. */
function routed<Req>(config: ResolvedConfig<Req>, shared: Shared<Req>, self: () => CorsEngine<Req, boolean>) {
  const byMethods = new Map<string, CorsEngine<Req, boolean>>();
  return (methods: Iterable<string>): CorsEngine<Req, boolean> => {
    if (config.allowMethods.kind !== 'default') return self();
    const names = routeMethods(methods);
    const key = names.join(' ');
    let engine = byMethods.get(key);
    if (engine === undefined) {
      engine = buildEngine({ ...config, allowMethods: { kind: 'default', names } }, shared);
      byMethods.set(key, engine);
    }
    return engine;
  };
}
