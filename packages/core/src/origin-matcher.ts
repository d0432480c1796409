// Request-time origin matching. Everything is indexed at configuration time so that a lookup
// costs the same with one configured origin or ten thousand: exact origins in a Set, wildcard
// subdomain patterns in a Map keyed by the fixed suffix, tried once per configured suffix
// length. No regex runs unless the user configured one.

import type { OriginPattern } from './parse-origin.js';
import { MAX_ORIGIN_LENGTH } from './protocol.js';

const DOT = 0x2e;
const COLON = 0x3a;

/** Lowercase host characters a serialized origin's registered name may contain. */
function isHostChar(c: number): boolean {
  return (
    (c >= 0x61 && c <= 0x7a) || // a-z
    (c >= 0x30 && c <= 0x39) || // 0-9
    c === 0x2d || // -
    c === 0x5f // _
  );
}

interface StaticOriginMatcher {
  (origin: string): boolean;
}

/** Wildcard subdomain patterns sharing a port rule: schemes by fixed suffix, and the suffix lengths. */
interface SubdomainIndex {
  /** Keyed by the suffix after the wildcard, including the dot and any fixed port ('.myapp.es', '.myapp.es:8443'). */
  readonly bySuffix: Map<string, string[]>;
  /** The distinct suffix lengths, so that a lookup tries only those, never every dot of the host. */
  lengths: number[];
}

function subdomainIndex(): SubdomainIndex {
  return { bySuffix: new Map(), lengths: [] };
}

function addSubdomain(index: SubdomainIndex, suffix: string, scheme: string): void {
  const schemes = index.bySuffix.get(suffix);
  if (schemes === undefined) index.bySuffix.set(suffix, [scheme]);
  else if (!schemes.includes(scheme)) schemes.push(scheme);
  if (!index.lengths.includes(suffix.length)) index.lengths.push(suffix.length);
}

/** Compiles the configured origins, patterns and RegExps into one predicate. */
export function compileOriginMatcher(
  patterns: readonly OriginPattern[],
  regexps: readonly RegExp[],
): StaticOriginMatcher {
  const exact = new Set<string>();
  const subdomains = subdomainIndex();
  // 'http://localhost' for 'http://localhost:*'.
  const anyPort = new Set<string>();
  // Subdomain patterns with ':*', keyed like `subdomains` without a port.
  const anyPortSubdomains = subdomainIndex();

  for (const p of patterns) {
    if (p.anySubdomain) {
      const target = p.port === '*' ? anyPortSubdomains : subdomains;
      const suffix = p.port === '' || p.port === '*' ? `.${p.host}` : `.${p.host}:${p.port}`;
      addSubdomain(target, suffix, `${p.scheme}://`);
    } else if (p.port === '*') {
      anyPort.add(`${p.scheme}://${p.host}`);
    } else {
      exact.add(p.port === '' ? `${p.scheme}://${p.host}` : `${p.scheme}://${p.host}:${p.port}`);
    }
  }

  const hasSubdomains = subdomains.lengths.length > 0;
  const hasAnyPortSubdomains = anyPortSubdomains.lengths.length > 0;
  const hasAnyPort = anyPort.size > 0 || hasAnyPortSubdomains;
  const res = regexps.slice();
  const hasRegexps = res.length > 0;

  return function matchesOrigin(origin: string): boolean {
    if (origin.length > MAX_ORIGIN_LENGTH) return false;
    if (exact.has(origin)) return true;
    if (hasSubdomains && matchesSubdomain(origin, subdomains)) return true;
    if (hasAnyPort) {
      const base = withoutPort(origin);
      if (base !== undefined) {
        if (anyPort.has(base)) return true;
        if (hasAnyPortSubdomains && matchesSubdomain(base, anyPortSubdomains)) return true;
      }
    }
    // A RegExp only ever sees what a browser could send: `null` (which an anchored /^null$/
    // or a careless alternation would otherwise allow) and malformed values never reach it.
    if (hasRegexps && origin !== 'null' && isSerializedOrigin(origin)) {
      for (let i = 0; i < res.length; i++) {
        if (res[i]!.test(origin)) return true;
      }
    }
    return false;
  };
}

