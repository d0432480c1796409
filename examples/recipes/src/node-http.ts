// @portcullis/core on plain node:http. The core speaks Fetch, so this is the whole bridge from
// IncomingMessage to Request and from Response back to ServerResponse. Bodies stream both
// ways with backpressure; a client that goes away aborts request.signal and cancels the body.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import { cors } from '@portcullis/core';

type FetchHandler = (request: Request) => Response | Promise<Response>;

function toRequest(req: IncomingMessage, signal: AbortSignal): Request {
  const headers = new Headers();
  for (let i = 0; i < req.rawHeaders.length; i += 2) headers.append(req.rawHeaders[i]!, req.rawHeaders[i + 1]!);
  const url = new URL(req.url ?? '/', `http://${req.headers.host ?? 'localhost'}`);
  const init: RequestInit & { duplex?: 'half' } = { method: req.method ?? 'GET', headers, signal };
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    const chunks = req[Symbol.asyncIterator]() as AsyncIterator<Uint8Array>;
    init.body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        const next = await chunks.next();
        if (next.done) controller.close();
        else controller.enqueue(next.value);
      },
      cancel: () => void req.destroy(),
    });
    init.duplex = 'half'; // a streamed request body, as Node's fetch requires
  }
  return new Request(url, init);
}

async function* chunksOf(body: ReadableStream<Uint8Array>): AsyncGenerator<Uint8Array> {
  const reader = body.getReader();
  try {
    for (let read = await reader.read(); !read.done; read = await reader.read()) yield read.value;
  } finally {
    await reader.cancel(); // the client left early: stop the producer
  }
}

async function send(response: Response, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const headers: Record<string, string | string[]> = {};
  response.headers.forEach((value, name) => {
    if (name !== 'set-cookie') headers[name] = value;
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) headers['set-cookie'] = cookies;
  res.writeHead(response.status, response.statusText || undefined, headers);
  if (response.body === null || req.method === 'HEAD') {
    res.end();
    await response.body?.cancel();
  } else {
    await pipeline(chunksOf(response.body), res);
  }
}

export function toNodeListener(handler: FetchHandler) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const aborted = new AbortController();
    res.once('close', () => {
      if (!res.writableFinished) aborted.abort();
    });
    let request: Request;
    try {
      request = toRequest(req, aborted.signal);
    } catch {
      res.writeHead(400).end(); // a Host or header value that a URL or Headers refuses
      return;
    }
    try {
      await send(await handler(request), req, res);
    } catch (error) {
      if (!res.headersSent) res.writeHead(500).end();
      else res.destroy();
      if (!aborted.signal.aborted) console.error(error);
    }
  };
}

const policy = cors({
  origin: ['https://myapp.es', 'https://*.myapp.es'],
  allowHeaders: ['content-type', 'authorization'],
  credentials: true,
});

async function app(request: Request): Promise<Response> {
  const { pathname } = new URL(request.url);
  if (pathname === '/api/items') return Response.json({ items: [{ id: 1, name: 'portcullis' }] });
  // Streams the request body back as it arrives.
  if (pathname === '/api/echo' && request.method === 'POST') return new Response(request.body);
  return Response.json({ error: 'not found' }, { status: 404 });
}

export const server = createServer(toNodeListener(policy.wrap(app)));
// server.listen(8787, '127.0.0.1');
