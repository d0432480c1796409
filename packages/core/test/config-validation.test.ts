// Configuration validation: cors(options) validates once and throws one CorsConfigError listing
// every problem, each a stable code with where it is, the value found, and how to fix it.
import { describe, expect, it } from 'vitest';
import { createCorsEngine } from '../src/adapter.js';
import { formatProblemPath } from '../src/config-error.js';
import { cors, CorsConfigError, withCors, type CorsConfigProblem, type ProblemPathSegment } from '../src/index.js';

function problemsOf(options: unknown): readonly CorsConfigProblem[] {
  try {
    cors(options as never);
  } catch (error) {
    expect(error).toBeInstanceOf(CorsConfigError);
    expect(error).toBeInstanceOf(TypeError);
    return (error as CorsConfigError).problems;
  }
  throw new Error(`expected ${String(options)} to be refused`);
}

const SHARED = 'origin.credentialed-shared-suffix';

/** `fix`: a text the fix must contain, where the fix carries data (a corrected spelling, a name). */
const rows: { rule: string; options: unknown; code: string; path: ProblemPathSegment[]; fix?: string }[] = [
  // origin: presence and shape
  { rule: 'origin is required', options: {}, code: 'origin.missing', path: ['origin'], fix: "origin: 'https://myapp.es'" },
  { rule: 'origin: undefined counts as missing', options: { origin: undefined }, code: 'origin.missing', path: ['origin'] },
  { rule: 'an inherited origin does not count (own properties only)', options: Object.create({ origin: '*' }), code: 'origin.missing', path: ['origin'] },
  { rule: 'an empty origin list allows nothing', options: { origin: [] }, code: 'origin.empty-list', path: ['origin'] },
  { rule: "'*' with credentials", options: { origin: '*', credentials: true }, code: 'origin.wildcard-with-credentials', path: ['origin'] },
  { rule: "'*' inside a list", options: { origin: ['https://myapp.es', '*'] }, code: 'origin.wildcard-in-list', path: ['origin', 1] },
  { rule: 'an entry that is neither string, RegExp nor function', options: { origin: [42] }, code: 'origin.invalid-entry', path: ['origin', 0] },
  { rule: 'origin: true would reflect every origin (cors, itty-router)', options: { origin: true }, code: 'origin.reflect-all', path: ['origin'], fix: "origin: ['https://myapp.es']" },
  { rule: 'origin: false allows nothing (cors)', options: { origin: false }, code: 'origin.none', path: ['origin'], fix: 'do not wrap the handler' },
  { rule: 'an unanchored subdomain RegExp keeps a label before the dot in its fix', options: { origin: /\.example2\.com$/ }, code: 'regexp.unanchored', path: ['origin'], fix: '/^https:\\/\\/(?:[a-z0-9-]+\\.)+example2\\.com$/' },
  { rule: 'allowMethods as a function (hono) points to corsByRequest', options: { origin: '*', allowMethods: () => ['GET'] }, code: 'methods.not-a-list', path: ['allowMethods'], fix: 'corsByRequest' },
  { rule: 'several origins in one string', options: { origin: 'https://myapp.es, https://admin.myapp.es' }, code: 'origin.comma-list', path: ['origin'], fix: "['https://myapp.es', 'https://admin.myapp.es']" },
  // origin: what browsers never send
  { rule: "the 'null' origin", options: { origin: 'null' }, code: 'origin.null', path: ['origin'] },
  { rule: "the 'null' origin in a list", options: { origin: ['https://myapp.es', 'null'] }, code: 'origin.null', path: ['origin', 1] },
  { rule: 'a file: origin', options: { origin: ['file://'] }, code: 'origin.file', path: ['origin', 0] },
  { rule: 'a scheme whose documents send null', options: { origin: 'foo://bar' }, code: 'origin.unsupported-scheme', path: ['origin'] },
  { rule: 'ws: pages do not exist', options: { origin: 'wss://myapp.es' }, code: 'origin.unsupported-scheme', path: ['origin'] },
  { rule: 'a path', options: { origin: 'https://myapp.es/app' }, code: 'origin.path', path: ['origin'], fix: "write 'https://myapp.es'" },
  { rule: 'a trailing slash', options: { origin: 'https://myapp.es/' }, code: 'origin.trailing-slash', path: ['origin'], fix: "write 'https://myapp.es'" },
  { rule: 'a query', options: { origin: 'https://myapp.es?x=1' }, code: 'origin.query', path: ['origin'], fix: "write 'https://myapp.es'" },
  { rule: 'user information', options: { origin: 'https://user:pw@myapp.es' }, code: 'origin.user-info', path: ['origin'], fix: "write 'https://myapp.es'" },
  { rule: 'an uppercase host', options: { origin: 'https://MyApp.es' }, code: 'origin.uppercase', path: ['origin'], fix: "write 'https://myapp.es'" },
  { rule: 'an uppercase scheme', options: { origin: 'HTTPS://myapp.es' }, code: 'origin.uppercase', path: ['origin'], fix: "write 'https://myapp.es'" },
  { rule: 'white space', options: { origin: ' https://myapp.es ' }, code: 'origin.white-space', path: ['origin'], fix: "write 'https://myapp.es'" },
  { rule: 'the default https port', options: { origin: 'https://myapp.es:443' }, code: 'origin.default-port', path: ['origin'], fix: "write 'https://myapp.es'" },
  { rule: 'the default http port', options: { origin: ['http://myapp.es:80'] }, code: 'origin.default-port', path: ['origin', 0], fix: "write 'http://myapp.es'" },
  { rule: 'a port out of range', options: { origin: 'https://myapp.es:70000' }, code: 'origin.port-out-of-range', path: ['origin'] },
  { rule: 'port 0', options: { origin: 'https://myapp.es:0' }, code: 'origin.port-out-of-range', path: ['origin'] },
  { rule: 'a missing scheme', options: { origin: 'myapp.es' }, code: 'origin.no-scheme', path: ['origin'], fix: "write 'https://myapp.es'" },
  { rule: 'a missing scheme on localhost suggests http', options: { origin: 'localhost:3000' }, code: 'origin.no-scheme', path: ['origin'], fix: "write 'http://localhost:3000'" },
  { rule: 'IPv4 in short form', options: { origin: 'http://127.1' }, code: 'origin.not-canonical', path: ['origin'], fix: "write 'http://127.0.0.1'" },
  { rule: 'IPv4 in hexadecimal', options: { origin: 'http://0x7f.0.0.1' }, code: 'origin.not-canonical', path: ['origin'], fix: "write 'http://127.0.0.1'" },
  { rule: 'IPv4 as one number', options: { origin: 'http://2130706433' }, code: 'origin.not-canonical', path: ['origin'], fix: "write 'http://127.0.0.1'" },
  { rule: 'IPv6 not compressed', options: { origin: 'http://[0:0::1]:8080' }, code: 'origin.not-canonical', path: ['origin'], fix: "write 'http://[::1]:8080'" },
  { rule: 'IPv4-mapped IPv6 in dotted form', options: { origin: 'http://[::ffff:127.0.0.1]' }, code: 'origin.not-canonical', path: ['origin'], fix: "write 'http://[::ffff:7f00:1]'" },
  { rule: 'a numeric last label is not a host', options: { origin: 'https://myapp.1' }, code: 'origin.invalid-host', path: ['origin'] },
  { rule: 'an internationalised host', options: { origin: 'https://bücher.es' }, code: 'origin.non-ascii-host', path: ['origin'], fix: 'xn--bcher-kva.es' },
  { rule: "'*' inside a label", options: { origin: 'https://*app.myapp.es' }, code: 'origin.misplaced-wildcard', path: ['origin'] },
  { rule: "'*' in a middle label", options: { origin: 'https://app.*.myapp.es' }, code: 'origin.misplaced-wildcard', path: ['origin'] },
  { rule: "'*' as the whole host", options: { origin: 'https://*' }, code: 'origin.misplaced-wildcard', path: ['origin'] },
  // origin: credentials
  { rule: 'a credentialed wildcard under a single-label TLD', options: { origin: 'https://*.com', credentials: true }, code: SHARED, path: ['origin'] },
  { rule: 'a credentialed wildcard under a country TLD', options: { origin: ['https://*.es'], credentials: true }, code: SHARED, path: ['origin', 0] },
  { rule: 'a credentialed wildcard under github.io', options: { origin: 'https://*.github.io', credentials: true }, code: SHARED, path: ['origin'], fix: 'https://app.github.io' },
  { rule: 'a credentialed wildcard under co.uk', options: { origin: 'https://*.co.uk', credentials: true }, code: SHARED, path: ['origin'] },
  { rule: 'a credentialed wildcard under gov.br (a registry label under a country)', options: { origin: 'https://*.gov.br', credentials: true }, code: SHARED, path: ['origin'] },
  { rule: 'a credentialed wildcard under edu.br', options: { origin: 'https://*.edu.br', credentials: true }, code: SHARED, path: ['origin'] },
  { rule: 'a credentialed wildcard under ac.in', options: { origin: 'https://*.ac.in', credentials: true }, code: SHARED, path: ['origin'] },
  { rule: 'a credentialed wildcard under uk.com', options: { origin: 'https://*.uk.com', credentials: true }, code: SHARED, path: ['origin'] },
  { rule: 'a credentialed wildcard under r2.dev', options: { origin: 'https://*.r2.dev', credentials: true }, code: SHARED, path: ['origin'] },
  { rule: 'a credentialed wildcard under pythonanywhere.com', options: { origin: 'https://*.pythonanywhere.com', credentials: true }, code: SHARED, path: ['origin'] },
  { rule: 'a credentialed wildcard under an S3 regional endpoint', options: { origin: 'https://*.s3.us-east-1.amazonaws.com', credentials: true }, code: SHARED, path: ['origin'] },
  { rule: 'a credentialed wildcard under vercel.app', options: { origin: 'https://*.vercel.app', credentials: true }, code: SHARED, path: ['origin'] },
  ...['js.org', 'eu.org', 'is-a.dev', 'pp.ua', 'a.run.app', 'servicebus.windows.net'].map((suffix) => ({
    rule: `a credentialed wildcard under ${suffix} (a multi-label rule of the Public Suffix List)`,
    options: { origin: `https://*.${suffix}`, credentials: true },
    code: SHARED,
    path: ['origin'],
    fix: `'https://app.${suffix}'`,
  })),
  { rule: 'a credentialed wildcard above public suffixes (amazonaws.com)', options: { origin: 'https://*.amazonaws.com', credentials: true }, code: SHARED, path: ['origin'] },
  { rule: 'a credentialed RegExp for every subdomain of js.org', options: { origin: /^https:\/\/[a-z0-9-]+\.js\.org$/, credentials: true }, code: 'regexp.credentials-shared-suffix', path: ['origin'] },
  { rule: 'a plain-http origin with credentials', options: { origin: 'http://myapp.es', credentials: true }, code: 'origin.insecure-with-credentials', path: ['origin'], fix: "write 'https://myapp.es'" },
  { rule: 'a plain-http wildcard with credentials', options: { origin: ['https://myapp.es', 'http://*.myapp.es'], credentials: true }, code: 'origin.insecure-with-credentials', path: ['origin', 1], fix: 'dangerouslyAllowInsecureOrigins: true' },
  // RegExps
  { rule: 'a RegExp without ^', options: { origin: /https:\/\/myapp\.es$/ }, code: 'regexp.unanchored', path: ['origin'], fix: '/^https:\\/\\/myapp\\.es$/' },
  { rule: 'a RegExp without $', options: { origin: [/^https:\/\/myapp\.es/] }, code: 'regexp.unanchored', path: ['origin', 0], fix: '/^https:\\/\\/myapp\\.es$/' },
  { rule: 'a RegExp whose $ is escaped', options: { origin: /^https:\/\/myapp\.es\$/ }, code: 'regexp.unanchored', path: ['origin'] },
  { rule: 'an unanchored RegExp without a scheme: the fix keeps one', options: { origin: /myapp\.es/ }, code: 'regexp.unanchored', path: ['origin'], fix: '/^https:\\/\\/myapp\\.es$/' },
  { rule: 'a top-level alternation anchored only at its ends', options: { origin: /^https:\/\/a\.es|https:\/\/b\.es$/ }, code: 'regexp.partly-anchored', path: ['origin'], fix: '/^(?:https:\\/\\/a\\.es|https:\\/\\/b\\.es)$/' },
  { rule: 'a RegExp that can never match: no scheme', options: { origin: /^myapp\.es$/ }, code: 'regexp.no-scheme', path: ['origin'], fix: '/^https:\\/\\/myapp\\.es$/' },
  { rule: 'a RegExp with the g flag', options: { origin: /^https:\/\/myapp\.es$/g }, code: 'regexp.stateful-flag', path: ['origin'], fix: 'remove the flag' },
  { rule: 'a RegExp with the y flag', options: { origin: /^https:\/\/myapp\.es$/y }, code: 'regexp.stateful-flag', path: ['origin'] },
  { rule: 'an unescaped dot in a host', options: { origin: /^https:\/\/myapp.es$/ }, code: 'regexp.unescaped-dot', path: ['origin'], fix: 'escape it: /^https:\\/\\/myapp\\.es$/' },
  { rule: "'.*' in a host is any characters: the fix is the origin pattern", options: { origin: /^https:\/\/.*\.example\.com$/ }, code: 'regexp.unescaped-dot', path: ['origin'], fix: "write the origin pattern 'https://*.example.com'" },
  { rule: 'a repeated group of a repeated class backtracks exponentially (ReDoS)', options: { origin: [/^https:\/\/([a-z0-9]+)+\.myapp\.es$/], credentials: true }, code: 'regexp.backtracking', path: ['origin', 0], fix: "write the origin pattern 'https://*.myapp.es'" },
  { rule: 'a label with an optional hyphen, repeated, backtracks exponentially', options: { origin: /^https:\/\/([a-z0-9]+-?)+\.myapp\.es$/ }, code: 'regexp.backtracking', path: ['origin'], fix: '/^https:\\/\\/(?:[a-z0-9-]+\\.)+myapp\\.es$/' },
  { rule: 'two overlapping classes side by side backtrack polynomially', options: { origin: /^https:\/\/[a-z]+[a-z0-9]*\.myapp\.es$/ }, code: 'regexp.backtracking', path: ['origin'] },
  { rule: 'a back-reference cannot be checked for backtracking', options: { origin: /^https:\/\/(a+)\1\.myapp\.es$/ }, code: 'regexp.unchecked-syntax', path: ['origin'] },
  { rule: 'an unescaped dot before $', options: { origin: /^https:\/\/myapp\.e.$/ }, code: 'regexp.unescaped-dot', path: ['origin'] },
  { rule: 'an unescaped dot before an escape', options: { origin: /^https:\/\/my-app.\w+$/ }, code: 'regexp.unescaped-dot', path: ['origin'] },
  { rule: 'a RegExp that reflects any https origin with credentials', options: { origin: /^https:\/\/[^/]+$/, credentials: true }, code: 'regexp.credentials-unpinned', path: ['origin'], fix: "'https://*.myapp.es'" },
  { rule: 'a RegExp that reflects any origin with credentials', options: { origin: /^https?:\/\/[a-z0-9-]+$/, credentials: true }, code: 'regexp.credentials-unpinned', path: ['origin'] },
  { rule: 'a RegExp that allows any .com host with credentials', options: { origin: /^https:\/\/[a-z0-9-]+\.com$/, credentials: true }, code: 'regexp.credentials-shared-suffix', path: ['origin'] },
  { rule: 'a RegExp that lets a host end in the domain without a dot', options: { origin: /^https:\/\/[a-z]*myapp\.es$/, credentials: true }, code: 'regexp.credentials-unpinned', path: ['origin'] },
  // methods
  { rule: 'an invalid method token', options: { origin: '*', allowMethods: ['GET', 'PUT DELETE'] }, code: 'methods.invalid', path: ['allowMethods', 1] },
  { rule: 'CONNECT', options: { origin: '*', allowMethods: ['CONNECT'] }, code: 'methods.forbidden', path: ['allowMethods', 0] },
  { rule: 'TRACE, in any case', options: { origin: '*', allowMethods: ['GET', 'trace'] }, code: 'methods.forbidden', path: ['allowMethods', 1] },
  { rule: 'TRACK', options: { origin: '*', allowMethods: ['TRACK'] }, code: 'methods.forbidden', path: ['allowMethods', 0] },
  { rule: "'*' among methods", options: { origin: '*', allowMethods: ['GET', '*'] }, code: 'methods.wildcard-in-list', path: ['allowMethods', 1] },
  { rule: 'allowMethods as one string', options: { origin: '*', allowMethods: 'GET, POST' }, code: 'methods.not-a-list', path: ['allowMethods'], fix: "['GET', 'POST']" },
  // headers
  { rule: 'an invalid header name', options: { origin: '*', allowHeaders: ['x user'] }, code: 'headers.invalid', path: ['allowHeaders', 0] },
  { rule: 'a header name with padding', options: { origin: '*', allowHeaders: ['content-type', ' x-user'] }, code: 'headers.invalid', path: ['allowHeaders', 1], fix: "write 'x-user'" },
  { rule: 'allowHeaders as one string keeps every name', options: { origin: '*', allowHeaders: 'content-type, x-user' }, code: 'headers.not-a-list', path: ['allowHeaders'], fix: "['content-type', 'x-user']" },
  { rule: 'two names in one entry', options: { origin: '*', allowHeaders: ['content-type, x-user'] }, code: 'headers.invalid', path: ['allowHeaders', 0], fix: "['content-type', 'x-user']" },
  { rule: 'a forbidden request header', options: { origin: '*', allowHeaders: ['Cookie'] }, code: 'headers.forbidden-request-header', path: ['allowHeaders'], fix: "remove 'cookie'" },
  { rule: 'a sec- request header', options: { origin: '*', allowHeaders: ['sec-fetch-mode'] }, code: 'headers.forbidden-request-header', path: ['allowHeaders'] },
  { rule: 'a proxy- request header', options: { origin: '*', allowHeaders: ['*', 'proxy-authorization'] }, code: 'headers.forbidden-request-header', path: ['allowHeaders'] },
  { rule: 'an invalid exposed header name', options: { origin: '*', exposeHeaders: ['x:y'] }, code: 'headers.invalid', path: ['exposeHeaders', 0] },
  { rule: 'set-cookie in exposeHeaders', options: { origin: '*', exposeHeaders: ['Set-Cookie'] }, code: 'headers.never-exposed', path: ['exposeHeaders'], fix: "remove 'set-cookie'" },
  { rule: "exposeHeaders '*' with credentials", options: { origin: 'https://myapp.es', credentials: true, exposeHeaders: '*' }, code: 'headers.expose-wildcard-with-credentials', path: ['exposeHeaders'] },
  // scalars
  { rule: 'credentials that is not a boolean', options: { origin: 'https://myapp.es', credentials: 'true' }, code: 'option.not-a-boolean', path: ['credentials'], fix: 'credentials: true' },
  { rule: 'maxAge below 0', options: { origin: '*', maxAge: -1 }, code: 'option.out-of-range', path: ['maxAge'], fix: 'between 0 and 86400' },
  { rule: 'maxAge above 86400', options: { origin: '*', maxAge: 86401 }, code: 'option.out-of-range', path: ['maxAge'] },
  { rule: 'maxAge not an integer', options: { origin: '*', maxAge: 1.5 }, code: 'option.out-of-range', path: ['maxAge'] },
  { rule: 'maxAge as a string', options: { origin: '*', maxAge: '600' }, code: 'option.out-of-range', path: ['maxAge'] },
  { rule: 'maxAge NaN', options: { origin: '*', maxAge: Number.NaN }, code: 'option.out-of-range', path: ['maxAge'] },
  { rule: 'preflightStatus below 200', options: { origin: '*', preflightStatus: 199 }, code: 'option.out-of-range', path: ['preflightStatus'], fix: 'between 200 and 299' },
  { rule: 'preflightStatus 300', options: { origin: '*', preflightStatus: 300 }, code: 'option.out-of-range', path: ['preflightStatus'] },
  { rule: 'a Cache-Control with a line break', options: { origin: '*', preflightCacheControl: 'max-age=60\r\nx: y' }, code: 'option.invalid-cache-control', path: ['preflightCacheControl'] },
  { rule: 'a negative Cache-Control lifetime', options: { origin: '*', preflightCacheControl: -5 }, code: 'option.invalid-cache-control', path: ['preflightCacheControl'] },
  { rule: 'explainRefusals that is not a boolean', options: { origin: '*', explainRefusals: 'no' }, code: 'option.not-a-boolean', path: ['explainRefusals'] },
  { rule: 'onRefusal that is neither log nor a function', options: { origin: '*', onRefusal: 'console' }, code: 'option.invalid-listener', path: ['onRefusal'], fix: "onRefusal: 'log'" },
  { rule: "protectWrites with origin '*'", options: { origin: '*', protectWrites: true }, code: 'writes.any-origin', path: ['protectWrites'] },
  // option names: other libraries' names, and typos
  { rule: 'allowedHeaders (cors, @fastify/cors)', options: { origin: '*', allowedHeaders: ['x'] }, code: 'option.renamed', path: ['allowedHeaders'], fix: "rename it to 'allowHeaders'" },
  { rule: 'methods', options: { origin: '*', methods: ['GET'] }, code: 'option.renamed', path: ['methods'], fix: "rename it to 'allowMethods'" },
  { rule: 'exposedHeaders', options: { origin: '*', exposedHeaders: ['x'] }, code: 'option.renamed', path: ['exposedHeaders'], fix: "rename it to 'exposeHeaders'" },
  { rule: 'optionsSuccessStatus (cors)', options: { origin: '*', optionsSuccessStatus: 200 }, code: 'option.renamed', path: ['optionsSuccessStatus'], fix: "'preflightStatus'" },
  { rule: 'cacheControl (@fastify/cors)', options: { origin: '*', cacheControl: 600 }, code: 'option.renamed', path: ['cacheControl'], fix: "'preflightCacheControl'" },
  { rule: 'a typo: orign', options: { orign: 'https://myapp.es', origin: '*' }, code: 'option.unknown', path: ['orign'], fix: "did you mean 'origin'?" },
  { rule: 'a typo: maxage is the known alias', options: { origin: '*', maxage: 5 }, code: 'option.renamed', path: ['maxage'], fix: "'maxAge'" },
  { rule: 'a typo in another case: Credentials', options: { origin: '*', Credentials: false }, code: 'option.unknown', path: ['Credentials'], fix: "did you mean 'credentials'?" },
  { rule: 'an unrelated name lists the options', options: { origin: '*', banana: 1 }, code: 'option.unknown', path: ['banana'], fix: 'origin, allowMethods' },
  { rule: 'preflightContinue (cors, @fastify/cors): the Portcullis way', options: { origin: '*', preflightContinue: true }, code: 'option.unsupported', path: ['preflightContinue'], fix: 'policy.preflight(request)' },
  { rule: 'strictPreflight (@fastify/cors)', options: { origin: '*', strictPreflight: false }, code: 'option.unsupported', path: ['strictPreflight'], fix: 'always checked strictly' },
  { rule: 'preflight (@fastify/cors)', options: { origin: '*', preflight: false }, code: 'option.unsupported', path: ['preflight'] },
  { rule: 'hideOptionsRoute (@fastify/cors): nothing to hide', options: { origin: '*', hideOptionsRoute: true }, code: 'option.unsupported', path: ['hideOptionsRoute'], fix: 'no OPTIONS route' },
  { rule: 'delegator (@fastify/cors): policies chosen per request', options: { origin: '*', delegator: () => ({}) }, code: 'option.unsupported', path: ['delegator'], fix: 'corsByRequest' },
  { rule: 'hook (@fastify/cors)', options: { origin: '*', hook: 'preHandler' }, code: 'option.unsupported', path: ['hook'] },
  { rule: 'logLevel (@fastify/cors)', options: { origin: '*', logLevel: 'silent' }, code: 'option.unsupported', path: ['logLevel'], fix: "onRefusal: 'log'" },
];

