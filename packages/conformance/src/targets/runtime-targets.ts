// The Bun and Deno targets: the server scripts run on the real runtimes, whose binaries come
// from the npm packages `bun` and `deno` installed in this workspace package. Two columns per
// runtime: the adapter's plain wrapped-handler path, and the form that differs most from it
// (Bun's per-method `routes` objects and static Responses; Deno's `{ fetch }` default export
// under `deno serve`).

import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startChildServer } from '../harness/child-process.ts';
import { ORIGINS_ENV } from '../scenario-router.ts';
import { packageUnavailable } from './package-status.ts';
import type { Target, TargetContext } from './target.ts';

const PACKAGE_DIR = fileURLToPath(new URL('../..', import.meta.url));
const require = createRequire(import.meta.url);

/** The runtime binary shipped by its npm package, or undefined when it is not installed. */
function binary(pkg: 'bun' | 'deno'): string | undefined {
  let dir: string;
  try {
    dir = dirname(require.resolve(`${pkg}/package.json`));
  } catch {
    return undefined;
  }
  const candidates = pkg === 'bun' ? ['bin/bun.exe', 'bin/bun'] : ['deno', 'bin/deno', 'deno.exe'];
  return candidates.map((c) => join(dir, c)).find((path) => existsSync(path));
}

function environment({ origins, fontPath }: TargetContext): Record<string, string> {
  return { [ORIGINS_ENV]: JSON.stringify(origins), CONFORMANCE_FONT_PATH: fontPath, NO_COLOR: '1' };
}

const bunUnavailable = () =>
  packageUnavailable('@portcullis/bun') ?? (binary('bun') ? undefined : 'the bun binary (npm package bun) is missing');

const denoUnavailable = () =>
  packageUnavailable('@portcullis/deno') ?? (binary('deno') ? undefined : 'the deno binary (npm package deno) is missing');

function startBun(script: string, context: TargetContext) {
  return startChildServer({
    command: binary('bun')!,
    args: ['run', script],
    cwd: PACKAGE_DIR,
    env: environment(context),
  });
}

export const bunTarget: Target = {
  name: 'bun',
  description: '@portcullis/bun withCors(serveOptions) routes on real Bun (Bun.serve)',
  unavailable: bunUnavailable,
  start: (context) => startBun('src/targets/bun-server.ts', context),
};

export const bunRoutesTarget: Target = {
  name: 'bun-routes',
  description:
    '@portcullis/bun withCors(serveOptions) on real Bun, each endpoint a per-method routes object or a static Response',
  unavailable: bunUnavailable,
  start: (context) => startBun('src/targets/bun-routes-server.ts', context),
};

export const denoTarget: Target = {
  name: 'deno',
  description: '@portcullis/deno withCors(handler) on real Deno (Deno.serve)',
  unavailable: denoUnavailable,
  start: (context) =>
    startChildServer({
      command: binary('deno')!,
      args: [
        'run',
        '--allow-net=127.0.0.1',
        '--allow-env',
        '--allow-read',
        '--no-prompt',
        'src/targets/deno-server.ts',
      ],
      cwd: PACKAGE_DIR,
      env: { ...environment(context), DENO_NO_UPDATE_CHECK: '1' },
    }),
};

export const denoServeTarget: Target = {
  name: 'deno-serve',
  description: "@portcullis/deno withCors({ fetch }) as a module's default export, run by real `deno serve`",
  unavailable: denoUnavailable,
  start: (context) =>
    startChildServer({
      command: binary('deno')!,
      // Port 0: `deno serve` picks a free port and prints it, like the Deno adapter's own tests.
      args: [
        'serve',
        '--host',
        '127.0.0.1',
        '--port',
        '0',
        '--allow-env',
        '--allow-read',
        '--no-prompt',
        'src/targets/deno-serve-main.ts',
      ],
      cwd: PACKAGE_DIR,
      env: { ...environment(context), DENO_NO_UPDATE_CHECK: '1' },
      ready: /Listening on http:\/\/127\.0\.0\.1:(\d+)/,
    }),
};
