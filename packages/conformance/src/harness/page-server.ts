// A page origin: `http://localhost:<port>/` serving the runner script, and on the main page a
// sandboxed iframe (scripts allowed, no same-origin) whose requests carry `Origin: null`.

import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

const RUNNER = readFileSync(new URL('../page/runner.js', import.meta.url), 'utf8');

const PAGE = `<!doctype html>
<html lang="en">
<meta charset="utf-8">
<title>Portcullis conformance page</title>
<script src="/runner.js"></script>
<iframe id="sandboxed" sandbox="allow-scripts"
  srcdoc="<!doctype html><meta charset=utf-8><script src='/runner.js'></script>"></iframe>
</html>`;

export interface PageServer {
  /** `http://localhost:<port>`: browsers treat localhost as loopback, a site apart from 127.0.0.1. */
  readonly origin: string;
  close(): Promise<void>;
}

export async function startPageServer(): Promise<PageServer> {
  const server: Server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    if (path === '/runner.js') {
      response.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-store' });
      response.end(RUNNER);
    } else if (path === '/') {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      response.end(PAGE);
    } else {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://localhost:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
