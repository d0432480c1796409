// How the browser judges each answer: the preflight's (CORS-preflight fetch), the actual
// response's (CORS check, then which headers script may read), and a redirect's (HTTP-redirect
// fetch), which becomes the plan of the next hop.

import { corsCheck } from './cors-check.js';
import { engineProfile } from './engines.js';
import { extractList, get, getAll, lower, show, toHeaderList } from './headers.js';
import { fetchSite, originOf, sameOrigin } from './origins.js';
import { planHop, worseSite, type RequestPlan } from './plan.js';
import { isSafelistedMethod } from './request-rules.js';
import { SPEC } from './spec.js';
import type { HeaderList, HttpResponse, Judgement, Phase, ReadableHeaders, Step } from './types.js';

const ACAM = 'Access-Control-Allow-Methods';
const ACAH = 'Access-Control-Allow-Headers';
const ACMA = 'Access-Control-Max-Age';
const ACEH = 'Access-Control-Expose-Headers';

function conclude(steps: Step[]): Judgement {
  const first = steps.find((s) => !s.ok);
  if (first === undefined) return { allowed: true, steps };
  return { allowed: false, steps, reason: `${first.title}: ${first.detail}`, ...(first.fix ? { fix: first.fix } : {}) };
}

function statusLine(response: HttpResponse): string {
  return response.statusText ? `${response.status} ${response.statusText}` : String(response.status);
}

/** The preflight's verdict, plus how long the browser would cache it. */
export interface PreflightJudgement extends Judgement {
  /** Seconds the preflight result is cached (after the engine's cap), when it passed. */
  readonly maxAge?: number;
}

/** Every check the browser makes on the answer to `plan.preflight`. */
export function judgePreflight(plan: RequestPlan, response: HttpResponse): PreflightJudgement {
  const engine = engineProfile(plan.engine);
  const headers = toHeaderList(response.headers);
  const { hop, credentials } = plan;
  const steps: Step[] = [];
  const at = (fields: Omit<Step, 'phase' | 'hop'>): void => {
    steps.push({ phase: 'preflight', hop, ...fields });
  };
  const { status } = response;
  const redirected = status >= 300 && status < 400;
  const statusStep = (): void =>
    at({
      step: 'preflight.status',
      ok: status >= 200 && status <= 299,
      title:
        status >= 200 && status <= 299
          ? `the status ${status} is an ok status`
          : redirected
            ? 'a preflight must not be redirected'
            : `the preflight answer's status must be 200-299`,
      detail: `the preflight was answered ${statusLine(response)}` + (redirected ? ` (${show('Location', get(headers, 'location'))})` : ''),
      ...(status >= 200 && status <= 299
        ? {}
        : {
            fix: redirected
              ? 'answer OPTIONS at this URL itself (a trailing-slash or HTTPS redirect must not apply to preflights), or call the final URL'
              : 'answer the preflight (OPTIONS with Origin and Access-Control-Request-Method) with 204 or 200 before any authentication or routing that refuses it',
          }),
      spec: SPEC.okStatus,
    });
  // Chromium reports a redirect before the CORS check, and the CORS check before a bad status.
  if (redirected) statusStep();
  steps.push(...corsCheck(headers, plan.requestOrigin, credentials, 'preflight', hop));
  if (!redirected) statusStep();

  const methods = extractList(headers, ACAM);
  const names = extractList(headers, ACAH);
  for (const [header, parsed] of [
    [ACAM, methods],
    [ACAH, names],
  ] as const) {
    if (!parsed.ok) {
      at({
        step: header === ACAM ? 'preflight.allow-methods-syntax' : 'preflight.allow-headers-syntax',
        ok: false,
        title: `${header} does not parse`,
        detail: `${show(header, parsed.value)}: ${JSON.stringify(parsed.bad)} is not a token; the list is comma-separated`,
        fix: `separate the names with commas: ${header}: ${parsed.value.split(/[\s,]+/).filter(Boolean).join(', ')}`,
        spec: SPEC.preflightFetch,
      });
    }
  }

  const methodList = methods.ok ? (methods.items ?? []) : [];
  const nameList = (names.ok ? (names.items ?? []) : []).map(lower);
  if (methods.ok) {
    const method = plan.method;
    const listed = methodList.includes(method);
    const wildcard = methodList.includes('*');
    const ok = listed || isSafelistedMethod(method) || (wildcard && !credentials);
    const caseOnly = !listed && methodList.some((m) => m.toUpperCase() === method.toUpperCase());
    at({
      step: 'preflight.method',
      ok,
      title: ok ? `the method ${method} is allowed` : `the method ${method} is not allowed by ${ACAM}`,
      detail:
        `${show(ACAM, get(headers, ACAM))}; ` +
        (listed
          ? `${method} is listed`
          : isSafelistedMethod(method)
            ? `${method} is CORS-safelisted and needs no listing`
            : wildcard && !credentials
              ? '* allows every method for a request without credentials'
              : wildcard
                ? `with credentials * is the literal method name "*", not a wildcard`
                : caseOnly
                  ? `methods are compared case-sensitively: ${method} is not ${methodList.find((m) => m.toUpperCase() === method.toUpperCase())}`
                  : `${method} is not listed`),
      ...(ok
        ? {}
        : {
            fix: caseOnly && method !== method.toUpperCase()
              ? `call fetch() with method: '${method.toUpperCase()}' (browsers uppercase only DELETE GET HEAD OPTIONS POST PUT), or list ${method} exactly`
              : `list ${method} in ${ACAM} on the preflight answer` + (wildcard ? ' (by name: with credentials * does not cover it)' : ''),
          }),
      spec: SPEC.preflightFetch,
    });
  }

  if (names.ok) {
    const wildcard = nameList.includes('*') && !credentials;
    for (const name of plan.unsafeHeaders) {
      const listed = nameList.includes(name);
      const isAuthorization = name === 'authorization';
      const coveredByWildcard = !listed && wildcard && (!isAuthorization || engine.wildcardCoversAuthorization);
      const ok = listed || coveredByWildcard;
      const standardWouldBlock = coveredByWildcard && isAuthorization;
      at({
        step: 'preflight.header',
        ok,
        title: ok ? `the request header ${name} is allowed` : `the request header ${name} is not allowed by ${ACAH}`,
        detail:
          `${show(ACAH, get(headers, ACAH))}; ` +
          (listed
            ? `${name} is listed`
            : coveredByWildcard
              ? `* covers ${name} for a request without credentials`
              : nameList.includes('*') && credentials
                ? `with credentials * is the literal header name "*", not a wildcard`
                : wildcard && isAuthorization
                  ? 'authorization is never covered by *: it must be listed by name'
                  : `${name} is not listed`),
        ...(ok
          ? standardWouldBlock
            ? { warning: true as const, fix: `list authorization by name (${ACAH}: *, authorization): the standard requires it and browsers are expected to follow` }
            : {}
          : { fix: `list ${name} in ${ACAH} on the preflight answer` + (nameList.includes('*') ? ' (by name: * does not cover it here)' : '') }),
        spec: isAuthorization && wildcard ? SPEC.nonWildcardRequestHeaderName : SPEC.preflightFetch,
        ...(standardWouldBlock
          ? { differs: `the Fetch Standard never lets * cover authorization and would block this request; ${engine.label} allows it` }
          : {}),
      });
    }
  }

  const judged = conclude(steps);
  const maxAge = preflightMaxAge(headers, engine.maxAgeCap);
  if (judged.allowed) {
    at({
      step: 'preflight.max-age',
      ok: true,
      title: `the browser may reuse this preflight for ${maxAge.seconds} s`,
      detail: `${show(ACMA, get(headers, ACMA))}; ${maxAge.why}`,
      spec: SPEC.preflightCache,
    });
    return { ...judged, steps, maxAge: maxAge.seconds };
  }
  return judged;
}

