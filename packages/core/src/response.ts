// The Fetch glue: turning decisions into Responses, and adding headers to the handler's
// Response without breaking it. Headers are changed in place when the Response allows it;
// responses with immutable headers (Response.redirect(), fetch() results) are copied around
// the same body stream, which is never read or buffered.

import { decisionApplier, type HeaderWriter } from './apply-decision.js';
import { ACAO, VARY } from './protocol.js';
import type {
  ActualDecision,
  AllowedPreflightDecision,
  CorsHeaderList,
  PreflightDecision,
  RefusedWriteDecision,
} from './types.js';

/** Decisions answered without the handler: preflights and refused writes. */
type AnswerDecision = PreflightDecision | RefusedWriteDecision;
/** Decisions that decorate the handler's response (a refused write never reaches one). */
export type DecoratingDecision = Exclude<ActualDecision, RefusedWriteDecision>;

// Allowed preflight headers are copied from prepared Headers: undici converts a list of pairs
// through WebIDL sequences, several times slower than copying a Headers, and the answers of one
// policy differ only in ACAO (and in whether headers were requested). The templates belong to
// one policy, are matched by content and are only ever copied, never handed out, so no request
// can see or change another's headers. Few are kept: reflected methods and headers vary per
// request. Refusals are never templated, so a flood of them cannot evict the allowed answers.
const MAX_TEMPLATES = 4;

interface Template {
  readonly vary: string;
  /** The decision's headers after ACAO. */
  readonly pairs: CorsHeaderList;
  readonly headers: Headers;
}

/** Returns the function that answers one policy's preflights and refused writes with Responses. */
export function answerResponder(): (decision: AnswerDecision) => Response {
  const templates: Template[] = [];

  function allowedTemplate(decision: AllowedPreflightDecision): Headers {
    const list = decision.headers;
    const vary = decision.vary;
    // Compared pair by pair rather than through a string key: the engine's constant strings
    // compare by identity, and building a key cost more than the copy it saved.
    search: for (let t = 0; t < templates.length; t++) {
      const template = templates[t]!;
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
    headers.set(VARY, vary);
    if (templates.length >= MAX_TEMPLATES) templates.shift();
    templates.push({ vary, pairs, headers });
    return headers;
  }

  /** Builds the answer: always empty; a refusal's reason is in its headers. */
  return function answer(decision: AnswerDecision): Response {
    if (decision.allowed) {
      // The engine always puts ACAO first: it is the one header that differs per request.
      const response = new Response(null, { status: decision.status, headers: allowedTemplate(decision) });
      response.headers.set(ACAO, decision.headers[0]![1]);
      return response;
    }
    const headers = new Headers(decision.headers as [string, string][]);
    if (decision.vary !== undefined) headers.set(VARY, decision.vary);
    return new Response(null, { status: decision.status, headers });
  };
}

/**
 * Whether a handler's result is a Response whose headers we may add to. Duck-typed, since a
 * runtime may run handlers in another realm with its own Response class (Vercel's Edge
 * runtime does); a plain object with `status` and `headers` is not one.
 */
function isDecorable(response: unknown): response is Response {
  if (typeof response !== 'object' || response === null) return false;
  const { status, headers } = response as Response;
  // 101: a WebSocket upgrade; 0: Response.error(). Neither can carry CORS headers.
  return (
    status !== 101 &&
    status !== 0 &&
    typeof headers === 'object' &&
    headers !== null &&
    typeof headers.get === 'function' &&
    typeof headers.set === 'function'
  );
}

/** WHATWG Headers, as the decision applier writes them. */
const fetchHeaders: HeaderWriter<Headers> = {
  get: (headers, name) => headers.get(name),
  set: (headers, name, value) => headers.set(name, value),
  remove: (headers, name) => headers.delete(name),
  names: (headers) => headers.keys(),
};

const applyToHeaders = decisionApplier(fetchHeaders);

/**
 * Adds an actual request's CORS headers and Vary to the handler's Response: in place when its
 * headers are mutable, otherwise on a copy around the same body.
 */
export function decorateResponse<R>(response: R, decision: DecoratingDecision): R | Response {
  if (!isDecorable(response)) return response;
  if (decision.kind === 'not-cors' && decision.vary === undefined) return response;
  try {
    // Vary is applied first and set in every origin-dependent case, so immutable Headers
    // throw before anything else was changed.
    applyToHeaders(response.headers, decision);
    return response;
  } catch (error) {
    if (!(error instanceof TypeError)) throw error;
  }
  const copy = new Response(response.body, {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
  });
  applyToHeaders(copy.headers, decision);
  return copy;
}
