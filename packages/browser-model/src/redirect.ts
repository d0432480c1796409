// The standard's HTTP-redirect fetch for a CORS request: whether the browser may follow the
// redirect, how the request changes on the way (method, headers, a tainted Origin), and the
// plan of the next hop.

import { badPort, badPortWords } from './bad-ports.js';
import { engineProfile } from './engines.js';
import { lower, show } from './headers.js';
import { planHop, worseSite } from './hop.js';
import { conclude } from './judgement.js';
import { fetchSite, originOf, sameOrigin } from './origins.js';
import type { RequestPlan } from './plan.js';
import type { ResponseJudgement } from './response.js';
import { SPEC } from './spec.js';
import type { HeaderList, Step } from './types.js';

/** A redirect step's own fields (its phase, hop and, by default, its spec are the redirect's). */
type Fields = Omit<Step, 'phase' | 'hop' | 'spec'> & { spec?: string };

/** Headers that describe the body, dropped with it when a redirect turns the method into GET. */
const BODY_HEADERS = ['content-encoding', 'content-language', 'content-location', 'content-type'];

/** At most 20 redirects: https://fetch.spec.whatwg.org/#concept-http-redirect-fetch */
const MAX_REDIRECTS = 20;

/** Follows the `status` redirect to `location` from `plan`'s hop, adding its steps to `steps`. */
export function followRedirect(plan: RequestPlan, status: number, location: string, steps: Step[]): ResponseJudgement {
  const at = (fields: Fields): void => {
    steps.push({ phase: 'redirect', hop: plan.hop, spec: SPEC.redirectFetch, ...fields });
  };
  let next: URL;
  try {
    next = new URL(location, plan.url);
  } catch {
    at({
      step: 'redirect.location',
      ok: false,
      title: 'the redirect Location is not a URL',
      detail: `${status} with ${show('Location', location)}`,
      fix: 'send an absolute or relative URL in Location',
    });
    return conclude(steps);
  }
  const failures = refusals(plan, status, location, next);
  if (failures.length > 0) {
    for (const failure of failures) at({ ok: false, ...failure });
    return conclude(steps);
  }
  next.hash = '';
  const request = redirected(plan, status, next);
  const taints = request.tainted && plan.requestOrigin !== 'null';
  at({
    ok: true,
    step: 'redirect.follow',
    title: `the browser follows the ${status} redirect`,
    detail: `to ${request.method} ${next.href}` + (request.changes.length > 0 ? `; ${request.changes.join('; ')}` : ''),
    ...(taints
      ? { fix: 'the target must allow the origin null, which every sandboxed page sends too; prefer calling the final URL directly', warning: true as const }
      : {}),
  });
  const target = originOf(next);
  const redirect = planHop({
    engine: engineProfile(plan.engine),
    hop: plan.hop + 1,
    pageOrigin: plan.pageOrigin,
    tainted: request.tainted,
    cors: plan.cors || !sameOrigin(plan.pageOrigin, target),
    url: next.href,
    method: request.method,
    headers: request.headers,
    credentialsMode: plan.credentialsMode,
    site: worseSite(plan.site, fetchSite(plan.pageOrigin, target)),
  });
  return { ...conclude(steps), redirect };
}

/** Why the browser refuses to follow this redirect at all (none when it follows it). */
function refusals(plan: RequestPlan, status: number, location: string, next: URL): Omit<Fields, 'ok'>[] {
  const failures: Omit<Fields, 'ok'>[] = [];
  if (next.protocol !== 'http:' && next.protocol !== 'https:') {
    failures.push({
      step: 'redirect.scheme',
      title: 'a redirect must go to an http or https URL',
      detail: `${status} to ${next.href}`,
      fix: 'redirect to an http: or https: URL',
    });
  }
  if (plan.hop + 1 > MAX_REDIRECTS) {
    failures.push({
      step: 'redirect.count',
      title: `more than ${MAX_REDIRECTS} redirects`,
      detail: `redirect number ${plan.hop + 1}, to ${next.href}`,
      fix: 'break the redirect loop',
    });
  }
  if (next.username !== '' || next.password !== '') {
    failures.push({
      step: 'redirect.credentials',
      title: 'a CORS request may not be redirected to a URL with credentials',
      detail: `Location: ${location} has user info`,
      fix: 'redirect to a URL without user:password@',
    });
  }
  // Then main fetch blocks the new request on a bad port.
  const port = badPort(next);
  if (port !== undefined) failures.push({ step: 'redirect.port', ...badPortWords(port, true), spec: SPEC.badPort });
  return failures;
}

/** The request of the next hop: its method and headers, whether its Origin becomes null, in words. */
function redirected(plan: RequestPlan, status: number, next: URL): { method: string; headers: HeaderList; tainted: boolean; changes: string[] } {
  const current = originOf(new URL(plan.url));
  const target = originOf(next);
  const tainted = plan.requestOrigin === 'null' || (!sameOrigin(target, current) && !sameOrigin(plan.pageOrigin, current));
  let method = plan.method;
  let headers = [...plan.headers];
  const changes: string[] = [];
  if (((status === 301 || status === 302) && method === 'POST') || (status === 303 && method !== 'GET' && method !== 'HEAD')) {
    changes.push(`the method ${method} becomes GET and the body and its headers are dropped`);
    method = 'GET';
    headers = headers.filter(([name]) => !BODY_HEADERS.includes(lower(name)));
  }
  if (!sameOrigin(current, target) && headers.some(([name]) => lower(name) === 'authorization')) {
    changes.push('authorization is removed (a cross-origin redirect)');
    headers = headers.filter(([name]) => lower(name) !== 'authorization');
  }
  if (tainted && plan.requestOrigin !== 'null') changes.push('the request now carries Origin: null');
  return { method, headers, tainted, changes };
}
