// The web-server tests (`portcullis export`: the differential test and the nginx, Apache and
// Caddy conformance targets) use the servers from Debian. Install whichever is missing when we
// may (as root, with apt-get), with the services the packages would start kept stopped: the
// tests run each server in the foreground on a free loopback port, never as a service.
//
// `node packages/tooling/src/web-servers.mjs` runs this on its own.

import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { log, must } from './process.mjs';

/** Each server, its Debian package, its binary and the service the package starts. */
const WEB_SERVERS = [
  { server: 'nginx', packages: ['nginx'], binary: '/usr/sbin/nginx', service: 'nginx' },
  { server: 'Apache httpd', packages: ['apache2'], binary: '/usr/sbin/apache2', service: 'apache2' },
  { server: 'Caddy', packages: ['caddy'], binary: '/usr/bin/caddy', service: 'caddy' },
];

/** Debian's hook that keeps maintainer scripts from starting services (exit 101: not allowed). */
const POLICY_RC_D = '/usr/sbin/policy-rc.d';

export async function ensureWebServers() {
  const missing = WEB_SERVERS.filter((s) => !existsSync(s.binary));
  if (missing.length === 0) return;
  const packages = missing.flatMap((s) => s.packages);
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot || spawnSync('apt-get', ['--version']).status !== 0) {
    console.error(
      `[portcullis] the web-server tests need ${missing.map((s) => s.server).join(', ')} from Debian; install them with\n` +
        `  sudo apt-get update && sudo apt-get install -y --no-install-recommends ${packages.join(' ')}\n` +
        `and stop the services they start (sudo service ${missing.map((s) => s.service).join(' stop; sudo service ')} stop), then run the command again.`,
    );
    process.exit(1);
  }
  log(`installing ${missing.map((s) => s.server).join(', ')} from Debian (apt-get install ${packages.join(' ')}), services kept stopped`);
  const env = { DEBIAN_FRONTEND: 'noninteractive' };
  // Keep the packages from starting their services on ports 80 and 443.
  const ownHook = !existsSync(POLICY_RC_D);
  if (ownHook) writeFileSync(POLICY_RC_D, '#!/bin/sh\nexit 101\n', { mode: 0o755 });
  try {
    await must('apt-get', ['update'], { env });
    await must('apt-get', ['install', '-y', '--no-install-recommends', ...packages], { env });
  } finally {
    if (ownHook) rmSync(POLICY_RC_D, { force: true });
  }
  // Where a service started anyway (no policy hook honoured), stop it and keep it from starting again.
  for (const s of missing) {
    spawnSync('service', [s.service, 'stop'], { stdio: 'ignore' });
    spawnSync('systemctl', ['disable', s.service], { stdio: 'ignore' });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await ensureWebServers();
