// Deliberately broken CORS servers, each with a bug real middleware has shipped (spec §5).
// They are not part of the matrix: the self-check runs them to prove that the harness fails
// a broken server, scenario by scenario, so that a green matrix means something.

import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { withCors, type CorsOptions } from '@portcullis/core';
import { createServerAdapter } from '@whatwg-node/server';
import { scenarioRouter } from '../scenario-router.ts';
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
  readonly mustFail: readonly string[] | 'all';
  /** Scenarios it must still pass (the harness does not simply fail everything). */
  readonly mustPass: readonly string[];
  /**
   * The mutant refuses for another reason than the scenario states: each engine's own report
   * of its mustFail scenarios must then word the reason the server's answer calls for (which
   * proves engine-reasons.ts for reasons no scenario states yet).
   */
  readonly reportsOtherReason?: true;
}

/**
 * A refused preflight answered the other way round: Portcullis' bare 403 becomes a 2xx with
 * Access-Control-Allow-Origin that leaves out the refused method or header (the
 * `explainRefusals` style), and such a 2xx becomes a bare 403. Origin refusals stay as they are.
 */
function otherRefusalStyle(handler: Handler, options: CorsOptions<unknown>): Handler {
  const wrapped = withCors(handler, options);
  return async (request) => {
    const response = (await wrapped(request)) as Response;
    const refusal = response.headers.get('portcullis-refusal');
    const origin = request.headers.get('origin');
    if (request.method !== 'OPTIONS' || !refusal || !origin || refusal.startsWith('the origin')) return response;
    if (response.status !== 403) return new Response(null, { status: 403, headers: { 'portcullis-refusal': refusal } });
    const refused = /'([^']+)'/.exec(refusal)?.[1]?.toLowerCase();
    const method = request.headers.get('access-control-request-method') ?? 'GET';
    const asked = (request.headers.get('access-control-request-headers') ?? '').split(',').map((h) => h.trim()).filter(Boolean);
    const headers = new Headers({ 'access-control-allow-origin': origin, 'portcullis-refusal': refusal });
    headers.set('access-control-allow-methods', refusal.startsWith('the method') ? 'GET, HEAD, POST' : method);
    const allowed = asked.filter((h) => h !== refused);
    if (allowed.length > 0) headers.set('access-control-allow-headers', allowed.join(', '));
    return new Response(null, { status: 204, headers });
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
    // Readable scenarios fail outright; blocked ones fail through their controls.
    mustFail: 'all',
    mustPass: [],
  },
  {
    name: 'reflect-everything',
    bug: 'reflects any Origin (null included) with credentials, answers every OPTIONS, no Vary (§5.1, 2, 4, 5)',
    wrap: (handler) => reflectEverything(handler),
    mustFail: [
      'simple-get-allowed', // no Vary: Origin
      'simple-get-disallowed-origin',
      'second-page-origin-blocked',
      'origin-function-refuses',
      'origin-lookalike-blocked',
      'x-user-not-allowed',
      'authorization-wildcard-blocked',
      'credentials-wildcard-origin-blocked',
      'credentials-not-enabled-blocked',
      'vary-merged',
      'sandboxed-iframe-blocked',
      'sandboxed-iframe-preflight-blocked',
      'options-non-preflight-reaches-handler',
      'max-age-zero',
      'font-face-blocked',
      'canvas-image-blocked',
    ],
    mustPass: ['put-allowed', 'credentials-cookie-allowed', 'canvas-image-untainted'],
  },
  {
    name: 'other-refusal-style',
    bug: 'refuses a preflight in the other style (a 2xx leaving out the refused name, not a bare 403): blocked, but not for the stated reason',
    wrap: otherRefusalStyle,
    mustFail: [
      'put-not-allowed',
      'delete-not-allowed',
      'patch-lowercase-blocked',
      'x-user-not-allowed',
      'one-of-two-headers-not-allowed',
      'authorization-wildcard-blocked',
      'json-post-content-type-not-allowed',
    ],
    mustPass: ['put-allowed', 'x-user-allowed', 'sandboxed-iframe-preflight-blocked'],
    reportsOtherReason: true,
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
    bug: 'drops CORS headers on error responses (§5.10)',
    wrap: (handler, options) => {
      const wrapped = withCors(handler, options);
      return async (request) => {
        const response = (await wrapped(request)) as Response;
        return response.status >= 400 ? handler(request) : response;
      };
    },
    // A refused preflight (403) goes to the handler too: a 200 without CORS headers, so the
    // block happens for another reason (preflight-no-allow-origin) than the scenario states.
    mustFail: ['not-found-readable', 'server-error-readable', 'put-not-allowed'],
    mustPass: ['simple-get-allowed', 'simple-get-disallowed-origin'],
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
