// Applying a decision to a response's headers: which CORS headers to set, keep or strip, and
// how `Vary` is merged. Written once here, on an interface every framework can implement
// (WHATWG Headers, Node's ServerResponse, a Fastify reply, a Koa context), so that no adapter
// restates the rules.

import { ACAC, ACEH, CORS_RESPONSE_PREFIX, VARY } from './protocol.js';
import type { CorsDecision } from './types.js';
import { varyMerger } from './vary.js';

/**
 * How a framework's response exposes its headers. Names passed in are lowercase; `names` may
 * return any case (Node keeps what the application wrote).
 */
export interface HeaderWriter<Res> {
  /** The header's value, several lines joined with `, `; undefined or null when absent. */
  get(response: Res, name: string): string | null | undefined;
  /** Sets (replaces) the header. */
  set(response: Res, name: string, value: string): void;
  /** Removes the header, whatever its case. */
  remove(response: Res, name: string): void;
  /** The names of the headers set so far. */
  names(response: Res): Iterable<string>;
}

/** Removes every Access-Control-* header: whoever set them, only the decision's may be sent. */
function stripCorsHeaders<Res>(writer: HeaderWriter<Res>, response: Res): void {
  let found: string[] | undefined;
  // Collected first: some header stores (Headers) must not change while they are iterated.
  for (const name of writer.names(response)) {
    if (name.length > CORS_RESPONSE_PREFIX.length && name.toLowerCase().startsWith(CORS_RESPONSE_PREFIX)) (found ??= []).push(name);
  }
  if (found !== undefined) for (const name of found) writer.remove(response, name);
}

/**
 * Returns the function that applies decisions to responses written through `writer`:
 * - every decision: its `vary` tokens merged into the response's `Vary`, never overwriting
 *   the application's own tokens (first, so that an immutable response fails before anything
 *   changed);
 * - a preflight answer or a refused write (`preflight`, `write`): every CORS header the
 *   response already had removed, the decision's set;
 * - an allowed actual request: the decision's headers set, and the application's own
 *   `Access-Control-Allow-Credentials` and `-Expose-Headers` removed when the policy sends
 *   none (a handler's `true` must never make a route credentialed);
 * - a refused actual request: every CORS header removed;
 * - `not-cors`: nothing but `Vary`.
 */
export function decisionApplier<Res>(writer: HeaderWriter<Res>): (response: Res, decision: CorsDecision) => void {
  // Decisions carry one of a few constant Vary values per policy; each is split once.
  const mergers = new Map<string, (current: string | null | undefined) => string>();
  function mergeVary(response: Res, tokens: string): void {
    let merge = mergers.get(tokens);
    if (merge === undefined) {
      merge = varyMerger(tokens);
      mergers.set(tokens, merge);
    }
    const current = writer.get(response, VARY);
    const merged = merge(current);
    if (merged !== current) writer.set(response, VARY, merged);
  }

  return function applyDecision(response: Res, decision: CorsDecision): void {
    if (decision.vary !== undefined) mergeVary(response, decision.vary);
    if (decision.kind === 'not-cors') return;
    if (decision.kind === 'actual' && decision.allowed) {
      const list = decision.headers;
      let setsAcac = false;
      let setsAceh = false;
      for (let i = 0; i < list.length; i++) {
        const name = list[i]![0];
        if (name === ACAC) setsAcac = true;
        else if (name === ACEH) setsAceh = true;
      }
      // `set` replaces the others; each header call may cost validation, so skip redundant ones.
      if (!setsAcac) writer.remove(response, ACAC);
      if (!setsAceh) writer.remove(response, ACEH);
      for (let i = 0; i < list.length; i++) writer.set(response, list[i]![0], list[i]![1]);
      return;
    }
    stripCorsHeaders(writer, response);
    if (decision.kind === 'actual') return;
    const list = decision.headers;
    for (let i = 0; i < list.length; i++) writer.set(response, list[i]![0], list[i]![1]);
  };
}
