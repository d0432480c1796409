// The tables of the differential test: policies, and requests a browser or an attacker sends.
// Each server's answer must equal what `cors(policy)` answers to the same request in front of
// the same upstream, except for the differences EXPORT.md documents (see differences.ts).

import type { CorsOptions } from '@portcullis/core';

export const README_POLICY: CorsOptions = {
  origin: ['https://myapp.es', 'https://*.myapp.es', 'http://localhost:*'],
  allowMethods: ['GET', 'POST', 'PUT', 'DELETE'],
  allowHeaders: ['content-type', 'x-user'],
  exposeHeaders: ['x-request-id'],
  credentials: true,
  maxAge: 600,
};

export const POLICIES: Readonly<Record<string, CorsOptions>> = {
  'the README policy: exact origins, patterns and credentials': README_POLICY,
  'an exact list without credentials, the default methods and headers': { origin: ['https://myapp.es', 'https://admin.myapp.es'] },
  "origin '*' with every method, header and exposed header": { origin: '*', allowMethods: '*', allowHeaders: '*', exposeHeaders: '*' },
  'credentials with wildcard methods and headers, reflected': { origin: 'https://*.myapp.es', credentials: true, allowMethods: '*', allowHeaders: '*' },
  'explainRefusals off, write protection on without credentials': {
    origin: ['https://myapp.es'],
    allowHeaders: ['x-user'],
    allowMethods: ['PUT'],
    explainRefusals: false,
    protectWrites: true,
  },
  "a RegExp origin, allowHeaders ['*', 'authorization'], a 200 preflight with Cache-Control": {
    origin: [/^https:\/\/[a-z]+\.myapp\.es$/, 'http://[::1]:*'],
    allowHeaders: ['*', 'authorization'],
    preflightStatus: 200,
    preflightCacheControl: 600,
    maxAge: 0,
  },
  'nothing but the safelisted methods and no request header': { origin: 'https://myapp.es', allowMethods: [], allowHeaders: [], credentials: true },
};

export interface DiffRequest {
  readonly name: string;
  readonly method: string;
  /** The resource after the policy's prefix: `x`, `status/500`, `cors-headers`. */
  readonly resource?: string;
  readonly headers?: Readonly<Record<string, string>>;
}

const preflight = (origin: string, method: string, requestHeaders?: string): Record<string, string> => ({
  origin,
  'access-control-request-method': method,
  ...(requestHeaders === undefined ? {} : { 'access-control-request-headers': requestHeaders }),
});

const ORIGINS = [
  'https://myapp.es',
  'https://admin.myapp.es',
  'https://a.b.myapp.es',
  'http://localhost:3000',
  'http://localhost',
  'http://[::1]:8080',
  // What scanners send: suffix, prefix and unescaped-dot tricks, downgrades, case, null.
  'https://myapp.es.attacker.example',
  'https://wwwxmyapp.es',
  'https://adminxmyapp.es',
  'https://myappxes',
  'https://attackermyapp.es',
  'https://myapp.es:443',
  'http://myapp.es',
  'https://MYAPP.es',
  'https://.myapp.es',
  'https://a..myapp.es',
  'http://localhost:0',
  'http://localhost:65536',
  'null',
  'https://myapp.es/',
  `https://${'a'.repeat(1100)}.myapp.es`,
  `https://${'b'.repeat(130)}.example`,
];

const many = Array.from({ length: 101 }, () => 'content-type').join(',');

