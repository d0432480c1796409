// @portcullis/core's own `withCors` on Node.js, served by @whatwg-node/server 0.11 (0.12 needs
// Node 22): the reference target every adapter is compared with.

import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { withCors } from '@portcullis/core';
import { createServerAdapter } from '@whatwg-node/server';
import { scenarioRouter } from '../scenario-router.ts';
import { listenOnLoopback } from './node-bridge.ts';
import { packageUnavailable } from './package-status.ts';
import type { Target } from './target.ts';

export const coreNode: Target = {
  name: 'core/node',
  description: '@portcullis/core withCors on Node.js through @whatwg-node/server 0.11',
  unavailable: () => packageUnavailable('@portcullis/core'),
  async start({ origins, fontPath }) {
    const handler = scenarioRouter(origins, { font: readFileSync(fontPath) }, (h, options) => withCors(h, options));
    return listenOnLoopback(createServer(createServerAdapter(handler)));
  },
};
