// nginx, Apache httpd and Caddy from Debian, each running the configuration `portcullis export`
// writes (`exportRoutes`: one location per scenario, `/s/<name>/`, guarded by that scenario's
// policy) in front of the shared application served by node:http without any CORS. Each server
// runs in the foreground on loopback with its own temporary folder (pid, logs, temporary
// files) and is always stopped.

import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CorsOptions } from '@portcullis/core';
import { createServerAdapter } from '@whatwg-node/server';
import { createApp } from '../app.ts';
import { freePort, startProcess } from '../harness/child-process.ts';
import type { PageOrigins } from '../scenario-types.ts';
import { scenarios } from '../scenarios.ts';
import { listenOnLoopback } from './node-bridge.ts';
import { packageUnavailable } from './package-status.ts';
import type { RunningTarget, Target, TargetContext } from './target.ts';

type WebServer = 'nginx' | 'apache' | 'caddy';

/**
 * The documented difference of the web-server columns: an origin function runs JavaScript on
 * every request, which no web server does, so `portcullis export` refuses it (export.origin-function)
 * and says to list the origins it accepts. These scenarios are served with exactly that list;
 * test/web-server-policies.test.ts proves the refusal and that nothing else is replaced.
 */
export const EXPORTED_INSTEAD: Readonly<Record<string, (origins: PageOrigins) => CorsOptions<unknown>>> = {
  'origin-function': ({ page }) => ({ origin: page }),
  'origin-async-function': ({ page }) => ({ origin: page }),
  'origin-function-refuses': ({ other }) => ({ origin: other }),
};

/** Each scenario's path prefix and the policy exported for it. */
export function exportedRoutes(origins: PageOrigins): { path: string; policy: CorsOptions<unknown> }[] {
  return scenarios.map((s) => ({ path: `/s/${s.name}/`, policy: (EXPORTED_INSTEAD[s.name] ?? s.policy)(origins) }));
}

function installed(command: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${command}`]).status === 0;
}

/** Whether the server answers HTTP yet (Apache reopens its socket while it starts). */
function answers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = request({ host: '127.0.0.1', port, path: '/', method: 'HEAD', agent: false, timeout: 1000 }, (res) => {
      res.resume();
      resolve(true);
    });
    probe.once('error', () => resolve(false));
    probe.once('timeout', () => probe.destroy());
    probe.end();
  });
}

async function startWebServer(server: WebServer, { origins, fontPath }: TargetContext): Promise<RunningTarget> {
  const cli = await import('@portcullis/cli');
  const app = await listenOnLoopback(createServer(createServerAdapter(createApp({ font: readFileSync(fontPath) }))));
  const upstream = `http://127.0.0.1:${app.port}`;
  const dir = mkdtempSync(join(tmpdir(), `conformance-${server}-`));
  chmodSync(dir, 0o755);
  const port = await freePort();
  const file = join(dir, server === 'caddy' ? 'Caddyfile' : `${server}.conf`);
  writeFileSync(file, cli.exportRoutes(server, exportedRoutes(origins), { listen: `127.0.0.1:${port}`, upstream }));
  const run = cli.standaloneCommand(server, dir, file);
  const child = startProcess({ command: run.command, args: run.args, cwd: dir, env: run.env });
  const errorLog = join(dir, 'error.log');
  const output = () => `${child.output()}${existsSync(errorLog) ? readFileSync(errorLog, 'utf8').slice(-5000) : ''}`;
  const stop = async () => {
    await child.stop();
    await app.stop();
    rmSync(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 30_000;
  while (!(await answers(port))) {
    if (child.child.exitCode !== null || Date.now() > deadline) {
      const why = output();
      await stop();
      throw new Error(`${server} did not start:\n${why}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { port, output, stop };
}

function webServerTarget(server: WebServer, command: string, description: string): Target {
  return {
    name: server,
    description,
    unavailable: () =>
      packageUnavailable('@portcullis/cli') ??
      (installed(command) ? undefined : `${command} is not installed: npm test installs it from Debian (packages/tooling/src/web-servers.mjs)`),
    start: (context) => startWebServer(server, context),
  };
}

export const nginxTarget = webServerTarget('nginx', 'nginx', 'nginx 1.22 (Debian) with `portcullis export nginx --standalone`, one location per scenario, in front of the application without CORS');
export const apacheTarget = webServerTarget('apache', 'apache2', 'Apache httpd 2.4 (Debian) with `portcullis export apache --standalone`, one <Location> per scenario, in front of the application without CORS');
export const caddyTarget = webServerTarget('caddy', 'caddy', 'Caddy 2.6 (Debian) with `portcullis export caddy --standalone`, one handle per scenario, in front of the application without CORS');
