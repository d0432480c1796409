// The README's commands work as printed in a new project, which has none of this repository's
// deno tasks: the project `deno add jsr:@portcullis/deno` makes (here a deno.json that links the
// local sources in place of JSR, which the tests cannot reach), the file the README shows, and
// the command the README prints for it. npm.ts needs the npm build: test/npm-build.test.ts runs
// its printed command the same way.

import assert from 'node:assert/strict';
import { printedCommand, repoPath, runAsPrinted, send } from './helpers.ts';

const APP = 'https://myapp.es';

Deno.test('the README names no deno task: those exist in this repository only', async () => {
  assert.doesNotMatch(await Deno.readTextFile(repoPath('packages/deno/README.md')), /deno task/);
});

/** A new project with `@portcullis/deno` imported as `deno add` writes it, and `file` in it. */
async function newProject(file: string): Promise<string> {
  const project = await Deno.makeTempDir({ prefix: 'portcullis-readme-' });
  const config = {
    imports: { '@portcullis/deno': 'jsr:@portcullis/deno@^0.1.0' },
    // Only because JSR is out of reach here: the same packages, from this repository.
    links: [repoPath('packages/deno'), repoPath('packages/core')],
    unstable: ['sloppy-imports'],
    lock: false,
  };
  await Deno.writeTextFile(`${project}/deno.json`, JSON.stringify(config, null, 2));
  await Deno.copyFile(repoPath(`examples/deno/${file}`), `${project}/${file}`);
  return project;
}

for (const file of ['server.ts', 'main.ts']) {
  Deno.test(`${file}: the command the README prints serves it with CORS in a new project`, async () => {
    const command = await printedCommand(file);
    const project = await newProject(file);
    try {
      await using server = await runAsPrinted(command, project);
      const { response } = await send(server.origin, { method: 'OPTIONS', headers: { origin: APP, 'access-control-request-method': 'PUT' } });
      assert.equal(response.status, 204, server.output());
      assert.equal(response.headers.get('access-control-allow-origin'), APP);
    } finally {
      await Deno.remove(project, { recursive: true });
    }
  });
}
