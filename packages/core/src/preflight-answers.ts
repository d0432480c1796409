// The answers to preflights from an origin the policy allows, and to refused ones, with
// everything that does not depend on the request precomputed per policy.
// https://fetch.spec.whatwg.org/#cors-preflight-fetch says what the browser checks.

import { isSendableMethod } from './methods.js';
import {
  ACAC,
  ACAH,
  ACAM,
  ACAO,
  ACMA,
  CACHE_CONTROL,
  PREFLIGHT_VARY_TOKENS,
  REFUSAL_HEADER,
  SAFELISTED_METHODS,
  VARY_ORIGIN,
} from './protocol.js';
import { explainRefusal } from './refusal-text.js';
import { compileRequestHeadersCheck, requestedNamesExcept } from './request-headers.js';
import type { ResolvedConfig, ResolvedMethods } from './resolved-config.js';
import type { CorsHeaderList, CorsRefusal, PreflightDecision, RefusedPreflightDecision } from './types.js';

type Pair = readonly [string, string];

const NO_HEADERS: CorsHeaderList = Object.freeze([]);

interface PreflightAnswers {
  /** The answer for an allowed origin: allowed, or refused for its method or headers. */
  answer(origin: string, method: string, requestHeaders: string | null | undefined): PreflightDecision;
  /** The answer when the origin itself is refused: 403, no CORS header. */
  refuseOrigin(refusal: CorsRefusal): RefusedPreflightDecision;
}

/**
 * What a policy says about methods, compiled once from one list: the check of a preflight's
 * method (undefined when allowed, else the refusal) and the `Access-Control-Allow-Methods` pair
 * (undefined when nothing is listed: an empty header lists nothing either). A refusal carries
 * the very names the header sends, so that what the developer reads and what the browser
 * reads agree.
 */
function compileMethods(methods: ResolvedMethods): { check: (origin: string, method: string) => CorsRefusal | undefined; acam: Pair | undefined } {
  const anyMethod = methods.kind === 'wildcard';
  const names: readonly string[] = Object.freeze(anyMethod ? [] : methods.names.slice());
  const listed = new Set(names);
  const check = (origin: string, method: string): CorsRefusal | undefined => {
    if (listed.has(method) || SAFELISTED_METHODS.has(method)) return undefined;
    if (!isSendableMethod(method)) return { code: 'method.invalid', origin, method };
    if (anyMethod) return undefined;
    return { code: 'method.not-allowed', origin, method, allowed: names };
  };
  const acam: Pair | undefined = anyMethod ? [ACAM, '*'] : names.length > 0 ? [ACAM, names.join(', ')] : undefined;
  return { check, acam };
}

export function compilePreflightAnswers<Req>(config: ResolvedConfig<Req>): PreflightAnswers {
  // Everything that does not depend on the request, computed once and shared by every decision
  // (the lists are read-only).
  const { credentials, explainRefusals: explain, preflightStatus: status } = config;
  const anyOrigin = config.origin.kind === 'any';
  const vary = [...(anyOrigin ? [] : [VARY_ORIGIN]), ...PREFLIGHT_VARY_TOKENS].join(', ');
  const methods = config.allowMethods;
  const anyMethod = methods.kind === 'wildcard';
  const { check: checkMethod, acam } = compileMethods(methods);
  const headers = config.allowHeaders;
  const headersWildcard = headers.wildcard;
  // With credentials, browsers read `*` as a method or header literally named `*`: reflect instead.
  const reflectMethod = anyMethod && credentials;
  const reflectHeaders = headersWildcard && credentials;
  const checkRequestHeaders = compileRequestHeadersCheck(headersWildcard, headers.names);
  const listedHeaders = headers.names.join(', ');
  const acac: Pair = [ACAC, 'true'];
  const acah: Pair = [ACAH, [...(headersWildcard ? ['*'] : []), ...headers.names].join(', ')];
  const acma: Pair = [ACMA, String(config.maxAge)];
  const cacheControl: Pair | undefined = config.preflightCacheControl === undefined ? undefined : [CACHE_CONTROL, config.preflightCacheControl];

  /** ACAO, ACAC and ACAM: the methods reflected under a credentialed `*`, else the policy's list if any. */
  function opening(origin: string, method: string): Pair[] {
    const list: Pair[] = [[ACAO, anyOrigin ? '*' : origin]];
    if (credentials) list.push(acac);
    if (reflectMethod) list.push([ACAM, method]);
    else if (acam !== undefined) list.push(acam);
    return list;
  }

  function refuseOrigin(refusal: CorsRefusal): RefusedPreflightDecision {
    const list = explain ? [[REFUSAL_HEADER, explainRefusal(refusal).message] as const] : NO_HEADERS;
    return { kind: 'preflight', allowed: false, status: 403, headers: list, refusal, vary };
  }

  /**
   * A refused method or header, answered so that the browser still blocks the request and its
   * console names what was refused: the allowed status, ACAO, and what is allowed, never the
   * refused name nor a wildcard that would cover it; no Max-Age, so nothing is cached.
   * Anything else (no browser sends it) is answered like a refused origin.
   */
  function refuse(refusal: CorsRefusal, origin: string, method: string, requestHeaders: string): RefusedPreflightDecision {
    const code = refusal.code;
    if (!explain || (code !== 'method.not-allowed' && code !== 'header.not-allowed' && code !== 'header.authorization-not-covered')) {
      return refuseOrigin(refusal);
    }
    const list = opening(origin, method);
    if (code !== 'method.not-allowed') {
      // Browsers let `*` cover `authorization`, so the wildcard's refusal lists the other names.
      const names = headersWildcard && 'header' in refusal ? requestedNamesExcept(requestHeaders, refusal.header) : listedHeaders;
      if (names !== '') list.push([ACAH, names]);
    }
    list.push([REFUSAL_HEADER, explainRefusal(refusal).message]);
    return { kind: 'preflight', allowed: false, status, headers: list, refusal, vary };
  }

  function answer(origin: string, method: string, requestHeaders: string | null | undefined): PreflightDecision {
    const methodRefusal = checkMethod(origin, method);
    if (methodRefusal !== undefined) return refuse(methodRefusal, origin, method, requestHeaders ?? '');
    const hasHeaders = requestHeaders != null && requestHeaders !== '';
    if (hasHeaders) {
      const headerRefusal = checkRequestHeaders(requestHeaders, origin);
      if (headerRefusal !== undefined) return refuse(headerRefusal, origin, method, requestHeaders);
    }
    const list = opening(origin, method);
    if (hasHeaders) list.push(reflectHeaders ? [ACAH, requestHeaders] : acah);
    list.push(acma);
    if (cacheControl !== undefined) list.push(cacheControl);
    return { kind: 'preflight', allowed: true, status, headers: list, vary };
  }

  return { answer, refuseOrigin };
}
