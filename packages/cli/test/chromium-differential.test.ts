// The CLI's verdict against what Chromium does. Each row is a server (hand-written and faulty,
// or a well-behaved @portcullis/core policy); a page on http://localhost:<port> fetches it on
// http://127.0.0.1:<port>, and `checkCors` runs the same call against the same server. Both
// must agree on the verdict, on every request that reached the server (preflight or not, its
// Origin, Access-Control-Request-Method and -Headers, redirects followed) and on the response
// headers script can read. Each row also states by hand what a browser does, so a broken
// server cannot make both sides agree on nonsense unnoticed.
import type { IncomingMessage } from 'node:http';
import { cors, type CorsOptions } from '@portcullis/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkCors } from '../src/index.js';
import { launch, type Browser } from './support/chromium.js';
import { requestLine, start, toFetch, type Running } from './support/servers.js';

interface Answer {
  readonly status?: number;
  readonly headers?: Record<string, string | string[]>;
}

interface Context {
  readonly page: string;
  readonly origin: string | undefined;
  readonly preflight: boolean;
  readonly query: string;
  readonly path: string;
  /** The other API server (another origin) and this row's base path on it. */
  readonly b: string;
  readonly a: string;
}

interface Row {
  readonly rule: string;
  readonly call?: {
    readonly method?: string;
    readonly headers?: ReadonlyArray<readonly [string, string]>;
    readonly credentials?: boolean;
  };
  readonly server?: (req: IncomingMessage, ctx: Context) => Answer;
  readonly core?: (page: string) => CorsOptions;
  /** What a browser does, written by hand. */
  readonly browser: 'allowed' | 'blocked';
  /** The server explains itself in Portcullis-Refusal, which the CLI must show. */
  readonly refusal?: true;
}

const echo = (ctx: Context, extra: Record<string, string | string[]> = {}): Answer => ({
  status: ctx.preflight ? 204 : 200,
  headers: {
    'access-control-allow-origin': ctx.origin ?? '',
    ...(ctx.preflight ? { 'access-control-allow-methods': 'GET, POST, PUT, DELETE, PATCH' } : {}),
    ...extra,
  },
});
const preflightOr = (ctx: Context, preflight: Record<string, string | string[]>, status = 204): Answer =>
  ctx.preflight ? { status, headers: preflight } : echo(ctx);
const credentialed = { 'access-control-allow-credentials': 'true' };

