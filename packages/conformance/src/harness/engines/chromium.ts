// Chromium: Debian's /usr/bin/chromium, driven by playwright-core over the DevTools protocol
// (never a browser download), with a fresh profile. Its reports are the richest: DevTools names
// each CORS failure (`Network.loadingFailed.corsErrorStatus`) and shows the console line.

import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type CDPSession, type Frame, type Page } from 'playwright-core';
import type { PageOutcome } from '../evidence.ts';
import { RUNNER_CALL, RunLog, SESSION_COOKIE, type EngineBrowser, type EngineLauncher, type Job, type LaunchContext } from './engine.ts';

export const CHROMIUM_PATH = process.env.CONFORMANCE_CHROMIUM ?? '/usr/bin/chromium';

const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

interface LoadingFailed {
  requestId: string;
  corsErrorStatus?: { corsError: string; failedParameter: string };
}

/** DevTools' CORS errors and console lines, per run. */
class ChromiumReports {
  readonly #urls = new Map<string, string>();
  readonly corsErrors = new RunLog<string>();
  readonly console = new RunLog<string>();

  watchConsole(page: Page): void {
    page.on('console', (message) => {
      const run = RunLog.runOf(message.text());
      if (run) this.console.push(run, `[${message.type()}] ${message.text()}`);
    });
  }

  async attach(session: CDPSession): Promise<void> {
    session.on('Network.requestWillBeSent', (event: { requestId: string; request: { url: string } }) => {
      this.#urls.set(event.requestId, event.request.url);
    });
    session.on('Network.loadingFailed', (event: LoadingFailed) => {
      const run = RunLog.runOf(this.#urls.get(event.requestId) ?? '');
      if (run && event.corsErrorStatus) this.corsErrors.push(run, event.corsErrorStatus.corsError);
    });
    await session.send('Network.enable');
  }

  async attachFrame(context: BrowserContext, frame: Frame): Promise<void> {
    let session: CDPSession;
    try {
      session = await context.newCDPSession(frame);
    } catch {
      return; // in-process: the page's session already sees its requests
    }
    await this.attach(session);
  }
}

async function launch({ origins: { page: pageOrigin, other: otherOrigin } }: LaunchContext): Promise<EngineBrowser> {
  const profile = mkdtempSync(join(tmpdir(), 'portcullis-chromium-'));
  // The API (127.0.0.1) is another site than the pages (localhost), so its cookie is a
  // third-party cookie; a new profile blocks those, which would make every credentialed
  // scenario vacuous. This is the user's "allow third-party cookies" setting.
  mkdirSync(join(profile, 'Default'));
  writeFileSync(join(profile, 'Default', 'Preferences'), JSON.stringify({ profile: { cookie_controls_mode: 0 } }));
  let context: BrowserContext | undefined;
  try {
    context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM_PATH, headless: true, args: ARGS });
    // SameSite=None (with Secure, which Chromium accepts for loopback) so that cross-site
    // credentialed requests carry it; domain 127.0.0.1 covers every API port.
    await context.addCookies([{ ...SESSION_COOKIE, domain: '127.0.0.1', path: '/', sameSite: 'None', secure: true }]);
    const reports = new ChromiumReports();
    const page = context.pages()[0] ?? (await context.newPage());
    const otherPage = await context.newPage();
    for (const p of [page, otherPage]) {
      reports.watchConsole(p);
      await reports.attach(await context.newCDPSession(p));
    }
    await page.goto(`${pageOrigin}/`);
    await otherPage.goto(`${otherOrigin}/`);
    const sandboxed = page.frames().find((frame) => frame !== page.mainFrame());
    if (!sandboxed) throw new Error('the sandboxed iframe did not load');
    await sandboxed.waitForFunction(() => 'conformance' in window);
    await reports.attachFrame(context, sandboxed);
    const versionSession = await context.newCDPSession(page);
    const { product } = (await versionSession.send('Browser.getVersion')) as { product: string };
    await versionSession.detach();
    const frames: Record<Job['from'], Frame> = {
      page: page.mainFrame(),
      'other-page': otherPage.mainFrame(),
      'sandboxed-iframe': sandboxed,
    };
    const opened = context;
    return {
      engine: 'chromium',
      version: product.replace('HeadlessChrome/', 'Chromium ').replace('Chrome/', 'Chromium '),
      driver: `playwright-core over the DevTools protocol (${CHROMIUM_PATH}); reports: Network.CorsError and console`,
      async run(job: Job) {
        return (await frames[job.from].evaluate(RUNNER_CALL, [job.action, job.base] as const)) as PageOutcome;
      },
      reports: (run) => ({ corsErrors: reports.corsErrors.get(run), console: reports.console.get(run) }),
      async close() {
        await opened.close();
        rmSync(profile, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await context?.close().catch(() => undefined);
    rmSync(profile, { recursive: true, force: true });
    throw error;
  }
}

export const chromiumLauncher: EngineLauncher = {
  engine: 'chromium',
  missing: () =>
    existsSync(CHROMIUM_PATH)
      ? undefined
      : `Chromium is not installed at ${CHROMIUM_PATH}: apt-get install -y --no-install-recommends chromium (CONFORMANCE_CHROMIUM overrides the path)`,
  launch,
};
