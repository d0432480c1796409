// `pnpm run dev` and `pnpm run dev:vercel`, as the README tells you to run them: they start,
// serve the API on loopback, and stop on Ctrl-C (SIGINT), leaving no process behind.

import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { expect, it } from 'vitest';
import { ROOT } from '../scripts/bundle.js';

const scripts = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> })
  .scripts;

function groupIsGone(group: number): boolean {
  try {
    process.kill(-group, 0);
    return false;
  } catch {
    return true;
  }
}

it.each([
  { script: 'dev', banner: /^workerd: the API is on (http:\/\/127\.0\.0\.1:\d+)$/m },
  { script: 'dev:vercel', banner: /^Vercel Edge runtime: the API is on (http:\/\/127\.0\.0\.1:\d+)$/m },
])('`pnpm run $script` serves the API until interrupted', async ({ script, banner }) => {
  // What `pnpm run` does: the script in a shell, with the package's bin folders on PATH.
  const child = spawn('sh', ['-c', `exec ${scripts[script]!}`], {
    cwd: ROOT,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      PORT: '0',
      PATH: [join(ROOT, 'node_modules/.bin'), join(ROOT, '../../node_modules/.bin'), process.env.PATH].join(delimiter),
    },
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk));
  try {
    const origin = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', () => {
        const match = banner.exec(output);
        if (match) resolve(match[1]!);
      });
      void exited.then(() => reject(new Error(`exited before serving:\n${output}`)));
    });
    const response = await fetch(`${origin}/api/items`, {
      method: 'OPTIONS',
      headers: { origin: 'https://myapp.es', 'access-control-request-method': 'POST' },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('https://myapp.es');
    // Ctrl-C signals the whole process group, workerd included. Miniflare stops workerd and
    // exits 130 itself; the Edge runtime server is closed by scripts/dev.ts, which exits 0.
    process.kill(-child.pid!, 'SIGINT');
    expect([0, 130], output).toContain(await exited);
    await expect(fetch(origin), 'the port is closed').rejects.toThrow();
    await expect.poll(() => groupIsGone(child.pid!), { timeout: 5_000 }).toBe(true);
  } finally {
    if (child.exitCode === null && child.signalCode === null) process.kill(-child.pid!, 'SIGKILL');
  }
});
