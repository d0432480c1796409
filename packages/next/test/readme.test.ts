// Docs are code: each README block that names an example file must be that file, byte for
// byte, so the code users copy is the code the integration test builds and calls.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const README = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

const blocks = [...README.matchAll(/```ts\n\/\/ (examples\/next\/\S+)\n([\s\S]*?)```/g)].map(([, path, code]) => ({
  path: path!,
  code: code!,
}));

describe('README examples are the example app', () => {
  it('shows the withCors route, the origins it imports, the route with its own OPTIONS, the per-request policy, and the proxy', () => {
    expect(blocks.map((b) => b.path)).toEqual([
      'examples/next/app/api/items/[id]/route.ts',
      'examples/next/lib/allowed-origins.ts',
      'examples/next/app/api/reports/route.ts',
      'examples/next/app/api/tenants/[tenant]/route.ts',
      'examples/next/proxy.ts',
    ]);
  });

  for (const { path, code } of blocks) {
    it(`${path} is shown as it is`, () => {
      expect(code).toBe(readFileSync(`${ROOT}${path}`, 'utf8'));
    });
  }
});
