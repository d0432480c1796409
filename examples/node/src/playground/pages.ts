// The two sites that call the API: the playground (the origin the policy allows) and another
// site it does not allow, which the playground embeds in an iframe. Plain files from public/,
// read once at start-up, and three small JSON endpoints on the playground's own origin.

import { readdirSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import type { LivePolicy } from './live-policy.js';
import type { RequestLog } from './request-log.js';

const PUBLIC = join(import.meta.dirname, '../../public');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
};

export interface Origins {
  api: string;
  playground: string;
  other: string;
}

function loadAssets(): Map<string, { body: string; type: string }> {
  const assets = new Map<string, { body: string; type: string }>();
  for (const name of readdirSync(PUBLIC)) {
    const type = TYPES[extname(name)];
    if (type !== undefined) assets.set(name, { body: readFileSync(join(PUBLIC, name), 'utf8'), type });
  }
  return assets;
}

/** A page with the three origins written in, so its script knows whom to call and trust. */
function page(assets: ReturnType<typeof loadAssets>, name: string, origins: Origins): Response {
  const html = assets.get(name)!.body.replace('{{ORIGINS}}', JSON.stringify(origins).replaceAll('<', '\\u003c'));
  return new Response(html, { headers: { 'content-type': TYPES['.html']!, 'cache-control': 'no-store' } });
}

function asset(assets: ReturnType<typeof loadAssets>, pathname: string): Response | undefined {
  if (!pathname.startsWith('/assets/')) return undefined;
  const file = assets.get(pathname.slice('/assets/'.length));
  if (file === undefined || file.type === TYPES['.html']) return undefined;
  return new Response(file.body, { headers: { 'content-type': file.type, 'cache-control': 'no-store' } });
}

const notFound = () => new Response('not found\n', { status: 404 });

/** The playground's origin: the page, its assets, the policy editor's and the log's endpoints. */
export function playgroundSite(origins: Origins, live: LivePolicy, defaults: unknown, log: RequestLog) {
  const assets = loadAssets();

  async function state() {
    const [playground, other] = await Promise.all([live.allowsOrigin(origins.playground), live.allowsOrigin(origins.other)]);
    return { origins, defaults, options: live.options, allowed: { playground, other } };
  }

  return async (request: Request): Promise<Response> => {
    const url = new URL(request.url);
    if (request.method === 'GET' && url.pathname === '/') return page(assets, 'index.html', origins);
    if (request.method === 'GET' && url.pathname === '/playground/state') return Response.json(await state());
    if (request.method === 'GET' && url.pathname === '/playground/log') {
      return Response.json({ exchanges: log.get(url.searchParams.get('run') ?? '') });
    }
    if (request.method === 'PUT' && url.pathname === '/playground/policy') {
      // Only the playground itself may change the policy: another site's page could send this
      // request too (it needs no CORS to be sent), so its Origin is checked.
      if (request.headers.get('origin') !== origins.playground) return new Response('forbidden\n', { status: 403 });
      const result = live.replace(await request.json());
      if (!result.ok) return Response.json(result, { status: 422 });
      return Response.json({ ok: true, ...(await state()) });
    }
    if (request.method === 'GET') return asset(assets, url.pathname) ?? notFound();
    return notFound();
  };
}

/** The site the API does not allow: one page that runs what the playground asks it to. */
export function otherSite(origins: Origins) {
  const assets = loadAssets();
  return (request: Request): Response => {
    const url = new URL(request.url);
    if (request.method !== 'GET') return notFound();
    if (url.pathname === '/') return page(assets, 'other.html', origins);
    return asset(assets, url.pathname) ?? notFound();
  };
}
