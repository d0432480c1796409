// The Bun and Deno targets: the server scripts run on the real runtimes, whose binaries come
// from the npm packages `bun` and `deno` installed in this workspace package.

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

export const bunTarget: Target = {
  name: 'bun',
  description: '@portcullis/bun withCors(serveOptions) routes on real Bun (Bun.serve)',
  unavailable: () =>
    packageUnavailable('@portcullis/bun') ?? (binary('bun') ? undefined : 'the bun binary (npm package bun) is missing'),
  start: (context) =>
    startChildServer({
      command: binary('bun')!,
      args: ['run', 'src/targets/bun-server.ts'],
      cwd: PACKAGE_DIR,
      env: environment(context),
    }),
};

export const denoTarget: Target = {
  name: 'deno',
  description: '@portcullis/deno withCors(handler) on real Deno (Deno.serve)',
  unavailable: () =>
    packageUnavailable('@portcullis/deno') ??
    (binary('deno') ? undefined : 'the deno binary (npm package deno) is missing'),
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
