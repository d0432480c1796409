// `npm start`: the CORS playground (examples/node). Installs and builds only what it needs
// (the example, @portcullis/core and the root's build tools; no Next, Bun, Deno or browsers),
// skips both when they are current, and runs the server with node itself, so that Ctrl-C
// stops everything with status 0 and no package manager prints an error about the signal.

import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { staleBuild, staleInstall } from './freshness.mjs';
import { isCI, pnpm, PNPM_VERSION, ROOT } from './process.mjs';
import { interrupt, say, step } from './quiet.mjs';

/** The projects the playground needs, as pnpm-lock.yaml names them. */
const PROJECTS = ['.', 'examples/node', 'packages/core'];
const FILTERS = ['--filter', 'portcullis-monorepo', '--filter', 'example-node...'];

const CORE_INPUTS = [
  'packages/core/src',
  'packages/core/package.json',
  'packages/core/tsup.config.ts',
  'packages/core/tsconfig.json',
  'packages/tooling/tsup-library.ts',
  'tsconfig.base.json',
];
const CORE_OUTPUTS = ['index.js', 'index.cjs', 'index.d.ts', 'index.d.cts'].map((file) => `packages/core/dist/${file}`);

export async function start() {
  // Ctrl-C reaches every process of the terminal's group: the server stops itself, and this
  // process only waits for it (or for the step it was running) to end.
  const onSignal = () => {
    interrupt.requested = true;
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  const install = staleInstall(PROJECTS);
  if (install !== undefined) {
    await step(`installing the playground's dependencies with pnpm ${PNPM_VERSION} (${install})`, pnpm[0], [
      ...pnpm.slice(1),
      'install',
      ...FILTERS,
      ...(isCI ? ['--frozen-lockfile'] : []),
    ]);
  }
  const build = staleBuild(CORE_INPUTS, CORE_OUTPUTS);
  if (build !== undefined) {
    await step(`building @portcullis/core (${build})`, pnpm[0], [...pnpm.slice(1), '--filter', '@portcullis/core', 'run', 'build']);
  }
  if (install === undefined && build === undefined) say('dependencies installed and @portcullis/core built: nothing to do');
  if (interrupt.requested) process.exit(0);

  say('starting the playground (examples/node/src/main.ts)');
  const server = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: join(ROOT, 'examples/node'),
    stdio: 'inherit',
  });
  server.on('exit', (code, signal) => {
    if (code === 0 || interrupt.requested || signal === 'SIGINT' || signal === 'SIGTERM') process.exit(0);
    console.error(`portcullis: the playground stopped (${signal ?? `exit ${code}`})`);
    process.exit(code || 1);
  });
  // A signal meant for this process alone (kill <pid>) must still stop the server.
  const forward = (signal) => () => {
    interrupt.requested = true;
    if (server.exitCode === null) server.kill(signal);
  };
  process.removeListener('SIGINT', onSignal);
  process.removeListener('SIGTERM', onSignal);
  process.on('SIGINT', forward('SIGINT'));
  process.on('SIGTERM', forward('SIGTERM'));
}