describe('configuration validation: one row per rule', () => {
  it.each(rows)('$rule -> $code', ({ options, code, path, fix }) => {
    const problems = problemsOf(options);
    expect(problems.map((p) => ({ code: p.code, path: p.path }))).toEqual([{ code, path }]);
    if (fix !== undefined) expect(problems[0]!.fix).toContain(fix);
  });

  it.each(rows)('the thrown message names the path, the problem and the fix ($rule)', ({ options }) => {
    const [problem] = problemsOf(options);
    expect(() => cors(options as never)).toThrow(`${formatProblemPath(problem!.path)}: ${problem!.message}\n    fix: ${problem!.fix}`);
  });

  // One sentence: the value the user wrote, then what it is or has (never a second clause glued
  // on without a verb, as in "'https://MyApp.es' the host must be lowercase").
  it.each(rows.filter((row) => typeof problemsOf(row.options)[0]!.value === 'string'))('the message reads as one sentence about the value ($rule)', ({ options }) => {
    const [problem] = problemsOf(options);
    const value = problem!.value as string;
    if (!problem!.message.startsWith(`'${value}' `)) return;
    expect(problem!.message.slice(value.length + 3)).toMatch(/^(is|has|ends|contains|puts|allows|cannot) /);
    expect(problem!.message).not.toMatch(/\. [A-Z]/);
  });

  it.each([null, undefined, 'https://myapp.es', ['https://myapp.es'], 42])('options that are not an object (%s)', (options) => {
    expect(problemsOf(options)).toEqual([expect.objectContaining({ code: 'options.not-an-object', path: [], value: options })]);
  });

  it('cors(fn), the cors package\'s per-request options callback, points to corsByRequest', () => {
    expect(problemsOf(() => ({}))).toMatchObject([{ code: 'options.not-an-object', fix: expect.stringContaining('corsByRequest((request) => policy)') }]);
  });

  it('cors() without options says so plainly', () => {
    expect(() => (cors as () => unknown)()).toThrow('options: expected an options object, got undefined');
  });

  it('each problem carries the offending value', () => {
    const re = /^https:\/\/myapp.es$/;
    expect(problemsOf({ origin: ['https://myapp.es/', re], maxAge: -1 }).map((p) => p.value)).toEqual(['https://myapp.es/', re, -1]);
  });

  it('an inherited option is never read, whatever it says', () => {
    const proto = { credentials: true, origin: '*' };
    const options = Object.assign(Object.create(proto) as object, { origin: 'https://myapp.es' });
    expect(createCorsEngine(options as never).config.credentials).toBe(false);
  });
});

