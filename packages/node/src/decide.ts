// The step every entry takes before the application runs: the policy that applies, one per
// request, decided once (an origin function may make it asynchronous), and a word when the
// middleware was mounted where it comes too late to keep writes from everything.

import { isThenable, type CorsDecision, type CorsEngine } from '@portcullis/core/adapter';
import type { NodeRequest } from './node-request.js';
import { decidedBy, decorate, type NodeResponse } from './node-response.js';
import type { Policy } from './options.js';

/**
 * What an entry does once a request is decided, built once per middleware; `a` and `b` are the
 * entry's own per-request values (`res` and `next`), passed through so that nothing is
 * allocated per request on the synchronous path.
 */
export interface Continuation<A, B> {
  /** The engine that decided and its decision, or undefined for both (no CORS here, or decided already). */
  decided(engine: object | undefined, decision: CorsDecision | undefined, a: A, b: B): void;
  /** The policy's own code (an origin function, a chooser) threw or rejected. */
  failed(error: unknown, a: A, b: B): void;
}

/** `_body` is set on a request by body-parser once it has read the body. */
type ParsedRequest = NodeRequest & { _body?: unknown; originalUrl?: string };

let warnedAfterBody = false;

/**
 * The engine's decision for `request` (the framework's own object; `raw` is Node's request
 * inside it), or undefined when the same policy already decided (the same middleware mounted
 * twice). Throws when another policy did: which of two policies applies is for the
 * application to say, not for mounting order to decide silently.
 */
function decideOnce<Req>(engine: CorsEngine<Req>, request: Req, raw: ParsedRequest, response: NodeResponse) {
  const earlier = decidedBy(response);
  if (earlier !== undefined) {
    if (earlier === engine) return undefined;
    throw new TypeError(`two CORS policies apply to ${raw.method} ${raw.originalUrl ?? raw.url}: mount each cors() on its own paths, or use corsByRequest`);
  }
  if (!warnedAfterBody && (raw.readableDidRead || raw._body === true)) {
    warnedAfterBody = true;
    process.emitWarning('cors() runs after a body parser, which reads the cross-site writes it refuses; mount it first', { code: 'PORTCULLIS_AFTER_BODY_PARSER' });
  }
  return engine.decide(request);
}

/**
 * Decides `request` under `policy` and calls `then.decided`, now or once an origin function
 * settles. When the policy's own code throws or rejects, `then.failed` gets the error, and the
 * error response the application then sends gets no CORS headers (nobody could check the
 * origin) but `Vary: Origin` when the answer depends on it.
 */
export function decideStep<Req, A, B>(policy: Policy<Req>, request: Req, raw: NodeRequest, response: NodeResponse, then: Continuation<A, B>, a: A, b: B): void {
  let engine: CorsEngine<Req> | undefined;
  let decision;
  try {
    engine = policy.engineFor(request);
    if (engine !== undefined) decision = decideOnce(engine, request, raw, response);
  } catch (error) {
    fail(error, engine, response, then, a, b);
    return;
  }
  if (!isThenable<CorsDecision>(decision)) then.decided(engine, decision, a, b);
  else {
    Promise.resolve(decision).then(
      (settled) => then.decided(engine, settled, a, b),
      (error: unknown) => fail(error, engine, response, then, a, b),
    );
  }
}

function fail<A, B>(error: unknown, engine: CorsEngine<never> | undefined, response: NodeResponse, then: Continuation<A, B>, a: A, b: B): void {
  // No CORS headers (nobody could check the origin), but the engine's own answer to a request
  // without Origin: `Vary: Origin`, since the answer depends on it.
  if (engine?.variesByOrigin && decidedBy(response) === undefined) decorate(response, engine.noOrigin, engine);
  then.failed(error, a, b);
}
