// The Fetch glue: turning decisions into Responses, and adding headers to the handler's
// Response without breaking it. Headers are changed in place when the Response allows it;
// responses with immutable headers (Response.redirect(), fetch() results) are copied around
// the same body stream, which is never read or buffered.

import { describeRefusal, REFUSAL_HEADER } from './describe-refusal.js';
import { ACAC, ACAO, ACEH } from './engine.js';
import type { CorsDecision, CorsHeaderList, RefusedPreflightDecision, AllowedPreflightDecision } from './types.js';
import { varyMerger } from './vary.js';

type ActualDecision = Exclude<CorsDecision, AllowedPreflightDecision | RefusedPreflightDecision>;

const CORS_RESPONSE_PREFIX = 'access-control-';

// Preflight headers are copied from prepared Headers: undici converts a list of pairs through
// WebIDL sequences, several times slower than copying a Headers, and the answers of one policy
// differ only in ACAO (and in whether headers were requested). The templates belong to one
// policy, are matched by content and are only ever copied, never handed out, so no request can
// see or change another's headers. Few are kept: reflected methods and headers vary per request.
const MAX_TEMPLATES = 4;

interface Template {
  readonly vary: string | undefined;
  /** The decision's headers after ACAO. */
  readonly pairs: CorsHeaderList;
  readonly headers: Headers;
}

/** Returns the function that answers one policy's preflight decisions with Responses. */
export function preflightResponder(): (decision: AllowedPreflightDecision | RefusedPreflightDecision) => Response {
  const allowedTemplates: Template[] = [];
  const refusedTemplates = new Map<string | undefined, Headers>();

  function allowedTemplate(list: CorsHeaderList, vary: string | undefined): Headers {
    // Compared pair by pair rather than through a string key: the engine's constant strings
    // compare by identity, and building a key cost more than the copy it saved.
    search: for (let t = 0; t < allowedTemplates.length; t++) {
      const template = allowedTemplates[t]!;
      const pairs = template.pairs;
      if (template.vary !== vary || pairs.length !== list.length - 1) continue;
      for (let i = 1; i < list.length; i++) {
        const a = list[i]!;
        const b = pairs[i - 1]!;
        if (a[0] !== b[0] || a[1] !== b[1]) continue search;
      }
      return template.headers;
    }
    const pairs = list.slice(1);
    const headers = new Headers(pairs as [string, string][]);
    if (vary !== undefined) headers.set('vary', vary);
    if (allowedTemplates.length >= MAX_TEMPLATES) allowedTemplates.shift();
    allowedTemplates.push({ vary, pairs, headers });
    return headers;
  }

  function refusedTemplate(vary: string | undefined): Headers {
    let template = refusedTemplates.get(vary);
    if (template === undefined) {
      if (refusedTemplates.size >= MAX_TEMPLATES) refusedTemplates.clear();
      template = new Headers();
      if (vary !== undefined) template.set('vary', vary);
      refusedTemplates.set(vary, template);
    }
    return template;
  }

  /** Builds the answer to a preflight: always empty; a refusal's reason goes in REFUSAL_HEADER. */
  return function preflightResponse(decision: AllowedPreflightDecision | RefusedPreflightDecision): Response {
    if (decision.allowed) {
      // The engine always puts ACAO first: it is the one header that differs per request.
      const list = decision.headers;
      const response = new Response(null, { status: decision.status, headers: allowedTemplate(list, decision.vary) });
      response.headers.set(ACAO, list[0]![1]);
      return response;
    }
    const response = new Response(null, { status: 403, headers: refusedTemplate(decision.vary) });
    response.headers.set(REFUSAL_HEADER, describeRefusal(decision.refusal));
    return response;
  };
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
      const list = decision.headers;
      let setsAcac = false;
      let setsAceh = false;
      for (let i = 0; i < list.length; i++) {
        const name = list[i]![0];
        if (name === ACAC) setsAcac = true;
        else if (name === ACEH) setsAceh = true;
      }
      // `set` replaces them anyway; each Headers call costs validation, so skip redundant ones.
      if (!setsAcac) headers.delete(ACAC);
      if (!setsAceh) headers.delete(ACEH);
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
