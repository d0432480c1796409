// What the browser does with `fetch(url, { method, headers, credentials })` before any answer:
// whether fetch() throws, which headers it drops, whether CORS applies, whether a preflight is
// needed and why, and the exact preflight and actual requests it sends.

import { engineProfile, type EngineProfile } from './engines.js';
import { get, lower, normalizeValue, quote, toHeaderList } from './headers.js';
import { checkOrigin, fetchSite, originOf, sameOrigin } from './origins.js';
import {
  dropReason,
  headerError,
  isSafelistedMethod,
  methodError,
  normalizeMethod,
  unsafeHeaderNames,
} from './request-rules.js';
import { SPEC } from './spec.js';
import type { Engine, FetchCall, HeaderList, Judgement, OutgoingRequest, Step } from './types.js';

/** Everything the browser knows about the request it is about to make (one hop of it). */
export interface RequestPlan extends Judgement {
  readonly engine: Engine;
  /** 0 for the URL passed to fetch(), n after n redirects. */
  readonly hop: number;
  /** The page's origin. */
  readonly pageOrigin: string;
  /** The `Origin` the browser sends: the page's origin, or `null` after a tainting redirect. */
  readonly requestOrigin: string;
  readonly url: string;
  /** After normalization (and after a redirect's method change). */
  readonly method: string;
  /** The script's headers as the browser keeps them (dropped ones removed, repeats merged). */
  readonly headers: HeaderList;
  /** `credentials: 'include'`: the credentialed CORS rules apply. */
  readonly credentials: boolean;
  readonly credentialsMode: 'omit' | 'same-origin' | 'include';
  /** Whether the response must pass the CORS check (false for a same-origin request). */
  readonly cors: boolean;
  /** The CORS-unsafe request-header names, as `Access-Control-Request-Headers` lists them. */
  readonly unsafeHeaders: readonly string[];
  /** The preflight, when one is needed (never carries credentials). */
  readonly preflight: OutgoingRequest | null;
  readonly actual: OutgoingRequest;
  /** `Sec-Fetch-Site`, the worst over the redirect chain so far. */
  readonly site: 'same-origin' | 'same-site' | 'cross-site';
}

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
  readonly site: 'same-origin' | 'same-site' | 'cross-site';
}

const SITE_RANK = { 'same-origin': 0, 'same-site': 1, 'cross-site': 2 } as const;

export function worseSite(
  a: 'same-origin' | 'same-site' | 'cross-site',
  b: 'same-origin' | 'same-site' | 'cross-site',
): 'same-origin' | 'same-site' | 'cross-site' {
  return SITE_RANK[a] >= SITE_RANK[b] ? a : b;
}

function step(hop: number, fields: Omit<Step, 'phase' | 'hop'>): Step {
  return { phase: 'request', hop, ...fields };
}

function blocked(steps: Step[]): { allowed: false; reason: string; fix?: string } {
  const first = steps.find((s) => !s.ok)!;
  return { allowed: false, reason: `${first.title}: ${first.detail}`, ...(first.fix ? { fix: first.fix } : {}) };
}

