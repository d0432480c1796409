// Translating core decisions into a Fastify reply: set, strip or merge headers. No decision
// is made here.

import { describeRefusal, mergeVaryValue, REFUSAL_HEADER } from '@portcullis/core';
import type {
  AllowedPreflightDecision,
  CorsDecision,
  RefusedPreflightDecision,
} from '@portcullis/core';
import type { FastifyReply } from 'fastify';

type ActualDecision = Exclude<CorsDecision, AllowedPreflightDecision | RefusedPreflightDecision>;

const CORS_HEADER_PREFIX = 'access-control-';

function addVary(reply: FastifyReply, tokens: string | undefined): void {
  if (tokens === undefined) return;
  const header = reply.getHeader('vary');
  // Node keeps a header set several times as an array; Vary is a list, so the lines join.
  const current = header === undefined ? undefined : Array.isArray(header) ? header.join(', ') : String(header);
  const merged = mergeVaryValue(current, tokens);
  if (merged !== current) reply.header('vary', merged);
}

/**
 * Removes every Access-Control-* header, whether set on the reply or on the raw response:
 * a refused origin must not read the response, whoever added them.
 */
function stripCorsHeaders(reply: FastifyReply): void {
  for (const name of Object.keys(reply.getHeaders())) {
    if (name.toLowerCase().startsWith(CORS_HEADER_PREFIX)) {
      reply.removeHeader(name);
      reply.raw.removeHeader(name);
    }
  }
}

/** Applies the decision for an actual (non-preflight) request to the reply about to be sent. */
export function applyActualDecision(reply: FastifyReply, decision: ActualDecision): void {
  addVary(reply, decision.vary);
  if (decision.kind !== 'actual') return;
  if (decision.allowed) {
    const headers = decision.headers;
    for (let i = 0; i < headers.length; i++) reply.header(headers[i]![0], headers[i]![1]);
  } else {
    stripCorsHeaders(reply);
  }
}

/** Only the `Vary: Origin` a request without `Origin` needs when answers depend on it. */
export function applyVaryOnly(reply: FastifyReply, tokens: string | undefined): void {
  addVary(reply, tokens);
}

/**
 * Answers a preflight: the allowed status with CORS headers and an empty body, or 403 with
 * the reason in plain text and no CORS header, so the developer sees why in the network tab.
 */
export function sendPreflightAnswer(
  reply: FastifyReply,
  decision: AllowedPreflightDecision | RefusedPreflightDecision,
): void {
  reply.code(decision.status);
  addVary(reply, decision.vary);
  if (decision.allowed) {
    const headers = decision.headers;
    for (let i = 0; i < headers.length; i++) reply.header(headers[i]![0], headers[i]![1]);
    reply.send();
    return;
  }
  stripCorsHeaders(reply);
  reply.header(REFUSAL_HEADER, describeRefusal(decision.refusal)).send();
}
