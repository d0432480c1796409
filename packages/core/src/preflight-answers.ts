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
import { allowedRequestHeaders, checkRequestHeaders, requestedNamesExcept } from './request-headers.js';
import type { ResolvedConfig } from './resolved-config.js';
import type { CorsHeaderList, CorsRefusal, PreflightDecision, RefusedPreflightDecision } from './types.js';

type Pair = readonly [string, string];

const NO_HEADERS: CorsHeaderList = Object.freeze([]);

export interface PreflightAnswers {
  /** The answer for an allowed origin: allowed, or refused for its method or headers. */
  answer(origin: string, method: string, requestHeaders: string | null | undefined): PreflightDecision;
  /** The answer when the origin itself is refused: 403, no CORS header. */
  refuseOrigin(refusal: CorsRefusal): RefusedPreflightDecision;
}

export function compilePreflightAnswers<Req>(config: ResolvedConfig<Req>): PreflightAnswers {
  const { credentials, explainRefusals: explain, preflightStatus: status } = config;
  const anyOrigin = config.origin.kind === 'any';
  const vary = [...(anyOrigin ? [] : [VARY_ORIGIN]), ...PREFLIGHT_VARY_TOKENS].join(', ');

  const methods = config.allowMethods;
  const anyMethod = methods.kind === 'wildcard';
  const methodNames: readonly string[] = Object.freeze(methods.kind === 'wildcard' ? [] : methods.names.slice());
  const methodSet: ReadonlySet<string> = new Set(methodNames);
  // With credentials, browsers read `*` as a method literally named `*`: reflect instead
  // (https://fetch.spec.whatwg.org/#http-access-control-allow-methods).
  const reflectMethod = anyMethod && credentials;

  const headerConfig = config.allowHeaders;
  const allowed = allowedRequestHeaders(headerConfig.wildcard, headerConfig.names);
  // Likewise `*` in Access-Control-Allow-Headers under credentials.
  const reflectHeaders = headerConfig.wildcard && credentials;

  // Pairs that do not depend on the request, shared by every decision (the lists are read-only).
  const acacPair: Pair = [ACAC, 'true'];
  const acamPair: Pair = [ACAM, anyMethod ? '*' : methodNames.join(', ')];
  const acahPair: Pair = [ACAH, [...(headerConfig.wildcard ? ['*'] : []), ...headerConfig.names].join(', ')];
  const acmaPair: Pair = [ACMA, String(config.maxAge)];
  const cachePair: Pair | undefined =
    config.preflightCacheControl === undefined ? undefined : [CACHE_CONTROL, config.preflightCacheControl];
  const listedHeaders = headerConfig.names.join(', ');

  function checkMethod(origin: string, method: string): CorsRefusal | undefined {
    if (methodSet.has(method) || SAFELISTED_METHODS.has(method)) return undefined;
    if (!isSendableMethod(method)) return { code: 'method.invalid', origin, method };
    if (anyMethod) return undefined;
    return { code: 'method.not-allowed', origin, method, allowed: methodNames };
  }

  function opening(origin: string): Pair[] {
    const headers: Pair[] = [[ACAO, anyOrigin ? '*' : origin]];
    if (credentials) headers.push(acacPair);
    return headers;
  }

  function refuseOrigin(refusal: CorsRefusal): RefusedPreflightDecision {
    const headers = explain ? [[REFUSAL_HEADER, explainRefusal(refusal).message] as const] : NO_HEADERS;
    return { kind: 'preflight', allowed: false, status: 403, headers, refusal, vary };
  }

  /**
   * A refused method or header, answered so that the browser still blocks the request and its
   * console names what was refused: the allowed status, ACAO, and what is allowed, never the
   * refused name nor a wildcard that would cover it; no Max-Age, so nothing is cached.
   */
  function explainedRefusal(refusal: CorsRefusal, origin: string, method: string, requestHeaders: string): RefusedPreflightDecision {
    const headers = opening(origin);
    if (refusal.code === 'method.not-allowed') {
      headers.push(acamPair);
    } else {
      headers.push(reflectMethod ? [ACAM, method] : acamPair);
      // Browsers let `*` cover `authorization`, so the wildcard's refusal lists the other names.
      const names = headerConfig.wildcard && 'header' in refusal ? requestedNamesExcept(requestHeaders, refusal.header) : listedHeaders;
      if (names !== '') headers.push([ACAH, names]);
    }
    headers.push([REFUSAL_HEADER, explainRefusal(refusal).message]);
    return { kind: 'preflight', allowed: false, status, headers, refusal, vary };
  }

  function refuse(refusal: CorsRefusal, origin: string, method: string, requestHeaders: string): RefusedPreflightDecision {
    const code = refusal.code;
    const explainable = explain && (code === 'method.not-allowed' || code === 'header.not-allowed' || code === 'header.authorization-not-covered');
    return explainable ? explainedRefusal(refusal, origin, method, requestHeaders) : refuseOrigin(refusal);
  }

  return {
    refuseOrigin,
    answer(origin, method, requestHeaders) {
      const methodRefusal = checkMethod(origin, method);
      if (methodRefusal !== undefined) return refuse(methodRefusal, origin, method, requestHeaders ?? '');
      const hasHeaders = requestHeaders != null && requestHeaders !== '';
      if (hasHeaders) {
        const headerRefusal = checkRequestHeaders(requestHeaders, allowed, origin);
        if (headerRefusal !== undefined) return refuse(headerRefusal, origin, method, requestHeaders);
      }
      const headers = opening(origin);
      headers.push(reflectMethod ? [ACAM, method] : acamPair);
      if (hasHeaders) headers.push(reflectHeaders ? [ACAH, requestHeaders] : acahPair);
      headers.push(acmaPair);
      if (cachePair !== undefined) headers.push(cachePair);
      return { kind: 'preflight', allowed: true, status, headers, vary };
    },
  };
}
