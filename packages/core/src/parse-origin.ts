// Configuration-time parsing of origins and origin patterns. Strict on purpose: a configured
// origin must already be in the serialized form browsers send, byte for byte, because that is
// how it is compared at request time. Anything else would silently never match.

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

export interface OriginDefect {
  readonly message: string;
  readonly fix: string;
}

export type ParsedOrigin =
  | { readonly ok: true; readonly pattern: OriginPattern }
  | { readonly ok: false; readonly defects: readonly OriginDefect[] };

const DEFAULT_PORTS: Readonly<Record<string, string>> = { http: '80', https: '443' };

const SCHEME_START = /^[a-z]/i;
const SCHEME_REST = /^[a-z0-9+.-]*$/i;
const HOST_CHARS = /^[a-z0-9._-]+$/;
const IPV6_CHARS = /^\[[0-9a-f:.]+\]$/;
const DIGITS = /^[0-9]+$/;
const ASCII = /^[\x21-\x7e]*$/;

/** Serializes a pattern back to the string form it was configured with. */
export function formatPattern(p: OriginPattern): string {
  const host = p.anySubdomain ? `*.${p.host}` : p.host;
  return p.port === '' ? `${p.scheme}://${host}` : `${p.scheme}://${host}:${p.port}`;
}

/**
 * Parses one configured origin or pattern (`https://myapp.es`, `https://*.myapp.es`,
 * `http://localhost:*`), reporting every defect with the corrected spelling.
 */
