// How to run a complete configuration in the foreground, as the header comment of each one
// says: the command, its arguments, and the environment it needs (Caddy keeps its data under
// HOME). The tests and the conformance targets start the servers exactly this way.

import type { WebServer } from './settings.js';

interface RunCommand {
  readonly command: string;
  readonly args: readonly string[];
  /** Variables to set: Caddy's data and configuration folders, kept under `dir`. */
  readonly env: Readonly<Record<string, string>>;
}

/**
 * The command that runs `configFile` (written by `exportConfig` with `standalone`) in the
 * foreground, its relative files (pid, temporary files) under `dir`. Debian names Apache's
 * binary `apache2`; pass `apacheBinary: 'httpd'` elsewhere.
 */
export function standaloneCommand(server: WebServer, dir: string, configFile: string, apacheBinary = 'apache2'): RunCommand {
  switch (server) {
    case 'nginx':
      return { command: 'nginx', args: ['-p', dir.endsWith('/') ? dir : `${dir}/`, '-c', configFile], env: {} };
    case 'apache':
      return { command: apacheBinary, args: ['-d', dir, '-f', configFile, '-DFOREGROUND'], env: {} };
    case 'caddy':
      return {
        command: 'caddy',
        args: ['run', '--adapter', 'caddyfile', '--config', configFile],
        env: { HOME: dir, XDG_CONFIG_HOME: `${dir}/config`, XDG_DATA_HOME: `${dir}/data` },
      };
  }
}
