// `portcullis export`: its help, its flags; prints the configuration.

import { parseArgs } from 'node:util';
import { UsageError } from '../errors.js';
import { ExportError, exportConfig, WEB_SERVERS, type WebServer } from '../export/index.js';
import { POLICY_FLAGS, POLICY_FLAGS_HELP, policyOptions } from '../policy-options.js';
import { parsed } from './args.js';
import type { Io } from './io.js';

export const EXPORT_HELP = `Usage: portcullis export nginx|apache|caddy (--origin <origin>... | --policy <file>) [options]

Prints the web server configuration that answers every request as @portcullis/core does with
this policy: origins and patterns as anchored expressions, preflights answered (refusals
explained), Vary, CORS headers on error pages, the upstream's own CORS headers replaced, and
write protection. By default a snippet to include in your configuration (its first line says
where); with --standalone, a complete configuration that proxies to --upstream.

Options:
${POLICY_FLAGS_HELP}  --standalone             a complete configuration that runs as is, instead of a snippet
  --listen <host:port>     with --standalone: where to listen (default 127.0.0.1:8080)
  --upstream <url>         with --standalone: the API to proxy to, e.g. http://127.0.0.1:3000
  --help                   this text

Origin functions and onRefusal (in a .js policy) cannot be exported: list the origins instead.
`;

export async function exportCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parsed('export', () =>
    parseArgs({
      args,
      allowPositionals: true,
      strict: true,
      options: {
        ...POLICY_FLAGS,
        standalone: { type: 'boolean' },
        listen: { type: 'string' },
        upstream: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }),
  );
  if (values.help) {
    io.stdout.write(EXPORT_HELP);
    return 0;
  }
  const [server, ...extra] = positionals;
  if (server === undefined) throw new UsageError(`the web server is missing: portcullis export ${WEB_SERVERS.join('|')} --origin <origin>`);
  if (!(WEB_SERVERS as readonly string[]).includes(server)) throw new UsageError(`unknown web server '${server}': use ${WEB_SERVERS.join(', ')}`);
  if (extra.length > 0) throw new UsageError(`unexpected argument '${extra[0]}' (see 'portcullis export --help')`);
  if (!values.standalone && (values.listen !== undefined || values.upstream !== undefined)) {
    throw new UsageError(`--${values.listen !== undefined ? 'listen' : 'upstream'} is for a complete configuration: add --standalone`);
  }
  if (values.standalone && values.upstream === undefined) {
    throw new UsageError('--standalone needs --upstream: the API to proxy to, e.g. --upstream http://127.0.0.1:3000');
  }
  const policy = await policyOptions(values);
  const standalone = values.standalone ? { listen: values.listen ?? '127.0.0.1:8080', upstream: values.upstream! } : undefined;
  try {
    io.stdout.write(exportConfig(server as WebServer, policy, { standalone }));
  } catch (error) {
    if (error instanceof ExportError) throw new UsageError(error.message);
    throw error;
  }
  return 0;
}
