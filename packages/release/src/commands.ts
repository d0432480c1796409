// Running the tools the check needs: pnpm (to pack as a publish would), npm (to install as a
// user would), and the workspace's own Bun and Deno.
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a command to its end (killed, with its group, after `timeout` ms); never throws. */
export function run(command: string, args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv; timeout?: number }): Promise<Ran> {
  // Plain output to parse: Vitest's FORCE_COLOR would otherwise reach the tools it starts.
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', ...options.env };
  delete env.FORCE_COLOR;
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => {
      stderr += `\n[killed after ${options.timeout} ms]`;
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // already gone
      }
    }, options.timeout ?? 120_000);
    child.on('error', (error) => {
      clearTimeout(timer);
      resolve({ code: null, stdout, stderr: `${stderr}${error.message}` });
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** Throws with the command's output unless it exited 0. */
export async function must(command: string, args: string[], options: Parameters<typeof run>[2]): Promise<Ran> {
  const ran = await run(command, args, options);
  if (ran.code !== 0) {
    throw new Error(`${command} ${args.join(' ')} (in ${options.cwd}) exited ${ran.code}:\n${ran.stdout}\n${ran.stderr}`);
  }
  return ran;
}

const PNPM_VERSION = '10.34.9';

/** pnpm 10: the one on PATH (as under `npx pnpm@10 ...`), or the pinned one through npx. */
export const pnpm: [string, ...string[]] = (() => {
  const probe = spawnSync('pnpm', ['--version'], { encoding: 'utf8' });
  return probe.status === 0 && probe.stdout.trim().startsWith('10.') ? ['pnpm'] : ['npx', '--yes', `pnpm@${PNPM_VERSION}`];
})();

const bin = (name: string) => fileURLToPath(new URL(`../node_modules/.bin/${name}`, import.meta.url));
/** The workspace's Bun and Deno (npm packages `bun` and `deno`, devDependencies of this package). */
export const BUN = bin('bun');
export const DENO = bin('deno');
