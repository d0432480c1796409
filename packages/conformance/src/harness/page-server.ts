// A page origin: `http://localhost:<port>/` serving the runner script, and on the main page a
// sandboxed iframe (scripts allowed, no same-origin) whose requests carry `Origin: null`.
//
// `/autopilot` is the same page for a browser that no driver controls (WebKit's console run):
// its runner asks this server for jobs (`/autopilot/next?role=page|sandboxed`, long-polled) and
// posts what it observed (`/autopilot/result`). `/cookie` sets the session cookie when visited
// as `http://127.0.0.1:<port>/cookie` (cookies ignore ports, so it holds for every API port),
// for browsers whose driver cannot set a cookie for another site.

import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse, type Server } from 'node:http';
import { AutopilotQueue, OPEN, type AutopilotJob, type AutopilotRole } from './autopilot.ts';
import type { AddressInfo } from 'node:net';
import { SESSION_COOKIE } from './engines/engine.ts';

export type { AutopilotJob, AutopilotRole } from './autopilot.ts';

const RUNNER = readFileSync(new URL('../page/runner.js', import.meta.url), 'utf8');

function page(autopilot: boolean): string {
  const role = (name: string, quote: string) =>
    autopilot ? `<script>window.conformanceAutopilot=${quote}${name}${quote}</script>` : '';
  return `<!doctype html>
<html lang="en">
<meta charset="utf-8">
<title>Portcullis conformance page</title>
${role('page', "'")}<script src="/runner.js"></script>
<iframe id="sandboxed" sandbox="allow-scripts"
  srcdoc="<!doctype html><meta charset=utf-8>${role('sandboxed', '&quot;')}<script src='/runner.js'></script>"></iframe>
</html>`;
}

export interface PageServer {
  /** `http://localhost:<port>`: browsers treat localhost as loopback, a site apart from 127.0.0.1. */
  readonly origin: string;
  /** A URL that sets the session cookie for 127.0.0.1 (top-level, first-party), then goes to `next`. */
  cookieUrl(next: string): string;
  /** Hands a job to the autopilot page in `role` and resolves with what it observed. */
  dispatch(role: AutopilotRole, job: AutopilotJob, timeoutMs?: number): Promise<unknown>;
  /** `http://127.0.0.1:<port>/warm-up/<name>`: answers a cacheable preflight for PUT from any origin. */
  warmUpUrl(name: string): string;
  /** Preflights received for that warm-up URL. */
  warmUpPreflights(name: string): number;
  /** Resolves once an autopilot page in each role has asked for work. */
  waitForRoles(roles: readonly AutopilotRole[], timeoutMs: number): Promise<void>;
  close(): Promise<void>;
}

/** Answers one request of a page origin. */
function route(request: IncomingMessage, response: ServerResponse, autopilot: AutopilotQueue, warmUps: Map<string, number>): void {
  const url = new URL(request.url ?? '/', 'http://localhost');
  const path = url.pathname;
  if (path === '/runner.js') {
    response.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-store' });
    response.end(RUNNER);
  } else if (path === '/' || path === '/autopilot') {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    response.end(page(path === '/autopilot'));
  } else if (path === '/autopilot/next') {
    const role = url.searchParams.get('role');
    if (role === 'page' || role === 'sandboxed') autopilot.next(role, response);
    else response.writeHead(400, OPEN).end();
  } else if (path === '/autopilot/result' && request.method === 'POST') {
    autopilot.result(Number(url.searchParams.get('id')), request, response);
  } else if (path.startsWith('/warm-up/')) {
    // A preflighted, cacheable PUT for a browser's warm-up (engines/firefox.ts).
    if (request.method === 'OPTIONS') warmUps.set(path, (warmUps.get(path) ?? 0) + 1);
    response.writeHead(204, {
      'access-control-allow-origin': '*',
      'access-control-allow-methods': 'PUT',
      'access-control-max-age': '600',
      'cache-control': 'no-store',
    });
    response.end();
  } else if (path === '/cookie') {
    // A first-party cookie while the browser is on 127.0.0.1, then on to `next` (a page
    // origin). SameSite=None so that cross-site credentialed requests carry it; without
    // Secure, which WebKitGTK's network stack (libsoup) refuses over http even on loopback
    // (WebKit, unlike Chromium, does not require Secure beside SameSite=None).
    response.writeHead(302, {
      location: url.searchParams.get('next') ?? '/',
      'cache-control': 'no-store',
      'set-cookie': `${SESSION_COOKIE.name}=${SESSION_COOKIE.value}; Path=/; SameSite=None`,
    });
    response.end();
  } else {
    response.writeHead(404).end();
  }
}

export async function startPageServer(): Promise<PageServer> {
  const autopilot = new AutopilotQueue();
  const warmUps = new Map<string, number>();
  const server: Server = createServer((request, response) => route(request, response, autopilot, warmUps));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://localhost:${port}`,
    warmUpUrl: (name) => `http://127.0.0.1:${port}/warm-up/${name}`,
    warmUpPreflights: (name) => warmUps.get(`/warm-up/${name}`) ?? 0,
    cookieUrl: (next) => `http://127.0.0.1:${port}/cookie?next=${encodeURIComponent(next)}`,
    dispatch: (role, job, timeoutMs) => autopilot.dispatch(role, job, timeoutMs),
    waitForRoles: (roles, timeoutMs) => autopilot.waitForRoles(roles, timeoutMs),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