function preflightMaxAge(headers: HeaderList, cap: number | undefined): { seconds: number; why: string } {
  const values = getAll(headers, ACMA);
  if (values.length === 0) return { seconds: 5, why: 'absent, so 5 s: a new preflight almost every time' };
  const value = values.length === 1 ? values[0]!.trim() : '';
  if (value === '' || !/^[0-9]+$/.test(value)) return { seconds: 5, why: 'not a single number of seconds, so 5 s, the default' };
  const seconds = Number(value);
  if (cap !== undefined && seconds > cap) return { seconds: cap, why: `capped at ${cap} s by this browser` };
  return { seconds, why: seconds === 0 ? 'not cached' : 'as sent' };
}

/** The response headers script can read from a CORS response (or, with `cors: false`, a same-origin one). */
export function readableHeaders(
  headers: HttpResponse['headers'],
  options: { readonly credentials: boolean; readonly cors?: boolean },
): ReadableHeaders & { readonly exposed: 'all' | readonly string[] | 'unparsable' } {
  const list = toHeaderList(headers);
  const names = [...new Set(list.map(([name]) => lower(name)))];
  const forbidden = (name: string) => name === 'set-cookie' || name === 'set-cookie2';
  if (options.cors === false) {
    return { readable: names.filter((n) => !forbidden(n)), hidden: names.filter(forbidden), exposed: 'all' };
  }
  const parsed = extractList(list, ACEH);
  const items = parsed.ok ? (parsed.items ?? []).map(lower) : [];
  const all = !options.credentials && items.includes('*');
  const safelisted = ['cache-control', 'content-language', 'content-length', 'content-type', 'expires', 'last-modified', 'pragma'];
  const readable = names.filter((n) => !forbidden(n) && (all || safelisted.includes(n) || items.includes(n)));
  return {
    readable,
    hidden: names.filter((n) => !readable.includes(n)),
    exposed: all ? 'all' : parsed.ok ? items : 'unparsable',
  };
}

/** Hidden headers not worth suggesting to expose: connection details, and set-cookie, which never is. */
const UNINTERESTING = ['connection', 'keep-alive', 'transfer-encoding', 'date', 'vary', 'server', 'set-cookie', 'set-cookie2'];

