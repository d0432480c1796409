// Target servers on other runtimes run as child processes, each the leader of its own process
// group so that stopping it also stops whatever it spawned (Next's workers). A server reports
// readiness by printing `listening http://127.0.0.1:<port>` (or what `ready` matches) on stdout
// or stderr: `deno serve` announces itself on stderr.

import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';

export interface ChildServer {
  readonly port: number;
  /** The last lines the process printed, for failure messages. */
  output(): string;
  stop(): Promise<void>;
}

export interface ChildServerOptions {
  readonly command: string;
  readonly args: readonly string[];
  readonly cwd: string;
  readonly env: Readonly<Record<string, string>>;
  /** Matched against each output line; group 1 is the port, unless `port` is given. */
  readonly ready?: RegExp;
  /** The port the server was told to use, when it does not print it. */
  readonly port?: number;
  readonly startTimeoutMs?: number;
}

const MAX_OUTPUT = 20_000;

type SpawnOptions = Pick<ChildServerOptions, 'command' | 'args' | 'cwd' | 'env'>;

/**
 * Starts `command` as the leader of its own process group, keeping the last MAX_OUTPUT
 * characters it prints on stdout and stderr for failure messages.
 */
function spawnInGroup(options: SpawnOptions): { child: ChildProcess; output(): string; append(chunk: Buffer): void } {
  const child = spawn(options.command, [...options.args], {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return {
    child,
    output: () => output,
    append: (chunk) => {
      output = (output + chunk.toString()).slice(-MAX_OUTPUT);
    },
  };
}

export interface RunningProcess {
  readonly child: ChildProcess;
  /** The last lines the process printed. */
  output(): string;
  /** Calls `listener` with every complete line printed on stdout or stderr from now on. */
  onLine(listener: (line: string, stream: 'stdout' | 'stderr') => void): void;
  /** SIGTERM to the whole group, SIGKILL after 5 s; resolves once the leader has exited. */
  stop(): Promise<void>;
}

/**
 * A long-lived process (a server, a browser, a display) as the leader of its own group, its
 * output split into lines. `extraFds` adds pipes as fds 3, 4, ... (Xvfb's `-displayfd`).
 */
// Groups still running when this process exits (a failed hook, an interrupted run) are killed
// on the way out, so that no browser or server outlives the test run.
const liveGroups = new Set<number>();
process.once('exit', () => {
  for (const pid of liveGroups) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
});

export function startProcess(options: SpawnOptions & { readonly extraFds?: number }): RunningProcess {
  const child = spawn(options.command, [...options.args], {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe', ...Array.from({ length: options.extraFds ?? 0 }, () => 'pipe' as const)],
  });
  let output = '';
  const listeners: ((line: string, stream: 'stdout' | 'stderr') => void)[] = [];
  // Each stream split into lines on its own, so interleaved output never joins two lines.
  const watch = (stream: NodeJS.ReadableStream | null, name: 'stdout' | 'stderr') => {
    let pending = '';
    stream?.on('data', (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-MAX_OUTPUT);
      pending += chunk.toString();
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) for (const listener of listeners) listener(line, name);
    });
  };
  watch(child.stdout, 'stdout');
  watch(child.stderr, 'stderr');
  // A spawn failure (ENOENT) is reported by the caller's start-up wait, through `exited`.
  child.on('error', (error) => {
    output += `\n${String(error)}`;
  });
  if (child.pid !== undefined) liveGroups.add(child.pid);
  const exited = new Promise<void>((resolve) => {
    child.once('exit', () => {
      if (child.pid !== undefined) liveGroups.delete(child.pid);
      resolve();
    });
    child.once('error', () => resolve());
  });
  return {
    child,
    output: () => output,
    onLine: (listener) => listeners.push(listener),
    async stop() {
      if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        return;
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
    },
  };
}

export async function startChildServer(options: ChildServerOptions): Promise<ChildServer> {
  const ready = options.ready ?? /listening http:\/\/127\.0\.0\.1:(\d+)/;
  const running = startProcess(options);
  try {
    const port = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`${options.command} did not report readiness in time`)),
        options.startTimeoutMs ?? 60_000,
      );
      running.onLine((line) => {
        const match = ready.exec(line);
        if (match) {
          clearTimeout(timer);
          resolve(options.port ?? Number(match[1]));
        }
      });
      running.child.once('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
      running.child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`${options.command} exited (${code ?? signal}) before listening`));
      });
    });
    return { port, output: running.output, stop: running.stop };
  } catch (error) {
    await running.stop();
    throw new Error(`${String(error)}\n--- output ---\n${running.output()}`);
  }
}

/** A port free on loopback right now, for servers that cannot be told to pick one (port 0). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Runs a command to completion (a build), failing with its output. */
export async function runToCompletion(options: Omit<ChildServerOptions, 'ready' | 'port'>): Promise<string> {
  const { child, output, append } = spawnInGroup(options);
  child.stdout?.on('data', append);
  child.stderr?.on('data', append);
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (exitCode) => resolve(exitCode));
  });
  if (code !== 0) throw new Error(`${options.command} ${options.args.join(' ')} exited ${code}\n${output()}`);
  return output();
}
