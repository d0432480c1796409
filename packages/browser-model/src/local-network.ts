// Chromium's Local Network Access (shipped in Chrome 142,
// https://chromestatus.com/feature/5152728072060928; draft at
// https://wicg.github.io/local-network-access/): a page that calls an address more private than
// its own (public -> local -> loopback) waits for the user's permission, and a page that is not a
// secure context never gets it. It is not CORS: no response header grants it, and the Private
// Network Access preflight it replaces is gone. Address spaces as Chrome describes them:
// https://developer.chrome.com/blog/local-network-access

export type AddressSpace = 'public' | 'local' | 'loopback';

const RANK: Readonly<Record<AddressSpace, number>> = { public: 0, local: 1, loopback: 2 };

/** The four bytes of a dotted IPv4 address, or undefined. */
function ipv4(text: string): number[] | undefined {
  const parts = text.split('.');
  if (parts.length !== 4 || !parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255)) return undefined;
  return parts.map(Number);
}

/** The eight 16-bit groups of an IPv6 address (a trailing dotted IPv4 part allowed), or undefined. */
function ipv6(text: string): number[] | undefined {
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const groups = (part: string): number[] | undefined => {
    if (part === '') return [];
    const out: number[] = [];
    for (const piece of part.split(':')) {
      const v4 = piece.includes('.') ? ipv4(piece) : undefined;
      if (v4) out.push((v4[0]! << 8) | v4[1]!, (v4[2]! << 8) | v4[3]!);
      else if (/^[0-9a-f]{1,4}$/i.test(piece)) out.push(parseInt(piece, 16));
      else return undefined;
    }
    return out;
  };
  const head = groups(halves[0]!);
  const tail = halves.length === 2 ? groups(halves[1]!) : [];
  if (head === undefined || tail === undefined) return undefined;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return undefined;
  return [...head, ...Array<number>(missing).fill(0), ...tail];
}

function ipv4Space([a, b]: number[]): AddressSpace {
  if (a === 127) return 'loopback';
  // RFC 1918 private ranges and link-local 169.254.0.0/16.
  if (a === 10 || (a === 172 && b! >= 16 && b! <= 31) || (a === 192 && b === 168) || (a === 169 && b === 254)) return 'local';
  return 'public';
}

/**
 * The address space of a host: an IP address (IPv6 with or without brackets), `localhost` and
 * `*.localhost` (loopback), `*.local` (local, mDNS); undefined for any other name, which only
 * DNS can place.
 */
export function addressSpaceOf(host: string): AddressSpace | undefined {
  const name = host.toLowerCase().replace(/^\[(.*)\]$/, '$1').replace(/\.$/, '');
  if (name === 'localhost' || name.endsWith('.localhost')) return 'loopback';
  if (name.endsWith('.local')) return 'local';
  const v4 = ipv4(name);
  if (v4) return ipv4Space(v4);
  const v6 = name.includes(':') ? ipv6(name) : undefined;
  if (v6 === undefined) return undefined;
  if (v6.slice(0, 5).every((g) => g === 0) && v6[5] === 0xffff) return ipv4Space([v6[6]! >> 8, v6[6]! & 0xff]);
  if (v6.slice(0, 7).every((g) => g === 0) && v6[7] === 1) return 'loopback';
  // Unique local fc00::/7 and link-local fe80::/10.
  if ((v6[0]! & 0xfe00) === 0xfc00 || (v6[0]! & 0xffc0) === 0xfe80) return 'local';
  return 'public';
}

/** Chromium's Local Network Access for one request: the permission it needs, in words. */
export interface LocalNetworkAccess {
  /** The page's address space (a page named by a domain is taken as public). */
  readonly from: AddressSpace;
  readonly to: AddressSpace;
  readonly permission: 'local-network' | 'loopback-network';
  /** What a developer should know, in one sentence. */
  readonly note: string;
}

/**
 * Whether a page on `pageOrigin` calling `url` (reached at `address`, when known) meets
 * Chromium's Local Network Access permission prompt; undefined when it does not.
 */
export function localNetworkAccess(pageOrigin: string, url: string, address?: string): LocalNetworkAccess | undefined {
  if (pageOrigin === 'null') return undefined;
  const page = new URL(pageOrigin);
  const target = new URL(url);
  const from = addressSpaceOf(page.hostname) ?? 'public';
  const to = (address === undefined ? undefined : addressSpaceOf(address)) ?? addressSpaceOf(target.hostname);
  if (to === undefined || RANK[to] <= RANK[from]) return undefined;
  const secure = page.protocol === 'https:';
  const reached = address !== undefined && address !== target.hostname.replace(/^\[(.*)\]$/, '$1') ? `${target.host} (${address})` : target.host;
  return {
    from,
    to,
    permission: to === 'loopback' ? 'loopback-network' : 'local-network',
    note:
      `Local Network Access: a page on ${pageOrigin} (${from === 'public' ? 'a public origin' : 'a local address'}) calls ${reached}, ` +
      `${to === 'loopback' ? 'a loopback address' : 'an address on the local network'}; since Chrome 142, Chromium asks the user ` +
      `for permission first${secure ? '' : ', and refuses outright from a page that is not https:'}. ` +
      'No CORS header can grant this (nor the retired Access-Control-Allow-Private-Network): https://developer.chrome.com/blog/local-network-access',
  };
}
