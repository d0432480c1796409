// The closed list of misconfiguration classes: what each means, how it usually gets into code,
// and the fix in words. The README's table is written from the same entries.

import type { AuditClassId } from './types.js';

interface AuditClass {
  /** What is wrong, in one line. */
  readonly title: string;
  /** The attacker origin (or request) that reveals it, for T = https://www.myapp.es. */
  readonly example: string;
  /** How it usually gets into a server. */
  readonly cause: string;
  /** The fix, in words. */
  readonly fix: string;
}

const EXACT = 'compare the Origin with each trusted origin for equality, byte for byte';

export const CLASSES: Readonly<Record<AuditClassId, AuditClass>> = {
  'reflect-any': {
    title: 'any origin can read the responses (without credentials)',
    example: 'https://attacker.example',
    cause: 'the Origin header echoed into Access-Control-Allow-Origin, or Access-Control-Allow-Origin: *',
    fix: `allow only the trusted origins: ${EXACT}, and send no Access-Control-Allow-Origin to the others`,
  },
  'reflect-any-credentials': {
    title: "any origin can read the responses with the user's cookies",
    example: 'https://attacker.example',
    cause: 'the Origin header echoed with Access-Control-Allow-Credentials: true (the cors package with origin: true and credentials: true)',
    fix: `allow only the trusted origins: ${EXACT}, and send no Access-Control-Allow-Origin to the others`,
  },
  'null-origin': {
    title: 'Origin: null can read the responses',
    example: 'null',
    cause: "'null' in the list of allowed origins; every sandboxed iframe and data: page sends it, on any site",
    fix: "remove 'null' from the allowed origins: no page you trust has an opaque origin",
  },
  'prefix-match': {
    title: 'an origin that starts with a trusted origin can read the responses',
    example: 'https://www.myapp.es.attacker.example',
    cause: "origin.startsWith('https://www.myapp.es'), or a RegExp without its final $",
    fix: EXACT,
  },
  'suffix-match': {
    title: 'a domain that ends with the trusted domain can read the responses',
    example: 'https://attackermyapp.es',
    cause: "origin.endsWith('myapp.es') without the dot, or a RegExp without its leading ^ and dot",
    fix: `${EXACT}; for subdomains use a pattern with the dot, 'https://*.myapp.es'`,
  },
  'substring-match': {
    title: 'any origin that contains the trusted domain can read the responses',
    example: 'https://attackermyapp.es.attacker.example',
    cause: "origin.includes('myapp.es') or indexOf(...) !== -1, or a RegExp with neither ^ nor $",
    fix: EXACT,
  },
  'unanchored-regex': {
    title: 'a subdomain-shaped prefix of an attacker domain can read the responses',
    example: 'https://portcullis-audit.myapp.es.attacker.example',
    cause: 'a RegExp for subdomains without its final $, e.g. /^https:\\/\\/([a-z0-9-]+\\.)*myapp\\.es/',
    fix: `${EXACT}; for subdomains use core's pattern 'https://*.myapp.es', or anchor the RegExp at both ends`,
  },
  'unescaped-dot': {
    title: 'a RegExp with an unescaped dot lets another registrable domain read the responses',
    example: 'https://wwwxmyapp.es',
    cause: "/^https:\\/\\/www.myapp.es$/ or new RegExp('^' + origin + '$'): the dot matches any character",
    fix: `${EXACT}, or escape every dot of a RegExp (\\.)`,
  },
  'special-char-bypass': {
    title: 'an origin with a character that confuses the host parser can read the responses',
    example: 'https://www.myapp.es_.attacker.example (and a backtick)',
    cause: 'the host read with a hand-written pattern such as /^https?:\\/\\/([a-z0-9.-]+)/ that stops at _ or `',
    fix: `${EXACT}; never extract the host with a pattern of your own`,
  },
  'http-origin-credentials': {
    title: "the http: twin of a trusted https: origin can read with the user's cookies",
    example: 'http://www.myapp.es',
    cause: "'http://www.myapp.es' trusted beside the https: origin, or the scheme ignored when matching",
    fix: 'trust the https: origin only: anyone on the network path can inject script into an http: page',
  },
  'subdomain-credentials': {
    title: "any subdomain can read with the user's cookies",
    example: 'https://portcullis-audit.myapp.es',
    cause: "origin.endsWith('.myapp.es') or 'https://*.myapp.es' with credentials: a subdomain takeover or an XSS away from your data",
    fix: "list the subdomains that need access; keep 'https://*.myapp.es' only if you mean every one of them",
  },
  'third-party-origin': {
    title: 'an origin on shared hosting (or another third party) can read the responses',
    example: 'https://portcullis-audit.github.io',
    cause: "'https://*.github.io' (or Netlify, Vercel, Cloudflare Pages) trusted: anyone can publish a page there",
    fix: 'trust the exact origin of your own site on that platform, never the platform',
  },
  'wildcard-credentials': {
    title: 'Access-Control-Allow-Origin: * with Access-Control-Allow-Credentials: true',
    example: 'any request',
    cause: "a middleware's credentials flag beside origin '*': browsers refuse the pair, and it shows the intent to let everyone read",
    fix: 'list the origins that may send credentials, or drop Access-Control-Allow-Credentials for a public API',
  },
  'invalid-acao': {
    title: "the trusted page itself is blocked: Access-Control-Allow-Origin is not one origin",
    example: 'the trusted origin',
    cause: 'a list (a, b), a trailing slash, or two layers (a proxy and the app) each adding the header',
    fix: "send exactly the request's origin when it is trusted, once",
  },
  'missing-vary': {
    title: 'the answer depends on Origin without Vary: Origin',
    example: 'the same URL with and without Origin',
    cause: 'a hand-written reflect that sets Access-Control-Allow-Origin but not Vary, behind a cache',
    fix: 'send Vary: Origin on every response whose CORS headers depend on Origin, including those to requests without one',
  },
  'preflight-permissive': {
    title: 'the preflight allows any method or header with credentials',
    example: 'OPTIONS with Access-Control-Request-Method: PORTCULLIS',
    cause: 'Access-Control-Request-Method and -Headers echoed into the answer (the cors package echoes the headers by default)',
    fix: 'list the methods and request headers the API accepts',
  },
  'cross-site-write': {
    title: 'a cross-site credentialed POST reaches the handler',
    example: 'POST text/plain from https://attacker.example',
    cause: 'no write protection: CORS decides who reads, not who writes, and a simple POST needs no preflight',
    fix: 'refuse writes from other sites before the handler runs (Sec-Fetch-Site, or Origin against the host): protectWrites',
  },
};

