// Reading a FastifyRequest the way the core reads a Fetch Request: Node gives each header as a
// string, or as an array when it arrived on several lines and Node keeps them apart.

import type { RequestAccess } from '@portcullis/core/adapter';
import { protocol } from '@portcullis/core/adapter';
import type { FastifyRequest } from 'fastify';

type HeaderValue = string | string[] | undefined;

/** One header value: several lines of a list header are one comma-separated list. */
export function headerValue(value: HeaderValue): string | undefined {
  return typeof value === 'object' ? value.join(', ') : value;
}

export const fastifyRequestAccess: RequestAccess<FastifyRequest> = {
  method: (request) => request.method,
  header: (request, name) => headerValue(request.headers[name]),
  // `Host` (`:authority` in HTTP/2), which Fastify also matches `host` constraints against.
  host: (request) => request.host,
};

/**
 * Whether `request` is a CORS preflight: OPTIONS with `Origin` and
 * `Access-Control-Request-Method` (https://fetch.spec.whatwg.org/#cors-preflight-request). For
 * hooks that must let preflights through, such as an authentication hook registered before
 * the plugin: browsers never send credentials on a preflight.
 */
export function isPreflight(request: FastifyRequest): boolean {
  return protocol.isPreflight(request.method, request.headers.origin, request.headers[protocol.ACRM]);
}
