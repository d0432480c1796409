// One hop of a request whose URL, method and headers are settled: whether CORS applies, whether
// a preflight is needed and why, and the preflight and actual requests exactly as sent.

import { engineProfile, type EngineProfile } from './engines.js';
import { get, lower } from './headers.js';
import { isSafelistedMethod } from './methods.js';
import { originOf } from './origins.js';
import type { RequestPlan } from './plan.js';
import { unsafeHeaderNames, type UnsafeHeaders } from './safelist.js';
import { SPEC } from './spec.js';
import type { HeaderList, OutgoingRequest, Step } from './types.js';

type Site = 'same-origin' | 'same-site' | 'cross-site';

/** The state a redirect carries into the next hop. */
export interface HopState {
  readonly engine: EngineProfile;
  readonly hop: number;
  readonly pageOrigin: string;
  readonly tainted: boolean;
  readonly cors: boolean;
  readonly url: string;
  readonly method: string;
  readonly headers: HeaderList;
  readonly credentialsMode: 'omit' | 'same-origin' | 'include';
  readonly site: Site;
}

const SITE_RANK = { 'same-origin': 0, 'same-site': 1, 'cross-site': 2 } as const;

export function worseSite(a: Site, b: Site): Site {
  return SITE_RANK[a] >= SITE_RANK[b] ? a : b;
}

/** A step of the request phase. */
export function requestStep(hop: number, fields: Omit<Step, 'phase' | 'hop'>): Step {
  return { phase: 'request', hop, ...fields };
}

/** Merges repeated names into one `a, b` line at the first one's position, as engines do. */
function combine(list: HeaderList): [string, string][] {
  const out: [string, string][] = [];
  const index = new Map<string, number>();
  for (const [name, value] of list) {
    const at = index.get(lower(name));
    if (at === undefined) {
      index.set(lower(name), out.length);
      out.push([name, value]);
    } else {
      out[at]![1] = `${out[at]![1]}, ${value}`;
    }
  }
  return out;
}

/** Plans one hop of a request whose URL and method have already been checked. */
export function planHop(state: HopState, steps: Step[] = []): RequestPlan {
  const { engine, hop } = state;
  const headers = engine.combinesRepeatedHeaders ? combine(state.headers) : [...state.headers];
  const requestOrigin = state.tainted ? 'null' : state.pageOrigin;
  steps.push(originStep(state));
  const unsafe = unsafeHeaderNames(headers, engine);
  const needsPreflight = state.cors && (!isSafelistedMethod(state.method) || unsafe.names.length > 0);
  if (state.cors) steps.push(preflightStep(state, unsafe, needsPreflight));
  const { preflight, actual } = outgoing(state, headers, requestOrigin, needsPreflight ? unsafe.names : undefined);
  return {
    allowed: true,
    steps,
    engine: engine.name,
    hop,
    pageOrigin: state.pageOrigin,
    requestOrigin,
    url: state.url,
    method: state.method,
    headers,
    credentials: state.credentialsMode === 'include',
    credentialsMode: state.credentialsMode,
    cors: state.cors,
    unsafeHeaders: unsafe.names,
    preflight,
    actual,
    site: state.site,
  };
}

/** Same origin (CORS does not apply) or cross-origin (the response must pass the CORS check). */
function originStep(state: HopState): Step {
  if (!state.cors) {
    return requestStep(state.hop, {
      step: 'request.same-origin',
      ok: true,
      title: 'same origin: CORS does not apply',
      detail: `${state.url} is on the page's own origin ${state.pageOrigin}`,
      spec: SPEC.mainFetch,
    });
  }
  return requestStep(state.hop, {
    step: 'request.cross-origin',
    ok: true,
    title: 'cross-origin: the response must pass the CORS check',
    detail:
      `${originOf(new URL(state.url))} is another origin than ${state.pageOrigin}` +
      (state.tainted ? '; after a cross-origin redirect the browser sends Origin: null' : '') +
      (state.credentialsMode === 'include' ? "; credentials: 'include' applies the credentialed rules" : ''),
    spec: SPEC.mainFetch,
  });
}

