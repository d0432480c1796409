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