export function parseOrigin(input: string): ParsedOrigin {
  const defects: string[] = [];
  let text = input;

  if (/\s/.test(text) || /[\x00-\x1f\x7f]/.test(text)) {
    defects.push('contains white space or control characters');
    text = text.replace(/[\s\x00-\x1f\x7f]+/g, '');
  }

  if (text === 'null') {
    return fail([
      {
        message:
          'is the opaque origin of sandboxed iframes, data: and file: documents and redirected requests; ' +
          'allowing it lets any of them read your responses',
        fix: 'remove it; serve those documents from a real origin and list that origin',
      },
    ]);
  }

  const schemeEnd = text.indexOf('://');
  if (schemeEnd === -1) {
    const bare = text.replace(/^[a-z]*:?\/+/i, '');
    const local = /^(localhost|127\.|\[::1\])/.test(bare);
    const guess = `${local ? 'http' : 'https'}://${bare}`;
    return fail([
      {
        message: 'has no scheme: an origin is scheme://host[:port]',
        fix: `write '${suggest(guess) ?? guess}'`,
      },
    ]);
  }

  const rawScheme = text.slice(0, schemeEnd);
  const scheme = rawScheme.toLowerCase();
  if (!SCHEME_START.test(rawScheme) || !SCHEME_REST.test(rawScheme)) {
    return fail([{ message: `'${rawScheme}' is not a URL scheme`, fix: "start with 'https://' or 'http://'" }]);
  }
  if (scheme === 'file') {
    return fail([
      {
        message: "file: documents have the opaque origin 'null', which must never be allowed",
        fix: 'serve the page over http(s) and list that origin',
      },
    ]);
  }
  if (rawScheme !== scheme) defects.push(`the scheme must be lowercase, as browsers send it`);

  let rest = text.slice(schemeEnd + 3);
  const pathStart = firstIndexOf(rest, '/?#');
  if (pathStart !== -1) {
    const tail = rest.slice(pathStart);
    if (tail === '/') defects.push('ends with a slash: an origin has no path, not even /');
    else if (tail.startsWith('?')) defects.push('has a query: an origin has no query');
    else if (tail.startsWith('#')) defects.push('has a fragment: an origin has no fragment');
    else defects.push(`has a path ('${tail}'): an origin has no path`);
    rest = rest.slice(0, pathStart);
  }

  const at = rest.lastIndexOf('@');
  if (at !== -1) {
    defects.push('has user information (user:password@): an origin never carries it');
    rest = rest.slice(at + 1);
  }

  let host: string;
  let port = '';
  if (rest.startsWith('[')) {
    const close = rest.indexOf(']');
    if (close === -1) return fail([{ message: 'has an unterminated IPv6 address', fix: "write it as 'http://[::1]:8080'" }]);
    host = rest.slice(0, close + 1);
    const after = rest.slice(close + 1);
    if (after.startsWith(':')) port = after.slice(1);
    else if (after !== '') return fail([{ message: `has unexpected text '${after}' after the host`, fix: 'remove it' }]);
  } else {
    const colon = rest.lastIndexOf(':');
    if (colon === -1) host = rest;
    else {
      host = rest.slice(0, colon);
      port = rest.slice(colon + 1);
      if (port === '') defects.push('ends with a colon but no port');
    }
  }

  if (port !== '' && port !== '*') {
    if (!DIGITS.test(port)) {
      return fail([{ message: `has an invalid port '${port}'`, fix: "use digits, or ':*' for any port" }]);
    }
    const value = Number(port);
    if (value < 1 || value > 65535) {
      return fail([{ message: `port ${port} is out of range (1..65535)`, fix: 'use a port between 1 and 65535' }]);
    }
    if (String(value) !== port) {
      defects.push(`port '${port}' has leading zeros, which browsers never send`);
      port = String(value);
    }
    if (DEFAULT_PORTS[scheme] === port) {
      defects.push(`':${port}' is the default port for ${scheme}, which browsers omit from the origin`);
      port = '';
    }
  }

  let anySubdomain = false;
  if (host.startsWith('*.')) {
    anySubdomain = true;
    host = host.slice(2);
  }
  if (host.includes('*')) {
    return fail([
      {
        message: "'*' may only stand as the whole first label ('https://*.myapp.es') or as the port (':*')",
        fix: "write 'https://*.myapp.es' to allow every subdomain, or list the origins one by one",
      },
    ]);
  }
  if (host === '') return fail([{ message: 'has no host', fix: "write it as 'https://myapp.es'" }]);

  if (!ASCII.test(host)) {
    let ascii: string | undefined;
    try {
      ascii = new URL(`http://${host}`).hostname;
    } catch {
      ascii = undefined;
    }
    return fail([
      {
        message: 'has a non-ASCII host; browsers send internationalised hosts in punycode',
        fix: ascii === undefined ? 'write the host in punycode (xn--...)' : `write the host as '${ascii}'`,
      },
    ]);
  }
  if (host !== host.toLowerCase()) {
    defects.push('the host must be lowercase, as browsers send it');
    host = host.toLowerCase();
  }
  if (host.startsWith('[')) {
    if (!IPV6_CHARS.test(host)) return fail([{ message: `'${host}' is not an IPv6 address`, fix: "write it as 'http://[::1]'" }]);
    if (anySubdomain) return fail([{ message: 'an IP address has no subdomains', fix: "remove '*.'" }]);
  } else {
    if (!HOST_CHARS.test(host)) {
      return fail([
        { message: `'${host}' is not a valid host name`, fix: 'use letters, digits, hyphens and dots only' },
      ]);
    }
    if (host.endsWith('.')) {
      defects.push('the host ends with a dot, which browsers keep and you would need to list separately');
      host = host.replace(/\.+$/, '');
    }
    if (host.startsWith('.') || host.includes('..')) {
      return fail([{ message: `'${host}' has an empty label`, fix: 'remove the extra dot' }]);
    }
  }

  const pattern: OriginPattern = { scheme, host, anySubdomain, port };
  if (defects.length > 0) {
    const fix = `write '${formatPattern(pattern)}'`;
    return fail(defects.map((message) => ({ message, fix })));
  }
  return { ok: true, pattern };
}

function fail(defects: readonly OriginDefect[]): ParsedOrigin {
  return { ok: false, defects };
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
  const quoted = fix?.startsWith("write '") ? fix.slice(7, -1) : undefined;
  return quoted;
}