describe('RegExp messages say what the RegExp does', () => {
  it.each([
    { origin: /^https:\/\/myapp.es$/, text: "/^https:\\/\\/myapp.es$/ has an unescaped '.' at index 16 of its source, which matches any character, not only a dot: it also matches https://myappxes" },
    { origin: /^https:\/\/.*\.example\.com$/, text: "/^https:\\/\\/.*\\.example\\.com$/ has '.*' at index 11 of its source, which matches any characters, not only a host's labels and dots: it also matches https://x_y.example.com" },
  ])('$origin', ({ origin, text }) => {
    const [problem] = problemsOf({ origin });
    expect(problem!.message).toBe(text);
    // The example is a host the RegExp really matches.
    expect(origin.test(text.slice(text.lastIndexOf(' ') + 1))).toBe(true);
  });
});

describe("hints for other libraries' option names", () => {
  it.each(['preflightContinue', 'strictPreflight', 'preflight', 'hideOptionsRoute', 'delegator', 'hook', 'logLevel', 'allowPrivateNetwork'])(
    '%s: the fix names no framework (each adapter says more in its own words)',
    (name) => {
      const [problem] = problemsOf({ origin: '*', [name]: true });
      expect(problem!.code).toBe('option.unsupported');
      expect(problem!.fix).not.toMatch(/fastify|express|hono|next\.js/i);
    },
  );
});

