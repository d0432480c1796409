// @portcullis/next on a real Next.js 16 production server. One app, next-app/, holds both
// columns: `next` (route /s/[scenario]/[...rest], one `withCors` per scenario) and
// `next-proxy` (proxy.ts with `corsProxy`, matcher /p/:path*, in front of CORS-free route
// handlers under /p/). It is built once per run, by whichever column starts first, so the
// matrix never judges a stale build and never pays for two; each column then runs its own
// `next start` on loopback, started once.

import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { freePort, runToCompletion, startChildServer } from '../harness/child-process.ts';
import { ORIGINS_ENV } from '../scenario-router.ts';
import { packageUnavailable } from './package-status.ts';
import type { RunningTarget, Target, TargetContext } from './target.ts';

const APP_DIR = fileURLToPath(new URL('../../next-app', import.meta.url));
const require = createRequire(import.meta.url);

function nextBin(): string {
  return require.resolve('next/dist/bin/next');
}

function environment({ origins, fontPath }: TargetContext): Record<string, string> {
  return { NEXT_TELEMETRY_DISABLED: '1', [ORIGINS_ENV]: JSON.stringify(origins), CONFORMANCE_FONT_PATH: fontPath };
}

// The one build of this run, shared by both columns (the page origins, the only input that
// differs between runs, are read at `next start`, not at build time).
let build: Promise<unknown> | undefined;

async function startNext(context: TargetContext): Promise<RunningTarget> {
  const env = environment(context);
  build ??= runToCompletion({ command: process.execPath, args: [nextBin(), 'build'], cwd: APP_DIR, env });
  await build;
  const port = await freePort();
  return startChildServer({
    command: process.execPath,
    args: [nextBin(), 'start', '--hostname', '127.0.0.1', '--port', String(port)],
    cwd: APP_DIR,
    env,
    ready: /Ready in/,
    port,
  });
}

const unavailable = () => packageUnavailable('@portcullis/next') ?? packageUnavailable('next');

export const nextTarget: Target = {
  name: 'next',
  description: '@portcullis/next withCors route handlers on a built Next.js 16 app (next start)',
  unavailable,
  start: startNext,
};

export const nextProxyTarget: Target = {
  name: 'next-proxy',
  description: '@portcullis/next corsProxy in proxy.ts (matcher /p/:path*) before CORS-free route handlers, same build',
  area: 'p',
  unavailable,
  start: startNext,
};