/** Every class id, in the order findings are listed. */
export const CLASS_IDS = Object.keys(CLASSES) as AuditClassId[];

/** The classes of one attacker origin each: what an origin check that lets any origin through also lets through. */
export const ORIGIN_CLASSES: readonly AuditClassId[] = [
  'null-origin',
  'prefix-match',
  'suffix-match',
  'substring-match',
  'unanchored-regex',
  'unescaped-dot',
  'special-char-bypass',
  'http-origin-credentials',
  'subdomain-credentials',
  'third-party-origin',
];

/**
 * A finding of the key's class explains the listed ones: an origin check that lets any origin
 * through lets the narrower attacker origins through too. Folded findings are listed in the
 * broader one's `alsoAllowed`, so that one mistake gives one finding; never into a finding
 * of lower severity, which would hide it.
 */
export const FOLDS: Readonly<Partial<Record<AuditClassId, readonly AuditClassId[]>>> = {
  'reflect-any-credentials': ['reflect-any', ...ORIGIN_CLASSES],
  'reflect-any': ORIGIN_CLASSES,
  // Neither compares the scheme, so the http: twin passes too; and wwwxmyapp.es ends with myapp.es.
  'substring-match': ['prefix-match', 'suffix-match', 'unanchored-regex', 'unescaped-dot', 'special-char-bypass', 'http-origin-credentials', 'subdomain-credentials'],
  'unanchored-regex': ['prefix-match', 'special-char-bypass', 'subdomain-credentials'],
  'prefix-match': ['special-char-bypass'],
  'suffix-match': ['unescaped-dot', 'http-origin-credentials', 'subdomain-credentials'],
};