export const REQUESTS: readonly DiffRequest[] = [
  { name: 'GET without Origin', method: 'GET' },
  { name: 'POST without Origin or Sec-Fetch-Site (not a browser)', method: 'POST' },
  { name: 'cross-site POST without Origin', method: 'POST', headers: { 'sec-fetch-site': 'cross-site' } },
  ...ORIGINS.map((origin) => ({ name: `GET from ${origin.slice(0, 40)}`, method: 'GET', headers: { origin } })),
  ...ORIGINS.map((origin) => ({ name: `preflight PUT from ${origin.slice(0, 40)}`, method: 'OPTIONS', headers: preflight(origin, 'PUT') })),
  { name: 'preflight DELETE', method: 'OPTIONS', headers: preflight('https://myapp.es', 'DELETE') },
  { name: 'preflight GET (safelisted)', method: 'OPTIONS', headers: preflight('https://myapp.es', 'GET') },
  { name: "preflight 'patch' (lowercase)", method: 'OPTIONS', headers: preflight('https://myapp.es', 'patch') },
  { name: 'preflight PURGE', method: 'OPTIONS', headers: preflight('https://a.myapp.es', 'PURGE') },
  { name: 'preflight CONNECT (forbidden)', method: 'OPTIONS', headers: preflight('https://myapp.es', 'CONNECT') },
  { name: 'preflight of a 65-character method', method: 'OPTIONS', headers: preflight('https://myapp.es', 'M'.repeat(65)) },
  { name: 'preflight of a method that is no token', method: 'OPTIONS', headers: preflight('https://myapp.es', 'PU(T') },
  { name: 'preflight with content-type', method: 'OPTIONS', headers: preflight('https://myapp.es', 'PUT', 'content-type') },
  { name: 'preflight with x-user', method: 'OPTIONS', headers: preflight('https://admin.myapp.es', 'POST', 'x-user') },
  { name: 'preflight with content-type,x-user', method: 'OPTIONS', headers: preflight('https://myapp.es', 'PUT', 'content-type,x-user') },
  { name: 'preflight with X-User in capitals', method: 'OPTIONS', headers: preflight('https://myapp.es', 'PUT', 'X-User') },
  { name: 'preflight with authorization', method: 'OPTIONS', headers: preflight('https://a.myapp.es', 'PUT', 'authorization') },
  { name: 'preflight with authorization,x-user', method: 'OPTIONS', headers: preflight('https://a.myapp.es', 'PUT', 'authorization,x-user') },
  { name: 'preflight with a-x,authorization,x-user', method: 'OPTIONS', headers: preflight('https://a.myapp.es', 'PUT', 'a-x,authorization,x-user') },
  { name: 'preflight with x-api-key', method: 'OPTIONS', headers: preflight('https://myapp.es', 'POST', 'x-api-key') },
  { name: 'preflight with content-type,x-user,x-zzz', method: 'OPTIONS', headers: preflight('https://myapp.es', 'POST', 'content-type,x-user,x-zzz') },
  { name: 'preflight with spaces and empty elements', method: 'OPTIONS', headers: preflight('https://myapp.es', 'PUT', ' content-type , ,x-user ') },
  { name: 'preflight with a prefix of a listed name', method: 'OPTIONS', headers: preflight('https://myapp.es', 'PUT', 'x-use') },
  { name: 'preflight with a listed name and more', method: 'OPTIONS', headers: preflight('https://myapp.es', 'PUT', 'x-users') },
  { name: 'preflight with a 65-character refused name', method: 'OPTIONS', headers: preflight('https://myapp.es', 'PUT', `x-${'h'.repeat(63)}`) },
  { name: 'preflight with a malformed header list', method: 'OPTIONS', headers: preflight('https://myapp.es', 'PUT', 'x-user y') },
  { name: 'preflight with 101 header names', method: 'OPTIONS', headers: preflight('https://myapp.es', 'PUT', many) },
  { name: 'preflight with 5000 characters of header names', method: 'OPTIONS', headers: preflight('https://myapp.es', 'PUT', `${'x-a,'.repeat(1250)}x`) },
  { name: 'OPTIONS with Origin and no Access-Control-Request-Method (not a preflight)', method: 'OPTIONS', headers: { origin: 'https://myapp.es' } },
  { name: 'PUT from an allowed origin', method: 'PUT', headers: { origin: 'https://myapp.es', 'sec-fetch-site': 'cross-site' } },
  { name: 'cross-site POST from an unlisted origin', method: 'POST', headers: { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' } },
  { name: 'same-site DELETE from an unlisted origin', method: 'DELETE', headers: { origin: 'https://blog.other.es', 'sec-fetch-site': 'same-site' } },
  { name: 'same-origin POST (Sec-Fetch-Site)', method: 'POST', headers: { origin: 'https://evil.example', 'sec-fetch-site': 'same-origin' } },
  { name: 'POST with Sec-Fetch-Site: none', method: 'POST', headers: { 'sec-fetch-site': 'none' } },
  { name: 'POST from an unlisted origin without Sec-Fetch-Site', method: 'POST', headers: { origin: 'https://evil.example' } },
  { name: 'POST from the request host without Sec-Fetch-Site', method: 'POST', headers: { origin: 'http://$host' } },
  { name: 'POST from null', method: 'POST', headers: { origin: 'null', 'sec-fetch-site': 'cross-site' } },
  { name: 'a 500 of the upstream, from an allowed origin', method: 'GET', resource: 'status/500', headers: { origin: 'https://myapp.es' } },
  { name: "the upstream's own CORS headers, to an allowed origin", method: 'GET', resource: 'cors-headers', headers: { origin: 'https://myapp.es' } },
  { name: "the upstream's own CORS headers, to another origin", method: 'GET', resource: 'cors-headers', headers: { origin: 'https://evil.example' } },
  { name: "the upstream's own CORS headers, without Origin", method: 'GET', resource: 'cors-headers' },
  { name: "the server's own 502 (the upstream hangs up), from an allowed origin", method: 'GET', resource: 'hang-up', headers: { origin: 'https://myapp.es' } },
  { name: "the server's own 502, without Origin", method: 'GET', resource: 'hang-up' },
  { name: 'an empty Origin header', method: 'GET', headers: { origin: '' } },
  { name: 'POST from the request host, Host in capitals', method: 'POST', headers: { host: 'LOCALHOST:$port', origin: 'http://localhost:$port' } },
];

/**
 * The upstream's answer, the same for the real upstream and for the handler the core wraps.
 * `hang-up`: the real upstream closes the connection, so the server answers 502 itself; the
 * core decorates the same bare 502.
 */
export function upstreamAnswer(resource: string): { status: number; headers: Record<string, string> } {
  if (resource === 'hang-up') return { status: 502, headers: {} };
  const headers: Record<string, string> = { 'content-type': 'text/plain', vary: 'Accept-Encoding', 'x-request-id': 'r1' };
  if (resource === 'status/500') return { status: 500, headers };
  if (resource === 'cors-headers') {
    Object.assign(headers, {
      'access-control-allow-origin': 'https://upstream.example',
      'access-control-allow-credentials': 'true',
      'access-control-allow-methods': 'UPSTREAM',
      'access-control-allow-headers': 'x-upstream',
      'access-control-expose-headers': 'x-upstream',
      'access-control-max-age': '1',
      // No browser reads it, and the core strips it from refused answers only.
      'access-control-x-upstream': '1',
    });
  }
  return { status: 200, headers };
}
