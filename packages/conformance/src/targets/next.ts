// @portcullis/next on a real Next.js 16 production server: `next build` of the app in
// next-app/ (route /s/[scenario]/[...rest] with one `withCors` per scenario), then
// `next start` on loopback. Built on every run, so the matrix never judges a stale build.

import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { freePort, runToCompletion, startChildServer } from '../harness/child-process.ts';
import { ORIGINS_ENV } from '../scenario-router.ts';
import { packageUnavailable } from './package-status.ts';
import type { Target } from './target.ts';

const APP_DIR = fileURLToPath(new URL('../../next-app', import.meta.url));
const require = createRequire(import.meta.url);

function nextBin(): string {
  return require.resolve('next/dist/bin/next');
}

export const nextTarget: Target = {
  name: 'next',
  description: '@portcullis/next withCors route handlers on a built Next.js 16 app (next start)',
  unavailable: () => packageUnavailable('@portcullis/next') ?? packageUnavailable('next'),
  async start({ origins, fontPath }) {
    const env = {
      NEXT_TELEMETRY_DISABLED: '1',
      [ORIGINS_ENV]: JSON.stringify(origins),
      CONFORMANCE_FONT_PATH: fontPath,
    };
    await runToCompletion({ command: process.execPath, args: [nextBin(), 'build'], cwd: APP_DIR, env });
    const port = await freePort();
    return startChildServer({
      command: process.execPath,
      args: [nextBin(), 'start', '--hostname', '127.0.0.1', '--port', String(port)],
      cwd: APP_DIR,
      env,
      ready: /Ready in/,
      port,
    });
  },
};
