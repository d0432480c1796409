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
if (variant === 'bare') app.options(URL_PATH, handler);

const server = app.listen(0, '127.0.0.1', () => {
  announce(server.address().port, () => new Promise((resolve) => server.close(resolve)));
});