const ROWS: Row[] = [
  // The CORS check.
  { rule: 'a missing Access-Control-Allow-Origin', server: () => ({ status: 200 }), browser: 'blocked' },
  { rule: 'the exact origin', server: (_r, ctx) => echo(ctx), browser: 'allowed' },
  { rule: '* without credentials', server: () => ({ headers: { 'access-control-allow-origin': '*' } }), browser: 'allowed' },
  {
    rule: '* with credentials',
    call: { credentials: true },
    server: () => ({ headers: { 'access-control-allow-origin': '*', ...credentialed } }),
    browser: 'blocked',
  },
  { rule: 'a trailing slash in the origin', server: (_r, ctx) => ({ headers: { 'access-control-allow-origin': `${ctx.page}/` } }), browser: 'blocked' },
  { rule: 'two Access-Control-Allow-Origin values', server: (_r, ctx) => ({ headers: { 'access-control-allow-origin': [ctx.page, ctx.page] } }), browser: 'blocked' },
  { rule: 'the origin in uppercase', server: (_r, ctx) => ({ headers: { 'access-control-allow-origin': ctx.page.toUpperCase() } }), browser: 'blocked' },
  { rule: 'null for a real origin', server: () => ({ headers: { 'access-control-allow-origin': 'null' } }), browser: 'blocked' },
  {
    rule: 'Access-Control-Allow-Credentials: True',
    call: { credentials: true },
    server: (_r, ctx) => echo(ctx, { 'access-control-allow-credentials': 'True' }),
    browser: 'blocked',
  },
  { rule: 'credentials with the origin and true', call: { credentials: true }, server: (_r, ctx) => echo(ctx, credentialed), browser: 'allowed' },
  { rule: 'a 500 that passes the CORS check is readable', server: (_r, ctx) => ({ ...echo(ctx), status: 500 }), browser: 'allowed' },

  // The preflight's answer.
  { rule: 'a 403 preflight with the origin', call: { method: 'PUT' }, server: (_r, ctx) => preflightOr(ctx, { 'access-control-allow-origin': ctx.page, 'access-control-allow-methods': 'PUT' }, 403), browser: 'blocked' },
  { rule: 'a redirected preflight', call: { method: 'PUT' }, server: (_r, ctx) => preflightOr(ctx, { 'access-control-allow-origin': ctx.page, location: '/elsewhere' }, 302), browser: 'blocked' },
  { rule: 'a method missing from Access-Control-Allow-Methods', call: { method: 'PUT' }, server: (_r, ctx) => preflightOr(ctx, { 'access-control-allow-origin': ctx.page, 'access-control-allow-methods': 'GET, POST' }), browser: 'blocked' },
  { rule: 'a header missing from Access-Control-Allow-Headers', call: { headers: [['x-user', 'ada']] }, server: (_r, ctx) => preflightOr(ctx, { 'access-control-allow-origin': ctx.page, 'access-control-allow-headers': 'content-type' }), browser: 'blocked' },
  { rule: 'the header listed in another case', call: { headers: [['X-User', 'ada']] }, server: (_r, ctx) => preflightOr(ctx, { 'access-control-allow-origin': ctx.page, 'access-control-allow-headers': 'X-USER' }), browser: 'allowed' },
  { rule: 'lowercase patch against ACAM: PATCH', call: { method: 'patch' }, server: (_r, ctx) => preflightOr(ctx, { 'access-control-allow-origin': ctx.page, 'access-control-allow-methods': 'PATCH' }), browser: 'blocked' },
  // Node refuses the lowercase request line itself (400): the preflight passing shows as the
  // actual `patch` request reaching the server, for both.
  { rule: 'lowercase patch against ACAM: patch (judged up to the preflight)', call: { method: 'patch' }, server: (_r, ctx) => preflightOr(ctx, { 'access-control-allow-origin': ctx.page, 'access-control-allow-methods': 'patch' }), browser: 'blocked' },
  { rule: 'ACAM: * without credentials', call: { method: 'DELETE' }, server: (_r, ctx) => preflightOr(ctx, { 'access-control-allow-origin': ctx.page, 'access-control-allow-methods': '*' }), browser: 'allowed' },
  {
    rule: 'ACAM: * with credentials',
    call: { method: 'DELETE', credentials: true },
    server: (_r, ctx) => (ctx.preflight ? { status: 204, headers: { 'access-control-allow-origin': ctx.page, 'access-control-allow-methods': '*', ...credentialed } } : echo(ctx, credentialed)),
    browser: 'blocked',
  },
  { rule: 'ACAH: * covering authorization (Chromium departs from the standard)', call: { headers: [['authorization', 'Bearer t']] }, server: (_r, ctx) => preflightOr(ctx, { 'access-control-allow-origin': ctx.page, 'access-control-allow-headers': '*' }), browser: 'allowed' },
  {
    rule: 'ACAH: * with credentials',
    call: { headers: [['x-user', 'ada']], credentials: true },
    server: (_r, ctx) => (ctx.preflight ? { status: 204, headers: { 'access-control-allow-origin': ctx.page, 'access-control-allow-headers': '*', ...credentialed } } : echo(ctx, credentialed)),
    browser: 'blocked',
  },
  { rule: 'an Access-Control-Allow-Methods that does not parse', call: { headers: [['x-user', 'ada']] }, server: (_r, ctx) => preflightOr(ctx, { 'access-control-allow-origin': ctx.page, 'access-control-allow-methods': 'GET PUT', 'access-control-allow-headers': 'x-user' }), browser: 'blocked' },
  { rule: 'an Access-Control-Allow-Headers with empty elements', call: { headers: [['x-user', 'ada']] }, server: (_r, ctx) => preflightOr(ctx, { 'access-control-allow-origin': ctx.page, 'access-control-allow-headers': ' , ,x-user,' }), browser: 'allowed' },

  // Safelisting: whether a preflight is sent (the server refuses every preflight).
  { rule: 'a long accept needs a preflight', call: { headers: [['accept', `text/${'x'.repeat(130)}`]] }, server: (_r, ctx) => preflightOr(ctx, { 'access-control-allow-origin': ctx.page }), browser: 'blocked' },
  { rule: 'an accept of 128 bytes is safelisted', call: { headers: [['accept', 'a'.repeat(128)]] }, server: (_r, ctx) => preflightOr(ctx, {}), browser: 'allowed' },
  { rule: 'an unsafe byte in content-type needs a preflight', call: { method: 'POST', headers: [['content-type', 'text/plain; charset="utf-8"']] }, server: (_r, ctx) => preflightOr(ctx, { 'access-control-allow-origin': ctx.page }), browser: 'blocked' },
  { rule: 'content-type: application/json needs a preflight', call: { method: 'POST', headers: [['content-type', 'application/json']] }, server: (_r, ctx) => preflightOr(ctx, { 'access-control-allow-origin': ctx.page }), browser: 'blocked' },
  { rule: 'content-type: TEXT/Plain with parameters is safelisted', call: { method: 'POST', headers: [['content-type', 'TEXT/Plain ; charset=utf-8']] }, server: (_r, ctx) => preflightOr(ctx, {}), browser: 'allowed' },
  { rule: 'accept-language with _ needs a preflight', call: { headers: [['accept-language', 'en_US']] }, server: (_r, ctx) => preflightOr(ctx, { 'access-control-allow-origin': ctx.page }), browser: 'blocked' },
  { rule: 'range: bytes=0- is safelisted', call: { headers: [['range', 'bytes=0-']] }, server: (_r, ctx) => preflightOr(ctx, {}), browser: 'allowed' },
  { rule: 'range: bytes=-5 needs a preflight', call: { headers: [['range', 'bytes=-5']] }, server: (_r, ctx) => preflightOr(ctx, { 'access-control-allow-origin': ctx.page }), browser: 'blocked' },
  { rule: 'two accept lines are merged by Chromium (then over 128 bytes)', call: { headers: [['accept', 'a'.repeat(100)], ['accept', 'b'.repeat(100)]] }, server: (_r, ctx) => preflightOr(ctx, { 'access-control-allow-origin': ctx.page }), browser: 'blocked' },
  { rule: 'the client hint dpr is safelisted by Chromium', call: { headers: [['dpr', '2']] }, server: (_r, ctx) => preflightOr(ctx, {}), browser: 'allowed' },
  { rule: 'forbidden headers are dropped, not preflighted', call: { method: 'POST', headers: [['cookie', 'a=b'], ['sec-foo', '1'], ['x-http-method-override', 'TRACE']] }, server: (_r, ctx) => preflightOr(ctx, {}), browser: 'allowed' },

  // Readable headers.
  {
    rule: 'Access-Control-Expose-Headers names and *',
    server: (_r, ctx) => echo(ctx, { 'access-control-expose-headers': 'x-a, X-B', 'x-a': '1', 'x-b': '2', 'x-c': '3', 'cache-control': 'no-store' }),
    browser: 'allowed',
  },
  { rule: 'Access-Control-Expose-Headers: * without credentials', server: () => ({ headers: { 'access-control-allow-origin': '*', 'access-control-expose-headers': '*', 'x-a': '1', 'set-cookie': 'a=b' } }), browser: 'allowed' },
  { rule: 'Access-Control-Expose-Headers: * with credentials', call: { credentials: true }, server: (_r, ctx) => echo(ctx, { ...credentialed, 'access-control-expose-headers': '*', 'x-a': '1' }), browser: 'allowed' },

  // Redirects.
  { rule: 'a redirect without Access-Control-Allow-Origin', server: (_r, ctx) => (ctx.path.endsWith('/done') ? echo(ctx) : { status: 302, headers: { location: `done${ctx.query}` } }), browser: 'blocked' },
  { rule: 'a same-origin redirect that passes', server: (_r, ctx) => (ctx.path.endsWith('/done') ? echo(ctx) : { status: 302, headers: { location: `done${ctx.query}`, 'access-control-allow-origin': ctx.page } }), browser: 'allowed' },
  { rule: 'a cross-origin redirect to a server echoing the Origin (null)', server: (_r, ctx) => (ctx.path.endsWith('/done') ? echo(ctx) : { status: 302, headers: { location: `${ctx.b}/done${ctx.query}`, 'access-control-allow-origin': ctx.page } }), browser: 'allowed' },
  { rule: 'a cross-origin redirect to a server allowing only the page', server: (_r, ctx) => (ctx.path.endsWith('/done') ? { headers: { 'access-control-allow-origin': ctx.page } } : { status: 302, headers: { location: `${ctx.b}/done${ctx.query}`, 'access-control-allow-origin': ctx.page } }), browser: 'blocked' },
  { rule: 'a 302 turns POST into GET without its content-type', call: { method: 'POST', headers: [['content-type', 'text/plain']] }, server: (_r, ctx) => (ctx.path.endsWith('/done') ? echo(ctx) : { status: 302, headers: { location: `done${ctx.query}`, 'access-control-allow-origin': ctx.page } }), browser: 'allowed' },
  { rule: 'a 307 keeps PUT and preflights again', call: { method: 'PUT' }, server: (_r, ctx) => (ctx.path.endsWith('/done') || ctx.preflight ? echo(ctx) : { status: 307, headers: { location: `done${ctx.query}`, 'access-control-allow-origin': ctx.page } }), browser: 'allowed' },
  { rule: 'a cross-origin redirect drops authorization', call: { headers: [['authorization', 'Bearer t']] }, server: (_r, ctx) => (ctx.path.endsWith('/done') ? echo(ctx) : ctx.preflight ? echo(ctx, { 'access-control-allow-headers': 'authorization' }) : { status: 302, headers: { location: `${ctx.b}/done${ctx.query}`, 'access-control-allow-origin': ctx.page } }), browser: 'allowed' },
  { rule: 'a redirect to a URL with credentials', server: (_r, ctx) => ({ status: 302, headers: { location: `${ctx.b.replace('//', '//user:pw@')}/done${ctx.query}`, 'access-control-allow-origin': ctx.page } }), browser: 'blocked' },
  { rule: 'a redirect to a data: URL', server: (_r, ctx) => ({ status: 302, headers: { location: 'data:text/plain,hi', 'access-control-allow-origin': ctx.page } }), browser: 'blocked' },

  // Well-behaved servers: @portcullis/core.
  { rule: 'core: an allowed JSON PUT', call: { method: 'PUT', headers: [['content-type', 'application/json']] }, core: (page) => ({ origin: page }), browser: 'allowed' },
  { rule: 'core: another origin, GET', core: () => ({ origin: 'https://elsewhere.example' }), browser: 'blocked' },
  { rule: 'core: another origin, preflight refused with its reason', call: { method: 'PUT' }, core: () => ({ origin: 'https://elsewhere.example' }), browser: 'blocked', refusal: true },
  { rule: 'core: a request header not allowed', call: { headers: [['x-user', 'ada']] }, core: (page) => ({ origin: page }), browser: 'blocked', refusal: true },
  { rule: 'core: credentials and exposed headers', call: { credentials: true }, core: (page) => ({ origin: page, credentials: true, exposeHeaders: ['x-request-id'] }), browser: 'allowed' },
  { rule: "core: allowHeaders '*' never covers authorization", call: { headers: [['authorization', 'Bearer t']] }, core: (page) => ({ origin: page, allowHeaders: '*' }), browser: 'blocked' },
  { rule: "core: ['*', 'authorization']", call: { headers: [['authorization', 'Bearer t'], ['x-user', 'ada']] }, core: (page) => ({ origin: page, allowHeaders: ['*', 'authorization'] }), browser: 'allowed' },
];

