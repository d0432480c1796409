// Rule 6: origin matching is exact and byte-for-byte against the serialized origin
// (https://html.spec.whatwg.org/multipage/browsers.html#ascii-serialisation-of-an-origin): no
// substring or suffix tricks, and the opaque origin `null`, which any sandboxed document sends,
// never matches (https://fetch.spec.whatwg.org/#http-origin).
import { describe, expect, it } from 'vitest';
import { cors, type CorsOptions } from '../src/index.js';
import { request } from './helpers.js';

function allows(options: CorsOptions, origin: string): boolean {
  const response = cors(options).apply(request({ origin }), new Response(null)) as Response;
  return response.headers.get('access-control-allow-origin') === origin;
}

/** `withCredentials: false`: a configuration that credentials: true refuses (see config-validation.test.ts). */
const table: { rule: string; config: CorsOptions['origin']; origin: string; allowed: boolean; withCredentials?: false }[] = [
  // exact origins
  { rule: 'exact origin matches itself', config: 'https://foo.com', origin: 'https://foo.com', allowed: true },
  { rule: 'a longer host ending in the configured one is another site', config: 'https://foo.com', origin: 'https://barfoo.com', allowed: false },
  { rule: 'a subdomain is not the configured origin', config: 'https://foo.com', origin: 'https://www.foo.com', allowed: false },
  { rule: 'the configured origin as a prefix of a longer host', config: 'https://foo.com', origin: 'https://foo.com.evil.io', allowed: false },
  { rule: 'another scheme is another origin', config: 'https://foo.com', origin: 'http://foo.com', allowed: false },
  { rule: 'another port is another origin', config: 'https://foo.com', origin: 'https://foo.com:8443', allowed: false },
  { rule: 'an explicit port matches only that port', config: 'http://foo.com:8080', origin: 'http://foo.com:8080', allowed: true },
  { rule: 'uppercase is not what browsers send, so it does not match', config: 'https://foo.com', origin: 'https://FOO.com', allowed: false },
  { rule: 'a trailing slash is not part of an origin', config: 'https://foo.com', origin: 'https://foo.com/', allowed: false },
  { rule: 'the default port spelled out is not the serialized origin', config: 'https://foo.com', origin: 'https://foo.com:443', allowed: false },
  { rule: 'IPv6 exact origin', config: 'http://[::1]:3000', origin: 'http://[::1]:3000', allowed: true },
  // subdomain wildcard
  { rule: '*.myapp.es matches one label', config: 'https://*.myapp.es', origin: 'https://app.myapp.es', allowed: true },
  { rule: '*.myapp.es matches several labels', config: 'https://*.myapp.es', origin: 'https://a.b.c.myapp.es', allowed: true },
  { rule: '*.myapp.es never matches the apex', config: 'https://*.myapp.es', origin: 'https://myapp.es', allowed: false },
  { rule: '*.myapp.es does not match a host that only contains it', config: 'https://*.myapp.es', origin: 'https://myapp.es.evil.io', allowed: false },
  { rule: '*.myapp.es does not match a sibling suffix', config: 'https://*.myapp.es', origin: 'https://evilmyapp.es', allowed: false },
  { rule: '*.myapp.es does not match a label ending in the suffix', config: 'https://*.myapp.es', origin: 'https://x.evilmyapp.es', allowed: false },
  { rule: '*.myapp.es keeps the scheme', config: 'https://*.myapp.es', origin: 'http://app.myapp.es', allowed: false },
  { rule: '*.myapp.es keeps the (absent) port', config: 'https://*.myapp.es', origin: 'https://app.myapp.es:8443', allowed: false },
  { rule: '*.myapp.es refuses an empty label', config: 'https://*.myapp.es', origin: 'https://.myapp.es', allowed: false },
  { rule: '*.myapp.es refuses an uppercase subdomain', config: 'https://*.myapp.es', origin: 'https://APP.myapp.es', allowed: false },
  { rule: '*.myapp.es:8443 matches that port', config: 'https://*.myapp.es:8443', origin: 'https://a.myapp.es:8443', allowed: true },
  // any port
  { rule: 'localhost:* matches a port', config: 'http://localhost:*', origin: 'http://localhost:3000', allowed: true },
  { rule: 'localhost:* matches the highest port', config: 'http://localhost:*', origin: 'http://localhost:65535', allowed: true },
  { rule: 'localhost:* matches no port', config: 'http://localhost:*', origin: 'http://localhost', allowed: true },
  { rule: 'localhost:* keeps the scheme', config: 'http://localhost:*', origin: 'https://localhost:3000', allowed: false },
  { rule: 'localhost:* is not a subdomain pattern', config: 'http://localhost:*', origin: 'http://evil.localhost:3000', allowed: false },
  { rule: 'localhost:* does not match a longer host', config: 'http://localhost:*', origin: 'http://localhost.evil.io:3000', allowed: false },
  { rule: 'localhost:* refuses a port out of range', config: 'http://localhost:*', origin: 'http://localhost:65536', allowed: false },
  { rule: 'localhost:* refuses a port with leading zeros', config: 'http://localhost:*', origin: 'http://localhost:03000', allowed: false },
  { rule: 'localhost:* refuses an empty port', config: 'http://localhost:*', origin: 'http://localhost:', allowed: false },
  { rule: '*.myapp.es:* matches a subdomain on any port', config: 'https://*.myapp.es:*', origin: 'https://a.myapp.es:1234', allowed: true },
  { rule: '*.myapp.es:* still never matches the apex', config: 'https://*.myapp.es:*', origin: 'https://myapp.es:1234', allowed: false },
  // RegExps
  { rule: 'an anchored RegExp matches', config: /^https:\/\/(?:www\.)?foo\.com$/, origin: 'https://www.foo.com', allowed: true },
  { rule: 'an anchored RegExp refuses a longer host', config: /^https:\/\/(?:www\.)?foo\.com$/, origin: 'https://www.foo.com.evil.io', allowed: false },
  { rule: 'a RegExp never sees a malformed origin (a path after a permissive pattern)', config: /^https:\/\/[^:]+\.foo\.com$/, origin: 'https://evil.io/x.foo.com', allowed: false },
  { rule: 'a fully anchored alternation matches each alternative', config: /^https:\/\/a\.es$|^https:\/\/b\.es$/, origin: 'https://b.es', allowed: true },
  { rule: 'a fully anchored alternation matches nothing else', config: /^https:\/\/a\.es$|^https:\/\/b\.es$/, origin: 'https://b.es.evil.io', allowed: false },
  // null
  { rule: "'null' never matches a list", config: ['https://foo.com', 'https://*.foo.com', 'http://localhost:*'], origin: 'null', allowed: false },
  { rule: "'null' never matches a permissive RegExp", config: /^(?:https:\/\/foo\.com|null)$/, origin: 'null', allowed: false, withCredentials: false },
];

