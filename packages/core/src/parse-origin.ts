// Configuration-time parsing of origins and origin patterns. Strict on purpose: a configured
// origin must already be in the serialized form browsers send, byte for byte
// (https://html.spec.whatwg.org/multipage/browsers.html#ascii-serialisation-of-an-origin),
// because that is how it is compared at request time. Anything else would silently never match.

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
export interface OriginDefect {
  readonly code: string;
  readonly message: string;
  readonly fix: string;
}

export type ParsedOrigin =
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

/**
 * Parses one configured origin or pattern (`https://myapp.es`, `https://*.myapp.es`,
 * `http://localhost:*`), reporting every defect with the corrected spelling.
 */
export function parseOrigin(input: string): ParsedOrigin {
  if (input.includes(',')) {
    const parts = input.split(',').map((part) => part.trim()).filter((part) => part !== '');
    return fail('origin.comma-list', 'is a comma-separated list in one string; each origin is compared whole', `write an array: [${parts.map((p) => `'${p}'`).join(', ')}]`);
  }
  const defects: { code: string; message: string }[] = [];
  let text = input;

  if (/[\s\x00-\x1f\x7f]/.test(text)) {
    defects.push({ code: 'origin.white-space', message: 'contains white space or control characters' });
    text = text.replace(/[\s\x00-\x1f\x7f]+/g, '');
  }

  if (text === 'null') {
    return fail(
      'origin.null',
      'is the opaque origin of sandboxed iframes, data: and file: documents and redirected requests; allowing it lets any of them read your responses',
      'remove it; serve those documents from a real origin and list that origin',
    );
  }

  const schemeEnd = text.indexOf('://');
  if (schemeEnd === -1) {
    const bare = text.replace(/^[a-z]*:?\/+/i, '');
    const guess = `${/^(localhost|127\.|\[::1\])/.test(bare) ? 'http' : 'https'}://${bare}`;
    return fail('origin.no-scheme', 'has no scheme: an origin is scheme://host[:port]', `write '${suggest(guess) ?? guess}'`);
  }

  const rawScheme = text.slice(0, schemeEnd);
  const scheme = rawScheme.toLowerCase();
  if (!SCHEME.test(rawScheme)) {
    return fail('origin.invalid-scheme', `'${rawScheme}' is not a URL scheme`, "start with 'https://' or 'http://'");
  }
  if (scheme === 'file') {
    return fail(
      'origin.file',
      "file: documents have the opaque origin 'null', which must never be allowed",
      'serve the page over http(s) and list that origin',
    );
  }
  if (!DOCUMENT_SCHEMES.has(scheme)) {
    return fail(
      'origin.unsupported-scheme',
      `browsers never send a '${scheme}:' origin (documents of that scheme send 'null')`,
      "list the http(s) origin of the page that makes the requests, e.g. 'https://myapp.es'",
    );
  }
  if (rawScheme !== scheme) defects.push({ code: 'origin.uppercase', message: 'the scheme must be lowercase, as browsers send it' });

  let rest = text.slice(schemeEnd + 3);
  const pathStart = firstIndexOf(rest, '/?#');
  if (pathStart !== -1) {
    const tail = rest.slice(pathStart);
    if (tail === '/') defects.push({ code: 'origin.trailing-slash', message: 'ends with a slash: an origin has no path, not even /' });
    else if (tail.startsWith('?')) defects.push({ code: 'origin.query', message: 'has a query: an origin has no query' });
    else if (tail.startsWith('#')) defects.push({ code: 'origin.fragment', message: 'has a fragment: an origin has no fragment' });
    else defects.push({ code: 'origin.path', message: `has a path ('${tail}'): an origin has no path` });
    rest = rest.slice(0, pathStart);
  }

  const at = rest.lastIndexOf('@');
  if (at !== -1) {
    defects.push({ code: 'origin.user-info', message: 'has user information (user:password@): an origin never carries it' });
    rest = rest.slice(at + 1);
  }

  let host: string;
  let port = '';
  if (rest.startsWith('[')) {
    const close = rest.indexOf(']');
    if (close === -1) return fail('origin.invalid-ipv6', 'has an unterminated IPv6 address', "write it as 'http://[::1]:8080'");
    host = rest.slice(0, close + 1);
    const after = rest.slice(close + 1);
    if (after.startsWith(':')) port = after.slice(1);
    else if (after !== '') return fail('origin.invalid-host', `has unexpected text '${after}' after the host`, 'remove it');
  } else {
    const colon = rest.lastIndexOf(':');
    if (colon === -1) host = rest;
    else {
      host = rest.slice(0, colon);
      port = rest.slice(colon + 1);
      if (port === '') defects.push({ code: 'origin.empty-port', message: 'ends with a colon but no port' });
    }
  }

  if (port !== '' && port !== '*') {
    if (!DIGITS.test(port)) return fail('origin.invalid-port', `has an invalid port '${port}'`, "use digits, or ':*' for any port");
    const value = Number(port);
    if (value < 1 || value > 65535) {
      return fail('origin.port-out-of-range', `port ${port} is out of range (1..65535)`, 'use a port between 1 and 65535');
    }
    if (String(value) !== port) {
      defects.push({ code: 'origin.port-leading-zeros', message: `port '${port}' has leading zeros, which browsers never send` });
      port = String(value);
    }
    if (DEFAULT_PORTS[scheme] === port) {
      defects.push({ code: 'origin.default-port', message: `':${port}' is the default port for ${scheme}, which browsers omit from the origin` });
      port = '';
    }
  }

  let anySubdomain = false;
  if (host.startsWith('*.')) {
    anySubdomain = true;
    host = host.slice(2);
  }
  if (host.includes('*')) {
    return fail(
      'origin.misplaced-wildcard',
      "'*' may only stand as the whole first label ('https://*.myapp.es') or as the port (':*')",
      "write 'https://*.myapp.es' to allow every subdomain, or list the origins one by one",
    );
  }
  if (host === '') return fail('origin.no-host', 'has no host', "write it as 'https://myapp.es'");

  if (!ASCII.test(host)) {
    const ascii = canonicalHost(scheme, host);
    return fail(
      'origin.non-ascii-host',
      'has a non-ASCII host; browsers send internationalised hosts in punycode',
      ascii === undefined ? 'write the host in punycode (xn--...)' : `write the host as '${ascii}'`,
    );
  }
  if (host !== host.toLowerCase()) {
    defects.push({ code: 'origin.uppercase', message: 'the host must be lowercase, as browsers send it' });
    host = host.toLowerCase();
  }
  if (host.startsWith('[')) {
    if (!IPV6_CHARS.test(host)) return fail('origin.invalid-ipv6', `'${host}' is not an IPv6 address`, "write it as 'http://[::1]'");
    if (anySubdomain) return fail('origin.ip-subdomains', 'an IP address has no subdomains', "remove '*.'");
  } else {
    if (!HOST_CHARS.test(host)) {
      return fail('origin.invalid-host', `'${host}' is not a valid host name`, 'use letters, digits, hyphens and dots only');
    }
    if (host.endsWith('.')) {
      defects.push({ code: 'origin.trailing-dot', message: 'the host ends with a dot, which browsers keep and you would need to list separately' });
      host = host.replace(/\.+$/, '');
    }
    if (host.startsWith('.') || host.includes('..')) {
      return fail('origin.empty-label', `'${host}' has an empty label`, 'remove the extra dot');
    }
  }

  // The URL parser is what browsers serialize with: an IPv4 address in another notation
  // (127.1, 0x7f.0.0.1, 2130706433), a long IPv6 form or a numeric last label is sent
  // differently, or cannot be a host at all.
  const probe = anySubdomain ? `x.${host}` : host;
  // Other schemes' hosts are opaque to the URL parser: browsers send them as written.
  const canonical = DEFAULT_PORTS[scheme] === undefined ? probe : canonicalHost(scheme, probe);
  if (canonical === undefined) {
    return fail('origin.invalid-host', `'${host}' is not a host a browser can load a page from`, 'check the host name; a last label made of digits is read as an IPv4 address');
  }
  if (canonical !== probe) {
    if (anySubdomain) return fail('origin.ip-subdomains', 'an IP address has no subdomains', "remove '*.'");
    defects.push({ code: 'origin.not-canonical', message: `browsers send the host '${host}' as '${canonical}'` });
    host = canonical;
  }

  const pattern: OriginPattern = { scheme, host, anySubdomain, port };
  if (defects.length > 0) {
    const fix = `write '${formatPattern(pattern)}'`;
    return { ok: false, defects: defects.map((d) => ({ ...d, fix })) };
  }
  return { ok: true, pattern };
}

function fail(code: string, message: string, fix: string): ParsedOrigin {
  return { ok: false, defects: [{ code, message, fix }] };
}

/** The host as the URL parser serializes it for http(s), or undefined when it is not a host. */
function canonicalHost(scheme: string, host: string): string | undefined {
  try {
    return new URL(`${DEFAULT_PORTS[scheme] === undefined ? 'http' : scheme}://${host}`).hostname;
  } catch {
    return undefined;
  }
}

function firstIndexOf(text: string, chars: string): number {
  for (let i = 0; i < text.length; i++) {
    if (chars.includes(text[i]!)) return i;
  }
  return -1;
}

/** A best-effort corrected spelling, used in messages only. */
function suggest(text: string): string | undefined {
  const parsed = parseOrigin(text);
  if (parsed.ok) return formatPattern(parsed.pattern);
  const fix = parsed.defects[0]?.fix;
  return fix?.startsWith("write '") ? fix.slice(7, -1) : undefined;
}
