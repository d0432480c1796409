// Configuration-time parsing of origins and origin patterns. Strict on purpose: a configured
// origin must already be in the serialized form browsers send, byte for byte
// (https://html.spec.whatwg.org/multipage/browsers.html#ascii-serialisation-of-an-origin),
// because that is how it is compared at request time. Anything else would silently never match.

import type { CorsConfigProblemCode } from './problem-codes.js';

/** A configured origin, in the shape the matcher indexes. */
export interface OriginPattern {
  /** Lowercase scheme, without `://`. */
  readonly scheme: string;
  /** Host without the `*.` prefix; for IPv6, with brackets. */
  readonly host: string;
  /** `*.` prefix: one or more subdomain labels of `host`, never `host` itself. */
  readonly anySubdomain: boolean;
  /** `''` for no port, digits for one port, `'*'` for any port or none. */
  readonly port: string;
}

/** What is wrong with a configured origin: a stable code and its renderings. */
interface OriginDefect {
  readonly code: CorsConfigProblemCode;
  readonly message: string;
  readonly fix: string;
}

type ParsedOrigin =
  | { readonly ok: true; readonly pattern: OriginPattern }
  | { readonly ok: false; readonly defects: readonly OriginDefect[] };

const DEFAULT_PORTS: Readonly<Record<string, string>> = { http: '80', https: '443' };

/**
 * Schemes whose documents have a real origin that browsers send in `Origin`: the web's own,
 * and the custom schemes of browser extensions and app web views (Capacitor, Ionic, Tauri),
 * which browsers serialize as `scheme://host`. Any other scheme's documents send `null`
 * (https://url.spec.whatwg.org/#concept-url-origin), so listing it would never match.
 */
const DOCUMENT_SCHEMES: ReadonlySet<string> = new Set([
  'http',
  'https',
  'chrome-extension',
  'moz-extension',
  'safari-web-extension',
  'capacitor',
  'ionic',
  'tauri',
]);

const SCHEME = /^[a-z][a-z0-9+.-]*$/i;
const HOST_CHARS = /^[a-z0-9._-]+$/;
const IPV6_CHARS = /^\[[0-9a-f:.]+\]$/;
const DIGITS = /^[0-9]+$/;
const ASCII = /^[\x21-\x7e]*$/;

/** Serializes a pattern back to the string form it was configured with. */
export function formatPattern(p: OriginPattern): string {
  const host = p.anySubdomain ? `*.${p.host}` : p.host;
  return p.port === '' ? `${p.scheme}://${host}` : `${p.scheme}://${host}:${p.port}`;
}

/** Whether `host` (without `*.`) is a loopback host: `localhost` and its subdomains, 127/8, `[::1]`. */
export function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host.endsWith('.localhost') || host === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/** An origin being parsed: what is known so far, and the defects that still let it be read. */
interface Draft {
  rest: string;
  scheme: string;
  host: string;
  port: string;
  anySubdomain: boolean;
  readonly defects: { code: CorsConfigProblemCode; message: string }[];
}

/** A step of the parse: undefined to go on, or the defect that stops it. */
type Stage = (draft: Draft) => OriginDefect | undefined;

/** A defect that still lets the origin be read: reported with the corrected spelling. */
function soft(d: Draft, code: CorsConfigProblemCode, message: string): void {
  d.defects.push({ code, message });
}

function defect(code: CorsConfigProblemCode, message: string, fix: string): OriginDefect {
  return { code, message, fix };
}

const screen: Stage = (d) => {
  const screened = d.rest.replace(/[\s\x00-\x1f\x7f]+/g, '');
  if (screened !== d.rest) {
    soft(d, 'origin.white-space', 'contains white space or control characters');
    d.rest = screened;
  }
  if (d.rest !== 'null') return undefined;
  return defect(
    'origin.null',
    'is the opaque origin of sandboxed iframes, data: and file: documents and redirected requests; allowing it lets any of them read your responses',
    'remove it; serve those documents from a real origin and list that origin',
  );
};

