// With credentials, whatever origin configuration cors() accepts never lets a host outside the
// configured ones read: random RegExps and patterns meet hostile origins.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cors, CorsConfigError, type CorsOptions } from '../src/index.js';
import { isSharedSuffix } from '../src/public-suffixes.js';
import { request } from './helpers.js';

const DOMAINS = [
  { source: 'myapp\\.es', host: 'myapp.es' },
  { source: 'app\\.myapp\\.es', host: 'app.myapp.es' },
  { source: 'com', host: 'com' },
  { source: 'github\\.io', host: 'github.io' },
  { source: 'myapp\\.es\\.evil\\.io', host: 'myapp.es.evil.io' },
];
// The safe choices appear several times, so that accepted configurations are common enough.
const SCHEMES = ['^https:\\/\\/', '^https:\\/\\/', '^https:\\/\\/', '^https?:\\/\\/', '^http:\\/\\/', '^(?:https|http):\\/\\/', '^[a-z]+:\\/\\/', '^'];
const LABELS = ['', '[a-z0-9-]+\\.', '(?:[a-z0-9-]+\\.)*', '(?:[a-z0-9-]+\\.)+', '[a-z]*', '[^.]+\\.', '\\w+\\.', '[a-z0-9.-]+\\.', '(?:admin|www)\\.', '[a-z]+', '(?:a\\.|b)*'];
const ENDS = ['$', '$', '$', '(?::\\d+)?$', '', '\\/?$'];

const HOSTILE = [
  'https://myapp.es',
  'https://a.myapp.es',
  'https://a.b.myapp.es',
  'https://app.myapp.es',
  'https://myapp.es:8443',
  'https://evilmyapp.es',
  'https://bmyapp.es',
  'https://myapp.es.evil.io',
  'https://evil.com',
  'https://x.com',
  'https://a.github.io',
  'http://a.myapp.es',
  'http://myapp.es',
  'ftp://a.myapp.es',
  'https://a_b.myapp.es',
  'null',
];

function hostOf(origin: string): string {
  return origin.slice(origin.indexOf('://') + 3).replace(/:(?:\d+|\*)$/, '');
}

function allows(options: CorsOptions, origin: string): boolean {
  const response = cors(options).apply(request({ origin }), new Response(null)) as Response;
  return response.headers.get('access-control-allow-origin') === origin;
}

const regexpArb = fc
  .tuple(fc.constantFrom(...SCHEMES), fc.constantFrom(...LABELS), fc.constantFrom(...DOMAINS), fc.constantFrom(...ENDS), fc.boolean())
  .map(([scheme, labels, domain, end, flagI]) => ({ re: new RegExp(`${scheme}${labels}${domain.source}${end}`, flagI ? 'i' : ''), domain }));

describe('credentialed origins: nothing outside the configured hosts', () => {
  it('holds for every RegExp cors() accepts with credentials', () => {
    let accepted = 0;
    fc.assert(
      fc.property(fc.array(regexpArb, { minLength: 1, maxLength: 2 }), (entries) => {
        const options: CorsOptions = { origin: entries.map((e) => e.re), credentials: true };
        try {
          cors(options);
        } catch (error) {
          expect(error).toBeInstanceOf(CorsConfigError);
          return;
        }
        accepted++;
        for (const origin of HOSTILE) {
          if (!allows(options, origin)) continue;
          expect(origin.startsWith('https://')).toBe(true);
          const host = hostOf(origin);
          const owner = entries.find(({ domain }) => host === domain.host || host.endsWith(`.${domain.host}`));
          expect(owner, `${origin} allowed by ${entries.map((e) => e.re).join(', ')}`).toBeDefined();
          expect(isSharedSuffix(owner!.domain.host) && host !== owner!.domain.host).toBe(false);
        }
      }),
      { numRuns: 1000 },
    );
    // The generator reaches both outcomes; a property over refusals only proves nothing.
    expect(accepted).toBeGreaterThan(10);
    // A thousand configurations, each with its RegExp analysed for backtracking: seconds on a
    // loaded machine, not the default five.
  }, 30_000);

  it('holds for every pattern list cors() accepts with credentials', () => {
    const patternArb = fc
      .tuple(fc.constantFrom('https://', 'http://'), fc.constantFrom('', '*.'), fc.constantFrom('myapp.es', 'com', 'github.io', 'gov.br', 'localhost', 'co.uk'), fc.constantFrom('', ':8443', ':*'))
      .map(([s, w, h, p]) => `${s}${w}${h}${p}`);
    fc.assert(
      fc.property(fc.array(patternArb, { minLength: 1, maxLength: 3 }), (patterns) => {
        const options: CorsOptions = { origin: patterns, credentials: true };
        try {
          cors(options);
        } catch (error) {
          expect(error).toBeInstanceOf(CorsConfigError);
          return;
        }
        for (const origin of HOSTILE) {
          if (!allows(options, origin)) continue;
          const host = hostOf(origin);
          expect(origin.startsWith('https://') || host === 'localhost' || host.endsWith('.localhost')).toBe(true);
          const owner = patterns.map((p) => hostOf(p).replace(/^\*\./, '')).find((h) => host === h || host.endsWith(`.${h}`));
          expect(owner, `${origin} allowed by ${patterns.join(', ')}`).toBeDefined();
          expect(host !== owner && isSharedSuffix(owner!)).toBe(false);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('subdomain patterns stay linear in the Origin', () => {
  it.each([
    { rule: 'a thousand-label origin is matched correctly', origin: `https://${'a.'.repeat(500)}myapp.es`, allowed: true },
    { rule: 'a thousand labels under another suffix are refused', origin: `https://${'a.'.repeat(500)}evilmyapp.es`, allowed: false },
    { rule: 'an empty label deep inside is refused', origin: `https://${'a.'.repeat(300)}.a.myapp.es`, allowed: false },
    { rule: 'a port after many labels is another origin', origin: `https://${'a.'.repeat(300)}myapp.es:8443`, allowed: false },
  ])('$rule', ({ origin, allowed }) => {
    expect(allows({ origin: ['https://*.myapp.es', 'https://*.other.es', 'https://*.a.b.c.d.example.com'] }, origin)).toBe(allowed);
  });
});

describe('preflightCacheControl', () => {
  it('goes on allowed preflight answers only', () => {
    const policy = cors({ origin: 'https://myapp.es', preflightCacheControl: 600 });
    const preflight = (acrm: string) =>
      policy.preflight(request({ method: 'OPTIONS', origin: 'https://myapp.es', acrm })) as Response;
    expect(preflight('PUT').headers.get('cache-control')).toBe('max-age=600');
    expect(preflight('PURGE').headers.get('cache-control')).toBeNull();
    const actual = policy.wrap(() => new Response('x'))(request({ origin: 'https://myapp.es' })) as Response;
    expect(actual.headers.get('cache-control')).toBeNull();
  });
});
