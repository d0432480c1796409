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
import { allowedRequestHeaders, checkRequestHeaders, requestedNamesExcept, type AllowedRequestHeaders } from './request-headers.js';
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

/** What one policy's preflight answers share, computed once. */
interface Parts {
  readonly credentials: boolean;
  readonly explain: boolean;
  readonly status: number;
  readonly anyOrigin: boolean;
  readonly vary: string;
  readonly anyMethod: boolean;
  readonly methodNames: readonly string[];
  readonly methodSet: ReadonlySet<string>;
  /** With credentials, browsers read `*` as a method or header literally named `*`: reflect instead. */
  readonly reflectMethod: boolean;
  readonly reflectHeaders: boolean;
  readonly headersWildcard: boolean;
  readonly allowed: AllowedRequestHeaders;
  readonly listedHeaders: string;
  readonly acac: Pair;
  readonly acam: Pair;
  readonly acah: Pair;
  readonly acma: Pair;
  readonly cacheControl: Pair | undefined;
}

function compileParts<Req>(config: ResolvedConfig<Req>): Parts {
  const anyOrigin = config.origin.kind === 'any';
  const methods = config.allowMethods;
  const anyMethod = methods.kind === 'wildcard';
  const methodNames: readonly string[] = Object.freeze(methods.kind === 'wildcard' ? [] : methods.names.slice());
  const headers = config.allowHeaders;
  return {
    credentials: config.credentials,
    explain: config.explainRefusals,
    status: config.preflightStatus,
    anyOrigin,
    vary: [...(anyOrigin ? [] : [VARY_ORIGIN]), ...PREFLIGHT_VARY_TOKENS].join(', '),
    anyMethod,
    methodNames,
    methodSet: new Set(methodNames),
    reflectMethod: anyMethod && config.credentials,
    reflectHeaders: headers.wildcard && config.credentials,
    headersWildcard: headers.wildcard,
    allowed: allowedRequestHeaders(headers.wildcard, headers.names),
    listedHeaders: headers.names.join(', '),
    // Shared by every decision (the lists are read-only).
    acac: [ACAC, 'true'],
    acam: [ACAM, anyMethod ? '*' : methodNames.join(', ')],
    acah: [ACAH, [...(headers.wildcard ? ['*'] : []), ...headers.names].join(', ')],
    acma: [ACMA, String(config.maxAge)],
    cacheControl: config.preflightCacheControl === undefined ? undefined : [CACHE_CONTROL, config.preflightCacheControl],
  };
}

function checkMethod(p: Parts, origin: string, method: string): CorsRefusal | undefined {
  if (p.methodSet.has(method) || SAFELISTED_METHODS.has(method)) return undefined;
  if (!isSendableMethod(method)) return { code: 'method.invalid', origin, method };
  if (p.anyMethod) return undefined;
  return { code: 'method.not-allowed', origin, method, allowed: p.methodNames };
}

function opening(p: Parts, origin: string): Pair[] {
  const headers: Pair[] = [[ACAO, p.anyOrigin ? '*' : origin]];
  if (p.credentials) headers.push(p.acac);
  return headers;
}

function refuseOrigin(p: Parts, refusal: CorsRefusal): RefusedPreflightDecision {
  const headers = p.explain ? [[REFUSAL_HEADER, explainRefusal(refusal).message] as const] : NO_HEADERS;
  return { kind: 'preflight', allowed: false, status: 403, headers, refusal, vary: p.vary };
}

/**
 * A refused method or header, answered so that the browser still blocks the request and its
 * console names what was refused: the allowed status, ACAO, and what is allowed, never the
 * refused name nor a wildcard that would cover it; no Max-Age, so nothing is cached.
 * Anything else (no browser sends it) is answered like a refused origin.
 */
function refuse(p: Parts, refusal: CorsRefusal, origin: string, method: string, requestHeaders: string): RefusedPreflightDecision {
  const code = refusal.code;
  if (!p.explain || (code !== 'method.not-allowed' && code !== 'header.not-allowed' && code !== 'header.authorization-not-covered')) {
    return refuseOrigin(p, refusal);
  }
  const headers = opening(p, origin);
  if (code === 'method.not-allowed') {
    headers.push(p.acam);
  } else {
    headers.push(p.reflectMethod ? [ACAM, method] : p.acam);
    // Browsers let `*` cover `authorization`, so the wildcard's refusal lists the other names.
    const names = p.headersWildcard && 'header' in refusal ? requestedNamesExcept(requestHeaders, refusal.header) : p.listedHeaders;
    if (names !== '') headers.push([ACAH, names]);
  }
  headers.push([REFUSAL_HEADER, explainRefusal(refusal).message]);
  return { kind: 'preflight', allowed: false, status: p.status, headers, refusal, vary: p.vary };
}

function answer(p: Parts, origin: string, method: string, requestHeaders: string | null | undefined): PreflightDecision {
  const methodRefusal = checkMethod(p, origin, method);
  if (methodRefusal !== undefined) return refuse(p, methodRefusal, origin, method, requestHeaders ?? '');
  const hasHeaders = requestHeaders != null && requestHeaders !== '';
  if (hasHeaders) {
    const headerRefusal = checkRequestHeaders(requestHeaders, p.allowed, origin);
    if (headerRefusal !== undefined) return refuse(p, headerRefusal, origin, method, requestHeaders);
  }
  const headers = opening(p, origin);
  headers.push(p.reflectMethod ? [ACAM, method] : p.acam);
  if (hasHeaders) headers.push(p.reflectHeaders ? [ACAH, requestHeaders] : p.acah);
  headers.push(p.acma);
  if (p.cacheControl !== undefined) headers.push(p.cacheControl);
  return { kind: 'preflight', allowed: true, status: p.status, headers, vary: p.vary };
}

export function compilePreflightAnswers<Req>(config: ResolvedConfig<Req>): PreflightAnswers {
  const parts = compileParts(config);
  return {
    answer: (origin, method, requestHeaders) => answer(parts, origin, method, requestHeaders),
    refuseOrigin: (refusal) => refuseOrigin(parts, refusal),
  };
}
