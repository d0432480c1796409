// What JSR users import: the values src/index.ts declares (as `deno doc` documents them) are
// the values the module exports at run time, and they are the core's user API plus withCors.
// test/node/exports.test.ts checks the same of the npm build.

import assert from 'node:assert/strict';
import { repoPath } from './helpers.ts';

/** Kinds of `deno doc` declarations that exist at run time (the rest are types). */
const VALUE_KINDS = new Set(['function', 'class', 'variable', 'enum', 'namespace']);

interface DocSymbol {
  name: string;
  declarations: { kind: string }[];
}

async function declaredValues(entry: string): Promise<string[]> {
  const { code, stdout, stderr } = await new Deno.Command(Deno.execPath(), {
    args: ['doc', '--json', entry],
    cwd: repoPath('packages/deno'),
    env: { NO_COLOR: '1' },
  }).output();
  assert.equal(code, 0, new TextDecoder().decode(stderr));
  const doc = JSON.parse(new TextDecoder().decode(stdout)) as { nodes: Record<string, { symbols: DocSymbol[] }> };
  const symbols = Object.values(doc.nodes).flatMap((node) => node.symbols);
  assert.ok(symbols.length > 0, 'deno doc found the exports');
  return symbols.filter((s) => s.declarations.some((d) => VALUE_KINDS.has(d.kind))).map((s) => s.name).sort();
}

const runtimeNames = (module: object) => Object.keys(module).sort();

Deno.test('src/index.ts exports at run time exactly the values it declares', async () => {
  assert.deepEqual(runtimeNames(await import('../src/index.ts')), await declaredValues('src/index.ts'));
});

Deno.test("the surface is the core's user API plus withCors", async () => {
  const core = runtimeNames(await import('../../core/src/index.ts'));
  assert.deepEqual(runtimeNames(await import('../src/index.ts')), [...new Set([...core, 'withCors'])].sort());
});
