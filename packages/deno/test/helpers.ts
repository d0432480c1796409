// Real servers for the tests: Deno.serve in this process, `deno serve` in a child process.
// Every server listens on 127.0.0.1, port 0, and is shut down (or killed) by the test that made it.

/** Absolute path of a file in the repository, from this file's location. */
export function repoPath(relative: string): string {
  return new URL(`../../../${relative}`, import.meta.url).pathname;
}

export interface RunningServer extends AsyncDisposable {
  readonly origin: string;
}

/** A `deno serve` child: also what it has written so far, stdout and stderr. */
export interface RunningChild extends RunningServer {
  output(): string;
}

/** `Deno.serve` on 127.0.0.1, port 0; `await using` shuts it down. */
export function serve(handler: Deno.ServeHandler<Deno.NetAddr>): RunningServer {
  const server = Deno.serve({ hostname: '127.0.0.1', port: 0, onListen() {} }, handler);
  return {
    origin: `http://127.0.0.1:${server.addr.port}`,
    async [Symbol.asyncDispose]() {
      await server.shutdown();
    },
  };
}

/**
 * `deno serve` of a default-export module, on 127.0.0.1 and a port the OS picks; the child is
 * killed by `await using`. `cwd` decides which deno.json (or package.json) applies.
 */
export function denoServe(file: string, cwd: string): Promise<RunningChild> {
  return startDeno(['serve', '--host', '127.0.0.1', '--port', '0', file], cwd);
}

/**
 * A command a README prints (`deno run --allow-net=127.0.0.1 server.ts`, `deno serve --host
 * 127.0.0.1 main.ts`), run as printed but on a port the OS picks: `--port 0` for `deno serve`,
 * DENO_SERVE_ADDRESS for the `Deno.serve` of `deno run`.
 */
export function runAsPrinted(command: string, cwd: string): Promise<RunningChild> {
  const [deno, subcommand, ...rest] = command.split(' ');
  if (deno !== 'deno' || (subcommand !== 'serve' && subcommand !== 'run')) throw new Error(`not a deno run/serve command: ${command}`);
  if (subcommand === 'serve') return startDeno(['serve', '--port', '0', ...rest], cwd);
  return startDeno(['run', ...rest], cwd, { DENO_SERVE_ADDRESS: 'tcp:127.0.0.1:0' });
}

/** A deno child that serves on 127.0.0.1, resolved once it says where. */
async function startDeno(args: string[], cwd: string, env: Record<string, string> = {}): Promise<RunningChild> {
  const child = new Deno.Command(Deno.execPath(), {
    args,
    cwd,
    stdin: 'null',
    stdout: 'piped',
    stderr: 'piped',
    env: { NO_COLOR: '1', ...env },
  }).spawn();
  const output = watchOutput(child);
  const stop = async () => {
    try {
      child.kill('SIGKILL');
    } catch {
      // already exited
    }
    await child.status;
    await output.drained;
  };
  try {
    return { origin: await output.listening, output: output.text, [Symbol.asyncDispose]: stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Reads the child's output to its end, resolving `listening` when `deno serve` says where. */
function watchOutput(child: Deno.ChildProcess): { listening: Promise<string>; drained: Promise<void>; text: () => string } {
  const decoder = new TextDecoder();
  let output = '';
  const listening = Promise.withResolvers<string>();
  const drain = async (stream: ReadableStream<Uint8Array>) => {
    for await (const chunk of stream) {
      output += decoder.decode(chunk, { stream: true });
      const match = /Listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (match) listening.resolve(match[1]!);
    }
  };
  const drained = Promise.all([drain(child.stdout), drain(child.stderr)]).then(() => {
    listening.reject(new Error(`deno stopped before listening:\n${output}`));
  });
  return { listening: listening.promise, drained, text: () => output };
}

/** The comma-separated tokens of a header, lowercased, for order-insensitive comparisons. */
export function tokens(value: string | null): string[] {
  return (value ?? '')
    .split(',')
    .map((token) => token.trim().toLowerCase())
    .filter((token) => token !== '')
    .sort();
}

/** Sends `init` and returns the response with its body read, so no stream is left open. */
export async function send(url: string, init: RequestInit = {}): Promise<{ response: Response; body: string }> {
  const response = await fetch(url, init);
  return { response, body: await response.text() };
}

/** Opens a WebSocket with an Origin header (as browsers send), exchanges one message, closes. */
export async function echoOverWebSocket(url: string, origin: string, message: string): Promise<string> {
  const socket = new WebSocket(url, { headers: { origin } });
  const reply = Promise.withResolvers<string>();
  socket.onopen = () => socket.send(message);
  socket.onmessage = (event) => reply.resolve(String(event.data));
  socket.onerror = () => reply.reject(new Error(`WebSocket to ${url} failed`));
  socket.onclose = (event) => reply.reject(new Error(`WebSocket closed before a reply (${event.code})`));
  try {
    return await reply.promise;
  } finally {
    const closed = new Promise((resolve) => socket.addEventListener('close', resolve));
    socket.close();
    await closed;
  }
}

/**
 * The status line and headers of a raw WebSocket handshake over TCP, to see exactly what the
 * server sent with its 101 (the WebSocket API hides them).
 */
export async function rawHandshake(origin: string, path: string, requestOrigin: string): Promise<{ status: number; headers: Headers }> {
  const { hostname, port } = new URL(origin);
  const conn = await Deno.connect({ hostname, port: Number(port) });
  try {
    const request =
      `GET ${path} HTTP/1.1\r\nHost: ${hostname}:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
      `Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\nOrigin: ${requestOrigin}\r\n\r\n`;
    await conn.write(new TextEncoder().encode(request));
    const decoder = new TextDecoder();
    let head = '';
    const buffer = new Uint8Array(4096);
    while (!head.includes('\r\n\r\n')) {
      const n = await conn.read(buffer);
      if (n === null) throw new Error(`connection closed during the handshake: ${head}`);
      head += decoder.decode(buffer.subarray(0, n), { stream: true });
    }
    const [statusLine = '', ...lines] = head.slice(0, head.indexOf('\r\n\r\n')).split('\r\n');
    const headers = new Headers();
    for (const line of lines) {
      const colon = line.indexOf(':');
      headers.append(line.slice(0, colon).trim(), line.slice(colon + 1).trim());
    }
    return { status: Number(statusLine.split(' ')[1]), headers };
  } finally {
    conn.close();
  }
}

/** The command packages/deno/README.md prints for running `file` (the first it names). */
export async function printedCommand(file: string): Promise<string> {
  const readme = await Deno.readTextFile(repoPath('packages/deno/README.md'));
  const command = [...readme.matchAll(/`(deno (?:run|serve) [^`]*)`/g)].map((m) => m[1]!).find((c) => c.endsWith(` ${file}`));
  if (command === undefined) throw new Error(`the README prints no command that runs ${file}`);
  return command;
}
