// The Fetch glue: turning decisions into Responses, and adding headers to the handler's
// Response without breaking it. Headers are changed in place when the Response allows it;
// responses with immutable headers (Response.redirect(), fetch() results) are copied around
// the same body stream, which is never read or buffered.

import { describeRefusal } from './describe-refusal.js';
import { ACAC, ACEH } from './engine.js';
import type { CorsDecision, RefusedPreflightDecision, AllowedPreflightDecision } from './types.js';
import { varyMerger } from './vary.js';

type ActualDecision = Exclude<CorsDecision, AllowedPreflightDecision | RefusedPreflightDecision>;

const CORS_RESPONSE_PREFIX = 'access-control-';

/** Builds the empty-bodied answer to a preflight. */
export function preflightResponse(decision: AllowedPreflightDecision | RefusedPreflightDecision): Response {
  if (decision.allowed) {
    const headers = new Headers(decision.headers as [string, string][]);
    if (decision.vary !== undefined) headers.set('vary', decision.vary);
    return new Response(null, { status: decision.status, headers });
  }
  const headers = new Headers({
    'content-type': 'text/plain; charset=utf-8',
    'x-content-type-options': 'nosniff',
  });
  if (decision.vary !== undefined) headers.set('vary', decision.vary);
  return new Response(`CORS preflight refused: ${describeRefusal(decision.refusal)}\n`, { status: 403, headers });
}

function stripCorsHeaders(headers: Headers): void {
  let found: string[] | undefined;
  for (const name of headers.keys()) {
    if (name.startsWith(CORS_RESPONSE_PREFIX)) (found ??= []).push(name);
  }
  if (found !== undefined) for (const name of found) headers.delete(name);
}

/** Whether a handler's result is a Response whose headers we may add to. */
function isDecorable(response: unknown): response is Response {
  if (typeof response !== 'object' || response === null) return false;
  const status = (response as Response).status;
  // 101: a WebSocket upgrade; 0: Response.error(). Neither can carry CORS headers.
  return status !== 101 && status !== 0 && typeof (response as Response).headers === 'object';
}

/** Returns a function that adds an actual request's CORS headers and Vary to a Response. */
export function responseDecorator(varyTokens: string | undefined) {
  const mergeVary = varyTokens === undefined ? undefined : varyMerger(varyTokens);

  function mutate(headers: Headers, decision: ActualDecision): void {
    // Vary first: it is set in every origin-dependent case, so an immutable Headers throws here
    // before anything else was changed.
    if (mergeVary !== undefined && decision.vary !== undefined) mergeVary(headers);
    if (decision.kind !== 'actual') return;
    if (decision.allowed) {
      // ACAO is always set below; ACAC and ACEH are the other headers browsers read on an
      // actual response, and the policy alone decides them: a handler's own `ACAC: true`
      // beside our `*`, or its ACEH, must not survive.
      headers.delete(ACAC);
      headers.delete(ACEH);
      const list = decision.headers;
      for (let i = 0; i < list.length; i++) headers.set(list[i]![0], list[i]![1]);
    } else {
      stripCorsHeaders(headers);
    }
  }

  return function decorate<R>(response: R, decision: ActualDecision): R | Response {
    if (!isDecorable(response)) return response;
    if (decision.kind === 'not-cors' && decision.vary === undefined) return response;
    try {
      mutate(response.headers, decision);
      return response;
    } catch (error) {
      if (!(error instanceof TypeError)) throw error;
    }
    const copy = new Response(response.body, {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
    mutate(copy.headers, decision);
    return copy;
  };
}
