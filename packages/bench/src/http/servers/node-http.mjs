// Plain node:http, no Fetch objects: a listener that writes the same three headers an allowed
// GET gets, set statically ('headers'), against the bare listener wrapped by
// @portcullis/node's withCors ('portcullis'), which decides them per request.

import { createServer } from 'node:http';
import { options } from '../../contenders/portcullis.mjs';
import { ALLOWED_ORIGIN, POLICY } from '../../scenarios.mjs';
import { announce, pending } from './announce.mjs';

const variant = process.argv[2] ?? 'bare';

function bare(_req, res) {
  res.setHeader('content-type', 'text/plain');
  res.end('ok');
}

function withStaticHeaders(req, res) {
  res.setHeader('vary', 'Origin');
  res.setHeader('access-control-allow-origin', ALLOWED_ORIGIN);
  res.setHeader('access-control-allow-credentials', 'true');
  bare(req, res);
}

let listener;
if (variant === 'portcullis') {
  try {
    const { withCors } = await import('@portcullis/node');
    listener = withCors(bare, options(POLICY));
  } catch (error) {
    pending(`@portcullis/node is not usable: ${error.message}`);
  }
} else listener = variant === 'headers' ? withStaticHeaders : bare;

const server = createServer(listener);
server.listen(0, '127.0.0.1', () => {
  announce(server.address().port, () => {
    server.closeAllConnections();
    return new Promise((resolve) => server.close(resolve));
  });
});