/** Whether a preflight is needed, and every reason for it (or why none is). */
function preflightStep(state: HopState, unsafe: UnsafeHeaders, needsPreflight: boolean): Step {
  const reasons: string[] = [];
  if (!isSafelistedMethod(state.method)) reasons.push(`the method ${state.method} is not GET, HEAD or POST`);
  for (const r of unsafe.reasons) if (!r.safe) reasons.push(`${r.name}: ${r.why}`);
  if (unsafe.overTotal) {
    reasons.push(`the safelisted values total ${unsafe.safelistedBytes} bytes, over 1024, so they all count as unsafe`);
  }
  const safeOnes = unsafe.reasons.filter((r) => r.safe && !unsafe.overTotal);
  const differs = standardDisagrees(state, unsafe.names, state.engine);
  return requestStep(state.hop, {
    step: 'request.preflight',
    ok: true,
    title: needsPreflight ? 'a preflight is needed' : 'no preflight is needed',
    detail: needsPreflight
      ? reasons.join('; ')
      : `${state.method} is a CORS-safelisted method` +
        (safeOnes.length === 0
          ? ' and the script sets no header'
          : ` and every header is safelisted (${safeOnes.map((r) => `${r.name}: ${r.why}`).join('; ')})`) +
        '; the browser sends the request straight away, so the server acts on it whatever its CORS headers say',
    spec: needsPreflight && unsafe.names.length === 0 ? SPEC.safelistedMethod : SPEC.unsafeRequestHeaderNames,
    ...(differs ? { differs } : {}),
  });
}

/** The preflight (when `preflightNames` is given: the unsafe names it asks for) and the actual request. */
function outgoing(
  state: HopState,
  headers: HeaderList,
  requestOrigin: string,
  preflightNames: readonly string[] | undefined,
): { preflight: OutgoingRequest | null; actual: OutgoingRequest } {
  const { hop, url, method } = state;
  const fetchHeaders: [string, string][] = [
    ['sec-fetch-mode', 'cors'],
    ['sec-fetch-site', state.site],
    ['sec-fetch-dest', 'empty'],
  ];
  const preflight: OutgoingRequest | null =
    preflightNames === undefined
      ? null
      : {
          kind: 'preflight',
          hop,
          method: 'OPTIONS',
          url,
          headers: [
            ['accept', '*/*'],
            ['access-control-request-method', method],
            ...(preflightNames.length > 0 ? [['access-control-request-headers', preflightNames.join(',')] as [string, string]] : []),
            ['origin', requestOrigin],
            ...fetchHeaders,
          ],
        };
  // Browsers send Origin on every CORS request, and on same-origin ones but GET and HEAD.
  const sendsOrigin = state.cors || (method !== 'GET' && method !== 'HEAD');
  const actualHeaders: [string, string][] = headers.map(([name, value]) => [name, value]);
  if (get(headers, 'accept') === null) actualHeaders.push(['accept', '*/*']);
  if (sendsOrigin) actualHeaders.push(['origin', requestOrigin]);
  actualHeaders.push(...fetchHeaders);
  return { preflight, actual: { kind: 'actual', hop, method, url, headers: actualHeaders } };
}

/** When the engine's preflight decision differs from the standard's, says how. */
function standardDisagrees(state: HopState, names: readonly string[], engine: EngineProfile): string | undefined {
  if (engine.name === 'standard') return undefined;
  // The standard judges each header line apart, without the engine's extra safelisted names.
  const strict = unsafeHeaderNames(state.headers, engineProfile('standard')).names;
  const same = strict.length === names.length && strict.every((n, i) => n === names[i]);
  if (same) return undefined;
  const shown = (list: readonly string[]) => (list.length === 0 ? '(none)' : list.join(','));
  return `under the Fetch Standard the CORS-unsafe headers would be ${shown(strict)}, here they are ${shown(names)}`;
}
