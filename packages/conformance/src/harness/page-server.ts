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
import type { AddressInfo } from 'node:net';
import { SESSION_COOKIE } from './engines/engine.ts';

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

export type AutopilotRole = 'page' | 'sandboxed';

export interface AutopilotJob {
  readonly action: unknown;
  readonly base: string;
  readonly run: string;
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

const POLL_MS = 15_000;
// The sandboxed iframe's origin is opaque: its requests to this server are cross-origin.
const OPEN = { 'access-control-allow-origin': '*', 'cache-control': 'no-store' };

export async function startPageServer(): Promise<PageServer> {
  let nextId = 0;
  const queued = new Map<AutopilotRole, { id: number; job: AutopilotJob }[]>();
  const waiting = new Map<AutopilotRole, ServerResponse[]>();
  const pending = new Map<number, (outcome: unknown) => void>();
  const seen = new Set<AutopilotRole>();
  const seenWaiters: (() => void)[] = [];
  const warmUpPreflights = new Map<string, number>();

  const deliver = (role: AutopilotRole) => {
    const jobs = queued.get(role) ?? [];
    const responses = waiting.get(role) ?? [];
    while (jobs.length > 0 && responses.length > 0) {
      const response = responses.shift()!;
      const next = jobs.shift()!;
      response.writeHead(200, { ...OPEN, 'content-type': 'application/json' }).end(JSON.stringify({ id: next.id, ...next.job }));
    }
  };

  const next = (role: AutopilotRole, response: ServerResponse) => {
    if (!seen.has(role)) {
      seen.add(role);
      for (const waiter of seenWaiters.splice(0)) waiter();
    }
    const list = waiting.get(role) ?? [];
    list.push(response);
    waiting.set(role, list);
    const timer = setTimeout(() => {
      const index = list.indexOf(response);
      if (index >= 0) list.splice(index, 1);
      response.writeHead(204, OPEN).end();
    }, POLL_MS);
    response.on('close', () => {
      clearTimeout(timer);
      const index = list.indexOf(response);
      if (index >= 0) list.splice(index, 1);
    });
    deliver(role);
  };

  const result = (id: number, request: IncomingMessage, response: ServerResponse) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      response.writeHead(204, OPEN).end();
      pending.get(id)?.(JSON.parse(body) as unknown);
      pending.delete(id);
    });
  };

  const server: Server = createServer((request, response) => {
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
      if (role === 'page' || role === 'sandboxed') next(role, response);
      else response.writeHead(400, OPEN).end();
    } else if (path === '/autopilot/result' && request.method === 'POST') {
      result(Number(url.searchParams.get('id')), request, response);
    } else if (path.startsWith('/warm-up/')) {
      // A preflighted, cacheable PUT for a browser's warm-up (engines/firefox.ts).
      if (request.method === 'OPTIONS') warmUpPreflights.set(path, (warmUpPreflights.get(path) ?? 0) + 1);
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
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://localhost:${port}`,
    warmUpUrl: (name) => `http://127.0.0.1:${port}/warm-up/${name}`,
    warmUpPreflights: (name) => warmUpPreflights.get(`/warm-up/${name}`) ?? 0,
    cookieUrl: (next) => `http://127.0.0.1:${port}/cookie?next=${encodeURIComponent(next)}`,
    dispatch(role, job, timeoutMs = 60_000) {
      const id = ++nextId;
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          pending.delete(id);
          reject(new Error(`the autopilot page (${role}) did not report run ${job.run} within ${timeoutMs} ms`));
        }, timeoutMs);
        pending.set(id, (outcome) => {
          clearTimeout(timer);
          resolve(outcome);
        });
        const jobs = queued.get(role) ?? [];
        jobs.push({ id, job });
        queued.set(role, jobs);
        deliver(role);
      });
    },
    waitForRoles(roles, timeoutMs) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`autopilot pages never asked for work: ${roles.filter((r) => !seen.has(r)).join(', ')}`)),
          timeoutMs,
        );
        const check = () => {
          if (roles.every((role) => seen.has(role))) {
            clearTimeout(timer);
            resolve();
          } else {
            seenWaiters.push(check);
          }
        };
        check();
      });
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
