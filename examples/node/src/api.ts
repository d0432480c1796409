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

const SESSION_COOKIE = 'session';

/** The user a request's session cookie names, if it has one. */
function sessionUser(request: Request): string | null {
  for (const pair of (request.headers.get('cookie') ?? '').split(';')) {
    const [name, value] = pair.trim().split('=');
    if (name === SESSION_COOKIE && value) return decodeURIComponent(value);
  }
  return null;
}

/**
 * The application: a plain Fetch API handler that knows nothing about CORS. Every response
 * carries `x-request-id` (exposed to other origins by the policy) and `x-served-by` (not
 * exposed, so a script on another origin reads it as null).
 */
export async function app(request: Request): Promise<Response> {
  const { pathname } = new URL(request.url);
  const { method } = request;
  const headers = { 'x-request-id': crypto.randomUUID(), 'x-served-by': 'example-node' };
  if (pathname === '/api/hello' && method === 'GET') {
    return Response.json({ hello: request.headers.get('x-user') ?? 'world' }, { headers });
  }
  if (pathname === '/api/items' && method === 'POST') {
    return Response.json({ created: await request.json() }, { status: 201, headers });
  }
  if (pathname.startsWith('/api/items/') && (method === 'PUT' || method === 'PATCH')) {
    const id = pathname.slice('/api/items/'.length);
    return Response.json({ updated: id, with: await request.text() }, { headers });
  }
  if (pathname.startsWith('/api/items/') && method === 'DELETE') {
    return new Response(null, { status: 204, headers });
  }
  if (pathname === '/api/session' && method === 'POST') {
    // The front end is another site, so its credentialed requests carry only a SameSite=None
    // cookie (hence Secure, which browsers accept on http://127.0.0.1), and only a Partitioned
    // one (CHIPS) where third-party cookies are blocked, as in Chromium here.
    const cookie = `${SESSION_COOKIE}=ada; Path=/; HttpOnly; Secure; SameSite=None; Partitioned`;
    return Response.json({ user: 'ada' }, { headers: { ...headers, 'set-cookie': cookie } });
  }
  if (pathname === '/api/me' && method === 'GET') {
    return Response.json({ user: sessionUser(request) }, { headers });
  }
  if (pathname === '/api/transfer' && method === 'POST') {
    // A state change that trusts the session cookie: what another site's form must never reach.
    const form = await request.formData();
    return Response.json({ transferred: form.get('amount'), by: sessionUser(request) }, { headers });
  }
  return Response.json({ error: 'not found' }, { status: 404, headers });
}

/** The API as served: every response, 404s included, carries the CORS headers it needs. */
export const handler = policy.wrap(app);
