// One headless Debian Chromium for the whole run, driven by playwright-core (never a browser
// download), with a fresh profile, the two page origins open, and the session cookie the
// credentials scenarios send.

import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Frame, type Page } from 'playwright-core';
import { ChromiumReports } from './chromium-reports.ts';

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

/** The cookie every credentialed scenario expects the server to receive. */
export const SESSION_COOKIE = { name: 'session', value: 'conformance' } as const;

export interface Browser {
  readonly page: Page;
  readonly otherPage: Page;
  readonly sandboxedFrame: Frame;
  readonly reports: ChromiumReports;
  close(): Promise<void>;
}

export async function launchBrowser(pageOrigin: string, otherOrigin: string): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium is not installed at ${CHROMIUM_PATH}: install Debian's (apt-get install -y chromium); ` +
        'the conformance suite never downloads a browser.',
    );
  }
  const profile = mkdtempSync(join(tmpdir(), 'portcullis-chromium-'));
  // The API (127.0.0.1) is another site than the pages (localhost), so its cookie is a
  // third-party cookie; a new profile blocks those, which would make every credentialed
  // scenario vacuous. This is the user's "allow third-party cookies" setting.
  mkdirSync(join(profile, 'Default'));
  writeFileSync(join(profile, 'Default', 'Preferences'), JSON.stringify({ profile: { cookie_controls_mode: 0 } }));
  let context: BrowserContext | undefined;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: ARGS,
    });
    // SameSite=None (with Secure, which Chromium accepts for loopback) so that cross-site
    // credentialed requests carry it; domain 127.0.0.1 covers every API port.
    await context.addCookies([
      { ...SESSION_COOKIE, domain: '127.0.0.1', path: '/', sameSite: 'None', secure: true },
    ]);
    const reports = new ChromiumReports();
    const page = context.pages()[0] ?? (await context.newPage());
    const otherPage = await context.newPage();
    await reports.watch(context, page);
    await reports.watch(context, otherPage);
    await page.goto(`${pageOrigin}/`);
    await otherPage.goto(`${otherOrigin}/`);
    const sandboxedFrame = page.frames().find((frame) => frame !== page.mainFrame());
    if (!sandboxedFrame) throw new Error('the sandboxed iframe did not load');
    await sandboxedFrame.waitForFunction(() => 'conformance' in window);
    await reports.watchFrame(context, sandboxedFrame);
    const opened = context;
    return {
      page,
      otherPage,
      sandboxedFrame,
      reports,
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
