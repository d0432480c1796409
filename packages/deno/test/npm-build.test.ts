// The npm build (tsup's dist/) as Deno users get it with npm: specifiers: both packages packed
// by `pnpm pack` (as they would be published), unpacked into a node_modules of a fresh project,
// and examples/deno/npm.ts served from there by `deno serve`. Needs `pnpm build` first.

import assert from 'node:assert/strict';
import { printedCommand, repoPath, runAsPrinted, send } from './helpers.ts';

async function run(command: string, args: string[], cwd: string): Promise<string> {
  const { code, stdout, stderr } = await new Deno.Command(command, { args, cwd, stdin: 'null', env: { NO_COLOR: '1' } }).output();
  const text = new TextDecoder().decode(stdout) + new TextDecoder().decode(stderr);
  assert.equal(code, 0, `${command} ${args.join(' ')} failed in ${cwd}:\n${text}`);
  return text;
}

/** Packs a workspace package with pnpm and unpacks it to node_modules/<name>, as npm would. */
async function install(project: string, packageDir: string): Promise<void> {
  const pkg = JSON.parse(await Deno.readTextFile(`${packageDir}/package.json`)) as { name: string; main: string };
  await Deno.stat(`${packageDir}/${pkg.main}`).catch(() => {
    throw new Error(`${pkg.name} has no build: run \`pnpm build\` first`);
  });
  const output = await run('pnpm', ['pack', '--pack-destination', project], packageDir);
  const tarball = output.trim().split('\n').findLast((line) => line.endsWith('.tgz'))!;
  const target = `${project}/node_modules/${pkg.name}`;
  await Deno.mkdir(target, { recursive: true });
  await run('tar', ['-xzf', tarball.startsWith('/') ? tarball : `${project}/${tarball}`, '-C', target, '--strip-components=1'], project);
}

Deno.test('npm:@portcullis/deno works from node_modules under deno serve', async (t) => {
  const project = await Deno.makeTempDir({ prefix: 'portcullis-npm-' });
  try {
    await install(project, repoPath('packages/core'));
    await install(project, repoPath('packages/deno'));
    const installed = JSON.parse(await Deno.readTextFile(`${project}/node_modules/@portcullis/deno/package.json`));
    await Deno.writeTextFile(
      `${project}/package.json`,
      JSON.stringify({ private: true, type: 'module', dependencies: installed.dependencies }),
    );
    await Deno.copyFile(repoPath('examples/deno/npm.ts'), `${project}/npm.ts`);

    await t.step('the packed package depends on a real version of core, not workspace:', () => {
      assert.match(installed.dependencies['@portcullis/core'], /^\^?\d+\.\d+\.\d+/);
    });

    await t.step('npm:@portcullis/deno resolves to the built files in node_modules', async () => {
      const graph = JSON.parse(await run(Deno.execPath(), ['info', '--json', 'npm.ts'], project)) as {
        modules: { specifier: string }[];
      };
      const files = graph.modules.map((m) => m.specifier).filter((s) => s.startsWith('file:'));
      assert.ok(files.some((s) => s.endsWith('/node_modules/@portcullis/deno/dist/index.js')), files.join('\n'));
      // Core is imported by dist/index.js as a bare name; outside the repository, node_modules
      // is the only place it can come from, and the requests below prove it loads.
      assert.ok(!files.some((s) => s.includes('/src/')), 'no source file is loaded');
    });

    await t.step('its declarations type-check under Deno (Deno.ServeDefaultExport)', async () => {
      await run(Deno.execPath(), ['check', 'npm.ts'], project);
    });

    await t.step('its declarations declare no Deno globals of their own', async () => {
      for (const file of ['index.d.ts', 'index.d.cts']) {
        const dts = await Deno.readTextFile(`${project}/node_modules/@portcullis/deno/dist/${file}`);
        assert.doesNotMatch(dts, /declare\s+(global|namespace)/);
      }
    });

    // As the README says to run it (on a port the OS picks).
    await using server = await runAsPrinted(await printedCommand('npm.ts'), project);
    await t.step('an allowed actual request gets CORS headers', async () => {
      const { response, body } = await send(server.origin, { headers: { origin: 'https://myapp.es' } });
      assert.equal(response.headers.get('access-control-allow-origin'), 'https://myapp.es');
      assert.equal(response.headers.get('vary'), 'Origin');
      assert.equal(body, '{"via":"npm","method":"GET"}');
    });
    await t.step('a preflight is answered', async () => {
      const { response } = await send(server.origin, {
        method: 'OPTIONS',
        headers: { origin: 'https://myapp.es', 'access-control-request-method': 'PUT' },
      });
      assert.equal(response.status, 204);
      assert.equal(response.headers.get('access-control-allow-methods'), 'GET, HEAD, POST, PUT, PATCH, DELETE');
    });
  } finally {
    await Deno.remove(project, { recursive: true });
  }
});