const readScheme: Stage = (d) => {
  const end = d.rest.indexOf('://');
  if (end === -1) {
    const bare = d.rest.replace(/^[a-z]*:?\/+/i, '');
    const guess = `${/^(localhost|127\.|\[::1\])/.test(bare) ? 'http' : 'https'}://${bare}`;
    return defect('origin.no-scheme', 'has no scheme: an origin is scheme://host[:port]', `write '${suggest(guess) ?? guess}'`);
  }
  const raw = d.rest.slice(0, end);
  d.scheme = raw.toLowerCase();
  d.rest = d.rest.slice(end + 3);
  if (!SCHEME.test(raw)) return defect('origin.invalid-scheme', `has '${raw}' as its scheme, which is not a URL scheme`, "start with 'https://' or 'http://'");
  if (d.scheme === 'file') {
    return defect('origin.file', "is a file: origin, which browsers send as the opaque origin 'null', never to be allowed", 'serve the page over http(s) and list that origin');
  }
  if (!DOCUMENT_SCHEMES.has(d.scheme)) {
    return defect(
      'origin.unsupported-scheme',
      `is a '${d.scheme}:' origin, which browsers never send (documents of that scheme send 'null')`,
      "list the http(s) origin of the page that makes the requests, e.g. 'https://myapp.es'",
    );
  }
  if (raw !== d.scheme) soft(d, 'origin.uppercase', 'has an uppercase scheme, which browsers send lowercase');
  return undefined;
};

