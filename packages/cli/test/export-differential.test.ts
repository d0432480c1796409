// The differential test: nginx, Apache httpd and Caddy, each started once with one standalone
// configuration holding every policy of the table (one path prefix each) in front of a plain
// upstream, answer every request of the table; each answer's status and CORS headers must be
// what `cors(policy)` answers to the same request, except the documented differences.

import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WEB_SERVERS } from '../src/export/settings.js';
import { exportRoutes, type WebServer } from '../src/index.js';
import { POLICIES, REQUESTS, type DiffRequest } from './export/differential-cases.js';
import { coreAnswer, expectedOfServer, normalise, type Answer } from './export/differences.js';
import type { Running } from './support/servers.js';
import { startUpstream } from './support/upstream.js';
import { installed, startWebServer, type RunningWebServer } from './support/web-servers.js';

const policyNames = Object.keys(POLICIES);
let upstream: Running;
const started = performance.now();

beforeAll(async () => {
  upstream = await startUpstream();
});

afterAll(async () => {
  await upstream.close();
  console.log(`export differential: ${((performance.now() - started) / 1000).toFixed(1)} s for ${WEB_SERVERS.length} servers x ${policyNames.length} policies x ${REQUESTS.length} requests`);
});

function send(port: number, method: string, path: string, headers: Record<string, string>): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, method, path, headers, agent: false }, (res) => {
      res.resume();
      res.on('end', () => {
        const out: Record<string, string> = {};
        for (const [name, value] of Object.entries(res.headers)) out[name] = Array.isArray(value) ? value.join(', ') : String(value);
        resolve({ status: res.statusCode ?? 0, headers: out });
      });
    });
    req.on('error', reject);
    req.end();
  });
}

/** One line per field that differs, or undefined. */
function describeMismatch(name: string, expected: Answer, actual: Answer): string | undefined {
  const fields = [['status', expected.status, actual.status] as const, ...Object.keys(expected.headers).map((h) => [h, expected.headers[h], actual.headers[h]] as const)];
  const wrong = fields.filter(([, want, got]) => want !== got).map(([field, want, got]) => `${field}: expected ${JSON.stringify(want)}, got ${JSON.stringify(got)}`);
  return wrong.length === 0 ? undefined : `${name}: ${wrong.join('; ')}`;
}

function headersOf(request: DiffRequest, host: string): Record<string, string> {
  const port = host.slice(host.lastIndexOf(':') + 1);
  return Object.fromEntries(Object.entries(request.headers ?? {}).map(([name, value]) => [name, value.replace('$host', host).replace('$port', port)]));
}

describe.each(WEB_SERVERS.map((server) => [server]))('%s answers as the core does', (server: WebServer) => {
  let running: RunningWebServer | undefined;

  beforeAll(async () => {
    if (!installed(server)) throw new Error(`${server} is not installed: npm test installs it (packages/tooling/src/web-servers.mjs)`);
    const routes = policyNames.map((name, i) => ({ path: `/p${i}/`, policy: POLICIES[name] }));
    running = await startWebServer(server, (listen) => exportRoutes(server, routes, { listen, upstream: upstream.url }));
  }, 60_000);

  afterAll(async () => {
    await running?.stop();
  });

  it.each(policyNames.map((name, i) => [name, i] as const))('%s', async (name, index) => {
    const policy = POLICIES[name]!;
    const host = `127.0.0.1:${running!.port}`;
    const mismatches = await Promise.all(
      REQUESTS.map(async (request) => {
        const resource = request.resource ?? 'x';
        const path = `/p${index}/${resource}`;
        const sent = headersOf(request, host);
        // The core's request URL carries the Host the server received, as Node servers build it.
        const url = `http://${sent.host ?? host}${path}`;
        const expected = expectedOfServer(policy, url, request.method, sent, await coreAnswer(policy, url, request.method, resource, sent));
        const actual = normalise(await send(running!.port, request.method, path, sent));
        return describeMismatch(request.name, expected, actual);
      }),
    );
    expect(mismatches.filter((m) => m !== undefined).join('\n'), running!.output().slice(-1000)).toBe('');
  });
});
