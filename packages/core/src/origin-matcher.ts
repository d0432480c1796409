// Request-time origin matching. Everything is indexed at configuration time so that a lookup
// costs the same with one configured origin or ten thousand: exact origins in a Set, wildcard
// subdomain patterns in a Map keyed by the fixed suffix, tried once per configured suffix
// length. No regex runs unless the user configured one.

import type { OriginPattern } from './parse-origin.js';

/** Origins longer than this are refused unread: no real origin comes close. */
export const MAX_ORIGIN_LENGTH = 1024;

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

export interface StaticOriginMatcher {
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
  const onlyExact = !hasSubdomains && !hasAnyPort && res.length === 0;

  return function matchesOrigin(origin: string): boolean {
    if (origin.length > MAX_ORIGIN_LENGTH) return false;
    if (exact.has(origin)) return true;
    if (onlyExact) return false;
    // Patterns and RegExps only ever see what a browser could send: `null` (which an anchored
    // /^null$/ or a careless alternation would otherwise allow) and malformed values never
    // reach them, so the subdomain index needs no checks of its own.
    const portColon = serializedPortColon(origin);
    if (portColon === -1) return false;
    const hostStart = origin.indexOf('://') + 3;
    if (hasSubdomains && matchesSubdomain(origin, hostStart, subdomains)) return true;
    if (hasAnyPort) {
      const base = origin.slice(0, portColon);
      if (anyPort.has(base)) return true;
      if (hasAnyPortSubdomains && matchesSubdomain(base, hostStart, anyPortSubdomains)) return true;
    }
    for (let i = 0; i < res.length; i++) {
      if (res[i]!.test(origin)) return true;
    }
    return false;
  };
}

/**
 * Whether the serialized origin `origin`, whose host starts at `hostStart`, is
 * `scheme://label(.label)*<suffix>` for a configured suffix and scheme. Each configured suffix
 * length is tried once, so the cost is linear in the origin and in the number of distinct
 * suffix lengths.
 */
function matchesSubdomain(origin: string, hostStart: number, index: SubdomainIndex): boolean {
  const lengths = index.lengths;
  for (let k = 0; k < lengths.length; k++) {
    const start = origin.length - lengths[k]!;
    // At least one label before the suffix; a dot there is inside the host (a port has none).
    if (start <= hostStart || origin.charCodeAt(start) !== DOT) continue;
    const schemes = index.bySuffix.get(origin.slice(start));
    if (schemes === undefined) continue;
    for (let s = 0; s < schemes.length; s++) {
      const scheme = schemes[s]!;
      if (scheme.length === hostStart && origin.startsWith(scheme)) return true;
    }
  }
  return false;
}

/**
 * Whether `origin` has the shape of a serialized origin (`scheme://host[:port]`, lowercase) or
 * is `null`. Used before handing an origin to user code, which should never see garbage.
 */
export function isSerializedOrigin(origin: string): boolean {
  return origin === 'null' || (origin.length <= MAX_ORIGIN_LENGTH && serializedPortColon(origin) !== -1);
}

/**
 * For a serialized origin (`scheme://host[:port]`, lowercase, a port browsers could send), the
 * index of the colon before its port, or its length when it has none; -1 for anything else.
 */
function serializedPortColon(origin: string): number {
  const n = origin.length;
  let i = 0;
  // scheme: a-z then a-z 0-9 + - .
  let c = origin.charCodeAt(0);
  if (!(c >= 0x61 && c <= 0x7a)) return -1;
  for (i = 1; i < n; i++) {
    c = origin.charCodeAt(i);
    if (!((c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || c === 0x2b || c === 0x2d || c === DOT)) break;
  }
  if (origin.charCodeAt(i) !== COLON || origin.charCodeAt(i + 1) !== 0x2f || origin.charCodeAt(i + 2) !== 0x2f) {
    return -1;
  }
  i += 3;
  if (origin.charCodeAt(i) === 0x5b) {
    // [IPv6]
    const close = origin.indexOf(']', i);
    if (close === -1) return -1;
    for (let j = i + 1; j < close; j++) {
      c = origin.charCodeAt(j);
      if (!((c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x66) || c === COLON || c === DOT)) return -1;
    }
    i = close + 1;
  } else {
    const hostStart = i;
    let labelStart = i;
    for (; i < n; i++) {
      c = origin.charCodeAt(i);
      if (c === DOT) {
        if (i === labelStart) return -1;
        labelStart = i + 1;
      } else if (!isHostChar(c)) break;
    }
    if (i === hostStart) return -1;
  }
  if (i === n) return n;
  if (origin.charCodeAt(i) !== COLON) return -1;
  const colon = i;
  for (i++; i < n; i++) {
    c = origin.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return -1;
  }
  const digits = n - colon - 1;
  if (digits < 1 || digits > 5 || origin.charCodeAt(colon + 1) === 0x30) return -1;
  // Same-length digit strings compare like their numbers.
  return digits < 5 || origin.slice(colon + 1) <= '65535' ? colon : -1;
}
