// The command line: `portcullis check` and `portcullis proxy`, their help, their exit status.
// Output and environment come in as arguments, so tests run it in-process.

import { parseArgs } from 'node:util';
import { CorsConfigError } from '@portcullis/core';
import type { Engine } from '@portcullis/browser-model';
import { checkCors, exitCodeOf } from './check.js';
import { NetworkError, UsageError } from './errors.js';
import { describeConfigError } from './proxy.js';
import { renderCheck, useColor } from './render.js';
import { startCorsProxy, type RunningProxy } from './serve.js';
import { VERSION } from './version.js';

export interface Io {
  readonly stdout: { write(text: string): unknown; isTTY?: boolean };
  readonly stderr: { write(text: string): unknown };
  readonly env: NodeJS.ProcessEnv;
  /** Resolves when the proxy should stop (SIGINT/SIGTERM in the real command). */
  readonly stopSignal?: Promise<unknown>;
}

export const MAIN_HELP = `Usage: portcullis <command> [options]

Commands:
  check <url> --origin <origin>    what a browser would do with fetch(url) from a page on <origin>
  proxy --target <url> --origin <origin>
                                   a CORS proxy on 127.0.0.1 in front of an API that has none

Run 'portcullis <command> --help' for a command's options.
  --version   print the version
`;

export const CHECK_HELP = `Usage: portcullis check <url> --origin <origin> [options]

Does what a page on <origin> calling fetch(url, { method, headers, credentials }) makes the
browser do, step by step: whether a preflight is needed and why, the preflight exactly as sent
and every check on its answer, the actual request and its CORS check, which response headers
the page's script can read, and redirects. Each failure comes with its fix.

Options:
  --origin <origin>        the page's origin, e.g. https://app.example (required)
  --method <method>        the method passed to fetch() (default GET)
  --header '<name>: <value>'
                           a header the script sets; repeat for several
  --credentials            credentials: 'include' (no cookies are sent; the credentialed rules apply)
  --send                   also send the actual request when it is not GET or HEAD
  --browser <name>         chromium (default), firefox or standard: whose rules decide
  --json                   print one machine-readable verdict with every step
  --timeout <ms>           per request (default 10000)
  --help                   this text

Exit status: 0 a browser would allow it, 1 it would block it, 2 a usage or network error.
`;

export const PROXY_HELP = `Usage: portcullis proxy --target <url> --origin <origin>... [options]

Listens on 127.0.0.1 and forwards every request to <url> (path and query only; the request's
host is never used), replacing the upstream's Access-Control-* headers with a CORS policy built
from these options. Preflights are answered by the proxy. Stop it with Ctrl-C.

Options:
  --target <url>           the API to forward to, e.g. https://api.example (required)
  --origin <origin>        an origin allowed to read responses; repeat for several (required)
  --port <n>               the port to listen on (default 8787; 0 picks a free one)
  --credentials            allow credentialed requests (cookies)
  --allow-header <name>    a request header allowed in preflights; repeat (default content-type)
  --allow-method <method>  a method allowed in preflights; repeat (default GET HEAD POST PUT PATCH DELETE)
  --expose-header <name>   a response header the page's script may read; repeat
  --host <address>         the address to listen on (default 127.0.0.1)
  --dangerously-allow-non-loopback
                           allow a --host that is not loopback: anyone who reaches it can use the proxy
  --help                   this text
`;

/** Runs `parse`, turning node:util's parse errors into one-line usage errors. */
function parsed<T>(command: string, parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    const message = (error as Error).message.replace(/\. To specify a positional argument.*$/s, '');
    throw new UsageError(`${message.replace(/^Unknown option/, 'unknown option')} (see 'portcullis ${command} --help')`);
  }
}

function parseHeader(raw: string): [string, string] {
  const colon = raw.indexOf(':');
  const name = colon === -1 ? '' : raw.slice(0, colon).trim();
  if (name === '') throw new UsageError(`--header '${raw}' must be written 'name: value'`);
  return [name, raw.slice(colon + 1).trim()];
}

const ENGINES_ALLOWED: readonly Engine[] = ['chromium', 'firefox', 'standard'];

