// How the engine reads a Node.js request: `node:http`'s IncomingMessage (Express and Connect
// requests are IncomingMessages) and `http2`'s compatibility request. The engine decides from
// the raw header values; nothing is copied into a Fetch Request.

import type { IncomingMessage } from 'node:http';
import type { Http2ServerRequest } from 'node:http2';
import type { RequestAccess } from '@portcullis/core/adapter';

/** A request as `node:http`, `node:https` and `http2`'s compatibility API give it. */
export type NodeRequest = IncomingMessage | Http2ServerRequest;

/**
 * The header names the engine reads (`origin`, `access-control-request-*`, `sec-fetch-site`)
 * are never among the few that Node keeps as a list (`set-cookie`); a repeated one arrives
 * joined with `, `, which no serialized origin or method matches.
 */
export const nodeRequestAccess: RequestAccess<NodeRequest> = {
  method: (request) => request.method ?? '',
  header: (request, name) => request.headers[name] as string | undefined,
  // The Host header as received (HTTP/2: `:authority`), never X-Forwarded-Host, whatever the
  // framework trusts: behind a proxy that rewrites Host, a write without Sec-Fetch-Site from
  // the page's own origin is refused, never a cross-site one let through.
  host: (request) => (request.headers.host ?? request.headers[':authority'] ?? '') as string,
};
