// Deliberately broken CORS servers, each with a bug real middleware has shipped (spec §5).
// They are not part of the matrix: the self-check runs them to prove that the harness fails
// a broken server, scenario by scenario, so that a green matrix means something.

import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { REFUSAL_HEADER, withCors, type CorsOptions } from '@portcullis/core';
import { createServerAdapter } from '@whatwg-node/server';
import { scenarioRouter } from '../scenario-router.ts';
import { scenarios } from '../scenarios.ts';
import type { RunningTarget, TargetContext } from './target.ts';

type Handler = (request: Request) => Promise<Response>;

export interface Mutant {
  readonly name: string;
  readonly bug: string;
  readonly wrap: (handler: Handler, options: CorsOptions<unknown>) => Handler;
  /**
   * Scenarios the harness must fail on this server, in every engine that runs a CORS check for
   * them (a scenario whose expectation in an engine is `noCors`, WebKit's web fonts, cannot be
   * failed by CORS headers there; the self-check lists those).
   */
  readonly mustFail: readonly string[];
  /** Scenarios it must still pass (the harness does not simply fail everything). */
  readonly mustPass: readonly string[];
  /**
   * The mutant refuses for another reason than the scenario states: each engine's own report
   * of its mustFail scenarios must then word the reason the server's answer calls for (which
   * proves engine-reasons.ts for reasons no scenario states yet).
   */
  readonly reportsOtherReason?: true;
}

/** The refusals `explainRefusals` answers with a 2xx (a method or a header from an allowed origin). */
const EXPLAINED = [
  'json-post-content-type-not-allowed',
  'put-not-allowed',
  'delete-not-allowed',
  'patch-lowercase-blocked',
  'x-user-not-allowed',
  'one-of-two-headers-not-allowed',
  'authorization-wildcard-blocked',
];
/** The same refusals with `explainRefusals: false`: a bare 403. */
const UNEXPLAINED = ['put-not-allowed-unexplained', 'x-user-not-allowed-unexplained'];
/** Writes from a page the policy does not list, which write protection refuses. */
const FORGED_WRITES = ['write-form-other-origin-refused', 'write-no-cors-other-origin-refused', 'write-text-plain-other-origin-refused'];

/** Whether a response is Portcullis' explained refusal of a preflight (2xx, with the reason). */
function isExplainedRefusal(request: Request, response: Response): boolean {
  return request.method === 'OPTIONS' && response.ok && response.headers.has(REFUSAL_HEADER);
}

/**
 * Rewrites Portcullis' explained preflight refusals (and only those): `edit` gets the request's
 * method and header list and the answer's headers.
 */
function editExplainedRefusals(edit: (headers: Headers, method: string, asked: string) => void) {
  return (handler: Handler, options: CorsOptions<unknown>): Handler => {
    const wrapped = withCors(handler, options);
    return async (request) => {
      const response = (await wrapped(request)) as Response;
      if (!isExplainedRefusal(request, response)) return response;
      const headers = new Headers(response.headers);
      edit(headers, request.headers.get('access-control-request-method') ?? '', request.headers.get('access-control-request-headers') ?? '');
      return new Response(null, { status: response.status, headers });
    };
  };
}

/** Core as it is, with one option forced (the server that forgot, or misread, an option). */
function coreWith(override: Partial<CorsOptions<unknown>>) {
  return (handler: Handler, options: CorsOptions<unknown>): Handler => {
    const wrapped = withCors(handler, { ...options, ...override });
    return async (request) => (await wrapped(request)) as Response;
  };
}

/** The copy-pasted middleware: reflects any Origin with credentials, answers every OPTIONS. */
function reflectEverything(handler: Handler): Handler {
  return async (request) => {
    const origin = request.headers.get('origin');
    if (request.method === 'OPTIONS') {
      const headers = new Headers({ 'access-control-allow-methods': 'GET,HEAD,PUT,PATCH,POST,DELETE' });
      if (origin) headers.set('access-control-allow-origin', origin);
      headers.set('access-control-allow-credentials', 'true');
      const asked = request.headers.get('access-control-request-headers');
      if (asked) headers.set('access-control-allow-headers', asked);
      return new Response(null, { status: 204, headers });
    }
    const response = await handler(request);
    const headers = new Headers(response.headers);
    if (origin) headers.set('access-control-allow-origin', origin);
    headers.set('access-control-allow-credentials', 'true');
    return new Response(response.body, { status: response.status, headers });
  };
}

