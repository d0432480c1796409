import { withCors } from '@portcullis/bun';

Bun.serve(
  withCors(
    {
      hostname: '127.0.0.1',
      port: 38111,
      routes: { '/api/hello': () => Response.json({ hello: 'world' }) },
    },
    { origin: ['https://myapp.es'], credentials: true },
  ),
);
