// How the browser judges the answer to a preflight (CORS-preflight fetch): the CORS check, an
// ok status, the method and each unsafe header allowed, and how long the result is cached.

import { corsCheck } from './cors-check.js';
import { engineProfile, type EngineProfile } from './engines.js';
import { extractList, get, getAll, lower, show, toHeaderList } from './headers.js';
import { conclude, statusLine } from './judgement.js';
import { isSafelistedMethod } from './methods.js';
import type { RequestPlan } from './plan.js';
import { SPEC } from './spec.js';
import type { HeaderList, HttpResponse, Judgement, Step } from './types.js';

const ACAM = 'Access-Control-Allow-Methods';
const ACAH = 'Access-Control-Allow-Headers';
const ACMA = 'Access-Control-Max-Age';

/** The preflight's verdict, plus how long the browser would cache it. */
export interface PreflightJudgement extends Judgement {
  /** Seconds the preflight result is cached (after the engine's cap), when it passed. */
  readonly maxAge?: number;
}

/** A step of the preflight phase, without its phase and hop. */
type Fields = Omit<Step, 'phase' | 'hop'>;

/** Every check the browser makes on the answer to `plan.preflight`. */
export function judgePreflight(plan: RequestPlan, response: HttpResponse): PreflightJudgement {
  const engine = engineProfile(plan.engine);
  const headers = toHeaderList(response.headers);
  const { hop, credentials } = plan;
  const steps: Step[] = [];
  const at = (fields: Fields): void => {
    steps.push({ phase: 'preflight', hop, ...fields });
  };
  const redirected = response.status >= 300 && response.status < 400;
  // Chromium reports a redirect before the CORS check, and the CORS check before a bad status.
  if (redirected) at(statusStep(response, headers));
  steps.push(...corsCheck(headers, plan.requestOrigin, credentials, 'preflight', hop));
  if (!redirected) at(statusStep(response, headers));

  const methods = extractList(headers, ACAM);
  const names = extractList(headers, ACAH);
  if (!methods.ok) at(syntaxStep(ACAM, methods));
  if (!names.ok) at(syntaxStep(ACAH, names));
  if (methods.ok) at(methodStep(plan.method, methods.items ?? [], get(headers, ACAM), credentials));
  if (names.ok) {
    const listed = (names.items ?? []).map(lower);
    for (const name of plan.unsafeHeaders) at(headerStep(name, listed, get(headers, ACAH), credentials, engine));
  }

  const judged = conclude(steps);
  if (!judged.allowed) return judged;
  const maxAge = preflightMaxAge(headers, engine.maxAgeCap);
  at({
    step: 'preflight.max-age',
    ok: true,
    title: `the browser may reuse this preflight for ${maxAge.seconds} s`,
    detail: `${show(ACMA, get(headers, ACMA))}; ${maxAge.why}`,
    spec: SPEC.preflightCache,
  });
  return { ...judged, steps, maxAge: maxAge.seconds };
}

/** The preflight's status must be 200-299; a redirect fails too. */
function statusStep(response: HttpResponse, headers: HeaderList): Fields {
  const { status } = response;
  const ok = status >= 200 && status <= 299;
  const redirected = status >= 300 && status < 400;
  return {
    step: 'preflight.status',
    ok,
    title: ok
      ? `the status ${status} is an ok status`
      : redirected
        ? 'a preflight must not be redirected'
        : `the preflight answer's status must be 200-299`,
    detail: `the preflight was answered ${statusLine(response)}` + (redirected ? ` (${show('Location', get(headers, 'location'))})` : ''),
    ...(ok
      ? {}
      : {
          fix: redirected
            ? 'answer OPTIONS at this URL itself (a trailing-slash or HTTPS redirect must not apply to preflights), or call the final URL'
            : 'answer the preflight (OPTIONS with Origin and Access-Control-Request-Method) with 204 or 200 before any authentication or routing that refuses it',
        }),
    spec: SPEC.okStatus,
  };
}

