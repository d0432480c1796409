// The browser tests use browsers from Debian, never downloaded ones; install them when missing
// and we may (as root, with apt-get), otherwise say what to install.

import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { log, must } from './process.mjs';

const CHROMIUM = '/usr/bin/chromium';

export async function ensureBrowsers() {
  if (existsSync(CHROMIUM)) return;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot || spawnSync('apt-get', ['--version']).status !== 0) {
    console.error(
      `[portcullis] the browser tests need Chromium at ${CHROMIUM}; install it with\n` +
        '  sudo apt-get install -y chromium\nand run the command again.',
    );
    process.exit(1);
  }
  log('installing Chromium from Debian (apt-get install chromium)');
  await must('apt-get', ['update'], { env: { DEBIAN_FRONTEND: 'noninteractive' } });
  await must('apt-get', ['install', '-y', '--no-install-recommends', 'chromium'], {
    env: { DEBIAN_FRONTEND: 'noninteractive' },
  });
}
