// Runs under real Deno: one Deno.serve, each scenario's policy applied by @portcullis/deno's
// `withCors(handler, policy)` to the shared application. Prints `listening <url>` once ready.

import { readFileSync } from 'node:fs';
import { withCors } from '@portcullis/deno';
import { originsFromEnv, ORIGINS_ENV, scenarioRouter } from '../scenario-router.ts';

const origins = originsFromEnv(Deno.env.get(ORIGINS_ENV));
const font = readFileSync(Deno.env.get('CONFORMANCE_FONT_PATH')!);
const handler = scenarioRouter<[Deno.ServeHandlerInfo]>(origins, { font }, (h, options) => withCors(h, options));

Deno.serve(
  {
    hostname: '127.0.0.1',
    port: 0,
    onListen: ({ port }) => console.log(`listening http://127.0.0.1:${port}`),
  },
  handler,
);
