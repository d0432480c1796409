// `portcullis proxy`: its help, its flags; runs until the stop signal.

import { parseArgs } from 'node:util';
import { CorsConfigError } from '@portcullis/core';
import { UsageError } from '../errors.js';
import { describeConfigError } from '../proxy.js';
import { startCorsProxy, type RunningProxy } from '../serve.js';
import { POLICY_FLAGS, POLICY_FLAGS_HELP, policyOptions } from '../policy-options.js';
import { safeText } from '../safe-text.js';
import { parsed } from './args.js';
import type { Io } from './io.js';

export const PROXY_HELP = `Usage: portcullis proxy --target <url> (--origin <origin>... | --policy <file>) [options]

Listens on 127.0.0.1 and forwards every request to <url> (path and query only; the request's
host is never used), replacing the upstream's Access-Control-* headers with a CORS policy built
from these options. Preflights are answered by the proxy. Stop it with Ctrl-C.

Options:
  --target <url>           the API to forward to, e.g. https://api.example (required)
${POLICY_FLAGS_HELP}  --port <n>               the port to listen on (default 8787; 0 picks a free one)
  --host <address>         the address to listen on (default 127.0.0.1)
  --dangerously-allow-non-loopback
                           allow a --host that is not loopback: anyone who reaches it can use the proxy
  --allowed-host <name>    another name the proxy answers to; repeat for several. It answers 421 to
                           any Host but localhost, *.localhost and IP addresses with its port, so
                           that a page on another name rebound to 127.0.0.1 (DNS rebinding) gets nothing
  --help                   this text
`;

export async function proxy(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parsed('proxy', () =>
    parseArgs({
      args,
      allowPositionals: true,
      strict: true,
      options: {
      ...POLICY_FLAGS,
      target: { type: 'string' },
      port: { type: 'string' },
      host: { type: 'string' },
      'dangerously-allow-non-loopback': { type: 'boolean' },
      'allowed-host': { type: 'string', multiple: true },
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
  const policy = await policyOptions(values);
  const port = values.port;
  if (port !== undefined && !/^[0-9]+$/.test(port)) throw new UsageError(`--port must be a number, not '${port}'`);
  let running: RunningProxy;
  try {
    running = await startCorsProxy({
      target,
      policy,
      port: port === undefined ? undefined : Number(port),
      host: values.host,
      dangerouslyAllowNonLoopback: values['dangerously-allow-non-loopback'] === true,
      allowedHosts: values['allowed-host'],
      onRequest: (entry) => {
        // The path and Origin are the client's: a page can put C1 controls in its Origin.
        const line = `${entry.method} ${entry.path} ${entry.status} ${entry.origin ?? '-'} ${entry.allowed ? '' : '✘ '}${entry.detail}`;
        io.stdout.write(`${safeText(line)}\n`);
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

