// The API itself: a plain Fetch handler that knows nothing about CORS, and uses only what
// both workerd and the Vercel Edge runtime provide (no Node APIs).

/** Calls the inventory service: a service binding on Workers, a plain fetch() on Vercel. */
export type Upstream = (request: Request) => Promise<Response>;

interface Item {
  readonly id: number;
  readonly name: string;
}

const items: readonly Item[] = [
  { id: 1, name: 'portcullis' },
  { id: 2, name: 'drawbridge' },
  { id: 3, name: 'moat' },
];

const encoder = new TextEncoder();

/** The item list as JSON or CSV: the answer depends on Accept, and its Vary says so. */
function listItems(request: Request, requestId: string): Response {
  const headers = { vary: 'Accept', 'x-request-id': requestId };
  if (request.headers.get('accept')?.includes('text/csv')) {
    const csv = ['id,name', ...items.map((item) => `${item.id},${item.name}`)].join('\n');
    return new Response(`${csv}\n`, { headers: { ...headers, 'content-type': 'text/csv' } });
  }
  return Response.json({ items }, { headers });
}

/**
 * Server-sent events: one event now, then one every 100 ms, then `event: end`. Each event is
 * written when it happens, so a client sees the first one long before the stream closes.
 */
function events(url: URL): Response {
  const count = Math.min(Math.max(Number(url.searchParams.get('count')) || 5, 1), 100);
  let sent = 0;
  let timer: ReturnType<typeof setInterval> | undefined;
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      const tick = () => {
        sent++;
        controller.enqueue(encoder.encode(`id: ${sent}\ndata: {"tick":${sent}}\n\n`));
        if (sent < count) return;
        if (timer !== undefined) clearInterval(timer);
        controller.enqueue(encoder.encode('event: end\ndata: {}\n\n'));
        controller.close();
      };
      tick();
      if (sent < count) timer = setInterval(tick, 100);
    },
    // The client went away: stop the clock.
    cancel() {
      if (timer !== undefined) clearInterval(timer);
    },
  });
  return new Response(body, { headers: { 'content-type': 'text/event-stream', 'cache-control': 'no-store' } });
}

export async function api(request: Request, inventory: Upstream): Promise<Response> {
  const url = new URL(request.url);
  const { pathname } = url;
  const requestId = crypto.randomUUID();
  if (pathname === '/api/items' && request.method === 'GET') return listItems(request, requestId);
  if (pathname === '/api/items' && request.method === 'POST') {
    const created: unknown = await request.json();
    return Response.json({ created }, { status: 201, headers: { 'x-request-id': requestId } });
  }
  // Response.redirect() has immutable headers; the browser follows a cross-origin redirect
  // only if the redirect itself carries the CORS headers.
  if (pathname === '/api/items/latest') {
    return Response.redirect(new URL(`/api/items/${items.length}`, url).href, 302);
  }
  if (pathname.startsWith('/api/items/')) {
    const item = items.find((candidate) => `/api/items/${candidate.id}` === pathname);
    if (item !== undefined) return Response.json(item, { headers: { 'x-request-id': requestId } });
  }
  if (pathname === '/api/events' && request.method === 'GET') return events(url);
  // The inventory service's own response, passed through untouched (its headers are immutable).
  if (pathname.startsWith('/api/stock/')) return inventory(request);
  return Response.json({ error: 'not found' }, { status: 404, headers: { 'x-request-id': requestId } });
}