interface Recorded {
  readonly server: 'A' | 'B';
  readonly method: string;
  readonly path: string;
  readonly origin?: string | undefined;
  readonly acrm?: string | undefined;
  readonly acrh?: string | undefined;
  readonly authorization?: boolean;
  readonly contentType?: string | undefined;
  /** Refused by Node's HTTP parser (a lowercase method) before any handler ran. */
  readonly refusedByNode?: boolean;
}

const records = new Map<string, Recorded[]>();
let browser: Browser;
let a: Running;
let b: Running;
const policies = new Map<number, (request: Request) => Response>();

function key(row: number, client: string): string {
  return `${row}:${client}`;
}

function record(server: 'A' | 'B', row: number, client: string, entry: Omit<Recorded, 'server'>): void {
  const list = records.get(key(row, client)) ?? [];
  list.push({ server, ...entry });
  records.set(key(row, client), list);
}

function apiServer(name: 'A' | 'B') {
  return start((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const [, id, ...rest] = url.pathname.split('/');
    const rowIndex = Number(id);
    const row = ROWS[rowIndex];
    const client = url.searchParams.get('client') ?? '?';
    const preflight = req.method === 'OPTIONS' && req.headers['access-control-request-method'] !== undefined;
    record(name, rowIndex, client, {
      method: req.method ?? '',
      path: `/${rest.join('/')}`,
      origin: req.headers.origin,
      acrm: req.headers['access-control-request-method'] as string | undefined,
      acrh: req.headers['access-control-request-headers'] as string | undefined,
      authorization: req.headers.authorization !== undefined,
      contentType: req.headers['content-type'],
    });
    if (row === undefined) {
      res.writeHead(404).end();
      return;
    }
    const policy = policies.get(rowIndex);
    if (policy) {
      void toFetch(req, res, policy);
      return;
    }
    const answer = row.server!(req, {
      page: browser.origin,
      origin: req.headers.origin,
      preflight,
      query: url.search,
      path: url.pathname,
      a: `${a.url}/${id}`,
      b: `${b.url}/${id}`,
    });
    res.writeHead(answer.status ?? 200, answer.headers ?? {});
    res.end(preflight ? undefined : 'ok');
  });
}

