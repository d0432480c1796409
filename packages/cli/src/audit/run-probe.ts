// One probe: a page's fetch() played with the browser model against a transport (the real
// server, or the intended policy in-process), judged twice from the same answers: with the
// user's credentials and without.

import {
  simulateFetch,
  toHeaderList,
  type Engine,
  type HeaderList,
  type HttpResponse,
  type OutgoingRequest,
  type Verdict,
} from '@portcullis/browser-model';
import { NetworkError } from '../errors.js';
import type { Access, AuditProbe, ProbeExchange } from './types.js';

/** What to play: the page's origin and call, and whether the actual request may be sent. */
export interface ProbeSpec {
  readonly id: string;
  readonly looksFor: AuditProbe['looksFor'];
  /** The page's origin; for `no-origin` the target's own (a same-origin GET carries no Origin). */
  readonly pageOrigin: string;
  readonly origin: string | null;
  readonly method: string;
  readonly headers: HeaderList;
  /** `reads`: the actual request only for GET and HEAD; `preflight`: never; `always`: a write, sent. */
  readonly actual: 'reads' | 'preflight' | 'always';
  /** The most requests it sends. */
  readonly cost: number;
}

/** What reports show in place of the user's cookie. */
const COOKIE_SHOWN = '(the cookie you gave, not shown)';

export type Transport = (request: OutgoingRequest) => Promise<HttpResponse>;

/** What one transport answered, and what the browser concludes from it. */
export interface Outcome {
  readonly exchanges: readonly ProbeExchange[];
  readonly withCredentials: Access;
  readonly withoutCredentials: Access;
  /** The credentialed verdict, every step in it. */
  readonly verdict?: Verdict;
  readonly error?: string;
}

function accessOf(verdict: Verdict): Access {
  if (!verdict.allowed) return 'blocked';
  if (verdict.steps.some((s) => s.step === 'redirect.follow')) return 'redirect';
  if (verdict.complete) return 'read';
  return verdict.exchanges.some((e) => e.request.kind === 'preflight') ? 'preflight' : 'blocked';
}

function sendsActual(spec: ProbeSpec): (request: OutgoingRequest) => boolean {
  if (spec.actual === 'preflight') return () => false;
  if (spec.actual === 'always') return (request) => request.hop === 0;
  return (request) => request.hop === 0 && (request.method === 'GET' || request.method === 'HEAD');
}

/**
 * Plays `spec` against `transport`. Each request is sent once: the run without credentials
 * replays the answers of the credentialed one (the requests are the same on the wire, but for
 * the cookies in `cookie`, which go only on credentialed actual requests, as a browser sends them).
 */
export async function runProbe(spec: ProbeSpec, url: string, engine: Engine, transport: Transport, cookie?: string): Promise<Outcome> {
  const exchanges: ProbeExchange[] = [];
  const answers = new Map<string, HttpResponse>();
  const send = async (request: OutgoingRequest): Promise<HttpResponse> => {
    const key = `${request.kind}:${request.hop}`;
    const known = answers.get(key);
    if (known !== undefined) return known;
    const withCookie = (value: string) => ({ ...request, headers: [...request.headers, ['cookie', value] as const] });
    const credentialed = cookie !== undefined && request.kind === 'actual';
    const raw = await transport(credentialed ? withCookie(cookie) : request);
    const response = { status: raw.status, statusText: raw.statusText, headers: toHeaderList(raw.headers) };
    answers.set(key, response);
    // Reports keep no secret: the cookie is sent, never recorded.
    exchanges.push({ request: credentialed ? withCookie(COOKIE_SHOWN) : request, response });
    return response;
  };
  const call = { origin: spec.pageOrigin, url, method: spec.method, headers: spec.headers, engine };
  const options = { sendActual: sendsActual(spec) };
  try {
    const verdict = await simulateFetch({ ...call, credentials: 'include' }, send, options);
    const without = await simulateFetch({ ...call, credentials: 'omit' }, send, options);
    return { exchanges, withCredentials: accessOf(verdict), withoutCredentials: accessOf(without), verdict };
  } catch (error) {
    if (!(error instanceof NetworkError)) throw error;
    return { exchanges, withCredentials: 'unsent', withoutCredentials: 'unsent', error: error.message };
  }
}
