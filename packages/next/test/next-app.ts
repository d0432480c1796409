// Builds and serves examples/next with the real `next` CLI, for the integration test.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

export const EXAMPLE_DIR = fileURLToPath(new URL('../../../examples/next/', import.meta.url));
const NEXT_BIN = fileURLToPath(new URL('../../../examples/next/node_modules/next/dist/bin/next', import.meta.url));
const ADAPTER_DIST = fileURLToPath(new URL('../dist/index.js', import.meta.url));
// Mistakes the example never shows, built with it so that one build serves every test: copied
// in as a route group (no URL segment), ignored by git, removed with the build.
const OVERLAY_SOURCE = fileURLToPath(new URL('./example-overlay/', import.meta.url));
const OVERLAY = fileURLToPath(new URL('../../../examples/next/app/(portcullis-test)/', import.meta.url));

export interface RunningApp {
  readonly url: string;
  /** Everything `next start` has written so far, stdout and stderr (console.warn goes there). */
  output(): string;
  stop(): Promise<void>;
}

function env(distDir: string): NodeJS.ProcessEnv {
  return { ...process.env, NEXT_TELEMETRY_DISABLED: '1', NEXT_DIST_DIR: distDir, NODE_ENV: 'production' };
}

const builds = new Set<ChildProcess>();

/** Runs a `next` command to completion, resolving to its output; rejects with it when it fails. */
function runNext(args: string[], distDir: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [NEXT_BIN, ...args], { cwd: EXAMPLE_DIR, env: env(distDir), detached: true });
    builds.add(child);
    child.once('exit', () => builds.delete(child));
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (code === 0) resolve(output);
      else reject(new Error(`next ${args.join(' ')} exited with ${code ?? signal}:\n${output}`));
    });
  });
}

/** Builds examples/next with the overlay's routes; resolves to what `next build` printed. */
export async function buildExample(distDir: string): Promise<string> {
  if (!existsSync(ADAPTER_DIST)) {
    throw new Error('examples/next imports the built @portcullis/next: run `pnpm -r build` first');
  }
  await rm(OVERLAY, { recursive: true, force: true });
  await cp(OVERLAY_SOURCE, OVERLAY, { recursive: true });
  return runNext(['build'], distDir);
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address !== null ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
}

/** Ends a build still running (the test timed out), with the workers it started. */
export function stopBuilds(): void {
  for (const child of builds) killGroup(child, 'SIGKILL');
}

/** Starts `next start` on 127.0.0.1 and waits until it answers. */
export async function startExample(distDir: string): Promise<RunningApp> {
  const port = await freePort();
  const child = spawn(process.execPath, [NEXT_BIN, 'start', '-H', '127.0.0.1', '-p', String(port)], {
    cwd: EXAMPLE_DIR,
    env: env(distDir),
    detached: true, // its own process group, so stop() also ends the workers it spawns
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const stop = async () => {
    killGroup(child, 'SIGTERM');
    const timer = setTimeout(() => killGroup(child, 'SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
  };

  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`next start exited with ${child.exitCode}:\n${output}`);
    try {
      const response = await fetch(`${url}/`);
      await response.arrayBuffer();
      if (response.ok) return { url, output: () => output, stop };
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`next start did not answer within 60 s:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

export async function removeBuild(distDir: string): Promise<void> {
  await rm(new URL(distDir, `file://${EXAMPLE_DIR}`), { recursive: true, force: true });
  await rm(OVERLAY, { recursive: true, force: true });
}
