import { cors } from '@portcullis/core';

/** The policy for our API: the front end on myapp.es (and local development) may call it with cookies. */
export const policy = cors({
  origin: ['https://myapp.es', 'https://*.myapp.es', 'http://localhost:*'],
  allowMethods: ['GET', 'POST', 'PUT', 'DELETE'],
  allowHeaders: ['content-type', 'x-user'],
  exposeHeaders: ['x-request-id'],
  credentials: true,
  maxAge: 600,
});

/** The application: a plain Fetch API handler that knows nothing about CORS. */
export async function app(request: Request): Promise<Response> {
  const url = new URL(request.url);
  const requestId = crypto.randomUUID();
  if (url.pathname === '/api/hello' && request.method === 'GET') {
    return Response.json(
      { hello: request.headers.get('x-user') ?? 'world' },
      { headers: { 'x-request-id': requestId } },
    );
  }
  if (url.pathname === '/api/items' && request.method === 'POST') {
    const item: unknown = await request.json();
    return Response.json({ created: item }, { status: 201, headers: { 'x-request-id': requestId } });
  }
  return Response.json({ error: 'not found' }, { status: 404, headers: { 'x-request-id': requestId } });
}

/** The API as served: every response, 404s included, carries the CORS headers it needs. */
export const handler = policy.wrap(app);
