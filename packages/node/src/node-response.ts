// Applying decisions to a Node.js response. Which headers to set, keep or strip is core's
// (decisionApplier); this module only says how a ServerResponse's headers are read and
// written, and makes the decision hold until the head is sent: frameworks clear headers on
// some paths (Koa's error handling, `send` on an error nobody listens for), and handlers may
// overwrite `Vary` or set CORS headers of their own.

import type { ServerResponse } from 'node:http';
import type { Http2ServerResponse } from 'node:http2';
import { decisionApplier, type CorsDecision, type HeaderWriter } from '@portcullis/core/adapter';
import onHeaders from 'on-headers';

/** A response as `node:http`, `node:https` and `http2`'s compatibility API give it. */
export type NodeResponse = ServerResponse | Http2ServerResponse;

/**
 * The engine that decided for the response, so that a second policy cannot silently override
 * it. A property of the response rather than a WeakMap entry: on node:http under load, the
 * WeakMap cost about 3% of requests/s (ephemeron entries for every response, in every GC).
 */
const DECIDED_BY = Symbol('cors.by');

type Marked = NodeResponse & { [DECIDED_BY]?: object };

const writer: HeaderWriter<NodeResponse> = {
  get(response, name) {
    const value = response.getHeader(name);
    if (value === undefined) return undefined;
    return Array.isArray(value) ? value.join(', ') : String(value);
  },
  // Applied twice per response (before the application runs, and just before the head is
  // written), so an unchanged value is not set again: reading it back costs a property lookup,
  // setting it a validation of its name and value.
  set(response, name, value) {
    if (response.getHeader(name) !== value) response.setHeader(name, value);
  },
  remove: (response, name) => response.removeHeader(name),
  names: (response) => response.getHeaderNames(),
};

const apply = decisionApplier(writer);

/** The engine that already decided for this response, if any. */
export function decidedBy(response: NodeResponse): object | undefined {
  return (response as Marked)[DECIDED_BY];
}

/** Answers a preflight or a refused write: the decision's status and headers, an empty body. */
function answer(response: NodeResponse, decision: Extract<CorsDecision, { status: number }>, by: object): void {
  (response as Marked)[DECIDED_BY] = by;
  apply(response, decision);
  response.statusCode = decision.status;
  // An empty body: Node sends `Content-Length: 0` (none for a 204).
  response.end();
}

/**
 * Sets the decision's headers now, so that later middleware and handlers see them
 * (`res.getHeader`), and again just before the head is written (on-headers wraps `writeHead`,
 * which Node calls for implicit heads too), so that they reach the client whatever ran in
 * between: headers cleared, `Vary` replaced, CORS headers added by the application. Called
 * once per response: a response another policy decided is never decorated again.
 */
export function decorate(response: NodeResponse, decision: CorsDecision, by: object): void {
  (response as Marked)[DECIDED_BY] = by;
  apply(response, decision);
  onHeaders(response as ServerResponse, () => apply(response, decision));
}

/**
 * Applies a decision before the application: answers a preflight or a refused write (false:
 * nothing more runs), or decorates the response for the application to write (true).
 */
export function proceed(response: NodeResponse, decision: CorsDecision, by: object): boolean {
  if (decision.kind === 'preflight' || decision.kind === 'write') {
    answer(response, decision, by);
    return false;
  }
  decorate(response, decision, by);
  return true;
}