describe('rule 6: origin matching', () => {
  it.each(table)('$rule ($origin)', ({ config, origin, allowed, withCredentials }) => {
    expect(allows({ origin: config }, origin)).toBe(allowed);
    // The same answer with credentials, where a wrong match would be worst (plain-http test
    // hosts stand for real ones here, so the insecure-origin check is waived).
    if (typeof config !== 'function' && withCredentials !== false) {
      expect(allows({ origin: [config].flat(), credentials: true, dangerouslyAllowInsecureOrigins: true }, origin)).toBe(allowed);
    }
  });

  it('a RegExp is tested afresh for every request (no lastIndex state)', () => {
    const policy = cors({ origin: /^https:\/\/foo\.com$/ });
    for (let i = 0; i < 4; i++) {
      const response = policy.apply(request({ origin: 'https://foo.com' }), new Response(null)) as Response;
      expect(response.headers.get('access-control-allow-origin')).toBe('https://foo.com');
    }
  });

  it('1,000 exact origins: each matches, near misses do not', () => {
    const origins = Array.from({ length: 1000 }, (_, i) => `https://tenant${i}.example.org`);
    const policy = cors({ origin: origins, credentials: true });
    const check = (origin: string) =>
      (policy.apply(request({ origin }), new Response(null)) as Response).headers.get('access-control-allow-origin');
    for (const origin of origins) expect(check(origin)).toBe(origin);
    for (const origin of ['https://tenant1000.example.org', 'https://tenant1.example.org.evil.io', 'https://xtenant1.example.org', 'null']) {
      expect(check(origin)).toBeNull();
    }
  });

  it('an origin function never sees null, so even one that allows everything cannot allow it', () => {
    const seen: string[] = [];
    const allowAll = (o: string) => (seen.push(o), o !== 'https://evil.es');
    expect(allows({ origin: allowAll }, 'null')).toBe(false);
    expect(allows({ origin: allowAll, credentials: true }, 'null')).toBe(false);
    expect(seen).toEqual([]);
  });

  it('an origin function returning the origin itself allows it (the hono and itty-router style)', () => {
    expect(allows({ origin: ((o: string) => o) as unknown as () => boolean }, 'https://foo.com')).toBe(true);
    expect(allows({ origin: (() => 'https://other.com') as unknown as () => boolean }, 'https://foo.com')).toBe(false);
  });
});
