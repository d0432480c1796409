// The step every entry takes before the application runs: one policy per request, decided
// once, and a word when the middleware was mounted where it comes too late to protect writes
// from everything (after a body parser).

import type { MaybePromise } from '@portcullis/core';
import type { CorsDecision, CorsEngine } from '@portcullis/core/adapter';
import type { NodeRequest } from './node-request.js';
import { decidedBy, decorate, type NodeResponse } from './node-response.js';

/** Set on a request by body-parser once it has read the body. */
type ParsedRequest = NodeRequest & { _body?: unknown; originalUrl?: string };

let warnedAfterBody = false;

/**
 * The decision of `engine` for `request` (the framework's own object; `raw` is Node's request
 * inside it), or undefined when the same policy already decided (the same middleware mounted
 * twice). Throws when another policy did: which of two policies applies is for the
 * application to say, not for mounting order to decide silently.
 */
export function decideOnce<Req>(engine: CorsEngine<Req>, request: Req, raw: NodeRequest, response: NodeResponse): MaybePromise<CorsDecision> | undefined {
  const earlier = decidedBy(response);
  if (earlier !== undefined) {
    if (earlier === engine) return undefined;
    const url = (raw as ParsedRequest).originalUrl ?? raw.url;
    throw new TypeError(
      `two CORS policies apply to ${raw.method} ${url}: cors() is mounted on overlapping paths; mount each policy on its own paths, or choose one per request with corsByRequest`,
    );
  }
  if (!warnedAfterBody && (raw.readableDidRead || (raw as ParsedRequest)._body === true)) {
    warnedAfterBody = true;
    process.emitWarning(
      'cors() runs after middleware that read the request body (a body parser): cross-site writes are still refused before your routes, but only after that middleware has read them, and its own errors (400, 413) reach browsers without CORS headers; mount cors() before body parsers',
      { code: 'PORTCULLIS_AFTER_BODY_PARSER' },
    );
  }
  return engine.decide(request);
}

const FAILED: CorsDecision = Object.freeze({ kind: 'not-cors', vary: 'Origin' });

/**
 * Deciding failed (an origin function or a chooser threw or rejected): the error response the
 * application sends gets no CORS headers, since nobody could check the origin, but `Vary:
 * Origin` when the answer depends on it.
 */
export function decideFailed(response: NodeResponse, engine: CorsEngine<never> | undefined): void {
  if (engine !== undefined && engine.variesByOrigin && decidedBy(response) === undefined) decorate(response, FAILED, engine);
}
