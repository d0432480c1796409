// A mistake the type checker must name in words: a method table given to withCors inside
// routes. Compiled by test/node/misuse-types.test.ts; kept out of tsconfig.json, since it
// does not compile.
import { withCors } from '../../src/index.ts';

const GET = () => Response.json({ id: 1 });
const DELETE = () => Response.json({ deleted: 1 });

export const options = Bun.serve({
  routes: { '/api/users/:id': withCors({ GET, DELETE }, { origin: 'https://myapp.es', credentials: true }) },
  fetch: () => new Response('not found', { status: 404 }),
});
