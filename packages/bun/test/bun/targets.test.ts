// What withCors refuses to serve: anything that is neither a handler nor the Bun.serve options,
// refused when the server is configured, whatever a type checker would have said.

import { describe, expect, test } from 'bun:test';
import { CorsConfigError, withCors, type CorsConfigProblem } from '../../src/index.ts';

const OPTIONS = { origin: 'https://myapp.es', credentials: true };
const handler = () => new Response('ok');

/** withCors as plain JavaScript calls it: no type checker in the way. */
const untypedWithCors = withCors as (target: unknown, options: unknown) => unknown;

function problemOf(target: unknown) {
  try {
    untypedWithCors(target, OPTIONS);
  } catch (error) {
    if (!(error instanceof CorsConfigError)) throw error;
    expect(error.problems).toHaveLength(1);
    return error.problems[0]!;
  }
  throw new Error('withCors accepted it');
}

describe('withCors refuses what it cannot serve safely, naming the fix', () => {
  const rows: { rule: string; target: unknown; code: CorsConfigProblem['code']; fix: string }[] = [
    {
      rule: 'a method table belongs in routes',
      target: { GET: handler, DELETE: handler },
      code: 'target.method-table',
      fix: "put the table in routes and wrap the whole options: withCors({ routes: { '/path': { GET, DELETE } }, fetch }, corsOptions)",
    },
    {
      rule: 'a method table with a static Response is one too',
      target: { GET: new Response('x') },
      code: 'target.method-table',
      fix: "put the table in routes and wrap the whole options: withCors({ routes: { '/path': { GET } }, fetch }, corsOptions)",
    },
    {
      rule: 'a static Response belongs in routes',
      target: new Response('x'),
      code: 'target.static-response',
      fix: "put it in routes and wrap the whole options: withCors({ routes: { '/path': response }, fetch }, corsOptions)",
    },
    ...([
      ['null', null],
      ['undefined', undefined],
      ['a string', 'fetch'],
      ['a number', 42],
      ['an array of handlers', [handler]],
    ] as const).map(([name, target]) => ({
      rule: `${name} is neither a handler nor serve options`,
      target,
      code: 'target.not-servable' as const,
      fix: 'withCors(fetchHandler, corsOptions), or withCors({ routes, fetch, ... }, corsOptions)',
    })),
  ];
  for (const row of rows) {
    test(row.rule, () => {
      const problem = problemOf(row.target);
      expect(problem.code).toBe(row.code);
      expect(problem.path).toEqual(['target']);
      expect(problem.fix).toBe(row.fix);
    });
  }

  test('what it can serve is still served: a handler and serve options', () => {
    expect(typeof untypedWithCors(handler, OPTIONS)).toBe('function');
    expect(untypedWithCors({ fetch: handler }, OPTIONS)).toHaveProperty('fetch');
    expect(untypedWithCors({ routes: { '/x': { GET: handler } } }, OPTIONS)).toHaveProperty('routes');
  });
});

test('a plain JavaScript server with a method table given to withCors inside routes fails at start-up, never serving', async () => {
  const child = Bun.spawn([process.execPath, `${import.meta.dir}/fixtures/method-table-in-routes.js`], {
    stdout: 'pipe',
    stderr: 'pipe',
  });
  try {
    const [stdout, stderr, code] = await Promise.all([new Response(child.stdout).text(), new Response(child.stderr).text(), child.exited]);
    // What the server would have answered, had it started: printed instead of a failure.
    expect(stdout).toBe('');
    expect(code).not.toBe(0);
    expect(stderr).toContain('CorsConfigError');
    expect(stderr).toContain("fix: put the table in routes and wrap the whole options: withCors({ routes: { '/path': { GET, DELETE } }, fetch }, corsOptions)");
  } finally {
    child.kill();
  }
});