/** Plans `call`. Throws TypeError only for a malformed page origin or an unknown engine. */
export function planRequest(call: FetchCall): RequestPlan {
  const engine = engineProfile(call.engine);
  const origin = checkOrigin(call.origin);
  if (!origin.ok) throw new TypeError(origin.problem);
  const credentialsMode = call.credentials ?? 'same-origin';
  const steps: Step[] = [];
  const inputMethod = call.method ?? 'GET';
  const method = normalizeMethod(inputMethod);
  const headers = toHeaderList(call.headers);
  const fail = (fields: Omit<Step, 'phase' | 'hop' | 'ok'>): RequestPlan => {
    steps.push(step(0, { ok: false, ...fields }));
    return unsent(engine, call.origin, call.url, method, headers, credentialsMode, steps);
  };

  let url: URL;
  try {
    url = new URL(call.url);
  } catch {
    return fail({
      step: 'request.url',
      title: 'fetch() rejects the URL',
      detail: `${quote(call.url)} is not an absolute URL`,
      fix: 'pass an absolute URL such as https://api.example/items',
      spec: SPEC.fetchMethod,
    });
  }
  if (url.username !== '' || url.password !== '') {
    return fail({
      step: 'request.url',
      title: 'fetch() rejects a URL with credentials',
      detail: `${url.href} has user info`,
      fix: 'remove user:password@ from the URL and send an Authorization header instead',
      spec: SPEC.requestConstructor,
    });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return fail({
      step: 'request.url',
      title: 'a CORS request needs an http or https URL',
      detail: `the URL's scheme is ${url.protocol}`,
      fix: 'call an http: or https: URL',
      spec: SPEC.mainFetch,
    });
  }
  url.hash = '';

  const methodProblem = methodError(inputMethod);
  if (methodProblem !== undefined) {
    return fail({
      step: 'request.method',
      title: 'fetch() throws a TypeError for the method',
      detail: methodProblem,
      fix: 'use a method token other than CONNECT, TRACE and TRACK',
      spec: methodProblem.includes('forbidden') ? SPEC.forbiddenMethod : SPEC.method,
    });
  }
  if (method !== inputMethod) {
    steps.push(
      step(0, {
        step: 'request.method',
        ok: true,
        title: `the method is normalized to ${method}`,
        detail: `${quote(inputMethod)} matches ${method} case-insensitively, one of DELETE GET HEAD OPTIONS POST PUT`,
        spec: SPEC.normalizeMethod,
      }),
    );
  } else if (method !== method.toUpperCase()) {
    steps.push(
      step(0, {
        step: 'request.method',
        ok: true,
        warning: true,
        title: `the method is sent as ${method}, not ${method.toUpperCase()}`,
        detail: `browsers uppercase only DELETE GET HEAD OPTIONS POST PUT; ${quote(method)} is compared case-sensitively with Access-Control-Allow-Methods, and many servers reject it`,
        fix: `call fetch() with method: '${method.toUpperCase()}'`,
        spec: SPEC.normalizeMethod,
      }),
    );
  }

  const kept: [string, string][] = [];
  for (const [name, rawValue] of headers) {
    const value = normalizeValue(rawValue);
    const problem = headerError(name, value);
    if (problem !== undefined) {
      return fail({
        step: 'request.header',
        title: 'fetch() throws a TypeError for a header',
        detail: problem,
        fix: 'send header names that are HTTP tokens and values without CR, LF, NUL or characters above U+00FF',
        spec: SPEC.headerValue,
      });
    }
    const dropped = dropReason(name, value, engine);
    if (dropped !== undefined) {
      steps.push(
        step(0, {
          step: 'request.header-dropped',
          ok: true,
          warning: true,
          title: `fetch() silently drops ${lower(name)}`,
          detail: dropped,
          fix: lower(name) === 'cookie'
            ? "cookies go with credentials: 'include', never in a header"
            : `do not set ${lower(name)} from script: the browser never sends it`,
          spec: SPEC.forbiddenRequestHeader,
          ...(engine.extraDroppedHeaders.includes(lower(name)) ? { differs: `the Fetch Standard would send ${lower(name)}` } : {}),
        }),
      );
      continue;
    }
    kept.push([name, value]);
  }

  return planHop(
    {
      engine,
      hop: 0,
      pageOrigin: call.origin,
      tainted: false,
      cors: !sameOrigin(call.origin, originOf(url)),
      url: url.href,
      method,
      headers: kept,
      credentialsMode,
      site: fetchSite(call.origin, originOf(url)),
    },
    steps,
  );
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
  const target = originOf(new URL(state.url));
  const credentials = state.credentialsMode === 'include';

  if (!state.cors) {
    steps.push(
      step(hop, {
        step: 'request.same-origin',
        ok: true,
        title: 'same origin: CORS does not apply',
        detail: `${state.url} is on the page's own origin ${state.pageOrigin}`,
        spec: SPEC.mainFetch,
      }),
    );
  } else {
    steps.push(
      step(hop, {
        step: 'request.cross-origin',
        ok: true,
        title: 'cross-origin: the response must pass the CORS check',
        detail:
          `${target} is another origin than ${state.pageOrigin}` +
          (state.tainted ? '; after a cross-origin redirect the browser sends Origin: null' : '') +
          (credentials ? "; credentials: 'include' applies the credentialed rules" : ''),
        spec: SPEC.mainFetch,
      }),
    );
  }

  const unsafe = unsafeHeaderNames(headers, engine);
  const needsPreflight = state.cors && (!isSafelistedMethod(state.method) || unsafe.names.length > 0);
  if (state.cors) {
    const reasons: string[] = [];
    if (!isSafelistedMethod(state.method)) reasons.push(`the method ${state.method} is not GET, HEAD or POST`);
    for (const r of unsafe.reasons) if (!r.safe) reasons.push(`${r.name}: ${r.why}`);
    if (unsafe.overTotal) {
      reasons.push(`the safelisted values total ${unsafe.safelistedBytes} bytes, over 1024, so they all count as unsafe`);
    }
    const safeOnes = unsafe.reasons.filter((r) => r.safe && !unsafe.overTotal);
    const differs = standardDisagrees(state, unsafe.names, engine);
    steps.push(
      step(hop, {
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
      }),
    );
  }

  const fetchHeaders: [string, string][] = [
    ['sec-fetch-mode', 'cors'],
    ['sec-fetch-site', state.site],
    ['sec-fetch-dest', 'empty'],
  ];
  const preflight: OutgoingRequest | null = needsPreflight
    ? {
        kind: 'preflight',
        hop,
        method: 'OPTIONS',
        url: state.url,
        headers: [
          ['accept', '*/*'],
          ['access-control-request-method', state.method],
          ...(unsafe.names.length > 0 ? [['access-control-request-headers', unsafe.names.join(',')] as [string, string]] : []),
          ['origin', requestOrigin],
          ...fetchHeaders,
        ],
      }
    : null;

  // Browsers send Origin on every CORS request, and on same-origin ones but GET and HEAD.
  const sendsOrigin = state.cors || (state.method !== 'GET' && state.method !== 'HEAD');
  const actualHeaders: [string, string][] = headers.map(([name, value]) => [name, value]);
  if (get(headers, 'accept') === null) actualHeaders.push(['accept', '*/*']);
  if (sendsOrigin) actualHeaders.push(['origin', requestOrigin]);
  actualHeaders.push(...fetchHeaders);

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
    credentials,
    credentialsMode: state.credentialsMode,
    cors: state.cors,
    unsafeHeaders: unsafe.names,
    preflight,
    actual: { kind: 'actual', hop, method: state.method, url: state.url, headers: actualHeaders },
    site: state.site,
  };
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

function unsent(
  engine: EngineProfile,
  pageOrigin: string,
  url: string,
  method: string,
  headers: HeaderList,
  credentialsMode: 'omit' | 'same-origin' | 'include',
  steps: Step[],
): RequestPlan {
  return {
    ...blocked(steps),
    steps,
    engine: engine.name,
    hop: 0,
    pageOrigin,
    requestOrigin: pageOrigin,
    url,
    method,
    headers,
    credentials: credentialsMode === 'include',
    credentialsMode,
    cors: true,
    unsafeHeaders: [],
    preflight: null,
    actual: { kind: 'actual', hop: 0, method, url, headers },
    site: 'cross-site',
  };
}
