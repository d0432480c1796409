// What script may send, and what makes a preflight: methods, forbidden headers, the
// CORS-safelisted request-headers and the CORS-unsafe request-header names.
import { describe, expect, it } from 'vitest';
import { mimeEssence, normalizeMethod, parseSingleRange, safelisted, unsafeHeaderNames } from '../src/index.js';
import { header, PAGE, plan } from './helpers.js';

describe('methods (https://fetch.spec.whatwg.org/#concept-method-normalize)', () => {
  it.each([
    { input: 'get', sent: 'GET' },
    { input: 'Delete', sent: 'DELETE' },
    { input: 'options', sent: 'OPTIONS' },
    { input: 'put', sent: 'PUT' },
    { input: 'patch', sent: 'patch' },
    { input: 'Patch', sent: 'Patch' },
    { input: 'PURGE', sent: 'PURGE' },
  ])('$input is sent as $sent', ({ input, sent }) => {
    expect(normalizeMethod(input)).toBe(sent);
    expect(plan({ method: input }).method).toBe(sent);
  });

  it('warns that a lowercase method outside the six is kept as written', () => {
    const warning = plan({ method: 'patch' }).steps.find((s) => s.step === 'request.method');
    expect(warning).toMatchObject({ ok: true, warning: true });
    expect(warning?.fix).toContain("method: 'PATCH'");
  });

  it.each([
    { method: 'CONNECT', why: 'forbidden' },
    { method: 'trace', why: 'forbidden' },
    { method: 'TrAcK', why: 'forbidden' },
    { method: 'GE T', why: 'not a valid HTTP method' },
    { method: '', why: 'not a valid HTTP method' },
  ])('fetch() throws for $method ($why)', ({ method, why }) => {
    const p = plan({ method });
    expect(p.allowed).toBe(false);
    expect(p.reason).toContain(why);
    expect(p.preflight).toBeNull();
  });

  it.each([
    { method: 'GET', preflight: false },
    { method: 'HEAD', preflight: false },
    { method: 'POST', preflight: false },
    { method: 'PUT', preflight: true },
    { method: 'DELETE', preflight: true },
    { method: 'PATCH', preflight: true },
    { method: 'post', preflight: false },
  ])('$method needs a preflight: $preflight (https://fetch.spec.whatwg.org/#cors-safelisted-method)', ({ method, preflight }) => {
    expect(plan({ method }).preflight !== null).toBe(preflight);
  });
});

describe('forbidden request headers are dropped (https://fetch.spec.whatwg.org/#forbidden-request-header)', () => {
  it.each([
    'Accept-Charset',
    'accept-encoding',
    'access-control-request-headers',
    'access-control-request-method',
    'connection',
    'content-length',
    'cookie',
    'cookie2',
    'date',
    'dnt',
    'expect',
    'host',
    'keep-alive',
    'origin',
    'referer',
    'set-cookie',
    'te',
    'trailer',
    'transfer-encoding',
    'upgrade',
    'via',
    'proxy-authorization',
    'Sec-Foo',
  ])('%s', (name) => {
    const p = plan({ headers: [[name, 'x']] });
    expect(p.allowed).toBe(true);
    expect(header(p.actual.headers, name.toLowerCase())).toBe(name.toLowerCase() === 'origin' ? PAGE : undefined);
    expect(p.unsafeHeaders).toEqual([]);
    expect(p.steps.find((s) => s.step === 'request.header-dropped')).toMatchObject({ ok: true, warning: true });
  });

  it.each([
    { name: 'x-http-method-override', value: 'TRACE', dropped: true },
    { name: 'X-HTTP-Method', value: 'GET, connect', dropped: true },
    { name: 'x-method-override', value: 'track', dropped: true },
    { name: 'x-http-method-override', value: 'GET', dropped: false },
    { name: 'x-http-method-override', value: 'GETTRACE', dropped: false },
  ])('$name: $value is dropped: $dropped', ({ name, value, dropped }) => {
    expect(plan({ headers: [[name, value]] }).unsafeHeaders).toEqual(dropped ? [] : [name.toLowerCase()]);
  });

  it.each([
    { engine: 'chromium' as const, name: 'user-agent', dropped: true },
    { engine: 'standard' as const, name: 'user-agent', dropped: false },
    { engine: 'chromium' as const, name: 'access-control-request-private-network', dropped: true },
    { engine: 'standard' as const, name: 'set-cookie2', dropped: false },
  ])('$engine drops $name: $dropped', ({ engine, name, dropped }) => {
    expect(plan({ engine, headers: [[name, 'x']] }).unsafeHeaders).toEqual(dropped ? [] : [name]);
  });
});

