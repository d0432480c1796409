// @whatwg-node/server's useCORS plugin. Its cost is the difference between a server adapter with
// and without the plugin, both called through `fetch` as a Fetch API server would.

import { createServerAdapter, useCORS } from '@whatwg-node/server';
import { bareHandler } from '../scenarios.mjs';

export const id = 'whatwg';
export const label = '@whatwg-node/server useCORS';
export const app = '@whatwg-node/server';

export function create(policy) {
  const without = createServerAdapter(bareHandler);
  const withCors = createServerAdapter(bareHandler, {
    plugins: [
      useCORS({
        origin: policy.origins,
        methods: policy.methods,
        allowedHeaders: policy.allowHeaders,
        credentials: policy.credentials,
        maxAge: policy.maxAge,
      }),
    ],
  });
  return { without: (request) => without.fetch(request), with: (request) => withCors.fetch(request) };
}