describe('problem paths render as the option a user wrote', () => {
  it.each([
    { path: [], text: 'options' },
    { path: ['origin'], text: 'origin' },
    { path: ['origin', 2], text: 'origin[2]' },
    { path: ['routes', 'GET /x', 'config', 'cors', 'origin', 0], text: 'routes["GET /x"].config.cors.origin[0]' },
  ])('$text', ({ path, text }) => {
    expect(formatProblemPath(path)).toBe(text);
  });
});

describe('configuration validation: every problem at once', () => {
  it('reports all mistakes of one configuration in one CorsConfigError', () => {
    const problems = problemsOf({
      origin: ['https://myapp.es/', 'null', '*', /myapp\.es/g, 'https://*.github.io'],
      credentials: true,
      allowedHeaders: ['x-user'],
      allowMethods: ['TRACE', 'not a method'],
      allowHeaders: ['cookie', 'bad header'],
      exposeHeaders: '*',
      maxAge: 1e9,
      preflightStatus: 404,
    });
    expect(problems.map((p) => `${formatProblemPath(p.path)} ${p.code}`).sort()).toEqual(
      [
        'allowedHeaders option.renamed',
        'origin[0] origin.trailing-slash',
        'origin[1] origin.null',
        'origin[2] origin.wildcard-in-list',
        'origin[3] regexp.stateful-flag',
        'origin[3] regexp.unanchored',
        'origin[3] regexp.credentials-unpinned',
        `origin[4] ${SHARED}`,
        'allowMethods[0] methods.forbidden',
        'allowMethods[1] methods.invalid',
        'allowHeaders[1] headers.invalid',
        'allowHeaders headers.forbidden-request-header',
        'exposeHeaders headers.expose-wildcard-with-credentials',
        'maxAge option.out-of-range',
        'preflightStatus option.out-of-range',
      ].sort(),
    );
    for (const p of problems) expect(p.fix.length).toBeGreaterThan(5);
  });

  it('reports several defects of a single origin, each with the corrected spelling', () => {
    const problems = problemsOf({ origin: 'HTTPS://MyApp.es:443/' });
    expect(problems.map((p) => p.code).sort()).toEqual(['origin.default-port', 'origin.trailing-slash', 'origin.uppercase', 'origin.uppercase'].sort());
    for (const p of problems) expect(p.fix).toBe("write 'https://myapp.es'");
  });

  it.each([
    { name: 'cors', build: (o: never) => cors(o) },
    { name: 'withCors', build: (o: never) => withCors(() => new Response(), o) },
    { name: 'createCorsEngine', build: (o: never) => createCorsEngine(o) },
  ])('$name validates too', ({ build }) => {
    expect(() => build({ origins: ['https://myapp.es'] } as never)).toThrow(CorsConfigError);
  });
});