describe('invalid headers make fetch() throw (https://fetch.spec.whatwg.org/#concept-headers-append)', () => {
  it.each([
    { name: 'x user', value: '1', why: 'not a valid HTTP header name' },
    { name: '', value: '1', why: 'not a valid HTTP header name' },
    { name: 'x-a', value: 'a\nb', why: 'NUL, CR or LF' },
    { name: 'x-a', value: 'a\u0000b', why: 'NUL, CR or LF' },
    { name: 'x-a', value: 'caf\u20ac', why: 'above U+00FF' },
  ])('$why', ({ name, value, why }) => {
    const p = plan({ headers: [[name, value]] });
    expect(p.allowed).toBe(false);
    expect(p.reason).toContain(why);
  });

  it('strips leading and trailing white space from values first', () => {
    const p = plan({ headers: [['content-type', '  text/plain\t']] });
    expect(header(p.actual.headers, 'content-type')).toBe('text/plain');
    expect(p.preflight).toBeNull();
  });
});

describe('CORS-safelisted request-headers (https://fetch.spec.whatwg.org/#cors-safelisted-request-header)', () => {
  it.each([
    { rule: 'accept, any byte but the unsafe ones', name: 'accept', value: 'application/json, text/*;q=0.9', safe: true },
    { rule: 'accept with a CORS-unsafe byte "', name: 'accept', value: 'text/"html"', safe: false },
    { rule: 'accept with a CORS-unsafe byte {', name: 'accept', value: '{json}', safe: false },
    { rule: 'accept with DEL', name: 'accept', value: 'a\u007fb', safe: false },
    { rule: 'accept with a tab is safe', name: 'accept', value: 'a\tb', safe: true },
    { rule: 'accept, 128 bytes', name: 'accept', value: 'a'.repeat(128), safe: true },
    { rule: 'accept, 129 bytes', name: 'accept', value: 'a'.repeat(129), safe: false },
    { rule: 'accept-language, tags and weights', name: 'accept-language', value: 'en-US,fr;q=0.5, *', safe: true },
    { rule: 'accept-language with _', name: 'accept-language', value: 'en_US', safe: false },
    { rule: 'content-language with a byte above 0x7F', name: 'content-language', value: 'caf\u00e9', safe: false },
    { rule: 'content-type text/plain with parameters', name: 'content-type', value: 'text/plain;charset=UTF-8', safe: true },
    { rule: 'content-type, case-insensitive essence', name: 'content-type', value: 'TEXT/Plain ; charset=utf-8', safe: true },
    { rule: 'content-type multipart/form-data', name: 'content-type', value: 'multipart/form-data; boundary=x', safe: true },
    { rule: 'content-type form-urlencoded', name: 'content-type', value: 'application/x-www-form-urlencoded', safe: true },
    { rule: 'content-type application/json', name: 'content-type', value: 'application/json', safe: false },
    { rule: 'content-type with a quoted parameter (unsafe ")', name: 'content-type', value: 'text/plain; charset="utf-8"', safe: false },
    { rule: 'content-type that does not parse (space in subtype)', name: 'content-type', value: 'text/plain x', safe: false },
    { rule: 'content-type list', name: 'content-type', value: 'text/plain,application/json', safe: false },
    { rule: 'content-type with a non-ASCII parameter value', name: 'content-type', value: 'text/plain; x=\u00e9', safe: true },
    { rule: 'range bytes=0-', name: 'range', value: 'bytes=0-', safe: true },
    { rule: 'range bytes=5-10', name: 'range', value: 'bytes=5-10', safe: true },
    { rule: 'range suffix bytes=-5', name: 'range', value: 'bytes=-5', safe: false },
    { rule: 'range with two ranges', name: 'range', value: 'bytes=0-1,3-4', safe: false },
    { rule: 'range with white space', name: 'range', value: 'bytes = 0-1', safe: false },
    { rule: 'range start after end', name: 'range', value: 'bytes=5-1', safe: false },
    { rule: 'range in another unit', name: 'range', value: 'items=0-1', safe: false },
    { rule: 'any other name', name: 'x-user', value: 'a', safe: false },
    { rule: 'authorization', name: 'authorization', value: 'Bearer x', safe: false },
  ])('$rule: safe=$safe', ({ name, value, safe }) => {
    expect(safelisted(name, value, 'standard').safe).toBe(safe);
    expect(plan({ engine: 'standard', headers: [[name, value]] }).unsafeHeaders).toEqual(safe ? [] : [name]);
  });

  it.each([
    { value: 'text/plain', essence: 'text/plain' },
    { value: ' Text/HTML ;x=y', essence: 'text/html' },
    { value: 'text/', essence: undefined },
    { value: '/plain', essence: undefined },
    { value: 'text', essence: undefined },
    { value: 'text/plain/x', essence: undefined },
  ])('the MIME type $value has the essence $essence (https://mimesniff.spec.whatwg.org/#parse-a-mime-type)', ({ value, essence }) => {
    expect(mimeEssence(value)).toBe(essence);
  });

  it.each([
    { value: 'bytes=0-', range: [0, null] },
    { value: 'BYTES=1-2', range: [1, 2] },
    { value: 'bytes=-7', range: [null, 7] },
    { value: 'bytes=-', range: undefined },
    { value: 'bytes=1-2x', range: undefined },
  ])('the range $value parses to $range (https://fetch.spec.whatwg.org/#simple-range-header-value)', ({ value, range }) => {
    expect(parseSingleRange(value)).toEqual(range);
  });
});

