// Bun.serve (run under the npm-installed bun): the bare handler, or wrapped by @portcullis/bun.

import { options } from '../../contenders/portcullis.mjs';
import { POLICY, bareHandler } from '../../scenarios.mjs';
import { announce, pending } from './announce.mjs';

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
let serveOptions = { hostname: '127.0.0.1', port: 0, fetch: variant === 'headers' ? withStaticHeaders : bareHandler };

if (variant === 'portcullis') {
  try {
    const { withCors } = await import('@portcullis/bun');
    if (typeof withCors !== 'function') throw new Error('@portcullis/bun exports no withCors yet');
    serveOptions = withCors(serveOptions, options(POLICY));
  } catch (error) {
    pending(error.message);
  }
}

const server = Bun.serve(serveOptions);
announce(server.port, () => server.stop(true));
