// Express 5: bare, with the `cors` middleware most users know, or with @portcullis/node's,
// both configured with the same policy and mounted the same way.

import express from 'express';
import { options } from '../../contenders/portcullis.mjs';
import { POLICY, URL_PATH } from '../../scenarios.mjs';
import { announce, pending } from './announce.mjs';

const variant = process.argv[2] ?? 'bare';
const app = express();
app.disable('x-powered-by');
app.disable('etag');
const handler = (_request, response) => response.type('text/plain').send('ok');

if (variant === 'cors') {
  const cors = (await import('cors')).default;
  app.use(
    cors({
      origin: POLICY.origins,
      methods: POLICY.methods,
      allowedHeaders: POLICY.allowHeaders,
      credentials: POLICY.credentials,
      maxAge: POLICY.maxAge,
    }),
  );
}
// 'headers': bare, plus the three headers an allowed GET gets, set statically by a middleware in
// the same place: the cost of sending them, which no CORS layer avoids.
if (variant === 'headers') {
  app.use((_request, response, next) => {
    response.setHeader('vary', 'Origin');
    response.setHeader('access-control-allow-origin', 'https://app.example');
    response.setHeader('access-control-allow-credentials', 'true');
    next();
  });
}
if (variant === 'portcullis') {
  let cors;
  try {
    ({ cors } = await import('@portcullis/node'));
  } catch (error) {
    pending(`@portcullis/node is not usable: ${error.message}`);
  }
  app.use(cors(options(POLICY)));
}
app.get(URL_PATH, handler);
if (variant === 'bare' || variant === 'headers') app.options(URL_PATH, handler);

const server = app.listen(0, '127.0.0.1', () => {
  announce(server.address().port, () => new Promise((resolve) => server.close(resolve)));
});
