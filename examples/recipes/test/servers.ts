// The three ways a recipe is run: in process (a `{ fetch }` export, called with a Request), on
// node:http (an `http.Server` export), or by Bun (a `{ fetch }` export, served by Bun.serve).
import { spawn } from 'node:child_process';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';

export interface Served {
  fetch(path: string, init?: RequestInit): Promise<Response>;
  close(): Promise<void>;
}

type FetchExport = { fetch(request: Request): Response | Promise<Response> };

const load = async (file: string) => (await import(`../src/${file}`)) as Record<string, unknown>;

export async function inProcess(file: string): Promise<Served> {
  const app = (await load(file)).default as FetchExport;
  return {
    fetch: async (path, init) => app.fetch(new Request(new URL(path, 'http://api.myapp.test'), init)),
    close: async () => {},
  };
}

export async function onNodeHttp(file: string): Promise<Served> {
  const server = (await load(file)).server as Server;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    fetch: (path, init) => fetch(new URL(path, base), init),
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

const bun = fileURLToPath(new URL('../node_modules/.bin/bun', import.meta.url));

export async function onBun(file: string): Promise<Served> {
  const child = spawn(bun, [fileURLToPath(new URL('bun/serve.ts', import.meta.url)), file], {
    stdio: ['pipe', 'pipe', 'pipe'],
    detached: true,
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const close = async () => {
    child.stdin.end();
    const timer = setTimeout(() => process.kill(-child.pid!, 'SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
  };
  let output = '';
  try {
    const base = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk;
        const url = /^http:\/\/127\.0\.0\.1:\d+\//m.exec(output);
        if (url) resolve(url[0]);
      });
      child.stderr.on('data', (chunk: Buffer) => (output += chunk));
      void exited.then(() => reject(new Error(`bun exited before serving ${file}:\n${output}`)));
    });
    return { fetch: (path, init) => fetch(new URL(path, base), init), close };
  } catch (error) {
    await close();
    throw error;
  }
}
