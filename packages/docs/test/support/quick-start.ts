// Runs a quick start of the front page as a reader would: its file saved under the name it is
// titled with, its command run on the runtime it names (Node.js, Bun, Deno), on loopback. The
// only change is the port, which becomes a free one (the pages print a fixed port, and several
// test runs share the machine). A Next.js route file is served the way Next serves it, by
// calling its exports with a NextRequest: building a Next app per run would take minutes, and
// packages/next's tests already run withCors under `next build` and `next start`.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { NextRequest } from 'next/server.js';
import { DOCS, ROOT, words } from './markdown.js';

export interface QuickStart {
  /** The heading it is under, e.g. `Bun`. */
  readonly heading: string;
  /** The file name the block is titled with, e.g. `server.ts`. */
  readonly file: string;
  readonly code: string;
  /** The install commands, then the command that runs it. */
  readonly install: readonly string[];
  readonly run: string;
}

/** A quick start, running: `send` answers a request as the server does. */
export interface Running {
  send(request: Request): Promise<Response>;
  stop(): Promise<void>;
}

const BIN = (name: string) => join(DOCS, 'node_modules/.bin', name);

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** The port a quick start names, in its code or its command. */
export function portOf(quickStart: QuickStart): string | undefined {
  const text = `${quickStart.code}\n${quickStart.run}`;
  return /\bport:\s*(\d+)|\.listen\((\d+)|--port[ =](\d+)/.exec(text)?.slice(1).find(Boolean);
}

/** The path a quick start serves: the route of a Next.js route file, else its first route. */
export function pathOf(quickStart: QuickStart): string {
  const route = /^app(\/.*)\/route\.[jt]s$/.exec(quickStart.file);
  if (route) return route[1]!;
  return /'(\/[\w/-]*)'/.exec(quickStart.code)?.[1] ?? '/';
}

/** The first origin the policy allows. */
export function allowedOriginOf(quickStart: QuickStart): string | undefined {
  return /\borigin:\s*\[?\s*'([^']+)'/.exec(quickStart.code)?.[1];
}

/** Where a quick start is saved: a folder of packages/docs, whose dependencies it imports. */
function projectDir(): string {
  return mkdtempSync(join(DOCS, '.quick-start-'));
}

/** Deno reads `@portcullis/deno` as `deno add jsr:@portcullis/deno` maps it, from the local sources. */
function denoProject(): string {
  const dir = mkdtempSync(join(tmpdir(), 'portcullis-quick-start-'));
  const version = (JSON.parse(readFileSync(join(ROOT, 'packages/deno/package.json'), 'utf8')) as { version: string }).version;
  const config = {
    imports: { '@portcullis/deno': `jsr:@portcullis/deno@^${version}` },
    // The JSR package is this repository's sources; the tests run offline.
    links: [join(ROOT, 'packages/deno'), join(ROOT, 'packages/core')],
    unstable: ['sloppy-imports'],
    lock: false,
  };
  writeFileSync(join(dir, 'deno.json'), JSON.stringify(config, null, 2));
  return dir;
}

function save(dir: string, file: string, code: string): string {
  const path = join(dir, file);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, code);
  return path;
}

/** The program of a command's first word. */
const PROGRAMS: Record<string, string> = { node: process.execPath, bun: BIN('bun'), deno: BIN('deno') };

function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  process.kill(-child.pid!, 'SIGKILL');
  return exited;
}

async function startProcess(quickStart: QuickStart): Promise<Running> {
  const [program, ...args] = words(quickStart.run);
  const executable = PROGRAMS[program!];
  if (executable === undefined) throw new Error(`no runtime for "${quickStart.run}" (known: ${Object.keys(PROGRAMS).join(', ')})`);
  const printed = portOf(quickStart);
  if (printed === undefined) throw new Error(`${quickStart.heading}: no port to replace with a free one`);
  const port = String(await freePort());
  const onPort = (text: string) => text.replaceAll(printed, port);
  const dir = program === 'deno' ? denoProject() : projectDir();
  save(dir, quickStart.file, onPort(quickStart.code));
  const child = spawn(executable, args.map(onPort), {
    cwd: dir,
    detached: true,
    env: { ...process.env, NO_COLOR: '1', DENO_NO_UPDATE_CHECK: '1', DO_NOT_TRACK: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const stop = async () => {
    await stopProcess(child);
    rmSync(dir, { recursive: true, force: true });
  };
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 45_000;
  for (;;) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`${quickStart.run} exited with ${child.exitCode} before serving:\n${output}`);
    }
    try {
      await fetch(base);
      break;
    } catch {
      if (Date.now() > deadline) {
        await stop();
        throw new Error(`${quickStart.run} did not serve ${base} within 45 s:\n${output}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  return {
    send: (request) => fetch(new Request(new URL(new URL(request.url).pathname, base), request)),
    stop,
  };
}

type RouteHandler = (request: NextRequest, context: { params: Promise<Record<string, string>> }) => Promise<Response> | Response;

async function startNextRoute(quickStart: QuickStart): Promise<Running> {
  const dir = projectDir();
  const path = save(dir, quickStart.file, quickStart.code);
  const route = (await import(pathToFileURL(path).href)) as Record<string, RouteHandler | undefined>;
  return {
    async send(request) {
      const handler = route[request.method];
      if (handler === undefined) return new Response(null, { status: 405 });
      return handler(new NextRequest(request), { params: Promise.resolve({}) });
    },
    stop: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** Starts a quick start; `npx next dev` serves a route file, any other command runs as printed. */
export function start(quickStart: QuickStart): Promise<Running> {
  return quickStart.run.startsWith('npx next ') ? startNextRoute(quickStart) : startProcess(quickStart);
}
