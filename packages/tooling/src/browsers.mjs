// The browser tests use browsers from Debian, never downloaded ones: Chromium, Firefox ESR and
// WebKitGTK (its WebDriver and MiniBrowser, under Xvfb). Install whichever is missing when we
// may (as root, with apt-get), otherwise say exactly what to install.
//
// `node packages/tooling/src/browsers.mjs` runs this on its own.

import { existsSync, readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { log, must } from './process.mjs';

/** WebKitGTK's MiniBrowser lives in the multiarch directory, e.g. /usr/lib/x86_64-linux-gnu. */
function miniBrowserInstalled() {
  try {
    return readdirSync('/usr/lib').some((dir) => existsSync(`/usr/lib/${dir}/webkit2gtk-4.1/MiniBrowser`));
  } catch {
    return false;
  }
}

/** What each engine needs on disk, and the Debian packages that provide it. */
export const BROWSERS = [
  { engine: 'Chromium', packages: ['chromium'], installed: () => existsSync('/usr/bin/chromium') },
  { engine: 'Firefox', packages: ['firefox-esr'], installed: () => existsSync('/usr/bin/firefox-esr') },
  {
    engine: 'WebKit',
    packages: ['webkit2gtk-driver', 'xvfb'],
    installed: () => existsSync('/usr/bin/WebKitWebDriver') && existsSync('/usr/bin/Xvfb') && miniBrowserInstalled(),
  },
];

/** The Debian packages still to install (empty when every browser is there). */
export function missingPackages(browsers = BROWSERS) {
  return browsers.filter((browser) => !browser.installed()).flatMap((browser) => browser.packages);
}

export async function ensureBrowsers() {
  const missing = missingPackages();
  if (missing.length === 0) return;
  const engines = BROWSERS.filter((browser) => !browser.installed()).map((browser) => browser.engine);
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot || spawnSync('apt-get', ['--version']).status !== 0) {
    console.error(
      `[portcullis] the browser tests need ${engines.join(', ')} from Debian; install them with\n` +
        `  sudo apt-get update && sudo apt-get install -y --no-install-recommends ${missing.join(' ')}\n` +
        'and run the command again (on another system, install the same engines and point the tests at them:\n' +
        '  CONFORMANCE_CHROMIUM, CONFORMANCE_FIREFOX, CONFORMANCE_WEBKIT_DRIVER, CONFORMANCE_WEBKIT_BROWSER, CONFORMANCE_XVFB).',
    );
    process.exit(1);
  }
  log(`installing ${engines.join(', ')} from Debian (apt-get install ${missing.join(' ')})`);
  const env = { DEBIAN_FRONTEND: 'noninteractive' };
  await must('apt-get', ['update'], { env });
  await must('apt-get', ['install', '-y', '--no-install-recommends', ...missing], { env });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await ensureBrowsers();
