// The shared application (a Fetch handler) behind the Node.js targets: the request as the
// browser sent it becomes a Fetch Request, and the Response is written back through the
// framework's own response, headers with `setHeader` (so that the application's `Vary`
// replaces the middleware's, which the adapter must merge back before the head is written)
// and the body streamed chunk by chunk, never buffered.

import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo, Server } from 'node:net';
import { Readable } from 'node:stream';
import type { RunningTarget } from './target.ts';

/** Connection-level headers that belong to this hop, not to the Fetch Request. */
const HOP_HEADERS = new Set(['host', 'connection', 'content-length', 'transfer-encoding', 'keep-alive']);

/** The request's end-to-end headers, as received (`rawHeaders`: names and repeats kept). */
export function fetchHeaders(raw: readonly string[]): Headers {
  const headers = new Headers();
  for (let i = 0; i < raw.length; i += 2) {
    if (!HOP_HEADERS.has(raw[i]!.toLowerCase())) headers.append(raw[i]!, raw[i + 1]!);
  }
  return headers;
}

/** `req` as a Fetch Request for `path` (the URL as the browser asked for it). */
export async function toFetchRequest(req: IncomingMessage, path: string): Promise<Request> {
  const headers = fetchHeaders(req.rawHeaders);
  const method = req.method ?? 'GET';
  let body: Uint8Array<ArrayBuffer> | undefined;
  if (method !== 'GET' && method !== 'HEAD') {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    body = new Uint8Array(Buffer.concat(chunks));
  }
  return new Request(`http://${req.headers.host}${path}`, { method, headers, ...(body === undefined ? {} : { body }) });
}

/** The Response's headers, each set on `res` (Set-Cookie lines kept apart). */
export function setHeaders(res: ServerResponse, response: Response): void {
  for (const [name, value] of response.headers) if (name !== 'set-cookie') res.setHeader(name, value);
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) res.setHeader('set-cookie', cookies);
}

/** The Response's body as a Node stream, or null. */
export function bodyOf(response: Response): Readable | null {
  return response.body === null ? null : Readable.fromWeb(response.body as import('node:stream/web').ReadableStream<Uint8Array>);
}

/** Writes `response` to `res`: status, headers, then the body as it comes. */
export function sendResponse(res: ServerResponse, response: Response): void {
  res.statusCode = response.status;
  setHeaders(res, response);
  const body = bodyOf(response);
  if (body === null) res.end();
  else body.pipe(res);
}

/** Listens on a free loopback port; stops with every connection closed. */
export async function listenOnLoopback(server: Server & { closeAllConnections(): void }): Promise<RunningTarget> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    output: () => '(in-process server)',
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
