// Node's http server with @whatwg-node/server's adapter: the bare handler, or the same handler
// wrapped by @portcullis/core.

import { createServer } from 'node:http';
import { createServerAdapter } from '@whatwg-node/server';
import { cors } from '@portcullis/core';
import { options } from '../../contenders/portcullis.mjs';
import { POLICY, bareHandler } from '../../scenarios.mjs';
import { announce } from './announce.mjs';

const variant = process.argv[2] ?? 'bare';
// 'headers': the bare handler plus the three headers an allowed GET gets, set statically; it
// separates the cost of sending CORS headers from the cost of deciding them.
const withStaticHeaders = () => {
  const response = bareHandler();
  response.headers.set('vary', 'Origin');
  response.headers.set('access-control-allow-origin', 'https://app.example');
  response.headers.set('access-control-allow-credentials', 'true');
  return response;
};
const handlers = { bare: bareHandler, headers: withStaticHeaders, portcullis: cors(options(POLICY)).wrap(bareHandler) };
const handler = handlers[variant];
const server = createServer(createServerAdapter(handler));
server.listen(0, '127.0.0.1', () => {
  announce(server.address().port, () => {
    server.closeAllConnections();
    return new Promise((resolve) => server.close(resolve));
  });
});
