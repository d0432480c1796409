// Configuration validation: cors(options) validates once and throws one CorsConfigError listing
// every problem, each with where it is and how to fix it (failure mode 14).
import { describe, expect, it } from 'vitest';
import { cors, createCorsEngine, CorsConfigError, withCors, type CorsConfigProblem } from '../src/index.js';

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

const rows: { rule: string; options: unknown; path: string; message: RegExp; fix: RegExp }[] = [
  { rule: 'origin is required', options: {}, path: 'origin', message: /required/, fix: /origin: 'https:\/\/myapp\.es'/ },
  { rule: 'origin: undefined counts as missing', options: { origin: undefined }, path: 'origin', message: /required/, fix: /origin:/ },
  { rule: 'an empty origin list allows nothing', options: { origin: [] }, path: 'origin', message: /empty/, fix: /at least one origin/ },
  { rule: "'*' with credentials", options: { origin: '*', credentials: true }, path: 'origin', message: /credentials/, fix: /list the origins|credentials: false/ },
  { rule: "'*' inside a list", options: { origin: ['https://myapp.es', '*'] }, path: 'origin[1]', message: /'\*'/, fix: /on its own|remove it/ },
  { rule: "the 'null' origin", options: { origin: 'null' }, path: 'origin', message: /opaque origin/, fix: /remove it/ },
  { rule: "the 'null' origin in a list", options: { origin: ['https://myapp.es', 'null'] }, path: 'origin[1]', message: /opaque/, fix: /remove it/ },
  { rule: 'a file: origin', options: { origin: ['file://'] }, path: 'origin[0]', message: /file:.*'null'/, fix: /http\(s\)/ },
  { rule: 'an origin with a path', options: { origin: 'https://myapp.es/app' }, path: 'origin', message: /path/, fix: /write 'https:\/\/myapp\.es'/ },
  { rule: 'an origin with a trailing slash', options: { origin: 'https://myapp.es/' }, path: 'origin', message: /slash/, fix: /write 'https:\/\/myapp\.es'/ },
  { rule: 'an origin with a query', options: { origin: 'https://myapp.es?x=1' }, path: 'origin', message: /query/, fix: /write 'https:\/\/myapp\.es'/ },
  { rule: 'an origin with user information', options: { origin: 'https://user:pw@myapp.es' }, path: 'origin', message: /user information/, fix: /write 'https:\/\/myapp\.es'/ },
  { rule: 'an uppercase host', options: { origin: 'https://MyApp.es' }, path: 'origin', message: /lowercase/, fix: /write 'https:\/\/myapp\.es'/ },
  { rule: 'an uppercase scheme', options: { origin: 'HTTPS://myapp.es' }, path: 'origin', message: /lowercase/, fix: /write 'https:\/\/myapp\.es'/ },
  { rule: 'white space', options: { origin: ' https://myapp.es ' }, path: 'origin', message: /white space/, fix: /write 'https:\/\/myapp\.es'/ },
  { rule: 'the default https port', options: { origin: 'https://myapp.es:443' }, path: 'origin', message: /default port/, fix: /write 'https:\/\/myapp\.es'/ },
  { rule: 'the default http port', options: { origin: ['http://myapp.es:80'] }, path: 'origin[0]', message: /default port/, fix: /write 'http:\/\/myapp\.es'/ },
  { rule: 'a port out of range', options: { origin: 'https://myapp.es:70000' }, path: 'origin', message: /out of range/, fix: /1 and 65535/ },
  { rule: 'port 0', options: { origin: 'https://myapp.es:0' }, path: 'origin', message: /out of range/, fix: /1 and 65535/ },
  { rule: 'a missing scheme', options: { origin: 'myapp.es' }, path: 'origin', message: /no scheme/, fix: /write 'https:\/\/myapp\.es'/ },
  { rule: 'a missing scheme on localhost suggests http', options: { origin: 'localhost:3000' }, path: 'origin', message: /no scheme/, fix: /write 'http:\/\/localhost:3000'/ },
  { rule: "'*' inside a label", options: { origin: 'https://*app.myapp.es' }, path: 'origin', message: /first label/, fix: /\*\.myapp\.es/ },
  { rule: "'*' in a middle label", options: { origin: 'https://app.*.myapp.es' }, path: 'origin', message: /first label/, fix: /\*\./ },
  { rule: "'*' as the whole host", options: { origin: 'https://*' }, path: 'origin', message: /first label/, fix: /\*\./ },
  { rule: 'a wildcard under a single-label TLD with credentials', options: { origin: 'https://*.com', credentials: true }, path: 'origin', message: /shared suffix 'com'/, fix: /exact origins|credentials: false/ },
  { rule: 'a wildcard under a country TLD with credentials', options: { origin: ['https://*.es'], credentials: true }, path: 'origin[0]', message: /shared suffix 'es'/, fix: /exact origins/ },
  { rule: 'a wildcard under github.io with credentials', options: { origin: 'https://*.github.io', credentials: true }, path: 'origin', message: /shared suffix 'github\.io'/, fix: /exact origins/ },
  { rule: 'a wildcard under co.uk with credentials', options: { origin: 'https://*.co.uk', credentials: true }, path: 'origin', message: /shared suffix 'co\.uk'/, fix: /exact origins/ },
  { rule: 'a wildcard under vercel.app with credentials', options: { origin: 'https://*.vercel.app', credentials: true }, path: 'origin', message: /shared suffix/, fix: /exact origins/ },
  { rule: 'a RegExp without ^', options: { origin: /https:\/\/myapp\.es$/ }, path: 'origin', message: /not anchored/, fix: /\^https/ },
  { rule: 'a RegExp without $', options: { origin: [/^https:\/\/myapp\.es/] }, path: 'origin[0]', message: /not anchored/, fix: /es\$\// },
  { rule: 'a RegExp whose $ is escaped', options: { origin: /^https:\/\/myapp\.es\$/ }, path: 'origin', message: /not anchored/, fix: /anchor/ },
  { rule: 'a RegExp with a top-level alternation', options: { origin: /^https:\/\/a\.es|https:\/\/b\.es$/ }, path: 'origin', message: /top-level '\|'/, fix: /\^\(\?:/ },
  { rule: 'a RegExp with the g flag', options: { origin: /^https:\/\/myapp\.es$/g }, path: 'origin', message: /'g' flag/, fix: /remove the flag/ },
  { rule: 'a RegExp with the y flag', options: { origin: /^https:\/\/myapp\.es$/y }, path: 'origin', message: /'y' flag/, fix: /remove the flag/ },
  { rule: 'a RegExp with an unescaped dot in a host', options: { origin: /^https:\/\/myapp.es$/ }, path: 'origin', message: /unescaped '\.'/, fix: /escape/ },
  { rule: 'an origin that is neither string, RegExp nor function', options: { origin: [42] }, path: 'origin[0]', message: /number 42/, fix: /'https:\/\/myapp\.es'/ },
  { rule: 'an invalid method token', options: { origin: '*', allowMethods: ['GET', 'PUT DELETE'] }, path: 'allowMethods[1]', message: /not a valid HTTP method/, fix: /e\.g\. PATCH/ },
  { rule: 'CONNECT', options: { origin: '*', allowMethods: ['CONNECT'] }, path: 'allowMethods[0]', message: /forbidden method/, fix: /remove it/ },
  { rule: 'TRACE, in any case', options: { origin: '*', allowMethods: ['GET', 'trace'] }, path: 'allowMethods[1]', message: /forbidden method/, fix: /remove it/ },
  { rule: 'TRACK', options: { origin: '*', allowMethods: ['TRACK'] }, path: 'allowMethods[0]', message: /forbidden method/, fix: /remove it/ },
  { rule: "'*' among methods", options: { origin: '*', allowMethods: ['GET', '*'] }, path: 'allowMethods[1]', message: /'\*'/, fix: /allowMethods: '\*'/ },
  { rule: 'allowMethods that is not a list', options: { origin: '*', allowMethods: 'GET, POST' }, path: 'allowMethods', message: /expected a list/, fix: /allowMethods: \[/ },
  { rule: 'an invalid header name', options: { origin: '*', allowHeaders: ['x user'] }, path: 'allowHeaders[0]', message: /not a valid header name/, fix: /x-request-id/ },
  { rule: 'a header name with padding', options: { origin: '*', allowHeaders: ['content-type', ' x-user'] }, path: 'allowHeaders[1]', message: /not a valid header name/, fix: /write 'x-user'/ },
  { rule: 'a forbidden request header', options: { origin: '*', allowHeaders: ['Cookie'] }, path: 'allowHeaders', message: /'cookie' is a forbidden request header/, fix: /remove 'cookie'/ },
  { rule: 'a sec- request header', options: { origin: '*', allowHeaders: ['sec-fetch-mode'] }, path: 'allowHeaders', message: /forbidden request header/, fix: /remove/ },
  { rule: 'a proxy- request header', options: { origin: '*', allowHeaders: ['*', 'proxy-authorization'] }, path: 'allowHeaders', message: /forbidden request header/, fix: /remove/ },
  { rule: 'an invalid exposed header name', options: { origin: '*', exposeHeaders: ['x:y'] }, path: 'exposeHeaders[0]', message: /not a valid header name/, fix: /header name/ },
  { rule: 'set-cookie in exposeHeaders', options: { origin: '*', exposeHeaders: ['Set-Cookie'] }, path: 'exposeHeaders', message: /never exposed/, fix: /remove 'set-cookie'/ },
  { rule: "exposeHeaders '*' with credentials", options: { origin: 'https://myapp.es', credentials: true, exposeHeaders: '*' }, path: 'exposeHeaders', message: /literally named '\*'/, fix: /list the headers/ },
  { rule: 'credentials that is not a boolean', options: { origin: 'https://myapp.es', credentials: 'true' }, path: 'credentials', message: /true or false/, fix: /credentials: true/ },
  { rule: 'maxAge below 0', options: { origin: '*', maxAge: -1 }, path: 'maxAge', message: /0 to 86400/, fix: /between 0 and 86400/ },
  { rule: 'maxAge above 86400', options: { origin: '*', maxAge: 86401 }, path: 'maxAge', message: /0 to 86400/, fix: /between 0 and 86400/ },
  { rule: 'maxAge not an integer', options: { origin: '*', maxAge: 1.5 }, path: 'maxAge', message: /integer/, fix: /whole number/ },
  { rule: 'maxAge as a string', options: { origin: '*', maxAge: '600' }, path: 'maxAge', message: /'600'/, fix: /whole number/ },
  { rule: 'maxAge NaN', options: { origin: '*', maxAge: Number.NaN }, path: 'maxAge', message: /integer/, fix: /whole number/ },
  { rule: 'preflightStatus below 200', options: { origin: '*', preflightStatus: 199 }, path: 'preflightStatus', message: /200 to 299/, fix: /between 200 and 299/ },
  { rule: 'preflightStatus 300', options: { origin: '*', preflightStatus: 300 }, path: 'preflightStatus', message: /200 to 299/, fix: /between 200 and 299/ },
  { rule: 'unknown option allowedHeaders (cors, @fastify/cors)', options: { origin: '*', allowedHeaders: ['x'] }, path: 'allowedHeaders', message: /unknown option/, fix: /rename it to 'allowHeaders'/ },
  { rule: 'unknown option methods', options: { origin: '*', methods: ['GET'] }, path: 'methods', message: /unknown option/, fix: /rename it to 'allowMethods'/ },
  { rule: 'unknown option exposedHeaders', options: { origin: '*', exposedHeaders: ['x'] }, path: 'exposedHeaders', message: /unknown option/, fix: /rename it to 'exposeHeaders'/ },
  { rule: 'unknown option optionsSuccessStatus', options: { origin: '*', optionsSuccessStatus: 200 }, path: 'optionsSuccessStatus', message: /unknown option/, fix: /'preflightStatus'/ },
  { rule: 'a typo: orign', options: { orign: 'https://myapp.es', origin: '*' }, path: 'orign', message: /unknown option/, fix: /did you mean 'origin'\?/ },
  { rule: 'a typo: maxage is the known alias', options: { origin: '*', maxage: 5 }, path: 'maxage', message: /unknown option/, fix: /'maxAge'/ },
  { rule: 'a typo in another case: Credentials', options: { origin: '*', Credentials: false }, path: 'Credentials', message: /unknown option/, fix: /did you mean 'credentials'\?/ },
  { rule: 'an unrelated name lists the options', options: { origin: '*', banana: 1 }, path: 'banana', message: /unknown option/, fix: /origin, allowMethods/ },
  { rule: 'preflightContinue has no equivalent', options: { origin: '*', preflightContinue: true }, path: 'preflightContinue', message: /unsupported/, fix: /OPTIONS requests without Access-Control-Request-Method/ },
];

describe('configuration validation: one row per error', () => {
  it.each(rows)('$rule -> $path', ({ options, path, message, fix }) => {
    const problems = problemsOf(options);
    expect(problems).toHaveLength(1);
    const [problem] = problems;
    expect(problem!.path).toBe(path);
    expect(problem!.message).toMatch(message);
    expect(problem!.fix).toMatch(fix);
  });

  it.each(rows)('the thrown message names the path and the fix ($rule)', ({ options }) => {
    const [problem] = problemsOf(options);
    expect(() => cors(options as never)).toThrow(`${problem!.path}: ${problem!.message}`);
    expect(() => cors(options as never)).toThrow(`fix: ${problem!.fix}`);
  });

  it.each([null, undefined, 'https://myapp.es', ['https://myapp.es'], 42])('options that are not an object (%s)', (options) => {
    expect(problemsOf(options)).toEqual([expect.objectContaining({ path: 'options' })]);
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
    expect(problems.map((p) => p.path).sort()).toEqual(
      [
        'allowedHeaders',
        'origin[0]',
        'origin[1]',
        'origin[2]',
        'origin[3]', // g flag
        'origin[3]', // not anchored
        'origin[4]',
        'allowMethods[0]',
        'allowMethods[1]',
        'allowHeaders[1]',
        'allowHeaders',
        'exposeHeaders',
        'maxAge',
        'preflightStatus',
      ].sort(),
    );
    for (const p of problems) expect(p.fix.length).toBeGreaterThan(5);
  });

  it('reports several defects of a single origin, each with the corrected spelling', () => {
    const problems = problemsOf({ origin: 'HTTPS://MyApp.es:443/' });
    expect(problems.length).toBeGreaterThanOrEqual(3);
    for (const p of problems) expect(p.fix).toBe("write 'https://myapp.es'");
  });

  it.each([
    ['cors', (o: never) => cors(o)],
    ['withCors', (o: never) => withCors(() => new Response(), o)],
    ['createCorsEngine', (o: never) => createCorsEngine(o)],
  ])('%s validates too', (_name, build) => {
    expect(() => build({ origins: ['https://myapp.es'] } as never)).toThrow(CorsConfigError);
  });
});

describe('configuration validation: what is accepted', () => {
  it.each([
    { name: 'the example of the issue', options: { origin: ['https://myapp.es', 'https://*.myapp.es', 'http://localhost:*'], allowMethods: ['GET', 'POST', 'PUT', 'DELETE'], allowHeaders: ['content-type', 'x-user'], exposeHeaders: ['x-request-id'], credentials: true, maxAge: 600 } },
    { name: "origin '*' without credentials", options: { origin: '*' } },
    { name: 'a wildcard under a shared suffix without credentials', options: { origin: 'https://*.github.io' } },
    { name: 'an IPv6 origin with port', options: { origin: 'http://[::1]:8080' } },
    { name: 'an anchored RegExp with the i flag', options: { origin: /^https:\/\/(?:www\.)?myapp\.es$/i } },
    { name: "allowHeaders ['*', 'authorization']", options: { origin: '*', allowHeaders: ['*', 'authorization'] } },
    { name: 'the bounds of maxAge and preflightStatus', options: { origin: '*', maxAge: 86400, preflightStatus: 299 } },
    { name: 'maxAge 0 and status 200', options: { origin: '*', maxAge: 0, preflightStatus: 200 } },
    { name: 'options set to undefined', options: { origin: '*', allowMethods: undefined, credentials: undefined, maxAge: undefined } },
  ])('$name', ({ options }) => {
    expect(() => cors(options as never)).not.toThrow();
  });
});
