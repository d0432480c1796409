// A client for the loopback servers: HTTP/1.1 (plain or TLS, trusting the test's certificate)
// and HTTP/2, with the answer's raw status, headers and body, so that every header line the
// server wrote is seen as it was written.

import { once } from 'node:events';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { connect as http2Connect } from 'node:http2';
import { request as httpsRequest } from 'node:https';

export interface Answer {
  readonly status: number;
  /** Lowercase names; repeated lines joined with `, ` (`set-cookie` too). */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Buffer;
}

export interface Call {
  readonly method?: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string | Buffer;
}

export interface Endpoint {
  /** `http://127.0.0.1:port`, `https://localhost:port` or `h2://localhost:port`. */
  readonly base: string;
  /** The certificate to trust for TLS. */
  readonly ca?: string;
}

function flatten(headers: IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined && !name.startsWith(':')) out[name] = Array.isArray(value) ? value.join(', ') : String(value);
  }
  return out;
}

async function readAll(stream: AsyncIterable<Buffer>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return Buffer.concat(chunks);
}

async function http2Send(endpoint: Endpoint, path: string, call: Call): Promise<Answer> {
  const session = http2Connect(endpoint.base.replace(/^h2:/, 'https:'), { ...(endpoint.ca === undefined ? {} : { ca: endpoint.ca }) });
  try {
    const stream = session.request({ ':method': call.method ?? 'GET', ':path': path, ...call.headers });
    stream.end(call.body);
    const [headers] = (await once(stream, 'response')) as [IncomingHttpHeaders];
    const body = await readAll(stream);
    return { status: Number(headers[':status']), headers: flatten(headers), body };
  } finally {
    session.close();
  }
}

/** Sends one request to `endpoint` and reads the whole answer. */
export async function send(endpoint: Endpoint, path: string, call: Call = {}): Promise<Answer> {
  if (endpoint.base.startsWith('h2:')) return http2Send(endpoint, path, call);
  const url = new URL(path, endpoint.base);
  const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
  const req = request(url, { method: call.method ?? 'GET', headers: call.headers ?? {}, agent: false, ...(endpoint.ca === undefined ? {} : { ca: endpoint.ca }) });
  req.end(call.body);
  const [res] = (await once(req, 'response')) as [import('node:http').IncomingMessage];
  const body = await readAll(res);
  return { status: res.statusCode ?? 0, headers: flatten(res.headers), body };
}
