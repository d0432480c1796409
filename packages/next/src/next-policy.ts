// Policies that read a NextRequest as Next.js fills it in. Next builds `request.url` (and
// `nextUrl`) from the host it listens on -- `http://localhost:3000/...` whatever the client
// asked for -- so the core's default, the URL's host, would make write protection compare a
// browser's Origin with `localhost` and refuse same-origin writes from browsers that send no
// Sec-Fetch-Site. The Host header is what the client asked for; Go's CrossOriginProtection
// compares with it too.

import type { CorsOptions, CorsPolicy, SyncCorsOptions } from '@portcullis/core';
import { createCorsEngine, policyFor, type RequestAccess } from '@portcullis/core/adapter';
import type { NextRequest } from 'next/server.js';

/** How the engine reads a request Next.js passed: the host from the `Host` header. */
const nextRequestAccess: RequestAccess<NextRequest> = {
  method: (request) => request.method,
  header: (request, name) => request.headers.get(name),
  host: (request) => request.headers.get('host') ?? new URL(request.url).host,
};

/**
 * Builds a CORS policy for Next.js from the core options, validating them once: the core's
 * `cors()`, except that the request's host is read from its `Host` header, since Next's
 * `request.url` always names the host the server listens on. Use it for policies shared by
 * several routes or chosen per request with `corsByRequest`. Throws CorsConfigError when the
 * options are wrong.
 */
export function cors(options: SyncCorsOptions<NextRequest>): CorsPolicy<true, NextRequest>;
export function cors(options: CorsOptions<NextRequest>): CorsPolicy<boolean, NextRequest>;
export function cors(options: CorsOptions<NextRequest>): CorsPolicy<boolean, NextRequest> {
  return policyFor(createCorsEngine<NextRequest>(options, nextRequestAccess));
}
