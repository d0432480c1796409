// What the browser does with `fetch(url, { method, headers, credentials })` before any answer:
// whether fetch() throws, which headers it drops, and then the first hop's plan (hop.ts).

import { badPort, badPortWords } from './bad-ports.js';
import { engineProfile, type EngineProfile } from './engines.js';
import { lower, normalizeValue, quote, toHeaderList } from './headers.js';
import { planHop, requestStep } from './hop.js';
import { conclude } from './judgement.js';
import { methodError, normalizeMethod } from './methods.js';
import { checkOrigin, fetchSite, originOf, sameOrigin } from './origins.js';
import { dropReason, headerError } from './request-headers.js';
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

/** A failing step's fields: what makes fetch() reject before anything is sent. */
type Failure = Omit<Step, 'phase' | 'hop' | 'ok'>;

/** Plans `call`. Throws TypeError only for a malformed page origin or an unknown engine. */
export function planRequest(call: FetchCall): RequestPlan {
  const engine = engineProfile(call.engine);
  const origin = checkOrigin(call.origin);
  if (!origin.ok) throw new TypeError(origin.problem);
  const credentialsMode = call.credentials ?? 'same-origin';
  const inputMethod = call.method ?? 'GET';
  const method = normalizeMethod(inputMethod);
  const headers = toHeaderList(call.headers);
  const steps: Step[] = [];
  const fail = (failure: Failure): RequestPlan => {
    steps.push(requestStep(0, { ok: false, ...failure }));
    return { ...conclude(steps), ...unsent(engine, call.origin, call.url, method, headers, credentialsMode) };
  };
  const url = parseUrl(call.url);
  if (!(url instanceof URL)) return fail(url);
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
  const normalized = methodStep(inputMethod, method);
  if (normalized !== undefined) steps.push(normalized);
  const kept = keptHeaders(headers, engine, steps);
  if (!Array.isArray(kept)) return fail(kept);
  const target = originOf(url);
  return planHop(
    {
      engine,
      hop: 0,
      pageOrigin: call.origin,
      tainted: false,
      cors: !sameOrigin(call.origin, target),
      url: url.href,
      method,
      headers: kept,
      credentialsMode,
      site: fetchSite(call.origin, target),
    },
    steps,
  );
}

/** The URL fetch() requests (without its fragment), or why it rejects it. */
function parseUrl(input: string): URL | Failure {
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    return {
      step: 'request.url',
      title: 'fetch() rejects the URL',
      detail: `${quote(input)} is not an absolute URL`,
      fix: 'pass an absolute URL such as https://api.example/items',
      spec: SPEC.fetchMethod,
    };
  }
  if (url.username !== '' || url.password !== '') {
    return {
      step: 'request.url',
      title: 'fetch() rejects a URL with credentials',
      detail: `${url.href} has user info`,
      fix: 'remove user:password@ from the URL and send an Authorization header instead',
      spec: SPEC.requestConstructor,
    };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return {
      step: 'request.url',
      title: 'a CORS request needs an http or https URL',
      detail: `the URL's scheme is ${url.protocol}`,
      fix: 'call an http: or https: URL',
      spec: SPEC.mainFetch,
    };
  }
  const port = badPort(url);
  if (port !== undefined) return { step: 'request.port', ...badPortWords(port, false), spec: SPEC.badPort };
  url.hash = '';
  return url;
}

/** What normalization did to the method, when worth saying. */
function methodStep(inputMethod: string, method: string): Step | undefined {
  if (method !== inputMethod) {
    return requestStep(0, {
      step: 'request.method',
      ok: true,
      title: `the method is normalized to ${method}`,
      detail: `${quote(inputMethod)} matches ${method} case-insensitively, one of DELETE GET HEAD OPTIONS POST PUT`,
      spec: SPEC.normalizeMethod,
    });
  }
  if (method === method.toUpperCase()) return undefined;
  return requestStep(0, {
    step: 'request.method',
    ok: true,
    warning: true,
    title: `the method is sent as ${method}, not ${method.toUpperCase()}`,
    detail: `browsers uppercase only DELETE GET HEAD OPTIONS POST PUT; ${quote(method)} is compared case-sensitively with Access-Control-Allow-Methods, and many servers reject it`,
    fix: `call fetch() with method: '${method.toUpperCase()}'`,
    spec: SPEC.normalizeMethod,
  });
}

/** The script's headers fetch() keeps (each dropped one adds a warning to `steps`), or why it throws. */
function keptHeaders(headers: HeaderList, engine: EngineProfile, steps: Step[]): [string, string][] | Failure {
  const kept: [string, string][] = [];
  for (const [name, rawValue] of headers) {
    const value = normalizeValue(rawValue);
    const problem = headerError(name, value);
    if (problem !== undefined) {
      return {
        step: 'request.header',
        title: 'fetch() throws a TypeError for a header',
        detail: problem,
        fix: 'send header names that are HTTP tokens and values without CR, LF, NUL or characters above U+00FF',
        spec: SPEC.headerValue,
      };
    }
    const dropped = dropReason(name, value, engine);
    if (dropped === undefined) {
      kept.push([name, value]);
      continue;
    }
    const key = lower(name);
    steps.push(
      requestStep(0, {
        step: 'request.header-dropped',
        ok: true,
        warning: true,
        title: `fetch() silently drops ${key}`,
        detail: dropped,
        fix: key === 'cookie' ? "cookies go with credentials: 'include', never in a header" : `do not set ${key} from script: the browser never sends it`,
        spec: SPEC.forbiddenRequestHeader,
        ...(engine.extraDroppedHeaders.includes(key) ? { differs: `the Fetch Standard would send ${key}` } : {}),
      }),
    );
  }
  return kept;
}

/** The plan of a request fetch() rejects: nothing is sent. */
function unsent(
  engine: EngineProfile,
  pageOrigin: string,
  url: string,
  method: string,
  headers: HeaderList,
  credentialsMode: 'omit' | 'same-origin' | 'include',
): Omit<RequestPlan, keyof Judgement> {
  return {
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
