// The application behind the CORS layer, identical on every target: plain Fetch API, no
// runtime-specific code. It knows nothing about CORS; what it answers is chosen by the last
// segments of `/s/<scenario>/r/<run>/<resource>` (or `/p/...`, see ScenarioArea), so that the
// same resource exists under every scenario's policy.

import type { Resource } from './scenario-types.ts';

/** One pixel of rgb(12, 34, 56): the page checks this exact colour after drawing it. */
const PIXEL_PNG_BASE64 =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGPgUbIAAACkAGeY0OCYAAAAAElFTkSuQmCC';
export const PIXEL_RGB = [12, 34, 56] as const;

/** Headers on every application response: two custom ones to expose or hide, one safelisted. */
const APP_HEADERS = {
  'content-type': 'application/json',
  'content-language': 'en',
  'x-total': '42',
  'x-secret': 's3cret',
  // The application's own Vary, which the CORS layer must merge with `Origin`, not replace.
  vary: 'Accept-Encoding',
  'cache-control': 'no-store',
};

// A streamed response waits for the page to say it read the first chunk; if that never comes
// (the body was buffered somewhere), it finishes anyway so that no server hangs. An unbuffered
// page reads the first chunk and releases the rest within milliseconds; this is the cost of
// every buffering server the self-check runs.
const STREAM_FALLBACK_MS = 6_000;
const releases: Map<string, () => void> =
  ((globalThis as Record<string, unknown>).__conformanceReleases as Map<string, () => void> | undefined) ??
  ((globalThis as Record<string, unknown>).__conformanceReleases = new Map());
// How often the `write` handler ran, per run id: the proof that a refused write never reached
// the application. On globalThis for the same reason as `releases` (Next loads route modules
// more than once).
const writes: Map<string, number> =
  ((globalThis as Record<string, unknown>).__conformanceWrites as Map<string, number> | undefined) ??
  ((globalThis as Record<string, unknown>).__conformanceWrites = new Map());

/**
 * The API's own page (resource `page`): its script POSTs to `write` on its own origin, a
 * same-origin write, and tells the page that framed it what it saw.
 */
const API_PAGE = `<!doctype html>
<meta charset="utf-8">
<title>A page of the API's own origin</title>
<script>
const report = (outcome) => parent.postMessage({ conformanceApiPage: outcome }, '*');
fetch('write', { method: 'POST', body: 'item=1', headers: { 'content-type': 'text/plain' } })
  .then(async (response) => report({ readable: true, status: response.status, body: await response.text() }))
  .catch((error) => report({ readable: false, error: String(error) }));
</script>
`;

/**
 * The first path segment. `/s/` is where every target serves the scenarios; the Next app also
 * serves them under `/p/`, where its `proxy.ts` makes the CORS decisions instead of the route
 * handlers, so that one build can hold both Next columns.
 */
export type ScenarioArea = 's' | 'p';

export interface ScenarioPath {
  readonly area: ScenarioArea;
  readonly scenario: string;
  readonly run: string;
  readonly resource: string;
}

/** `/<area>/<scenario>/r/<run>/<resource...>`, or undefined for any other path. */
export function parseScenarioPath(pathname: string): ScenarioPath | undefined {
  const match = /^\/([sp])\/([a-z0-9-]+)\/r\/([A-Za-z0-9-]+)\/(.+)$/.exec(pathname);
  if (!match) return undefined;
  return { area: match[1] as ScenarioArea, scenario: match[2]!, run: match[3]!, resource: match[4]! };
}

export interface AppAssets {
  /** A real web font (WOFF2) for the @font-face scenarios. */
  readonly font: Uint8Array;
}

function decodeBase64(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

function json(status: number, value: unknown): Response {
  return new Response(JSON.stringify(value), { status, headers: APP_HEADERS });
}

async function echo(request: Request, url: URL): Promise<Response> {
  const h = request.headers;
  const body = request.method === 'GET' || request.method === 'HEAD' ? '' : await request.text();
  return json(200, {
    method: request.method,
    path: url.pathname,
    origin: h.get('origin'),
    cookie: h.get('cookie'),
    'x-user': h.get('x-user'),
    'x-trace': h.get('x-trace'),
    authorization: h.get('authorization'),
    'content-type': h.get('content-type'),
    body,
  });
}

function stream(run: string): Response {
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    async start(controller) {
      controller.enqueue(encoder.encode('first-chunk\n'));
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, STREAM_FALLBACK_MS);
        releases.set(run, () => {
          clearTimeout(timer);
          resolve();
        });
      });
      releases.delete(run);
      controller.enqueue(encoder.encode('second-chunk\n'));
      controller.close();
    },
  });
  return new Response(body, { headers: { ...APP_HEADERS, 'content-type': 'text/plain; charset=utf-8' } });
}

async function write(request: Request, run: string): Promise<Response> {
  // The body is read, as a real handler would, before the write counts.
  if (request.method !== 'GET' && request.method !== 'HEAD') await request.text();
  const count = (writes.get(run) ?? 0) + 1;
  writes.set(run, count);
  return json(200, { wrote: count, method: request.method });
}

function release(run: string): Response {
  const resolve = releases.get(run);
  resolve?.();
  return json(200, { released: resolve !== undefined });
}

/**
 * The URL the browser used. Redirect targets are built from it: some servers (Next.js) rebuild
 * `request.url` from their own listening address, which is not the one the browser talked to.
 */
function publicUrl(request: Request): URL {
  const url = new URL(request.url);
  const host = request.headers.get('host');
  return host ? new URL(`${url.pathname}${url.search}`, `${url.protocol}//${host}`) : url;
}

/** The application: a Fetch handler for every `/s/...` resource, 404 elsewhere. */
export function createApp(assets: AppAssets): (request: Request) => Promise<Response> {
  const png = decodeBase64(PIXEL_PNG_BASE64);
  // A copy on its own ArrayBuffer: what every runtime's Response accepts as a body.
  const font = new Uint8Array(assets.font);
  return async function app(request) {
    const url = publicUrl(request);
    const path = parseScenarioPath(url.pathname);
    if (!path) return json(404, { error: 'no such scenario path' });
    const resource = path.resource as Resource | 'stream/release' | 'writes';
    switch (resource) {
      case 'echo':
        return echo(request, url);
      case 'write':
        return write(request, path.run);
      case 'writes':
        // The harness asks (never a browser): how often `write` ran for this run.
        return json(200, { runs: writes.get(path.run) ?? 0 });
      case 'page':
        return new Response(API_PAGE, { headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' } });
      case 'status/404':
        return json(404, { error: 'not found' });
      case 'status/500':
        return json(500, { error: 'boom' });
      case 'redirect':
        // Response.redirect has immutable headers: the CORS layer must cope (failure mode 8).
        return Response.redirect(new URL('echo', url).href, 302);
      case 'redirect-cross-origin': {
        const target = new URL('echo', url);
        target.hostname = target.hostname === 'localhost' ? '127.0.0.1' : 'localhost';
        return Response.redirect(target.href, 302);
      }
      case 'stream':
        return stream(path.run);
      case 'stream/release':
        return release(path.run);
      case 'font.woff2':
        return new Response(font, { headers: { 'content-type': 'font/woff2', 'cache-control': 'no-store' } });
      case 'image.png':
        return new Response(png, { headers: { 'content-type': 'image/png', 'cache-control': 'no-store' } });
      default:
        return json(404, { error: `no resource ${resource}` });
    }
  };
}