describe('configuration validation: what is accepted', () => {
  it.each([
    { name: 'the example of the README', options: { origin: ['https://myapp.es', 'https://*.myapp.es', 'http://localhost:*'], allowMethods: ['GET', 'POST', 'PUT', 'DELETE'], allowHeaders: ['content-type', 'x-user'], exposeHeaders: ['x-request-id'], credentials: true, maxAge: 600 } },
    { name: "origin '*' without credentials", options: { origin: '*' } },
    { name: "a list of one '*' (as --origin '*' or a split environment variable gives)", options: { origin: ['*'] } },
    { name: 'a wildcard under a shared suffix without credentials', options: { origin: 'https://*.github.io' } },
    { name: 'a credentialed wildcard under a real domain of a ccTLD', options: { origin: 'https://*.myapp.es', credentials: true } },
    { name: 'a credentialed wildcard under a company whose name is a registry label elsewhere', options: { origin: 'https://*.web.de', credentials: true } },
    { name: 'an IPv6 origin with port', options: { origin: 'http://[::1]:8080' } },
    { name: 'loopback http origins with credentials', options: { origin: ['http://localhost:*', 'http://127.0.0.1:5173', 'http://[::1]:3000', 'http://app.localhost:3000'], credentials: true } },
    { name: 'a plain-http origin with credentials when the danger is accepted', options: { origin: 'http://myapp.es', credentials: true, dangerouslyAllowInsecureOrigins: true } },
    { name: 'browser extension and app web view origins', options: { origin: ['chrome-extension://abcdefghijklmnop', 'moz-extension://1234', 'capacitor://localhost', 'tauri://localhost'] } },
    { name: 'an anchored RegExp with the i flag', options: { origin: /^https:\/\/(?:www\.)?myapp\.es$/i } },
    { name: 'a fully anchored alternation', options: { origin: /^https:\/\/a\.es$|^https:\/\/b\.es$/ } },
    { name: 'a credentialed RegExp pinned to a subdomain suffix', options: { origin: /^https:\/\/[a-z0-9-]+\.myapp\.es$/, credentials: true } },
    { name: 'a credentialed RegExp for the apex and its subdomains', options: { origin: /^https:\/\/(?:[a-z0-9-]+\.)*myapp\.es$/, credentials: true } },
    { name: 'a credentialed RegExp listing exact hosts', options: { origin: /^https:\/\/admin\.myapp\.es$|^https:\/\/myapp\.es$/, credentials: true } },
    { name: "allowHeaders ['*', 'authorization']", options: { origin: '*', allowHeaders: ['*', 'authorization'] } },
    { name: 'the bounds of maxAge and preflightStatus', options: { origin: '*', maxAge: 86400, preflightStatus: 299 } },
    { name: 'maxAge 0 and status 200', options: { origin: '*', maxAge: 0, preflightStatus: 200 } },
    { name: 'a Cache-Control value and a number of seconds', options: { origin: '*', preflightCacheControl: 'public, max-age=600' } },
    { name: 'the refusal options', options: { origin: 'https://myapp.es', explainRefusals: false, onRefusal: 'log', protectWrites: true } },
    { name: "protectWrites: false with origin '*'", options: { origin: '*', protectWrites: false } },
    { name: 'options set to undefined', options: { origin: '*', allowMethods: undefined, credentials: undefined, maxAge: undefined } },
  ])('$name', ({ options }) => {
    expect(() => cors(options as never)).not.toThrow();
  });

  it("a lone '*' in a list is '*': the literal on every answer, and credentials still refused", () => {
    expect(createCorsEngine({ origin: ['*'] }).config.origin).toEqual({ kind: 'any' });
    expect(problemsOf({ origin: ['*'], credentials: true }).map((p) => p.code)).toEqual(['origin.wildcard-with-credentials']);
  });

  it.each([
    { given: 600, resolved: 'max-age=600' },
    { given: 'public, max-age=600', resolved: 'public, max-age=600' },
  ])('preflightCacheControl $given is sent as $resolved', ({ given, resolved }) => {
    expect(createCorsEngine({ origin: '*', preflightCacheControl: given }).config.preflightCacheControl).toBe(resolved);
  });

  it.each([
    { options: { origin: 'https://myapp.es' }, protects: false },
    { options: { origin: 'https://myapp.es', credentials: true }, protects: true },
    { options: { origin: 'https://myapp.es', credentials: true, protectWrites: false }, protects: false },
    { options: { origin: 'https://myapp.es', protectWrites: true }, protects: true },
    { options: { origin: '*' }, protects: false },
  ])('protectWrites defaults to credentials: $options', ({ options, protects }) => {
    expect(createCorsEngine(options).config.protectWrites).toBe(protects);
  });
});