/**
 * The index of the first character from `hostStart` that breaks `label(.label)*`: a byte that
 * is neither a host character nor a dot (a port's colon included), or a dot that starts the
 * host or follows another dot. `origin.length` when there is none.
 */
function labelsEnd(origin: string, hostStart: number): number {
  for (let i = hostStart; i < origin.length; i++) {
    const c = origin.charCodeAt(i);
    if (c === DOT) {
      if (i === hostStart || origin.charCodeAt(i - 1) === DOT) return i;
    } else if (!isHostChar(c)) {
      return i;
    }
  }
  return origin.length;
}

/**
 * Whether `origin` is `scheme://label(.label)*<suffix>` for a configured suffix and scheme.
 * One scan validates the labels; then each configured suffix length is tried once, so the
 * cost is linear in the origin and in the number of distinct suffix lengths.
 */
function matchesSubdomain(origin: string, index: SubdomainIndex): boolean {
  const sep = origin.indexOf('://');
  if (sep <= 0) return false;
  const hostStart = sep + 3;
  const valid = labelsEnd(origin, hostStart);
  const lengths = index.lengths;
  for (let k = 0; k < lengths.length; k++) {
    const start = origin.length - lengths[k]!;
    // At least one label before the suffix, all of them well formed up to its dot.
    if (start <= hostStart || start >= valid || origin.charCodeAt(start) !== DOT) continue;
    const schemes = index.bySuffix.get(origin.slice(start));
    if (schemes === undefined) continue;
    for (let s = 0; s < schemes.length; s++) {
      const scheme = schemes[s]!;
      if (scheme.length === hostStart && origin.startsWith(scheme)) return true;
    }
  }
  return false;
}

/** Whether origin[start..] is a port a browser sends: 1 to 5 digits, no leading zero, at most 65535. */
function isPortAt(origin: string, start: number): boolean {
  const digits = origin.length - start;
  if (digits < 1 || digits > 5 || origin.charCodeAt(start) === 0x30) return false;
  for (let i = start; i < origin.length; i++) {
    const c = origin.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return false;
  }
  // Same-length digit strings compare like their numbers.
  return digits < 5 || origin.slice(start) <= '65535';
}

/**
 * The origin without its port: `http://localhost:3000` -> `http://localhost`. Returns the
 * origin itself when it has no port, and undefined for a port no browser would send.
 */
function withoutPort(origin: string): string | undefined {
  let i = origin.length;
  while (i > 0 && origin.charCodeAt(i - 1) >= 0x30 && origin.charCodeAt(i - 1) <= 0x39) i--;
  if (i === origin.length || origin.charCodeAt(i - 1) !== COLON) return origin;
  return isPortAt(origin, i) ? origin.slice(0, i - 1) : undefined;
}

/**
 * Whether `origin` has the shape of a serialized origin (`scheme://host[:port]`, lowercase) or
 * is `null`. Used before handing an origin to user code, which should never see garbage.
 */
export function isSerializedOrigin(origin: string): boolean {
  if (origin === 'null') return true;
  const n = origin.length;
  if (n > MAX_ORIGIN_LENGTH) return false;
  let i = 0;
  // scheme: a-z then a-z 0-9 + - .
  let c = origin.charCodeAt(0);
  if (!(c >= 0x61 && c <= 0x7a)) return false;
  for (i = 1; i < n; i++) {
    c = origin.charCodeAt(i);
    if (!((c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || c === 0x2b || c === 0x2d || c === DOT)) break;
  }
  if (origin.charCodeAt(i) !== COLON || origin.charCodeAt(i + 1) !== 0x2f || origin.charCodeAt(i + 2) !== 0x2f) {
    return false;
  }
  i += 3;
  if (origin.charCodeAt(i) === 0x5b) {
    // [IPv6]
    const close = origin.indexOf(']', i);
    if (close === -1) return false;
    for (let j = i + 1; j < close; j++) {
      c = origin.charCodeAt(j);
      if (!((c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x66) || c === COLON || c === DOT)) return false;
    }
    i = close + 1;
  } else {
    const end = labelsEnd(origin, i);
    if (end === i) return false;
    i = end;
  }
  return i === n || (origin.charCodeAt(i) === COLON && isPortAt(origin, i + 1));
}
