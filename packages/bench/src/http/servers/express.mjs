// Express 5: bare, or with the `cors` middleware most users know.

import express from 'express';
import { POLICY, URL_PATH } from '../../scenarios.mjs';
import { announce } from './announce.mjs';

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
app.get(URL_PATH, handler);
if (variant === 'bare') app.options(URL_PATH, handler);

const server = app.listen(0, '127.0.0.1', () => {
  announce(server.address().port, () => new Promise((resolve) => server.close(resolve)));
});