describe("Chromium's extra safelisted names (client hints), reported as a departure", () => {
  it.each([
    { name: 'dpr', value: '2', chromium: true },
    { name: 'dpr', value: '1.5', chromium: true },
    { name: 'dpr', value: '-1', chromium: false },
    { name: 'dpr', value: 'abc', chromium: false },
    { name: 'device-memory', value: '1.5x', chromium: false },
    { name: 'width', value: '1e3', chromium: false },
    { name: 'viewport-width', value: '0.5', chromium: false },
    { name: 'rtt', value: '50', chromium: true },
    { name: 'downlink', value: '1.5', chromium: true },
    { name: 'ect', value: '4g', chromium: true },
    { name: 'ect', value: '9g', chromium: false },
    { name: 'save-data', value: 'on', chromium: true },
    { name: 'save-data', value: 'off', chromium: false },
    { name: 'dpr', value: '1'.repeat(129), chromium: false },
  ])('$name: $value is safelisted by Chromium: $chromium, never by the standard', ({ name, value, chromium }) => {
    expect(safelisted(name, value, 'chromium').safe).toBe(chromium);
    expect(safelisted(name, value, 'standard').safe).toBe(false);
    const step = plan({ headers: [[name, value]] }).steps.find((s) => s.step === 'request.preflight');
    expect(step?.differs !== undefined).toBe(chromium);
  });
});

describe('CORS-unsafe request-header names (https://fetch.spec.whatwg.org/#cors-unsafe-request-header-names)', () => {
  it('are lowercased, sorted and de-duplicated', () => {
    const names = unsafeHeaderNames(
      [
        ['X-Zeta', '1'],
        ['Authorization', 'x'],
        ['x-alpha', '1'],
        ['X-ALPHA', '2'],
        ['content-type', 'application/json'],
      ],
      'standard',
    ).names;
    expect(names).toEqual(['authorization', 'content-type', 'x-alpha', 'x-zeta']);
  });

  it('sort by byte, not by locale', () => {
    expect(unsafeHeaderNames([['x-b', '1'], ['x-B2', '1'], ['x-_', '1'], ['x-a', '1']], 'standard').names).toEqual([
      'x-_',
      'x-a',
      'x-b',
      'x-b2',
    ]);
  });

  it('make every safelisted header unsafe once their values total more than 1024 bytes', () => {
    const nine = Array.from({ length: 9 }, () => ['accept', 'a'.repeat(120)] as [string, string]);
    const result = unsafeHeaderNames(nine, 'standard');
    expect(result.safelistedBytes).toBe(1080);
    expect(result.overTotal).toBe(true);
    expect(result.names).toEqual(['accept']);
    expect(unsafeHeaderNames(nine.slice(0, 8), 'standard').names).toEqual([]);
  });

  it('judge repeated lines apart under the standard, merged in Chromium (whose 128-byte limit then bites)', () => {
    const headers: [string, string][] = [
      ['accept', 'a'.repeat(100)],
      ['accept', 'b'.repeat(100)],
    ];
    expect(plan({ engine: 'standard', headers }).unsafeHeaders).toEqual([]);
    const chromium = plan({ engine: 'chromium', headers });
    expect(chromium.unsafeHeaders).toEqual(['accept']);
    expect(header(chromium.actual.headers, 'accept')).toBe(`${'a'.repeat(100)}, ${'b'.repeat(100)}`);
    expect(chromium.steps.find((s) => s.step === 'request.preflight')?.differs).toContain('Fetch Standard');
  });
});

describe('names that are Object.prototype members are ordinary header names', () => {
  it.each(['__proto__', 'constructor', 'toString', 'hasOwnProperty'])('%s is not safelisted, in any engine', (name) => {
    for (const engine of ['chromium', 'firefox', 'standard'] as const) {
      expect(safelisted(name, 'text/plain', engine).safe).toBe(false);
      expect(plan({ engine, headers: [[name, 'x']] }).unsafeHeaders).toEqual([name.toLowerCase()]);
    }
  });

  it('an engine named after one is unknown', () => {
    expect(() => plan({ engine: '__proto__' as never })).toThrow(TypeError);
  });
});
