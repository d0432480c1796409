// checkCors and its rendering, against local servers: what is sent, what is shown, colours.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CREDENTIALS_NOTE } from '../src/check.js';
import { checkCors, main, NetworkError, renderCheck, UsageError } from '../src/index.js';
import { send } from '../src/transport.js';
import { VERSION } from '../src/version.js';
import { cors } from '@portcullis/core';
import { start, toFetch, type Running } from './support/servers.js';

const ORIGIN = 'http://localhost:5173';
let api: Running;
const seen: { method: string; url: string; headers: Record<string, string | string[] | undefined> }[] = [];

beforeAll(async () => {
  api = await start((req, res) => {
    seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers });
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path === '/to-bad-port') {
      res.writeHead(302, { location: 'http://127.0.0.1:6665/irc', 'access-control-allow-origin': ORIGIN }).end();
      return;
    }
    if (path === '/refuse') {
      res.writeHead(403, { 'portcullis-refusal': "the request header 'x-user' is not allowed" }).end();
      return;
    }
    if (req.method === 'OPTIONS') {
      res.writeHead(204, {
        'access-control-allow-origin': ORIGIN,
        'access-control-allow-methods': 'PUT, POST',
        'access-control-allow-headers': 'content-type, x-user',
        'access-control-allow-credentials': 'true',
      });
      res.end();
      return;
    }
    res.writeHead(200, { 'access-control-allow-origin': ORIGIN, 'access-control-allow-credentials': 'true', 'x-request-id': '1' });
    res.end('ok');
  });
});

afterAll(() => api?.close());

describe('checkCors', () => {
  it('sends the preflight and the actual request as a browser would', async () => {
    seen.length = 0;
    const result = await checkCors({
      url: `${api.url}/items?q=1`,
      origin: ORIGIN,
      method: 'PUT',
      headers: [['Content-Type', 'application/json']],
      send: true,
    });
    expect(result.allowed).toBe(true);
    expect(seen.map((s) => `${s.method} ${s.url}`)).toEqual(['OPTIONS /items?q=1', 'PUT /items?q=1']);
    const [preflight, actual] = seen;
    expect(preflight?.headers).toMatchObject({
      origin: ORIGIN,
      'access-control-request-method': 'PUT',
      'access-control-request-headers': 'content-type',
      'sec-fetch-mode': 'cors',
      'sec-fetch-site': 'cross-site',
      'user-agent': `portcullis-cli/${VERSION}`,
    });
    expect(preflight?.headers['content-type']).toBeUndefined();
    expect(actual?.headers).toMatchObject({ origin: ORIGIN, 'content-type': 'application/json', 'content-length': '0' });
  });

  it('does not send a PUT without --send, and says what would happen', async () => {
    seen.length = 0;
    const result = await checkCors({ url: `${api.url}/items`, origin: ORIGIN, method: 'PUT' });
    expect(result).toMatchObject({ allowed: true, complete: false });
    expect(seen.map((s) => s.method)).toEqual(['OPTIONS']);
    const text = renderCheck(result);
    expect(text).toContain('The actual request (not sent)');
    expect(text).toContain('! allowed so far');
  });

  it('shows the Portcullis-Refusal a server sends', async () => {
    const result = await checkCors({ url: `${api.url}/refuse`, origin: ORIGIN, headers: [['x-user', 'ada']] });
    expect(result.allowed).toBe(false);
    expect(result.refusals).toEqual([{ kind: 'preflight', hop: 0, refusal: "the request header 'x-user' is not allowed" }]);
    expect(renderCheck(result)).toContain(
      "the server says (Portcullis-Refusal on the preflight): the request header 'x-user' is not allowed",
    );
  });

  it('with credentials, says that no cookies are sent and applies the credentialed rules', async () => {
    seen.length = 0;
    const result = await checkCors({ url: `${api.url}/items`, origin: ORIGIN, credentials: true });
    expect(result.allowed).toBe(true);
    expect(result.credentialsNote).toBe(CREDENTIALS_NOTE);
    expect(renderCheck(result)).toContain(CREDENTIALS_NOTE);
    expect(result.steps.map((s) => s.step)).toContain('cors.allow-credentials');
    expect(seen[0]?.headers.cookie).toBeUndefined();
  });

  it.each([
    { options: { url: `http://127.0.0.1:1/`, origin: '' }, error: '--origin is required' },
    { options: { url: 'nope', origin: ORIGIN }, error: 'is not an absolute URL' },
    { options: { url: 'http://127.0.0.1:1/', origin: ORIGIN, timeoutMs: 0 }, error: '--timeout' },
  ])('rejects $error as a usage error', async ({ options, error }) => {
    await expect(checkCors(options)).rejects.toThrow(UsageError);
    await expect(checkCors(options)).rejects.toThrow(error);
  });
});

