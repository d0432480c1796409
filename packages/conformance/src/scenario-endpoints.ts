// The endpoints each scenario touches, read off its page action: for targets whose routes
// declare their methods (Bun's per-method `routes` objects), where a route lacking a method the
// scenario uses would advertise too little in its preflight answers and fail for the wrong reason.

import type { Resource, Scenario } from './scenario-types.ts';

export interface Endpoint {
  /** The resource path after `/r/<run>/`. */
  readonly resource: Resource | 'stream/release' | 'writes';
  /** Uppercase method names, without duplicates. */
  readonly methods: readonly string[];
  /** The application answers it the same way whatever the request: it can be a static Response. */
  readonly fixed: boolean;
}

/** Resources whose answer never depends on the request (no echo, no run id, no URL). */
const FIXED: ReadonlySet<Endpoint['resource']> = new Set(['status/404', 'status/500', 'font.woff2', 'image.png']);

/**
 * Method names as a method-keyed table holds them. Browsers uppercase only the six well-known
 * names; `patch` stays lowercase on the wire, and the table can hold only `PATCH`, which is
 * exactly the entry a lowercase `patch` must not match.
 */
function tableMethod(method: string): string {
  return method.toUpperCase();
}

export function endpointsOf(scenario: Scenario): Endpoint[] {
  const { action } = scenario;
  const uses = new Map<Endpoint['resource'], Set<string>>();
  const use = (resource: Endpoint['resource'], method: string) => {
    const methods = uses.get(resource) ?? new Set<string>();
    methods.add(tableMethod(method));
    uses.set(resource, methods);
  };
  switch (action.kind) {
    case 'form':
      use('write', 'POST');
      break;
    case 'api-page':
      use('page', 'GET');
      use('write', 'POST');
      break;
    case 'font':
      use('font.woff2', 'GET');
      break;
    case 'image':
      use('image.png', 'GET');
      break;
    case 'fetch':
    case 'xhr': {
      const resource = action.resource ?? 'echo';
      use(resource, action.method ?? 'GET');
      // Both redirects answer 302 to `echo`, which the browser then GETs (same or other host).
      if (resource === 'redirect' || resource === 'redirect-cross-origin') use('echo', 'GET');
      // The page tells the stream to finish with a GET (see page/runner.js).
      if (resource === 'stream') use('stream/release', 'GET');
      break;
    }
  }
  // The harness asks how often `write` ran (app.ts).
  if (uses.has('write')) use('writes', 'GET');
  return [...uses].map(([resource, methods]) => ({ resource, methods: [...methods], fixed: FIXED.has(resource) }));
}
