// Turning decisions into Fastify replies: answer, set, strip or merge headers. No decision is
// made here. Headers are read and removed through the reply, which also sees (and removes)
// what a handler set with `reply.raw.setHeader`.

import { mergeVaryValue, protocol } from '@portcullis/core/adapter';
import type { ActualDecision, CorsHeaderList, PreflightDecision, RefusedWriteDecision } from '@portcullis/core/adapter';
import type { FastifyReply } from 'fastify';

/** Decisions that decorate the handler's response (a refused write never reaches one). */
export type DecoratingDecision = Exclude<ActualDecision, RefusedWriteDecision>;

const { ACAC, ACEH, CORS_RESPONSE_PREFIX, VARY } = protocol;

function addVary(reply: FastifyReply, tokens: string | undefined): void {
  if (tokens === undefined) return;
  const header = reply.getHeader(VARY);
  // Node keeps a header set several times as an array; Vary is a list, so the lines join.
  const current = header === undefined ? undefined : Array.isArray(header) ? header.join(', ') : String(header);
  const merged = mergeVaryValue(current, tokens);
  if (merged !== current) reply.header(VARY, merged);
}

function setHeaders(reply: FastifyReply, headers: CorsHeaderList): void {
  for (let i = 0; i < headers.length; i++) reply.header(headers[i]![0], headers[i]![1]);
}

/** Removes every Access-Control-* header: whoever set them, only the decision's may be sent. */
function stripCorsHeaders(reply: FastifyReply): void {
  for (const name of Object.keys(reply.getHeaders())) {
    if (name.toLowerCase().startsWith(CORS_RESPONSE_PREFIX)) reply.removeHeader(name);
  }
}

/** Answers a preflight, or refuses a write: the decision's status and headers, empty. */
export function sendAnswer(reply: FastifyReply, decision: PreflightDecision | RefusedWriteDecision): void {
  stripCorsHeaders(reply);
  reply.code(decision.status);
  setHeaders(reply, decision.headers);
  addVary(reply, decision.vary);
  reply.send();
}

/**
 * A refusal the router made (no route, or one the plugin never saw): a bare 403 with the reason,
 * the same for every origin, so nothing about the origin is decided or revealed.
 */
export function sendRouteRefusal(reply: FastifyReply, reason: string | undefined, vary: string): void {
  reply.code(403);
  decorateRouteRefusal(reply, reason, vary);
  reply.send();
}

/** The headers of a route refusal, on a reply the application may have answered itself. */
export function decorateRouteRefusal(reply: FastifyReply, reason: string | undefined, vary: string): void {
  stripCorsHeaders(reply);
  if (reason !== undefined) reply.header(protocol.REFUSAL_HEADER, reason);
  addVary(reply, vary);
}

/**
 * Applies the decision for an actual request to the reply about to be sent. An allowed
 * origin gets the decision's headers, and no Access-Control-Allow-Credentials or
 * -Expose-Headers the policy does not send (a handler's `true` must never make a route
 * credentialed); a refused one gets no Access-Control-* header at all.
 */
export function decorateActual(reply: FastifyReply, decision: DecoratingDecision): void {
  addVary(reply, decision.vary);
  if (decision.kind !== 'actual') return;
  if (!decision.allowed) {
    stripCorsHeaders(reply);
    return;
  }
  const headers = decision.headers;
  let setsAcac = false;
  let setsAceh = false;
  for (let i = 0; i < headers.length; i++) {
    const name = headers[i]![0];
    if (name === ACAC) setsAcac = true;
    else if (name === ACEH) setsAceh = true;
  }
  if (!setsAcac) reply.removeHeader(ACAC);
  if (!setsAceh) reply.removeHeader(ACEH);
  setHeaders(reply, headers);
}

/**
 * A preflight the application answered itself (`preflight: 'continue'`): its status and body
 * stay, its CORS headers are the decision's.
 */
export function decorateContinuedPreflight(reply: FastifyReply, decision: PreflightDecision): void {
  stripCorsHeaders(reply);
  setHeaders(reply, decision.headers);
  addVary(reply, decision.vary);
}
