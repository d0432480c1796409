// How the browser judges the response to the actual request: the CORS check, then either the
// redirect it follows or the headers the page's script may read.

import { corsCheck } from './cors-check.js';
import { extractList, get, getAll, lower, show, toHeaderList } from './headers.js';
import { conclude, statusLine } from './judgement.js';
import type { RequestPlan } from './plan.js';
import { followRedirect } from './redirect.js';
import { SPEC } from './spec.js';
import type { HttpResponse, Judgement, Phase, ReadableHeaders, Step } from './types.js';

const ACEH = 'Access-Control-Expose-Headers';

/** Always readable: https://fetch.spec.whatwg.org/#cors-safelisted-response-header-name */
const SAFELISTED = ['cache-control', 'content-language', 'content-length', 'content-type', 'expires', 'last-modified', 'pragma'];

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
  const readable = names.filter((n) => !forbidden(n) && (all || SAFELISTED.includes(n) || items.includes(n)));
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
  steps.push(readableStep(plan, response, readable));
  return { ...conclude(steps), readable: { readable: readable.readable, hidden: readable.hidden } };
}

/** What the page reads, and how to let it read the headers it cannot. */
function readableStep(plan: RequestPlan, response: HttpResponse, readable: ReturnType<typeof readableHeaders>): Step {
  const headers = toHeaderList(response.headers);
  const { exposed } = readable;
  const custom = readable.hidden.filter((n) => !n.startsWith('access-control-') && !UNINTERESTING.includes(n));
  const exposure = !plan.cors
    ? ''
    : exposed === 'unparsable'
      ? `; ${show(ACEH, get(headers, ACEH))} does not parse, so it exposes nothing`
      : exposed === 'all'
        ? `; ${ACEH}: * exposes every header but set-cookie`
        : get(headers, ACEH) !== null && getAll(headers, ACEH).join(',').includes('*') && plan.credentials
          ? `; with credentials, * in ${ACEH} is the literal name "*"`
          : '';
  return {
    step: 'actual.readable',
    phase: 'actual',
    hop: plan.hop,
    ok: true,
    title: `the page reads the ${statusLine(response)} response`,
    detail:
      `script can read: ${readable.readable.length === 0 ? '(no header)' : readable.readable.join(', ')}` +
      (readable.hidden.length > 0 ? `; hidden: ${readable.hidden.join(', ')}` : '') +
      exposure,
    ...(plan.cors && custom.length > 0 ? { fix: `to let script read ${custom.join(', ')}, list ${custom.length === 1 ? 'it' : 'them'} in ${ACEH}` } : {}),
    spec: plan.cors ? SPEC.safelistedResponseHeaderName : SPEC.forbiddenResponseHeaderName,
  };
}
