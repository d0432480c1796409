// `npm start`: the CORS playground (examples/node). Installs and builds only what it needs
// (the example, @portcullis/core, the CLI the cards' commands run, and the root's build tools;
// no Next, Bun, Deno or browsers), skips both when they are current, and runs the server with
// node itself, so that Ctrl-C stops everything with status 0 and no package manager prints an
// error about the signal. `npm run build:cli` is the same without the server.

import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { staleBuild, staleInstall } from './freshness.mjs';
import { isCI, pnpm, PNPM_VERSION, ROOT } from './process.mjs';
import { interrupt, say, step } from './quiet.mjs';

/** The projects the playground and the CLI need, as pnpm-lock.yaml names them. */
export const PROJECTS = ['.', 'examples/node', 'packages/core', 'packages/cli', 'packages/browser-model'];
const FILTERS = ['--filter', 'portcullis-monorepo', '--filter', 'example-node...', '--filter', '@portcullis/cli...'];

const SHARED_INPUTS = ['packages/tooling/tsup-library.ts', 'tsconfig.base.json'];

/** What `npm start` builds, in order: the CLI imports the core. */
export const BUILDS = [
  {
    name: '@portcullis/core',
    inputs: ['packages/core/src', 'packages/core/package.json', 'packages/core/tsup.config.ts', 'packages/core/tsconfig.json', ...SHARED_INPUTS],
    outputs: ['index.js', 'index.cjs', 'index.d.ts', 'index.d.cts'].map((file) => `packages/core/dist/${file}`),
  },
  {
    name: '@portcullis/cli',
    inputs: [
      'packages/cli/src',
      'packages/cli/package.json',
      'packages/cli/tsup.config.ts',
      'packages/cli/tsconfig.json',
      // Bundled from its sources.
      'packages/browser-model/src',
      ...SHARED_INPUTS,
    ],
    outputs: ['bin.js', 'index.js', 'index.cjs', 'index.d.ts'].map((file) => `packages/cli/dist/${file}`),
  },
];

/** Installs and builds what the playground and the CLI need, skipping what is current. */
export async function prepare() {
  const install = staleInstall(PROJECTS);
  if (install !== undefined) {
    await step(`installing the playground's and the CLI's dependencies with pnpm ${PNPM_VERSION} (${install})`, pnpm[0], [
      ...pnpm.slice(1),
      'install',
      ...FILTERS,
      ...(isCI ? ['--frozen-lockfile'] : []),
    ]);
  }
  let built = false;
  for (const { name, inputs, outputs } of BUILDS) {
    const stale = staleBuild(inputs, outputs);
    if (stale === undefined) continue;
    built = true;
    await step(`building ${name} (${stale})`, pnpm[0], [...pnpm.slice(1), '--filter', name, 'run', 'build']);
  }
  if (install === undefined && !built) say('dependencies installed, @portcullis/core and the CLI built: nothing to do');
}

export async function start() {
  // Ctrl-C reaches every process of the terminal's group: the server stops itself, and this
  // process only waits for it (or for the step it was running) to end.
  const onSignal = () => {
    interrupt.requested = true;
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  await prepare();
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
