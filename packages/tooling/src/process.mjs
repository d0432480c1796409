// What the README's two commands share: the repository root, a pinned pnpm, and running
// commands with their output shown or captured. Only Node built-ins: this runs before
// anything is installed.

import { spawn, spawnSync } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
export const PNPM_VERSION = '10.34.9';
export const isCI = process.env.CI === 'true' || process.env.CI === '1';

export function log(message) {
  console.log(`\n[portcullis] ${message}`);
}

/** pnpm itself: the one on PATH when it is 10.x, otherwise a pinned copy through npx. */
function pnpmCommand() {
  const probe = spawnSync('pnpm', ['--version'], { encoding: 'utf8' });
  if (probe.status === 0 && probe.stdout.trim().startsWith('10.')) return ['pnpm'];
  return ['npx', '--yes', `pnpm@${PNPM_VERSION}`];
}

export const pnpm = pnpmCommand();

/** Runs a command from the root; `capture` also returns its output while showing it. */
export function run(command, args, { capture = false, env = {} } = {}) {
  return new Promise((resolvePromise) => {
    const child = spawn(command, args, {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: capture ? ['ignore', 'pipe', 'pipe'] : 'inherit',
    });
    let output = '';
    if (capture) {
      child.stdout.on('data', (chunk) => {
        process.stdout.write(chunk);
        output += chunk;
      });
      child.stderr.on('data', (chunk) => {
        process.stderr.write(chunk);
        output += chunk;
      });
    }
    child.on('close', (code, signal) => resolvePromise({ code: code ?? (signal ? 1 : 0), output }));
  });
}

/** Runs a command and exits with its status when it fails. */
export async function must(command, args, options) {
  const result = await run(command, args, options);
  if (result.code !== 0) {
    console.error(`\n[portcullis] failed (exit ${result.code}): ${command} ${args.join(' ')}`);
    process.exit(result.code);
  }
  return result;
}

/** `pnpm <args>` through `must`. */
export const pn = (args, options) => must(pnpm[0], [...pnpm.slice(1), ...args], options);

export async function install() {
  log(`installing dependencies with pnpm ${PNPM_VERSION}`);
  await pn(['install', ...(isCI ? ['--frozen-lockfile'] : [])]);
}

export async function build() {
  log('building the packages');
  await pn(['-r', '--filter', './packages/**', 'run', 'build']);
}
