// The origins the audit plays: from each trusted origin, the attacker origins that reveal one
// mistaken origin check each (see classes.ts), and the few that need no trusted origin at all.
// Only origins a browser could send are kept: each is checked to be its own serialization.

import { checkOrigin } from '@portcullis/browser-model';
import { registrableDomain } from './domains.js';
import type { AuditClassId } from './types.js';

/** A domain no one can register (RFC 2606): the attacker's site in every derived origin. */
export const ATTACKER_DOMAIN = 'attacker.example';
/** The label the audit puts in front of a domain to make a subdomain of it. */
const PROBE_LABEL = 'portcullis-audit';

/** Platforms where anyone publishes a page in minutes, one probe each. */
const SHARED_HOSTS = ['github.io', 'netlify.app', 'vercel.app', 'pages.dev'] as const;

export interface DerivedOrigin {
  readonly looksFor: AuditClassId;
  readonly origin: string;
}

/** A trusted entry as the probes use it: an origin it admits, and the origin attacker ones derive from. */
export interface Seed {
  /** As given, e.g. `https://*.myapp.es`. */
  readonly entry: string;
  /** An origin the entry trusts (`https://portcullis-audit.myapp.es` for a subdomain pattern). */
  readonly trusted: string;
  /** The origin the attacker origins are derived from (`https://myapp.es` for that pattern). */
  readonly base: string;
}

function valid(origin: string): boolean {
  return checkOrigin(origin).ok;
}

/** The seed of a trusted entry: a serialized origin or core's pattern; undefined for anything else. */
export function seedOf(entry: string): Seed | undefined {
  const match = /^(https?:\/\/)(\*\.)?([^/:]+)(:\*|:[0-9]+)?$/.exec(entry);
  if (match === null) return undefined;
  const [, scheme, wildcard, host, port] = match;
  const fixedPort = port === undefined || port === ':*' ? '' : port;
  const base = `${scheme}${host}${fixedPort}`;
  const trusted = wildcard === undefined ? base : `${scheme}${PROBE_LABEL}.${host}${fixedPort}`;
  return valid(base) && valid(trusted) ? { entry, trusted, base } : undefined;
}

/** The origins every audit plays, whatever is trusted. */
export function commonOrigins(): DerivedOrigin[] {
  return [
    { looksFor: 'reflect-any', origin: `https://${ATTACKER_DOMAIN}` },
    { looksFor: 'null-origin', origin: 'null' },
    ...SHARED_HOSTS.map((host) => ({ looksFor: 'third-party-origin' as const, origin: `https://${PROBE_LABEL}.${host}` })),
  ];
}

/** The attacker origins derived from one trusted origin, one per origin-check mistake. */
export function derivedOrigins(base: string): DerivedOrigin[] {
  const url = new URL(base);
  const scheme = url.protocol;
  const host = url.hostname;
  const port = url.port === '' ? '' : `:${url.port}`;
  const domain = registrableDomain(host);
  const at = (looksFor: AuditClassId, hostname: string, protocol = scheme): DerivedOrigin => ({
    looksFor,
    origin: `${protocol}//${hostname}${port}`,
  });
  const derived = [
    at('prefix-match', `${host}.${ATTACKER_DOMAIN}`),
    at('suffix-match', `attacker${domain}`),
    at('substring-match', `attacker${domain}.${ATTACKER_DOMAIN}`),
    at('unanchored-regex', `${PROBE_LABEL}.${domain}.${ATTACKER_DOMAIN}`),
  ];
  // The dot right before the registrable domain: replacing it gives another registrable name.
  if (host !== domain && host.endsWith(`.${domain}`)) {
    derived.push(at('unescaped-dot', `${host.slice(0, -domain.length - 1)}x${domain}`));
  }
  derived.push(at('special-char-bypass', `${host}_.${ATTACKER_DOMAIN}`), at('special-char-bypass', `${host}\`.${ATTACKER_DOMAIN}`));
  if (scheme === 'https:') derived.push(at('http-origin-credentials', host, 'http:'));
  derived.push(at('subdomain-credentials', `${PROBE_LABEL}.${domain}`));
  return derived.filter((d) => valid(d.origin));
}
