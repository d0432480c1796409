// `reply.send(new Response(...))`: Fastify copies the Response's status and headers onto the
// reply only after every onSend hook has run, so CORS headers set in onSend would be
// overwritten by the Response's own (its Vary, or a stale Access-Control-Allow-Origin).
// Lifting the status and headers onto the reply first, exactly as Fastify would, and passing
// the body stream on lets CORS headers be applied last. The body is never read.

import type { FastifyReply } from 'fastify';

const toString = Object.prototype.toString;

/** Whether `payload` is a WHATWG Response (from any realm or undici copy, as Fastify tests it). */
export function isWebResponse(payload: unknown): payload is Response {
  return typeof payload === 'object' && payload !== null && toString.call(payload) === '[object Response]';
}

/**
 * Moves the Response's status and headers onto the reply and returns its body (a stream or
 * null) as the new payload. Responses Fastify itself would refuse (`Response.error()`, a used
 * body) are returned unchanged, for Fastify to report.
 */
export function liftWebResponse(reply: FastifyReply, response: Response): unknown {
  const status = response.status;
  if (status < 200 || status > 599) return response;
  if (response.body !== null && response.bodyUsed) return response;
  reply.code(status);
  for (const [name, value] of response.headers) reply.header(name, value);
  return response.body;
}