const dropPathAndUserInfo: Stage = (d) => {
  const pathStart = d.rest.search(/[/?#]/);
  if (pathStart !== -1) {
    const tail = d.rest.slice(pathStart);
    if (tail === '/') soft(d, 'origin.trailing-slash', 'ends with a slash: an origin has no path, not even /');
    else if (tail.startsWith('?')) soft(d, 'origin.query', 'has a query: an origin has no query');
    else if (tail.startsWith('#')) soft(d, 'origin.fragment', 'has a fragment: an origin has no fragment');
    else soft(d, 'origin.path', `has a path ('${tail}'): an origin has no path`);
    d.rest = d.rest.slice(0, pathStart);
  }
  const at = d.rest.lastIndexOf('@');
  if (at !== -1) {
    soft(d, 'origin.user-info', 'has user information (user:password@): an origin never carries it');
    d.rest = d.rest.slice(at + 1);
  }
  return undefined;
};

const splitHostPort: Stage = (d) => {
  if (d.rest.startsWith('[')) {
    const close = d.rest.indexOf(']');
    if (close === -1) return defect('origin.invalid-ipv6', 'has an unterminated IPv6 address', "write it as 'http://[::1]:8080'");
    d.host = d.rest.slice(0, close + 1);
    const after = d.rest.slice(close + 1);
    if (after.startsWith(':')) d.port = after.slice(1);
    else if (after !== '') return defect('origin.invalid-host', `has unexpected text '${after}' after the host`, 'remove it');
    return undefined;
  }
  const colon = d.rest.lastIndexOf(':');
  if (colon === -1) {
    d.host = d.rest;
    return undefined;
  }
  d.host = d.rest.slice(0, colon);
  d.port = d.rest.slice(colon + 1);
  if (d.port === '') soft(d, 'origin.empty-port', 'ends with a colon but no port');
  return undefined;
};

const checkPort: Stage = (d) => {
  const port = d.port;
  if (port === '' || port === '*') return undefined;
  if (!DIGITS.test(port)) return defect('origin.invalid-port', `has an invalid port '${port}'`, "use digits, or ':*' for any port");
  const value = Number(port);
  if (value < 1 || value > 65535) return defect('origin.port-out-of-range', `has port ${port}, outside 1..65535`, 'use a port between 1 and 65535');
  if (String(value) !== port) {
    soft(d, 'origin.port-leading-zeros', `has port '${port}' with leading zeros, which browsers never send`);
    d.port = String(value);
  }
  if (DEFAULT_PORTS[d.scheme] === d.port) {
    soft(d, 'origin.default-port', `has ':${d.port}', the default port of ${d.scheme}, which browsers omit from the origin`);
    d.port = '';
  }
  return undefined;
};

const readWildcard: Stage = (d) => {
  if (d.host.startsWith('*.')) {
    d.anySubdomain = true;
    d.host = d.host.slice(2);
  }
  if (d.host.includes('*')) {
    return defect(
      'origin.misplaced-wildcard',
      "has a '*' that is neither the whole first label ('https://*.myapp.es') nor the port (':*')",
      "write 'https://*.myapp.es' to allow every subdomain, or list the origins one by one",
    );
  }
  return d.host === '' ? defect('origin.no-host', 'has no host', "write it as 'https://myapp.es'") : undefined;
};

const checkHost: Stage = (d) => {
  if (!ASCII.test(d.host)) {
    const ascii = canonicalHost(d.host);
    return defect(
      'origin.non-ascii-host',
      'has a non-ASCII host; browsers send internationalised hosts in punycode',
      ascii === undefined ? 'write the host in punycode (xn--...)' : `write the host as '${ascii}'`,
    );
  }
  if (d.host !== d.host.toLowerCase()) {
    soft(d, 'origin.uppercase', 'has an uppercase host, which browsers send lowercase');
    d.host = d.host.toLowerCase();
  }
  if (d.host.startsWith('[')) {
    if (!IPV6_CHARS.test(d.host)) return defect('origin.invalid-ipv6', `has '${d.host}' as its host, which is not an IPv6 address`, "write it as 'http://[::1]'");
    return d.anySubdomain ? defect('origin.ip-subdomains', "puts '*.' before an IP address, which has no subdomains", "remove '*.'") : undefined;
  }
  if (!HOST_CHARS.test(d.host)) return defect('origin.invalid-host', `has '${d.host}' as its host, which is not a valid host name`, 'use letters, digits, hyphens and dots only');
  if (d.host.endsWith('.')) {
    soft(d, 'origin.trailing-dot', 'has a host ending with a dot, which browsers keep, so that origin would need listing on its own');
    d.host = d.host.replace(/\.+$/, '');
  }
  if (d.host.startsWith('.') || d.host.includes('..')) return defect('origin.empty-label', `has an empty label in '${d.host}'`, 'remove the extra dot');
  return undefined;
};

/**
 * The URL parser is what browsers serialize with: an IPv4 address in another notation
 * (127.1, 0x7f.0.0.1, 2130706433), a long IPv6 form or a numeric last label is sent
 * differently, or cannot be a host at all. Other schemes' hosts are opaque: sent as written.
 */
const canonicalize: Stage = (d) => {
  if (DEFAULT_PORTS[d.scheme] === undefined) return undefined;
  const probe = d.anySubdomain ? `x.${d.host}` : d.host;
  const canonical = canonicalHost(probe);
  if (canonical === undefined) {
    return defect('origin.invalid-host', `has '${d.host}' as its host, which no browser can load a page from`, 'check the host name; a last label made of digits is read as an IPv4 address');
  }
  if (canonical === probe) return undefined;
  if (d.anySubdomain) return defect('origin.ip-subdomains', "puts '*.' before an IP address, which has no subdomains", "remove '*.'");
  soft(d, 'origin.not-canonical', `has the host '${d.host}', which browsers send as '${canonical}'`);
  d.host = canonical;
  return undefined;
};

const STAGES: readonly Stage[] = [screen, readScheme, dropPathAndUserInfo, splitHostPort, checkPort, readWildcard, checkHost, canonicalize];

/**
 * Parses one configured origin or pattern (`https://myapp.es`, `https://*.myapp.es`,
 * `http://localhost:*`), reporting every defect with the corrected spelling.
 */
export function parseOrigin(input: string): ParsedOrigin {
  if (input.includes(',')) {
    const parts = input.split(',').map((part) => part.trim()).filter((part) => part !== '');
    const fix = `write an array: [${parts.map((p) => `'${p}'`).join(', ')}]`;
    return { ok: false, defects: [defect('origin.comma-list', 'is a comma-separated list in one string; each origin is compared whole', fix)] };
  }
  const draft: Draft = { rest: input, scheme: '', host: '', port: '', anySubdomain: false, defects: [] };
  for (const stage of STAGES) {
    const stop = stage(draft);
    if (stop !== undefined) return { ok: false, defects: [stop] };
  }
  const pattern: OriginPattern = { scheme: draft.scheme, host: draft.host, anySubdomain: draft.anySubdomain, port: draft.port };
  if (draft.defects.length === 0) return { ok: true, pattern };
  const fix = `write '${formatPattern(pattern)}'`;
  return { ok: false, defects: draft.defects.map((d) => ({ ...d, fix })) };
}

/** The host as the URL parser serializes it for http(s), or undefined when it is not a host. */
function canonicalHost(host: string): string | undefined {
  try {
    return new URL(`http://${host}`).hostname;
  } catch {
    return undefined;
  }
}

/** A best-effort corrected spelling, used in messages only. */
function suggest(text: string): string | undefined {
  const parsed = parseOrigin(text);
  if (parsed.ok) return formatPattern(parsed.pattern);
  const fix = parsed.defects[0]?.fix;
  return fix?.startsWith("write '") ? fix.slice(7, -1) : undefined;
}