describe('a refused origin is the server\'s policy, never an invitation to open up', () => {
  let guarded: Running;
  beforeAll(async () => {
    const handler = cors({ origin: [ORIGIN] }).wrap(() => new Response('ok'));
    guarded = await start((req, res) => void toFetch(req, res, handler));
  });
  afterAll(() => guarded?.close());

  it('with Portcullis-Refusal: origin ... is not allowed, the fix says the block is on purpose', async () => {
    const evil = 'https://evil.example';
    const result = await checkCors({ url: `${guarded.url}/items`, origin: evil, method: 'PUT' });
    expect(result.allowed).toBe(false);
    expect(result.refusals).toEqual([{ kind: 'preflight', hop: 0, refusal: `origin ${evil} is not allowed`, policy: true }]);
    expect(result.fix).toBe(
      `the server refuses ${evil} on purpose: its Portcullis-Refusal says that this origin is not on its list of allowed origins, ` +
        `so the block is its CORS policy, not a misconfiguration; add ${evil} to that list only if pages on ${evil} should read its responses`,
    );
    const text = renderCheck(result);
    expect(text).toContain(`the server says (Portcullis-Refusal on the preflight): origin ${evil} is not allowed (the server's policy)`);
    expect(text).not.toMatch(/\(or \*\)|send the request's origin/);
  });

  it('another refusal (a method) keeps the step\'s own fix', async () => {
    const result = await checkCors({ url: `${guarded.url}/items`, origin: ORIGIN, method: 'PURGE' });
    expect(result.allowed).toBe(false);
    expect(result.refusals.every((r) => r.policy === undefined)).toBe(true);
    expect(result.fix).toContain('list PURGE in Access-Control-Allow-Methods');
  });
});

describe("Chromium's Local Network Access (https://developer.chrome.com/blog/local-network-access)", () => {
  it('a page on a public origin calling loopback: the note says a permission prompt applies, which no CORS header grants', async () => {
    const result = await checkCors({ url: `${api.url}/items`, origin: 'https://app.example' });
    expect(result.localNetworkAccess).toMatchObject({ from: 'public', to: 'loopback', permission: 'loopback-network' });
    const text = renderCheck(result);
    expect(text).toContain('  note: Local Network Access: a page on https://app.example (a public origin) calls 127.0.0.1:');
    expect(text).toContain('since Chrome 142, Chromium asks the user for permission first. No CORS header can grant this');
  });

  it('judges a host name by the address it was reached at', async () => {
    const result = await checkCors({
      url: 'http://api.internal/items',
      origin: 'https://app.example',
      transport: async () => ({ status: 200, headers: [['access-control-allow-origin', 'https://app.example']], address: '10.0.0.7' }),
    });
    expect(result.localNetworkAccess?.permission).toBe('local-network');
    expect(result.localNetworkAccess?.note).toContain('calls api.internal (10.0.0.7), an address on the local network');
  });

  it('says nothing for a page on loopback calling loopback', async () => {
    const result = await checkCors({ url: `${api.url}/items`, origin: ORIGIN });
    expect(result.localNetworkAccess).toBeUndefined();
    expect(renderCheck(result)).not.toContain('Local Network Access');
  });
});

describe("the Fetch Standard's bad ports (https://fetch.spec.whatwg.org/#bad-port)", () => {
  it('a redirect to one is not followed: nothing is sent there, and the verdict says why', async () => {
    const sent: string[] = [];
    const result = await checkCors({
      url: `${api.url}/to-bad-port`,
      origin: ORIGIN,
      transport: (request) => {
        sent.push(request.url);
        return send(request);
      },
    });
    expect(sent).toEqual([`${api.url}/to-bad-port`]);
    expect(result.allowed).toBe(false);
    expect(result.steps.find((s) => !s.ok)?.step).toBe('redirect.port');
    const text = renderCheck(result);
    expect(text).toContain('✘ blocked: browsers refuse to follow a redirect to port 6665');
    expect(text).toContain("6665 (ircu) is one of the Fetch Standard's bad ports");
  });

  it('a URL on one is blocked without a request (exit status 1)', async () => {
    let out = '';
    const io = { stdout: { write: (t: string) => (out += t) }, stderr: { write: () => undefined }, env: {} };
    expect(await main(['check', 'http://127.0.0.1:10080/items', '--origin', ORIGIN], io)).toBe(1);
    expect(out).toContain('✘ blocked: browsers refuse to connect to port 10080');
  });

  it('the transport refuses to connect to one', async () => {
    const request = { kind: 'actual' as const, hop: 0, method: 'GET', url: 'http://127.0.0.1:6666/', headers: [] };
    await expect(send(request)).rejects.toThrow(NetworkError);
    await expect(send(request)).rejects.toThrow('refusing to connect to port 6666');
  });
});

describe('the command in-process', () => {
  const capture = (isTTY: boolean, env: NodeJS.ProcessEnv) => {
    let out = '';
    let err = '';
    return {
      io: { stdout: { isTTY, write: (t: string) => (out += t) }, stderr: { write: (t: string) => (err += t) }, env },
      out: () => out,
      err: () => err,
    };
  };

  it.each([
    { terminal: true, env: {}, colours: true },
    { terminal: true, env: { NO_COLOR: '1' }, colours: false },
    { terminal: false, env: {}, colours: false },
  ])('paints only a terminal without NO_COLOR (terminal=$terminal, $env)', async ({ terminal, env, colours }) => {
    const c = capture(terminal, env);
    const code = await main(['check', `${api.url}/items`, '--origin', ORIGIN], c.io);
    expect(code).toBe(0);
    expect(c.out().includes('\u001b[')).toBe(colours);
  });

  it('exits 1 for a blocked request', async () => {
    const c = capture(false, {});
    expect(await main(['check', `${api.url}/items`, '--origin', 'http://elsewhere.example'], c.io)).toBe(1);
    expect(c.out()).toContain('does not match the origin');
  });

  it('knows its own version', () => {
    const pkg = JSON.parse(readFileSync(join(import.meta.dirname, '../package.json'), 'utf8')) as { version: string };
    expect(VERSION).toBe(pkg.version);
  });
});
