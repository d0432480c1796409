// `portcullis check` as a library: runs the browser model against the real server, sending
// exactly the requests a browser would, and returns the verdict with every step.

import {
  checkOrigin,
  localNetworkAccess,
  simulateFetch,
  toHeaderList,
  type Engine,
  type HeaderInput,
  type HttpResponse,
  type LocalNetworkAccess,
  type OutgoingRequest,
  type Verdict,
} from '@portcullis/browser-model';
import { REFUSAL_HEADER } from '@portcullis/core';
import { explainRefusal } from '@portcullis/core/adapter';
import { UsageError } from './errors.js';
import { httpUrl } from './http-url.js';
import { DEFAULT_TIMEOUT_MS, send } from './transport.js';
import { VERSION } from './version.js';

export interface CheckOptions {
  /** The URL the page calls. */
  readonly url: string;
  /** The page's origin, e.g. `https://app.example` (or `null`). */
  readonly origin: string;
  /** @default 'GET' */
  readonly method?: string | undefined;
  readonly headers?: HeaderInput | undefined;
  /** `credentials: 'include'`. A CLI has no cookies: none are sent, the credentialed rules apply. */
  readonly credentials?: boolean | undefined;
  /** Send the actual request even when it is not GET or HEAD. */
  readonly send?: boolean | undefined;
  /** Per request. @default 10000 */
  readonly timeoutMs?: number | undefined;
  /** Whose rules decide. @default 'chromium' */
  readonly browser?: Engine | undefined;
  /** Replaces the network, e.g. with an in-process handler. */
  readonly transport?: ((request: OutgoingRequest) => Promise<HttpResponse>) | undefined;
}

/** What the server said in `Portcullis-Refusal`, and on which response. */
export interface Refusal {
  readonly kind: OutgoingRequest['kind'];
  readonly hop: number;
  readonly refusal: string;
  /** The server's policy refuses the page's origin on purpose: it is not on its list of allowed origins. */
  readonly policy?: true;
}

export interface CheckResult extends Verdict {
  readonly refusals: readonly Refusal[];
  /** Set with `credentials`: what the CLI could not do that a browser would. */
  readonly credentialsNote?: string;
  /** Set when Chromium's Local Network Access permission prompt applies to a request of this fetch. */
  readonly localNetworkAccess?: LocalNetworkAccess;
}

export const CREDENTIALS_NOTE =
  "credentials: 'include': a command line has no cookies, so none are sent, but every check applies the credentialed rules";

/** Validates the options that a browser would never get wrong; throws UsageError. */
function validate(options: CheckOptions): void {
  if (typeof options.origin !== 'string' || options.origin === '') {
    throw new UsageError('--origin is required: the origin of the page that calls fetch(), e.g. --origin https://app.example');
  }
  const origin = checkOrigin(options.origin);
  if (!origin.ok) throw new UsageError(`--origin: ${origin.problem}`);
  httpUrl(options.url);
  const timeout = options.timeoutMs;
  if (timeout !== undefined && (!Number.isInteger(timeout) || timeout <= 0)) {
    throw new UsageError(`--timeout must be a positive whole number of milliseconds, not '${String(timeout)}'`);
  }
}

/**
 * Does what a page on `origin` calling `fetch(url, { method, headers, credentials })` makes the
 * browser do, against the real server. Resolves with the verdict; rejects with UsageError for
 * bad options and NetworkError when the server cannot be reached.
 */
export async function checkCors(options: CheckOptions): Promise<CheckResult> {
  validate(options);
  const transport =
    options.transport ??
    ((request: OutgoingRequest) =>
      send(request, { timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS, userAgent: `portcullis-cli/${VERSION}` }));
  const refusals: Refusal[] = [];
  // Core's own words for an origin its policy does not list, asked of core rather than restated.
  const notAllowed = explainRefusal({ code: 'origin.not-allowed', origin: options.origin }).message;
  const verdict = await simulateFetch(
    {
      origin: options.origin,
      url: options.url,
      method: options.method,
      headers: options.headers,
      credentials: options.credentials ? 'include' : 'same-origin',
      engine: options.browser ?? 'chromium',
    },
    async (request) => {
      const response = await transport(request);
      for (const [name, value] of toHeaderList(response.headers)) {
        if (name.toLowerCase() !== REFUSAL_HEADER) continue;
        refusals.push({ kind: request.kind, hop: request.hop, refusal: value, ...(value === notAllowed ? { policy: true as const } : {}) });
      }
      return response;
    },
    { sendActual: (request) => options.send === true || request.method === 'GET' || request.method === 'HEAD' },
  );
  return {
    ...verdict,
    ...policyFix(verdict, refusals, options.origin),
    refusals,
    ...(options.credentials ? { credentialsNote: CREDENTIALS_NOTE } : {}),
    ...localNetwork(verdict, options.origin, options.url),
  };
}

/** The first request that crosses into a more private address space, judged by where it went. */
function localNetwork(verdict: Verdict, origin: string, url: string): { localNetworkAccess?: LocalNetworkAccess } {
  // Where each request went; a fetch blocked before sending anything is judged by its URL alone.
  const reached: [string, string | undefined][] = verdict.exchanges.map((e) => [e.request.url, e.response.address]);
  if (reached.length === 0) reached.push([url, undefined]);
  for (const [to, address] of reached) {
    const found = localNetworkAccess(origin, to, address);
    if (found !== undefined) return { localNetworkAccess: found };
  }
  return {};
}

/**
 * When the server says it refuses the origin on purpose and the browser blocks on
 * `Access-Control-Allow-Origin`, the fix says that this is the server's policy: a block that
 * protects its users, to lift only for pages that should read.
 */
function policyFix(verdict: Verdict, refusals: readonly Refusal[], origin: string): { fix?: string } {
  const failed = verdict.steps.find((s) => !s.ok);
  if (failed?.step !== 'cors.allow-origin' || !refusals.some((r) => r.policy)) return {};
  return {
    fix:
      `the server refuses ${origin} on purpose: its Portcullis-Refusal says that this origin is not on its list of allowed origins, ` +
      `so the block is its CORS policy, not a misconfiguration; add ${origin} to that list only if pages on ${origin} should read its responses`,
  };
}

/** 0 when a browser would allow the request, 1 when it would block it. */
export function exitCodeOf(result: Verdict): 0 | 1 {
  return result.allowed ? 0 : 1;
}