function onClientError(name: 'A' | 'B', server: Running): void {
  // Node refuses a lowercase method before any handler: record it from the raw request line.
  server.server.on('clientError', (error: Error & { rawPacket?: Buffer }, socket) => {
    const [method = '', target = ''] = requestLine(error).split(' ');
    const url = new URL(target, 'http://x');
    const [, id, ...rest] = url.pathname.split('/');
    record(name, Number(id), url.searchParams.get('client') ?? '?', { method, path: `/${rest.join('/')}`, refusedByNode: true });
    socket.end('HTTP/1.1 400 Bad Request\r\nconnection: close\r\n\r\n');
  });
}

beforeAll(async () => {
  [a, b] = await Promise.all([apiServer('A'), apiServer('B')]);
  onClientError('A', a);
  onClientError('B', b);
  browser = await launch();
  for (const [i, row] of ROWS.entries()) {
    if (row.core) policies.set(i, cors(row.core(browser.origin)).wrap(() => new Response('ok', { headers: { 'x-request-id': '42' } })) as never);
  }
});

afterAll(async () => {
  await browser?.close();
  await Promise.all([a?.close(), b?.close()]);
});

/** The records compared: what reached the servers, without the client tag. */
function reached(row: number, client: string): Recorded[] {
  return records.get(key(row, client)) ?? [];
}

