// The `deno-serve` column: a module whose default export is the `{ fetch }` object `deno serve`
// (and Deno Deploy) run, each scenario's object made CORS-aware by @portcullis/deno's
// `withCors({ fetch }, policy)`. The default export only picks the scenario's object by path
// and calls its `fetch` as `deno serve` would; every CORS decision is the adapter's.
// `deno serve` itself prints where it listens.

import { readFileSync } from 'node:fs';
import { withCors } from '@portcullis/deno';
import { originsFromEnv, ORIGINS_ENV, scenarioRouter } from '../scenario-router.ts';

const origins = originsFromEnv(Deno.env.get(ORIGINS_ENV));
const font = readFileSync(Deno.env.get('CONFORMANCE_FONT_PATH')!);

const route = scenarioRouter<[Deno.ServeHandlerInfo]>(origins, { font }, (handler, options) => {
  const definition = withCors({ fetch: handler }, options);
  // Called as a method, so `this` is the wrapped object, as when `deno serve` calls it.
  return (request, info) => definition.fetch(request, info);
});

export default { fetch: route } satisfies Deno.ServeDefaultExport;
