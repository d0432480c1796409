// The repository's example apps, started as their READMEs start them, on loopback free ports:
// in-process for Node (node:http, @whatwg-node/server, Hono, itty-router, Fastify), as a child
// process for Bun and Deno. Each is a control of the audit: correctly configured, no finding.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { buildApp } from '../../../../examples/fastify/src/app.js';
import { handler as nodeExample } from '../../../../examples/node/src/api.js';
import { server as nodeHttpRecipe } from '../../../../examples/recipes/src/node-http.js';
import honoRecipe from '../../../../examples/recipes/src/hono.js';
import ittyRecipe from '../../../../examples/recipes/src/itty-router.js';
import { server as whatwgRecipe } from '../../../../examples/recipes/src/whatwg-node-server.js';
import { listen, start, toFetch, type Running } from './servers.js';

const EXAMPLES = join(import.meta.dirname, '../../../../examples');

export const startNodeHttpRecipe = (): Promise<Running> => listen(nodeHttpRecipe);
export const startWhatwgRecipe = (): Promise<Running> => listen(whatwgRecipe);
export const startHonoRecipe = (): Promise<Running> => start((req, res) => void toFetch(req, res, honoRecipe.fetch));
export const startIttyRecipe = (): Promise<Running> => start((req, res) => void toFetch(req, res, (request) => ittyRecipe.fetch(request)));
export const startNodeExample = (): Promise<Running> => start((req, res) => void toFetch(req, res, nodeExample));

export async function startFastifyExample(): Promise<Running> {
  const app = await buildApp();
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  const port = Number(new URL(address).port);
  return { url: address, port, server: app.server, close: () => app.close() };
}

/**
 * Runs `command` until it prints the URL it listens on (Deno prints it on stderr); stopped by
 * close(). It gets a process group of its own, which close() stops whole: npm's `deno` is a
 * wrapper whose child is the server.
 */
function startProcess(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<Running> {
  const child = spawn(command, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let output = '';
  const close = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      process.kill(-child.pid!, 'SIGTERM');
    });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => void close().then(() => reject(new Error(`${command} did not start in 30 s: ${output}`))), 30_000);
    const seen = (chunk: Buffer) => {
      output += chunk.toString();
      const url = /http:\/\/127\.0\.0\.1:\d+/.exec(output)?.[0];
      if (url === undefined) return;
      clearTimeout(timer);
      resolve({ url, port: Number(new URL(url).port), server: undefined as never, close });
    };
    child.stdout.on('data', seen);
    child.stderr.on('data', seen);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${command} exited with ${code}: ${output}`));
    });
  });
}

export const startBunExample = (): Promise<Running> =>
  startProcess(join(EXAMPLES, 'bun/node_modules/.bin/bun'), ['server.ts'], join(EXAMPLES, 'bun'), { PORT: '0' });

export const startDenoExample = (): Promise<Running> =>
  startProcess(
    join(EXAMPLES, '../packages/deno/node_modules/.bin/deno'),
    ['serve', '--host', '127.0.0.1', '--port', '0', 'main.ts'],
    join(EXAMPLES, 'deno'),
  );
