// The npm build, for projects that install with npm: specifiers: run `deno task npm`.
import { withCors } from 'npm:@portcullis/deno';

export default withCors(
  { fetch: (request) => Response.json({ via: 'npm', method: request.method }) },
  { origin: 'https://myapp.es' },
) satisfies Deno.ServeDefaultExport;
