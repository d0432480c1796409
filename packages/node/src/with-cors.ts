// `withCors(listener, options)`: CORS around a `node:http`, `node:https` or `http2`
// compatibility listener, `http.createServer(withCors(listener, options))`.

import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Http2ServerRequest, Http2ServerResponse } from 'node:http2';
import type { CorsMiddleware } from './connect.js';
import { decideStep, type Continuation } from './decide.js';
import { nodeRequestAccess, type NodeRequest } from './node-request.js';
import { proceed, type NodeResponse } from './node-response.js';
import { CONNECT, describe, onePolicy, policyOf, type Policy } from './options.js';
import type { CorsOptions } from './types.js';

/** The policy of `options`: core options, or a middleware built by `cors()` or `corsByRequest()`. */
function policyFor<Req extends NodeRequest>(options: unknown): Policy<Req> {
  const built = policyOf(options);
  return built?.flavour === CONNECT ? (built as Policy<Req>) : onePolicy<Req>(CONNECT, options, nodeRequestAccess, 0);
}

/**
 * The listener runs where `next()` would, with the server as `this` as Node calls it (the
 * request is the response's `req`). When the policy's own code (an origin function, a chooser)
 * fails, a listener has no error handling to hand the error to: it is logged and the request
 * gets a bare 500, never served without its CORS decision.
 */
function listenerStep<Req extends NodeRequest, Res extends NodeResponse>(listener: (req: Req, res: Res) => unknown): Continuation<unknown, Res> {
  return {
    decided(engine, decision, self, res) {
      if (decision === undefined || proceed(res, decision, engine!)) listener.call(self, res.req as Req, res);
    },
    failed(error, _self, res) {
      console.error('portcullis: deciding CORS failed, answered 500:', error);
      if (res.headersSent) return;
      res.statusCode = 500;
      res.end();
    },
  };
}

/**
 * Wraps a `node:http`/`node:https` request listener: preflights and refused cross-site writes
 * are answered without calling it; every other request reaches it with the CORS and `Vary`
 * headers already set, kept until the head is written. `options` are core's options, or a
 * middleware built by `cors()` or `corsByRequest()`. Throws CorsConfigError when the options
 * are wrong.
 */
export function withCors<Req extends IncomingMessage = IncomingMessage, Res extends ServerResponse = ServerResponse>(
  listener: (req: Req, res: Res) => unknown,
  options: CorsOptions<Req> | CorsMiddleware<Req>,
): (req: Req, res: Res) => void;
/** Wraps an `http2` compatibility listener (`http2.createSecureServer(tls, withCors(listener, options))`). */
export function withCors<Req extends Http2ServerRequest, Res extends Http2ServerResponse>(
  listener: (req: Req, res: Res) => unknown,
  options: CorsOptions<Req>,
): (req: Req, res: Res) => void;
export function withCors<Req extends NodeRequest, Res extends NodeResponse>(listener: (req: Req, res: Res) => unknown, options: unknown): (req: Req, res: Res) => void {
  if (typeof listener !== 'function') {
    throw new TypeError(`withCors(listener, options): the listener comes first, not ${describe(listener)}`);
  }
  const policy = policyFor<Req>(options);
  const then = listenerStep(listener);
  return function listenerWithCors(this: unknown, req: Req, res: Res): void {
    decideStep(policy, req, req, res, then, this, res);
  };
}
