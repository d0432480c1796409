// `portcullis check`: its help, its flags, its exit status.

import { parseArgs } from 'node:util';
import { checkCors, exitCodeOf } from '../check.js';
import { UsageError } from '../errors.js';
import { renderCheck, useColor } from '../render.js';
import { safeJson } from '../safe-text.js';
import { ENGINES, oneOf, parseHeader, parsed } from './args.js';
import type { Io } from './io.js';

export const CHECK_HELP = `Usage: portcullis check <url> --origin <origin> [options]

Does what a page on <origin> calling fetch(url, { method, headers, credentials }) makes the
browser do, step by step: whether a preflight is needed and why, the preflight exactly as sent
and every check on its answer, the actual request and its CORS check, which response headers
the page's script can read, and redirects. Each failure comes with its fix. Like a browser, it
never connects to one of the Fetch Standard's bad ports (6665, 10080, ...), redirected or not;
what the server sends is printed with its control characters escaped.

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


export async function check(args: string[], io: Io): Promise<number> {
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
  const browser = oneOf(values.browser, '--browser', ENGINES);
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
    browser,
    timeoutMs: timeout === undefined ? undefined : Number(timeout),
  });
  if (values.json) io.stdout.write(`${safeJson(result, 2)}\n`);
  else io.stdout.write(renderCheck(result, { color: useColor(io.stdout, io.env) }));
  return exitCodeOf(result);
}