/** Headers that differ with the connection (Chromium keeps it alive, the CLI does not). */
const CONNECTION = ['connection', 'keep-alive'];

describe('the CLI agrees with Chromium', () => {
  it.each(ROWS.map((row, index) => ({ ...row, index })))('$rule', async (row) => {
    const url = (client: string) => `${a.url}/${row.index}/start?client=${client}`;
    const call = row.call ?? {};
    const page = await browser.fetch({ url: url('chromium'), ...call });
    const consoleErrors = browser.consoleErrors();
    const verdict = await checkCors({
      url: url('cli'),
      origin: browser.origin,
      method: call.method,
      headers: call.headers,
      credentials: call.credentials,
      send: true,
    });
    const context = `Chromium: ${JSON.stringify(page)} ${consoleErrors.join(' | ')}\nCLI: ${verdict.reason ?? 'allowed'}`;

    expect(page.ok ? 'allowed' : 'blocked', `the row's own expectation (${context})`).toBe(row.browser);
    expect(verdict.allowed, context).toBe(page.ok);
    expect(reached(row.index, 'cli'), `the requests that reached the servers (${context})`).toEqual(reached(row.index, 'chromium'));
    if (page.ok) {
      const readable = (names: readonly string[]) => names.filter((n) => !CONNECTION.includes(n)).sort();
      expect(readable(verdict.readable?.readable ?? []), 'the headers script can read').toEqual(readable(page.headers ?? []));
    }
    if (row.refusal) expect(verdict.refusals.length, 'the Portcullis-Refusal is captured').toBeGreaterThan(0);
  });

  it('reports where it followed Chromium rather than the standard', async () => {
    const index = ROWS.findIndex((r) => r.rule.startsWith('ACAH: * covering authorization'));
    const verdict = await checkCors({
      url: `${a.url}/${index}/again?client=cli-again`,
      origin: browser.origin,
      headers: [['authorization', 'Bearer t']],
    });
    expect(verdict.allowed).toBe(true);
    expect(verdict.differs.join(' ')).toContain('Fetch Standard');
    const standard = await checkCors({
      url: `${a.url}/${index}/again?client=cli-standard`,
      origin: browser.origin,
      headers: [['authorization', 'Bearer t']],
      browser: 'standard',
    });
    expect(standard.allowed).toBe(false);
  });
});
