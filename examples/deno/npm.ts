// The npm build, for projects that install with npm: specifiers: `deno serve --host 127.0.0.1 npm.ts`.
import { withCors } from 'npm:@portcullis/deno';

export default withCors(
  { fetch: (request) => Response.json({ via: 'npm', method: request.method }) },
  { origin: 'https://myapp.es' },
) satisfies Deno.ServeDefaultExport;
