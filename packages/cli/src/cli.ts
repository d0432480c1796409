// The command line: dispatches to one module per command (commands/), prints the main help and
// the version, and turns every error into one line and exit status 2. Output and environment
// come in as arguments, so tests run it in-process.

import { NetworkError, UsageError } from './errors.js';
import { audit } from './commands/audit.js';
import { check } from './commands/check.js';
import { exportCommand } from './commands/export.js';
import type { Io } from './commands/io.js';
import { proxy } from './commands/proxy.js';
import { safeText } from './safe-text.js';
import { VERSION } from './version.js';

export type { Io } from './commands/io.js';
export { AUDIT_HELP } from './commands/audit.js';
export { CHECK_HELP } from './commands/check.js';
export { PROXY_HELP } from './commands/proxy.js';
export { EXPORT_HELP } from './commands/export.js';

export const MAIN_HELP = `Usage: portcullis <command> [options]

Commands:
  check <url> --origin <origin>    what a browser would do with fetch(url) from a page on <origin>
  proxy --target <url> --origin <origin>
                                   a CORS proxy on 127.0.0.1 in front of an API that has none
  audit <url>... --origin <origin> every CORS misconfiguration of a server, with its proof and its fix
  export nginx|apache|caddy --origin <origin>
                                   the web server configuration that applies the same policy

Run 'portcullis <command> --help' for a command's options.
  --version   print the version
`;

/** The commands, by name: each parses its own arguments and resolves with its exit status. */
const COMMANDS: Readonly<Record<string, (args: string[], io: Io) => Promise<number>>> = { check, audit, proxy, export: exportCommand };
const NAMES = Object.keys(COMMANDS);
const LISTED = `${NAMES.slice(0, -1).map((n) => `'${n}'`).join(', ')} or '${NAMES.at(-1)}'`;

/** Runs the command line; resolves with the exit status. Never throws. */
export async function main(argv: string[], io: Io): Promise<number> {
  const [command, ...rest] = argv;
  const run = command !== undefined && Object.hasOwn(COMMANDS, command) ? COMMANDS[command] : undefined;
  const name = run === undefined ? undefined : command;
  try {
    if (command === undefined) throw new UsageError(`a command is needed: ${LISTED} (see 'portcullis --help')`);
    if (command === '--help' || command === '-h' || command === 'help') {
      io.stdout.write(MAIN_HELP);
      return 0;
    }
    if (command === '--version' || command === '-v') {
      io.stdout.write(`${VERSION}\n`);
      return 0;
    }
    if (run !== undefined) return await run(rest, io);
    throw new UsageError(`unknown command '${command}': use ${LISTED} (see 'portcullis --help')`);
  } catch (error) {
    const known = error instanceof UsageError || error instanceof NetworkError;
    const message = known ? error.message : `unexpected error: ${(error as Error)?.message ?? String(error)}`;
    // A network error quotes what the server sent; a usage error, what was typed.
    io.stderr.write(`portcullis${name ? ` ${name}` : ''}: ${safeText(message)}\n`);
    return 2;
  }
}