export const mutants: readonly Mutant[] = [
  {
    name: 'no-cors',
    bug: 'no CORS headers at all',
    wrap: (handler) => handler,
    // Readable scenarios fail outright; blocked ones fail through their controls. A page the
    // API serves itself needs no CORS: that one passes without.
    mustFail: scenarios.map((s) => s.name).filter((name) => name !== 'write-same-origin-api-page'),
    mustPass: ['write-same-origin-api-page'],
  },
  {
    name: 'reflect-everything',
    bug: 'reflects any Origin (null included) with credentials, answers every OPTIONS, no Vary, no write protection (§5.1, 2, 4, 5)',
    wrap: (handler) => reflectEverything(handler),
    mustFail: [
      'simple-get-allowed', // no Vary: Origin
      'simple-get-disallowed-origin',
      'second-page-origin-blocked',
      'origin-function-refuses',
      'origin-lookalike-blocked',
      'x-user-not-allowed',
      'authorization-wildcard-blocked',
      'preflight-origin-not-allowed',
      'credentials-wildcard-origin-blocked',
      'credentials-not-enabled-blocked',
      'vary-merged',
      'sandboxed-iframe-blocked',
      'sandboxed-iframe-preflight-blocked',
      'options-non-preflight-reaches-handler',
      'max-age-zero',
      'font-face-blocked',
      'canvas-image-blocked',
      ...FORGED_WRITES,
    ],
    mustPass: ['put-allowed', 'credentials-cookie-allowed', 'canvas-image-untainted', 'write-form-allowed-origin'],
  },
  {
    name: 'other-refusal-style',
    bug: 'refuses preflights in the other style (a bare 403 where Portcullis explains, an explained 2xx with explainRefusals: false): blocked, but not for the stated reason',
    wrap: (handler, options) => coreWith({ explainRefusals: options.explainRefusals === false })(handler, options),
    mustFail: [...EXPLAINED, ...UNEXPLAINED],
    mustPass: ['put-allowed', 'x-user-allowed', 'simple-get-allowed'],
    reportsOtherReason: true,
  },
  {
    name: 'lists-the-refused-name',
    bug: 'explains a refused method or header by listing it (the "allow what was asked" fallback): the browser sends the request',
    wrap: editExplainedRefusals((headers, method, asked) => {
      headers.set('access-control-allow-methods', method);
      if (asked !== '') headers.set('access-control-allow-headers', asked);
    }),
    mustFail: EXPLAINED,
    mustPass: ['put-allowed', 'x-user-allowed', 'preflight-origin-not-allowed'],
  },
  {
    name: 'wildcard-refusal',
    bug: "explains a refusal with '*' for the methods and headers, which Chromium and Firefox let cover authorization too",
    wrap: editExplainedRefusals((headers) => {
      headers.set('access-control-allow-methods', '*');
      headers.set('access-control-allow-headers', '*');
    }),
    mustFail: EXPLAINED,
    mustPass: ['authorization-listed', 'x-user-wildcard'],
  },
  {
    name: 'caches-refusals',
    bug: 'sends Access-Control-Max-Age on an explained refusal, so browsers may reuse it after the policy is fixed',
    wrap: editExplainedRefusals((headers) => headers.set('access-control-max-age', '600')),
    mustFail: EXPLAINED,
    mustPass: ['max-age-honoured', 'put-allowed'],
  },
  {
    name: 'no-write-protection',
    bug: 'protectWrites: false under credentials: true: a forged form post, no-cors or text/plain POST reaches the handler with the cookie',
    wrap: coreWith({ protectWrites: false }),
    mustFail: FORGED_WRITES,
    mustPass: ['write-form-allowed-origin', 'write-same-origin-api-page', 'credentials-cookie-allowed'],
  },
  {
    name: 'distrusts-same-origin',
    bug: "write protection that ignores Sec-Fetch-Site: same-origin and trusts only the listed origins: the API's own pages cannot write",
    wrap: (handler, options) => {
      const wrapped = withCors(handler, options);
      return async (request) => {
        if (request.headers.get('sec-fetch-site') !== 'same-origin') return (await wrapped(request)) as Response;
        const headers = new Headers(request.headers);
        headers.set('sec-fetch-site', 'cross-site');
        const body = request.method === 'GET' || request.method === 'HEAD' ? null : await request.text();
        return (await wrapped(new Request(request.url, { method: request.method, headers, body }))) as Response;
      };
    },
    mustFail: ['write-same-origin-api-page'],
    mustPass: ['write-form-allowed-origin', 'write-form-other-origin-refused'],
  },
  {
    name: 'buffers-bodies',
    bug: 'rebuilds the response from a buffered body (§5.8)',
    wrap: (handler, options) => {
      const wrapped = withCors(handler, options);
      return async (request) => {
        const response = (await wrapped(request)) as Response;
        if (response.body === null) return response;
        return new Response(await response.arrayBuffer(), response);
      };
    },
    mustFail: ['streamed-response-incremental'],
    mustPass: ['simple-get-allowed', 'put-allowed'],
  },
  {
    name: 'errors-without-cors',
    bug: 'drops CORS headers on error responses, and hands every 4xx to the application (§5.10)',
    wrap: (handler, options) => {
      const wrapped = withCors(handler, options);
      return async (request) => {
        const response = (await wrapped(request)) as Response;
        return response.status >= 400 ? handler(request) : response;
      };
    },
    // A 403 preflight refusal goes to the handler too: a 200 without CORS headers, so the block
    // happens for another reason (preflight-no-allow-origin) than the scenario states; and a
    // refused write reaches the handler after all.
    mustFail: ['not-found-readable', 'server-error-readable', 'put-not-allowed-unexplained', 'preflight-origin-not-allowed', 'write-form-other-origin-refused'],
    mustPass: ['simple-get-allowed', 'simple-get-disallowed-origin', 'put-not-allowed'],
  },
];

export async function startMutant(mutant: Mutant, { origins, fontPath }: TargetContext): Promise<RunningTarget> {
  const handler = scenarioRouter(origins, { font: readFileSync(fontPath) }, (h, options) =>
    mutant.wrap(async (request) => h(request), options),
  );
  const server = createServer(createServerAdapter(handler));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    output: () => `(mutant ${mutant.name})`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
