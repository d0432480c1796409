// Cross-origin write protection with Fetch Metadata, the rule of Go's
// net/http.CrossOriginProtection (https://words.filippo.io/csrf/): CORS decides who may read a
// response, but a form POST or a no-cors fetch from any site still reaches the handler with
// the user's cookies. Applied only to methods that may change state, from origins the policy
// does not allow; an allowed origin may always write.

import { SEC_FETCH_SITE } from './protocol.js';
import type { RequestAccess } from './request-access.js';
import type { CorsRefusal } from './types.js';

/** `https://api.myapp.es:8443` -> `api.myapp.es:8443`; `null` and malformed values -> undefined. */
function hostOf(origin: string): string | undefined {
  const sep = origin.indexOf('://');
  return sep === -1 ? undefined : origin.slice(sep + 3);
}

/** Whether the browser says, or the request's host shows, that `origin` is the request's own. */
export function isSameOriginRequest<Req>(origin: string, request: Req, access: RequestAccess<Req>): boolean {
  const site = access.header(request, SEC_FETCH_SITE);
  if (site != null) return site === 'same-origin';
  return hostOf(origin) === access.host(request);
}

/**
 * Whether a write from an origin the policy does not allow (or without `Origin`) must be
 * refused (https://w3c.github.io/webappsec-fetch-metadata/#sec-fetch-site-header):
 * - `Sec-Fetch-Site: same-origin` or `none` (the user's own navigation) passes, any other
 *   value is refused;
 * - without it, a request without `Origin` is not from a browser and passes, and an `Origin`
 *   whose host is the request's passes (browsers without Fetch Metadata); anything else is
 *   refused.
 */
export function writeRefusal<Req>(
  origin: string | null,
  method: string,
  request: Req,
  access: RequestAccess<Req>,
): CorsRefusal | undefined {
  const site = access.header(request, SEC_FETCH_SITE) ?? null;
  if (site === 'same-origin' || site === 'none') return undefined;
  if (site !== null) return { code: 'write.cross-origin', origin, method, secFetchSite: site, host: null };
  if (origin === null) return undefined;
  const host = access.host(request);
  if (hostOf(origin) === host) return undefined;
  return { code: 'write.cross-origin', origin, method, secFetchSite: null, host };
}
