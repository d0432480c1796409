// nginx, Apache httpd and Caddy from Debian, each started in the foreground with a generated
// standalone configuration in its own temporary folder (pid, logs, temporary files), on a free
// loopback port, and always stopped: the process group is killed, the folder removed.

import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { standaloneCommand, type WebServer } from '../../src/index.js';

export interface RunningWebServer {
  readonly server: WebServer;
  readonly port: number;
  readonly url: string;
  /** What the server printed, for failure messages. */
  output(): string;
  stop(): Promise<void>;
}

/** Whether the server's binary is installed (npm test installs it; see packages/tooling). */
export function installed(server: WebServer): boolean {
  const command = standaloneCommand(server, '/tmp', '/tmp/x').command;
  return spawnSync('sh', ['-c', `command -v ${command}`]).status === 0;
}

export async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

/** Whether the server answers HTTP (a listening socket is not enough: Apache reopens it while starting). */
function answers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const req = httpRequest({ host: '127.0.0.1', port, path: '/', method: 'HEAD', agent: false, timeout: 1000 }, (res) => {
      res.resume();
      resolve(true);
    });
    req.once('error', () => resolve(false));
    req.once('timeout', () => req.destroy());
    req.end();
  });
}

/**
 * Starts `server` with `config(listen)` (a standalone configuration for that `host:port`);
 * resolves once it accepts connections.
 */
export async function startWebServer(server: WebServer, config: (listen: string) => string): Promise<RunningWebServer> {
  const dir = mkdtempSync(join(tmpdir(), `portcullis-${server}-`));
  // Workers that drop root (nginx, Apache) must reach their temporary files.
  chmodSync(dir, 0o755);
  const port = await freePort();
  const file = join(dir, server === 'caddy' ? 'Caddyfile' : `${server}.conf`);
  writeFileSync(file, config(`127.0.0.1:${port}`));
  const run = standaloneCommand(server, dir, file);
  const child = spawn(run.command, [...run.args], { env: { ...process.env, ...run.env }, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const append = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout.on('data', append);
  child.stderr.on('data', append);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    if (child.exitCode === null && child.signalCode === null && child.pid !== undefined) {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        // already gone
      }
      const timer = setTimeout(() => {
        try {
          process.kill(-child.pid!, 'SIGKILL');
        } catch {
          // already gone
        }
      }, 5_000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 20_000;
  while (!(await answers(port))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      const log = existsSync(join(dir, 'error.log')) ? readFileSync(join(dir, 'error.log'), 'utf8') : '';
      await stop();
      throw new Error(`${server} did not start (${child.exitCode === null ? 'timed out' : `exit ${child.exitCode}`}):\n${output}${log}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  // Apache writes its errors to error.log in its folder (stderr is a socket here, which it cannot open).
  const errorLog = join(dir, 'error.log');
  const all = () => `${output}${existsSync(errorLog) ? readFileSync(errorLog, 'utf8').slice(-10_000) : ''}`;
  return { server, port, url: `http://127.0.0.1:${port}`, output: all, stop };
}