async function check(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parsed('check', () =>
    parseArgs({
      args,
      allowPositionals: true,
      strict: true,
      options: {
      origin: { type: 'string' },
      method: { type: 'string' },
      header: { type: 'string', short: 'H', multiple: true },
      credentials: { type: 'boolean' },
      send: { type: 'boolean' },
      browser: { type: 'string' },
      json: { type: 'boolean' },
      timeout: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
      },
    }),
  );
  if (values.help) {
    io.stdout.write(CHECK_HELP);
    return 0;
  }
  if (positionals.length === 0) throw new UsageError("the URL to check is missing: portcullis check <url> --origin <origin>");
  if (positionals.length > 1) throw new UsageError(`one URL at a time, got ${positionals.length}: ${positionals.join(' ')}`);
  const browser = values.browser;
  if (browser !== undefined && !ENGINES_ALLOWED.includes(browser as Engine)) {
    throw new UsageError(`--browser must be chromium, firefox or standard, not '${browser}'`);
  }
  const timeout = values.timeout;
  if (timeout !== undefined && !/^[1-9][0-9]*$/.test(timeout)) {
    throw new UsageError(`--timeout must be a positive whole number of milliseconds, not '${timeout}'`);
  }
  const result = await checkCors({
    url: positionals[0]!,
    origin: values.origin ?? '',
    method: values.method,
    headers: (values.header ?? []).map(parseHeader),
    credentials: values.credentials === true,
    send: values.send === true,
    browser: browser as Engine | undefined,
    timeoutMs: timeout === undefined ? undefined : Number(timeout),
  });
  if (values.json) io.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  else io.stdout.write(renderCheck(result, { color: useColor(io.stdout, io.env) }));
  return exitCodeOf(result);
}

async function proxy(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parsed('proxy', () =>
    parseArgs({
      args,
      allowPositionals: true,
      strict: true,
      options: {
      target: { type: 'string' },
      origin: { type: 'string', multiple: true },
      port: { type: 'string' },
      credentials: { type: 'boolean' },
      'allow-header': { type: 'string', multiple: true },
      'allow-method': { type: 'string', multiple: true },
      'expose-header': { type: 'string', multiple: true },
      host: { type: 'string' },
      'dangerously-allow-non-loopback': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
      },
    }),
  );
  if (values.help) {
    io.stdout.write(PROXY_HELP);
    return 0;
  }
  if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}' (see 'portcullis proxy --help')`);
  const target = values.target;
  if (target === undefined) throw new UsageError('--target is required: the API to forward to, e.g. --target https://api.example');
  const origins = values.origin ?? [];
  if (origins.length === 0) {
    throw new UsageError('--origin is required: an origin allowed to read responses, e.g. --origin http://localhost:5173');
  }
  const port = values.port;
  if (port !== undefined && !/^[0-9]+$/.test(port)) throw new UsageError(`--port must be a number, not '${port}'`);
  let running: RunningProxy;
  try {
    running = await startCorsProxy({
      target,
      origin: origins,
      credentials: values.credentials === true ? true : undefined,
      allowHeaders: values['allow-header'],
      allowMethods: values['allow-method'],
      exposeHeaders: values['expose-header'],
      port: port === undefined ? undefined : Number(port),
      host: values.host,
      dangerouslyAllowNonLoopback: values['dangerously-allow-non-loopback'] === true,
      onRequest: (entry) => {
        io.stdout.write(`${entry.method} ${entry.path} ${entry.status} ${entry.origin ?? '-'} ${entry.allowed ? '' : '✘ '}${entry.detail}\n`);
      },
    });
  } catch (error) {
    if (error instanceof CorsConfigError) throw new UsageError(describeConfigError(error));
    throw error;
  }
  io.stdout.write(`portcullis proxy ${running.url} -> ${running.target}\n`);
  await (io.stopSignal ?? new Promise(() => undefined));
  await running.close();
  return 0;
}

/** Runs the command line; resolves with the exit status. Never throws. */
export async function main(argv: string[], io: Io): Promise<number> {
  const [command, ...rest] = argv;
  const name = command === 'check' || command === 'proxy' ? command : undefined;
  try {
    if (command === undefined) throw new UsageError("a command is needed: check or proxy (see 'portcullis --help')");
    if (command === '--help' || command === '-h' || command === 'help') {
      io.stdout.write(MAIN_HELP);
      return 0;
    }
    if (command === '--version' || command === '-v') {
      io.stdout.write(`${VERSION}\n`);
      return 0;
    }
    if (command === 'check') return await check(rest, io);
    if (command === 'proxy') return await proxy(rest, io);
    throw new UsageError(`unknown command '${command}': use 'check' or 'proxy' (see 'portcullis --help')`);
  } catch (error) {
    const known = error instanceof UsageError || error instanceof NetworkError;
    const message = known ? error.message : `unexpected error: ${(error as Error)?.message ?? String(error)}`;
    io.stderr.write(`portcullis${name ? ` ${name}` : ''}: ${message}\n`);
    return 2;
  }
}
