// What ships: the JSR packages (checked by a real `deno publish --dry-run`, offline), and the
// stand-in Deno declarations used only by the Node build, checked against Deno's own.

import assert from 'node:assert/strict';
import { repoPath } from './helpers.ts';

async function deno(args: string[], cwd: string): Promise<{ code: number; output: string }> {
  const { code, stdout, stderr } = await new Deno.Command(Deno.execPath(), {
    args,
    cwd,
    stdin: 'null',
    env: { NO_COLOR: '1' },
  }).output();
  return { code, output: new TextDecoder().decode(stdout) + new TextDecoder().decode(stderr) };
}

Deno.test('deno publish --dry-run accepts @portcullis/core and @portcullis/deno', async (t) => {
  // --allow-dirty: the suite runs on working trees with uncommitted changes.
  const { code, output } = await deno(['publish', '--dry-run', '--allow-dirty'], repoPath('packages'));
  const published = (name: string) => {
    const start = output.indexOf(`Simulating publish of ${name}@`);
    assert.notEqual(start, -1, `${name} is published:\n${output}`);
    const end = output.indexOf('Simulating publish of', start + 1);
    return output.slice(start, end === -1 ? undefined : end);
  };

  await t.step('the dry run succeeds, slow-type check included', () => {
    assert.equal(code, 0, output);
    assert.match(output, /Checking for slow types/);
    assert.match(output, /Dry run complete/);
  });
  await t.step('@portcullis/deno ships its sources, not its tests or Node-only files', () => {
    const files = published('@portcullis/deno');
    assert.match(files, /packages\/deno\/src\/index\.ts/);
    assert.match(files, /packages\/deno\/src\/with-cors\.ts/);
    assert.doesNotMatch(files, /\/test\/|node-types|tsconfig|tsup|package\.json|dist\//);
  });
  await t.step('@portcullis/core ships its sources, not its tests or build files', () => {
    const files = published('@portcullis/core');
    assert.match(files, /packages\/core\/src\/index\.ts/);
    assert.doesNotMatch(files, /\/test\/|tsconfig|tsup|vitest|package\.json|dist\//);
  });
});

Deno.test("node-types/deno-serve.d.ts matches Deno's own declarations", async () => {
  const shim = await Deno.readTextFile(repoPath('packages/deno/node-types/deno-serve.d.ts'));
  const dir = await Deno.makeTempDir({ prefix: 'portcullis-shim-' });
  try {
    await Deno.writeTextFile(`${dir}/shim.ts`, shim.replace('declare namespace Deno', 'export declare namespace Shim'));
    await Deno.writeTextFile(
      `${dir}/check.ts`,
      `import type { Shim } from './shim.ts';
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export const same: [
  Same<Shim.NetAddr, Deno.NetAddr>,
  Same<Shim.UnixAddr, Deno.UnixAddr>,
  Same<Shim.VsockAddr, Deno.VsockAddr>,
  Same<Shim.Addr, Deno.Addr>,
  Same<Shim.ServeHandlerInfo, Deno.ServeHandlerInfo>,
  Same<Shim.ServeHandlerInfo<Shim.NetAddr>, Deno.ServeHandlerInfo<Deno.NetAddr>>,
] = [true, true, true, true, true, true];
`,
    );
    const { code, output } = await deno(['check', '--no-config', 'check.ts'], dir);
    assert.equal(code, 0, output);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test('the README shows the code the tests run', async (t) => {
  const readme = await Deno.readTextFile(repoPath('packages/deno/README.md'));
  const typeChecks = await Deno.readTextFile(repoPath('packages/deno/test/shapes.test.ts'));
  const blocks = [...readme.matchAll(/```ts(?: title="([^"]+)")?\n([\s\S]*?)```/g)];
  assert.ok(blocks.length >= 4);
  for (const [, title, code] of blocks) {
    if (title !== undefined) {
      await t.step(`${title} is shown as it is`, async () => {
        assert.equal(code, await Deno.readTextFile(repoPath(title)));
      });
    } else {
      await t.step(`the inline example is type-checked in test/shapes.test.ts: ${code!.trim().slice(0, 40)}...`, () => {
        for (const line of code!.trim().split('\n')) assert.ok(typeChecks.includes(line.trim()), line);
      });
    }
  }
});