/** A list header that does not parse blocks the request. */
function syntaxStep(header: typeof ACAM | typeof ACAH, parsed: { bad: string; value: string }): Fields {
  return {
    step: header === ACAM ? 'preflight.allow-methods-syntax' : 'preflight.allow-headers-syntax',
    ok: false,
    title: `${header} does not parse`,
    detail: `${show(header, parsed.value)}: ${JSON.stringify(parsed.bad)} is not a token; the list is comma-separated`,
    fix: `separate the names with commas: ${header}: ${parsed.value.split(/[\s,]+/).filter(Boolean).join(', ')}`,
    spec: SPEC.preflightFetch,
  };
}

/** The method must be listed (case-sensitively), safelisted, or covered by `*` without credentials. */
function methodStep(method: string, list: readonly string[], value: string | null, credentials: boolean): Fields {
  const listed = list.includes(method);
  const wildcard = list.includes('*');
  const ok = listed || isSafelistedMethod(method) || (wildcard && !credentials);
  const sameLetters = list.find((m) => m.toUpperCase() === method.toUpperCase());
  const caseOnly = !listed && sameLetters !== undefined;
  const why = listed
    ? `${method} is listed`
    : isSafelistedMethod(method)
      ? `${method} is CORS-safelisted and needs no listing`
      : wildcard && !credentials
        ? '* allows every method for a request without credentials'
        : wildcard
          ? `with credentials * is the literal method name "*", not a wildcard`
          : caseOnly
            ? `methods are compared case-sensitively: ${method} is not ${sameLetters}`
            : `${method} is not listed`;
  return {
    step: 'preflight.method',
    ok,
    title: ok ? `the method ${method} is allowed` : `the method ${method} is not allowed by ${ACAM}`,
    detail: `${show(ACAM, value)}; ${why}`,
    ...(ok
      ? {}
      : {
          fix:
            caseOnly && method !== method.toUpperCase()
              ? `call fetch() with method: '${method.toUpperCase()}' (browsers uppercase only DELETE GET HEAD OPTIONS POST PUT), or list ${method} exactly`
              : `list ${method} in ${ACAM} on the preflight answer` + (wildcard ? ' (by name: with credentials * does not cover it)' : ''),
        }),
    spec: SPEC.preflightFetch,
  };
}

/** Each unsafe header must be listed (case-insensitively) or covered by `*` without credentials. */
function headerStep(name: string, list: readonly string[], value: string | null, credentials: boolean, engine: EngineProfile): Fields {
  const listed = list.includes(name);
  const wildcard = list.includes('*') && !credentials;
  const isAuthorization = name === 'authorization';
  const coveredByWildcard = !listed && wildcard && (!isAuthorization || engine.wildcardCoversAuthorization);
  const ok = listed || coveredByWildcard;
  const standardWouldBlock = coveredByWildcard && isAuthorization;
  const why = listed
    ? `${name} is listed`
    : coveredByWildcard
      ? `* covers ${name} for a request without credentials`
      : list.includes('*') && credentials
        ? `with credentials * is the literal header name "*", not a wildcard`
        : wildcard && isAuthorization
          ? 'authorization is never covered by *: it must be listed by name'
          : `${name} is not listed`;
  return {
    step: 'preflight.header',
    ok,
    title: ok ? `the request header ${name} is allowed` : `the request header ${name} is not allowed by ${ACAH}`,
    detail: `${show(ACAH, value)}; ${why}`,
    ...(ok
      ? standardWouldBlock
        ? { warning: true as const, fix: `list authorization by name (${ACAH}: *, authorization): the standard requires it and browsers are expected to follow` }
        : {}
      : { fix: `list ${name} in ${ACAH} on the preflight answer` + (list.includes('*') ? ' (by name: * does not cover it here)' : '') }),
    spec: isAuthorization && wildcard ? SPEC.nonWildcardRequestHeaderName : SPEC.preflightFetch,
    ...(standardWouldBlock
      ? { differs: `the Fetch Standard never lets * cover authorization and would block this request; ${engine.label} allows it` }
      : {}),
  };
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
