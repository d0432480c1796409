// What JSR scores and publishes: documentation that `deno doc --lint` accepts (every export
// documented, no public type naming a private one) with module docs on every entry point,
// examples that compile, and a `deno publish --dry-run` (slow types included) that uploads the
// README and LICENSE beside the sources.
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DENO, run } from '../src/commands.js';
import { JSR_WORKSPACE as workspace, jsrPackages } from '../src/jsr.js';

const packages = jsrPackages();

const deno = (args: string[], cwd: string) => run(DENO, args, { cwd, env: { DENO_NO_UPDATE_CHECK: '1' }, timeout: 120_000 });

describe.each(packages)('$pkg.manifest.name on JSR', ({ pkg, entries }) => {
  const dir = () => join(workspace, pkg.dir);

  it(`deno doc --lint: every export documented, no private type in a public one`, async () => {
    const { code, stdout, stderr } = await deno(['doc', '--lint', ...entries], dir());
    expect(`${stdout}${stderr}`.replace(/\nStack backtrace:[\s\S]*/, ''), 'deno doc --lint').toMatch(/^Checked \d+ files?\s*$/);
    expect(code).toBe(0);
  });

  it('every entry point has module docs', async () => {
    const { code, stdout, stderr } = await deno(['doc', '--json', ...entries], dir());
    expect(code, stderr).toBe(0);
    const { nodes } = JSON.parse(stdout) as { nodes: Record<string, { module_doc?: { doc?: string } }> };
    const undocumented = Object.entries(nodes).filter(([, node]) => !node.module_doc?.doc?.trim()).map(([url]) => url);
    expect(Object.keys(nodes)).toHaveLength(entries.length);
    expect(undocumented).toEqual([]);
  });
});

describe('deno publish --dry-run', () => {
  let output: string;
  let code: number | null;

  beforeAll(async () => {
    // --allow-dirty: the suite runs on working trees with uncommitted changes.
    const ran = await deno(['publish', '--dry-run', '--allow-dirty'], workspace);
    output = `${ran.stdout}${ran.stderr}`;
    code = ran.code;
  });

  it('succeeds, slow-type check included', () => {
    expect(output).toMatch(/Checking for slow types/);
    expect(output).toMatch(/Dry run complete/);
    expect(code).toBe(0);
  });

  it.each(packages)('uploads $pkg.manifest.name at its npm version, with README.md, LICENSE and its sources', ({ pkg }) => {
    const start = output.indexOf(`Simulating publish of ${pkg.manifest.name}@${pkg.manifest.version} with files:`);
    expect(start, output).toBeGreaterThanOrEqual(0);
    const end = output.indexOf('Simulating publish of', start + 1);
    const files = output
      .slice(start, end === -1 ? undefined : end)
      .split('\n')
      .flatMap((line) => /file:\/\/\S*?\/packages\/[^/]+\/(\S+)/.exec(line)?.[1] ?? []);
    expect(files).toEqual(expect.arrayContaining(['README.md', 'LICENSE', 'deno.json']));
    expect(files.filter((file) => !['README.md', 'LICENSE', 'deno.json'].includes(file) && !/^src\/.+\.ts$/.test(file))).toEqual([]);
  });
});

// Core's module example ends in `export default { fetch }`, the shape Bun, Deno and Workers
// serve, which Deno's doc-test wrapper cannot compile (it hoists the export above the code it
// names); a named export would. So only @portcullis/deno's example is compiled here.
describe('@portcullis/deno examples', () => {
  it("the module docs' example type-checks (deno check --doc)", async () => {
    const { code, stdout, stderr } = await deno(['check', '--doc', 'src/index.ts'], join(workspace, 'deno'));
    expect(code, `${stdout}${stderr}`).toBe(0);
  });
});
