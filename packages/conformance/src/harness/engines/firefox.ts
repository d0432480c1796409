// Firefox: Debian's /usr/bin/firefox-esr, driven by puppeteer-core over WebDriver BiDi
// (playwright-core cannot drive a stock Firefox). Its reports are its console messages: a CORS
// refusal arrives as a BiDi `log.entryAdded` error ("Cross-Origin Request Blocked: ... (Reason:
// ...)"), which puppeteer surfaces as `pageerror`, a little after the fetch has failed.

import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser, type Frame, type Page } from 'puppeteer-core';
import type { PageOutcome } from '../evidence.ts';
import type { PageServer } from '../page-server.ts';
import { RUNNER_CALL, RunLog, SESSION_COOKIE, type EngineBrowser, type EngineLauncher, type Job, type LaunchContext } from './engine.ts';

export const FIREFOX_PATH = process.env.CONFORMANCE_FIREFOX ?? '/usr/bin/firefox-esr';

const PREFS: Record<string, unknown> = {
  // The API (127.0.0.1) is another site than the pages (localhost): accept its cookie as a
  // third-party cookie, unpartitioned (the default, 5, partitions it per top-level site, so the
  // credentialed scenarios would send no cookie). This is the user's "accept all cookies".
  'network.cookie.cookieBehavior': 0,
  // No background traffic of its own on a shared machine.
  'app.update.enabled': false,
  'browser.safebrowsing.malware.enabled': false,
  'browser.safebrowsing.phishing.enabled': false,
  'network.captive-portal-service.enabled': false,
  'network.connectivity-service.enabled': false,
};

function watch(page: Page, log: RunLog<string>): void {
  const file = (kind: string, text: string) => {
    const run = RunLog.runOf(text);
    if (run) log.push(run, `[${kind}] ${text}`);
  };
  page.on('console', (message) => file(message.type(), message.text()));
  page.on('pageerror', (error) => file('error', error instanceof Error ? error.message : String(error)));
}

/**
 * Firefox ESR 153, freshly started, sends a second preflight for its first one or two repeated
 * preflighted requests although the first answer allowed caching (Access-Control-Max-Age: 600);
 * from then on its preflight cache works as specified. Measured here, independent of the
 * server, of time since start-up and of the target; so the cache is used until it serves a
 * request (at most a few PUT pairs to the page server), before any scenario runs.
 */
async function warmUpPreflightCache(page: Page, server: PageServer): Promise<void> {
  for (let attempt = 0; attempt < 6; attempt++) {
    const name = `attempt-${attempt}`;
    await page.evaluate(async (url: string) => {
      for (let i = 0; i < 2; i++) await fetch(url, { method: 'PUT' });
    }, server.warmUpUrl(name));
    if (server.warmUpPreflights(name) === 1) return;
  }
}

async function launch({ origins: { page: pageOrigin, other: otherOrigin }, pages }: LaunchContext): Promise<EngineBrowser> {
  const profile = mkdtempSync(join(tmpdir(), 'portcullis-firefox-'));
  let browser: Browser | undefined;
  try {
    browser = await puppeteer.launch({
      browser: 'firefox',
      executablePath: FIREFOX_PATH,
      headless: true,
      userDataDir: profile,
      extraPrefsFirefox: PREFS,
    });
    await browser.setCookie({ ...SESSION_COOKIE, domain: '127.0.0.1', path: '/', sameSite: 'None', secure: true });
    const log = new RunLog<string>();
    const page = (await browser.pages())[0] ?? (await browser.newPage());
    const otherPage = await browser.newPage();
    watch(page, log);
    watch(otherPage, log);
    await page.goto(`${pageOrigin}/`);
    await otherPage.goto(`${otherOrigin}/`);
    const sandboxed = page.frames().find((frame) => frame !== page.mainFrame());
    if (!sandboxed) throw new Error('the sandboxed iframe did not load');
    await sandboxed.waitForFunction(() => 'conformance' in window);
    const frames: Record<Job['from'], Frame> = {
      page: page.mainFrame(),
      'other-page': otherPage.mainFrame(),
      'sandboxed-iframe': sandboxed,
    };
    await warmUpPreflightCache(page, pages[0]);
    const version = (await browser.version()).replace(/^firefox\//i, 'Firefox ');
    const opened = browser;
    return {
      engine: 'firefox',
      version,
      driver: `puppeteer-core over WebDriver BiDi (${FIREFOX_PATH}); reports: console (log.entryAdded)`,
      async run(job: Job) {
        return (await frames[job.from].evaluate(RUNNER_CALL, [job.action, job.base] as const)) as PageOutcome;
      },
      reports: (run) => ({ corsErrors: [], console: log.get(run) }),
      async close() {
        await opened.close();
        rmSync(profile, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await browser?.close().catch(() => undefined);
    rmSync(profile, { recursive: true, force: true });
    throw error;
  }
}

export const firefoxLauncher: EngineLauncher = {
  engine: 'firefox',
  missing: () =>
    existsSync(FIREFOX_PATH)
      ? undefined
      : `Firefox is not installed at ${FIREFOX_PATH}: apt-get install -y --no-install-recommends firefox-esr (CONFORMANCE_FIREFOX overrides the path)`,
  launch,
};
