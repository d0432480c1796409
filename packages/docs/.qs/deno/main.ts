import { withCors } from '@portcullis/deno';

export default withCors(
  { fetch: () => Response.json({ hello: 'world' }) },
  { origin: ['https://myapp.es'], credentials: true },
);