const REDIRECT_STATUSES = [301, 302, 303, 307, 308];

/** The verdict on a response: the CORS check, and then either what script reads or where it redirects. */
export interface ResponseJudgement extends Judgement {
  /** For a final response that passed: the headers script can read. */
  readonly readable?: ReadableHeaders;
  /** For a redirect the browser follows: the plan of the next hop. */
  readonly redirect?: RequestPlan;
}

/** Judges the response to `plan.actual`. */
export function judgeResponse(plan: RequestPlan, response: HttpResponse): ResponseJudgement {
  const headers = toHeaderList(response.headers);
  const location = get(headers, 'location');
  const isRedirect = REDIRECT_STATUSES.includes(response.status) && location !== null;
  const phase: Phase = isRedirect ? 'redirect' : 'actual';
  const steps: Step[] = [];
  if (plan.cors) steps.push(...corsCheck(headers, plan.requestOrigin, plan.credentials, phase, plan.hop));
  if (steps.some((s) => !s.ok)) return conclude(steps);
  if (isRedirect) return followRedirect(plan, response.status, location, steps);

  const readable = readableHeaders(headers, { credentials: plan.credentials, cors: plan.cors });
  const exposed = readable.exposed;
  const custom = readable.hidden.filter((n) => !n.startsWith('access-control-') && !UNINTERESTING.includes(n));
  steps.push({
    step: 'actual.readable',
    phase: 'actual',
    hop: plan.hop,
    ok: true,
    title: `the page reads the ${statusLine(response)} response`,
    detail:
      `script can read: ${readable.readable.length === 0 ? '(no header)' : readable.readable.join(', ')}` +
      (readable.hidden.length > 0 ? `; hidden: ${readable.hidden.join(', ')}` : '') +
      (!plan.cors
        ? ''
        : exposed === 'unparsable'
          ? `; ${show(ACEH, get(headers, ACEH))} does not parse, so it exposes nothing`
          : exposed === 'all'
            ? `; ${ACEH}: * exposes every header but set-cookie`
            : get(headers, ACEH) !== null && getAll(headers, ACEH).join(',').includes('*') && plan.credentials
              ? `; with credentials, * in ${ACEH} is the literal name "*"`
              : ''),
    ...(plan.cors && custom.length > 0 ? { fix: `to let script read ${custom.join(', ')}, list ${custom.length === 1 ? 'it' : 'them'} in ${ACEH}` } : {}),
    spec: plan.cors ? SPEC.safelistedResponseHeaderName : SPEC.forbiddenResponseHeaderName,
  });
  return { ...conclude(steps), readable: { readable: readable.readable, hidden: readable.hidden } };
}

const BODY_HEADERS = ['content-encoding', 'content-language', 'content-location', 'content-type'];

/** The standard's HTTP-redirect fetch for a CORS request, from `plan`'s hop to the next. */
function followRedirect(plan: RequestPlan, status: number, location: string, steps: Step[]): ResponseJudgement {
  const at = (fields: Omit<Step, 'phase' | 'hop' | 'spec'> & { spec?: string }): void => {
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
  const failures: Omit<Step, 'phase' | 'hop' | 'spec' | 'ok'>[] = [];
  if (next.protocol !== 'http:' && next.protocol !== 'https:') {
    failures.push({
      step: 'redirect.scheme',
      title: 'a redirect must go to an http or https URL',
      detail: `${status} to ${next.href}`,
      fix: 'redirect to an http: or https: URL',
    });
  }
  if (plan.hop + 1 > 20) {
    failures.push({
      step: 'redirect.count',
      title: 'more than 20 redirects',
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
  if (failures.length > 0) {
    for (const failure of failures) at({ ok: false, ...failure });
    return conclude(steps);
  }
  next.hash = '';

  const current = originOf(new URL(plan.url));
  const target = originOf(next);
  const tainted =
    plan.requestOrigin === 'null' || (!sameOrigin(target, current) && !sameOrigin(plan.pageOrigin, current));
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
  at({
    ok: true,
    step: 'redirect.follow',
    title: `the browser follows the ${status} redirect`,
    detail: `to ${method} ${next.href}` + (changes.length > 0 ? `; ${changes.join('; ')}` : ''),
    ...(tainted && plan.requestOrigin !== 'null'
      ? { fix: 'the target must allow the origin null, which every sandboxed page sends too; prefer calling the final URL directly' }
      : {}),
    ...(tainted && plan.requestOrigin !== 'null' ? { warning: true as const } : {}),
  });
  const redirect = planHop({
    engine: engineProfile(plan.engine),
    hop: plan.hop + 1,
    pageOrigin: plan.pageOrigin,
    tainted,
    cors: plan.cors || !sameOrigin(plan.pageOrigin, target),
    url: next.href,
    method,
    headers,
    credentialsMode: plan.credentialsMode,
    site: worseSite(plan.site, fetchSite(plan.pageOrigin, target)),
  });
  return { ...conclude(steps), redirect };
}
