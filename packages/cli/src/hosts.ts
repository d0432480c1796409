// Which `Host` the proxy answers to. DNS rebinding: a page on an attacker's name, whose DNS the
// attacker then points at 127.0.0.1, reaches the proxy as a same-origin page; its requests carry
// `Host: rebind.attacker.example:8787`, pass CORS and write protection alike, and reach the
// target. So, as development servers do with an allowed-hosts list, the proxy answers only to
// names that cannot be rebound (localhost and *.localhost, which browsers keep on loopback, and
// IP addresses, which involve no DNS) on its own port, and to names given on purpose.

import { UsageError } from './errors.js';

/** Whether `host` is a loopback address (127.0.0.0/8, ::1, localhost). */
export function isLoopback(host: string): boolean {
  const h = host.startsWith('[') ? host.slice(1, -1) : host;
  if (h === 'localhost' || h === '::1') return true;
  const parts = h.split('.');
  return parts.length === 4 && parts[0] === '127' && parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255);
}

/** A `Host` value split as the URL parser reads it (lowercase, IDNA), or undefined when it is not one. */
function parseHost(value: string): { name: string; port: number } | undefined {
  if (value === '' || /[\s@/?#\\]/.test(value)) return undefined;
  try {
    const url = new URL(`http://${value}`);
    return { name: url.hostname, port: url.port === '' ? 80 : Number(url.port) };
  } catch {
    return undefined;
  }
}

/** Whether a URL's host name is an IP address (IPv6 in brackets, or dotted digits): no DNS, no registrable domain. */
export function isIpLiteral(name: string): boolean {
  return name.startsWith('[') || /^[0-9.]+$/.test(name);
}

/** `--allowed-host` as the name it allows, lowercase; throws UsageError for anything but a host name. */
export function parseAllowedHost(value: string): string {
  const parsed = parseHost(value);
  if (parsed === undefined || value.includes(':')) {
    throw new UsageError(`--allowed-host '${value}' must be a host name without scheme, port or path, e.g. --allowed-host myapp.test`);
  }
  return parsed.name;
}

/**
 * Whether the proxy listening on `port` answers a request with this `Host`: localhost,
 * *.localhost and IP addresses on that port, and the `allowed` names on any port.
 */
export function hostAllowed(host: string | undefined, port: number, allowed: ReadonlySet<string>): boolean {
  const parsed = host === undefined ? undefined : parseHost(host);
  if (parsed === undefined) return false;
  if (allowed.has(parsed.name)) return true;
  const unrebindable = parsed.name === 'localhost' || parsed.name.endsWith('.localhost') || isIpLiteral(parsed.name);
  return unrebindable && parsed.port === port;
}

/** The 421 answer's one line: what was refused, why, and the flag that allows it. */
export function misdirected(host: string | undefined, port: number): string {
  if (host === undefined) return 'portcullis proxy: a request without Host is refused (browsers always send one)';
  const name = parseHost(host)?.name;
  const fix = name === undefined || isIpLiteral(name) || name === 'localhost' ? '' : `, or pass --allowed-host ${name} if it is yours`;
  return (
    `portcullis proxy: Host '${host}' is not this proxy's: it answers localhost:${port} and 127.0.0.1:${port}; ` +
    `a page on another name that reaches it (DNS rebinding) must not use it: call it by one of those names${fix}`
  );
}
