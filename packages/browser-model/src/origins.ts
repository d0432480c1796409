// Origins as browsers serialize them, and the site comparison of Fetch Metadata.

/** Checks that `value` is a serialized origin; `problem` says why not and what to write. */
export function checkOrigin(value: string): { ok: true } | { ok: false; problem: string } {
  if (value === 'null') return { ok: true };
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return { ok: false, problem: `'${value}' is not an origin: write scheme://host[:port], e.g. https://app.example` };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return { ok: false, problem: `'${value}' is not an http or https origin` };
  }
  if (url.username !== '' || url.password !== '') {
    return { ok: false, problem: `'${value}' has user info; an origin is scheme://host[:port], write '${url.origin}'` };
  }
  if (value !== url.origin) {
    const extra = url.pathname !== '/' || url.search !== '' || url.hash !== '' || value.endsWith('/');
    const what = extra ? 'an origin has no path, query or trailing slash' : 'browsers send it lowercase, without a default port';
    return { ok: false, problem: `'${value}' is not a serialized origin (${what}): write '${url.origin}'` };
  }
  return { ok: true };
}

/** The origin of an absolute URL, serialized (`'null'` for opaque ones such as data:). */
export function originOf(url: URL): string {
  return url.protocol === 'http:' || url.protocol === 'https:' ? url.origin : 'null';
}

export function sameOrigin(a: string, b: string): boolean {
  return a === b && a !== 'null';
}

/**
 * The registrable domain, approximated without a public-suffix list: the last two labels of a
 * host name, the whole host for an IP address or a single label.
 */
function site(origin: string): string | undefined {
  if (origin === 'null') return undefined;
  const url = new URL(origin);
  const host = url.hostname;
  const isIp = host.startsWith('[') || /^[0-9.]+$/.test(host);
  const labels = host.split('.');
  const domain = isIp || labels.length <= 2 ? host : labels.slice(-2).join('.');
  return `${url.protocol}//${domain}`;
}

/** `Sec-Fetch-Site` for a request from `initiator` to `target`. */
export function fetchSite(initiator: string, target: string): 'same-origin' | 'same-site' | 'cross-site' {
  if (sameOrigin(initiator, target)) return 'same-origin';
  const a = site(initiator);
  return a !== undefined && a === site(target) ? 'same-site' : 'cross-site';
}
