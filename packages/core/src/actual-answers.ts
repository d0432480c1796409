// The answers to actual (non-preflight) requests, precomputed per policy: only the
// `Access-Control-Allow-Origin` value of an allowed origin is built per request.

import { ACAC, ACAO, ACEH, REFUSAL_HEADER, VARY_ORIGIN } from './protocol.js';
import { explainRefusal } from './refusal-text.js';
import type { ResolvedConfig } from './resolved-config.js';
import type {
  AllowedActualDecision,
  CorsHeaderList,
  CorsRefusal,
  NotCorsDecision,
  RefusedActualDecision,
  RefusedWriteDecision,
} from './types.js';

const NO_HEADERS: CorsHeaderList = Object.freeze([]);

interface ActualAnswers {
  /** The answer to a request without `Origin`. */
  readonly noOrigin: NotCorsDecision | AllowedActualDecision;
  /** The answer to every request under `origin: '*'`; undefined otherwise. */
  readonly any: AllowedActualDecision | undefined;
  allow(origin: string): AllowedActualDecision;
  refuse(refusal: CorsRefusal): RefusedActualDecision;
  refuseWrite(refusal: CorsRefusal): RefusedWriteDecision;
}

export function compileActualAnswers<Req>(config: ResolvedConfig<Req>): ActualAnswers {
  const anyOrigin = config.origin.kind === 'any';
  const vary = anyOrigin ? undefined : VARY_ORIGIN;

  // The headers after ACAO, the same for every allowed request.
  const tail: (readonly [string, string])[] = [];
  if (config.credentials) tail.push([ACAC, 'true']);
  const expose = config.exposeHeaders;
  if (expose.wildcard) tail.push([ACEH, '*']);
  else if (expose.names.length > 0) tail.push([ACEH, expose.names.join(', ')]);

  const any: AllowedActualDecision | undefined = anyOrigin
    ? Object.freeze({ kind: 'actual', allowed: true, headers: Object.freeze([[ACAO, '*'] as const, ...tail]), vary: undefined })
    : undefined;
  // A `*` resource answers `*` whether or not the request was a CORS one, so that a shared
  // cache can hand the same answer to everyone
  // (https://fetch.spec.whatwg.org/#cors-protocol-and-http-caches).
  const noOrigin: NotCorsDecision | AllowedActualDecision = any ?? Object.freeze({ kind: 'not-cors', vary });
  const explain = config.explainRefusals;

  return {
    noOrigin,
    any,
    allow(origin) {
      const headers: (readonly [string, string])[] = [[ACAO, origin]];
      for (let i = 0; i < tail.length; i++) headers.push(tail[i]!);
      return { kind: 'actual', allowed: true, headers, vary };
    },
    refuse(refusal) {
      return { kind: 'actual', allowed: false, refusal, vary };
    },
    refuseWrite(refusal) {
      const headers = explain ? [[REFUSAL_HEADER, explainRefusal(refusal).message] as const] : NO_HEADERS;
      return { kind: 'write', allowed: false, status: 403, headers, refusal, vary };
    },
  };
}
