// WebKit: Debian's WebKitGTK (the MiniBrowser shipped with libwebkit2gtk-4.1), under a virtual X
// display, two ways at once:
//
// - the matrix run, driven by WebKitWebDriver (WebDriver classic): the page outcome, judged
//   with the recording proxy's evidence (WebDriver classic exposes no console and no network
//   events);
// - the console run, a second MiniBrowser with no driver at all, started with
//   `--enable-write-console-messages-to-stdout=true` (WebKit prints its CORS messages there only
//   when no driver is attached): autopilot pages take each blocked scenario's job from the page
//   server, and the lines printed while a job runs are its console.
//
// WebKitGTK rather than WPE's cog: Debian 12's WPE WebKit is 2.38 (2022), its WebKitGTK is
// 2.50, the engine current Safari ships; Xvfb costs a few megabytes.

import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { PageOrigins } from '../../scenario-types.ts';
import { freePort, startProcess, type RunningProcess } from '../child-process.ts';
import type { PageOutcome } from '../evidence.ts';
import type { AutopilotRole, PageServer } from '../page-server.ts';
import { createSession, type WebDriverSession } from '../webdriver.ts';
import { startXvfb, XVFB_PATH, type Display } from '../xvfb.ts';
import { RunLog, type EngineBrowser, type EngineLauncher, type Job, type LaunchContext } from './engine.ts';

export const WEBKIT_DRIVER_PATH = process.env.CONFORMANCE_WEBKIT_DRIVER ?? '/usr/bin/WebKitWebDriver';

/** MiniBrowser lives in the multiarch library directory (`/usr/lib/x86_64-linux-gnu/...`). */
export function miniBrowserPath(): string | undefined {
  if (process.env.CONFORMANCE_WEBKIT_BROWSER) return process.env.CONFORMANCE_WEBKIT_BROWSER;
  let entries: string[] = [];
  try {
    entries = readdirSync('/usr/lib');
  } catch {
    return undefined;
  }
  return entries
    .map((dir) => join('/usr/lib', dir, 'webkit2gtk-4.1', 'MiniBrowser'))
    .find((path) => existsSync(path));
}

// Third-party cookies (the API on 127.0.0.1, pages on localhost) are refused by default
// (`no-third-party`); Intelligent Tracking Prevention is off unless `--enable-itp`.
const BROWSER_ARGS = ['--cookies-policy=always'];
const START_TIMEOUT_MS = 60_000;
// The console line naming the URL is printed before the fetch rejects, but it travels through a
// pipe while the page's report travels over HTTP: wait this long for it at most.
const CONSOLE_WAIT_MS = 2_000;

const RUN_SCRIPT = `const done = arguments[arguments.length - 1];
window.conformance.run(arguments[0], arguments[1]).then(done, (error) => done({ readable: false, error: String(error) }));`;

const READY_SCRIPT = `const done = arguments[arguments.length - 1];
const check = () => ('conformance' in window ? done(true) : setTimeout(check, 20));
check();`;

async function waitForDriver(url: string, driver: RunningProcess): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (driver.child.exitCode !== null) throw new Error(`WebKitWebDriver exited (${driver.child.exitCode}): ${driver.output()}`);
    try {
      const response = await fetch(`${url}/status`, { signal: AbortSignal.timeout(2_000) });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`WebKitWebDriver did not answer on ${url} in time: ${driver.output()}`);
}

/** The driver-less browser whose stdout carries WebKit's console. */
async function startConsoleBrowser(binary: string, display: Display, pages: readonly PageServer[], origins: PageOrigins) {
  const [page, other] = pages as [PageServer, PageServer];
  const log = new RunLog<string>();
  let current: string | undefined;
  const browser = startProcess({
    command: binary,
    args: [
      ...BROWSER_ARGS,
      '--enable-write-console-messages-to-stdout=true',
      page.cookieUrl(`${origins.page}/autopilot`),
      `${origins.other}/autopilot`,
    ],
    cwd: '/',
    env: { DISPLAY: display.name },
  });
  browser.onLine((line) => {
    if (current && line.includes('CONSOLE ')) log.push(current, line);
  });
  const exited = new Promise<never>((_, reject) =>
    browser.child.once('exit', (code, signal) => reject(new Error(`MiniBrowser (console run) exited (${code ?? signal}): ${browser.output()}`))),
  );
  exited.catch(() => undefined);
  try {
    await Promise.race([
      Promise.all([page.waitForRoles(['page', 'sandboxed'], START_TIMEOUT_MS), other.waitForRoles(['page'], START_TIMEOUT_MS)]),
      exited,
    ]);
  } catch (error) {
    await browser.stop();
    throw error;
  }
  return {
    log,
    async run(job: Job): Promise<PageOutcome> {
      const server = job.from === 'other-page' ? other : page;
      const role: AutopilotRole = job.from === 'sandboxed-iframe' ? 'sandboxed' : 'page';
      current = job.run;
      try {
        const outcome = (await Promise.race([server.dispatch(role, { action: job.action, base: job.base, run: job.run }), exited])) as PageOutcome;
        // A response the page could read leaves nothing to wait for (the judge fails it anyway).
        if (outcome.readable) return outcome;
        const deadline = Date.now() + CONSOLE_WAIT_MS;
        while (!log.get(job.run).some((line) => line.includes(`/r/${job.run}/`)) && Date.now() < deadline) {
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
        return outcome;
      } finally {
        current = undefined;
      }
    },
    stop: () => browser.stop(),
  };
}

async function launch({ origins, pages }: LaunchContext): Promise<EngineBrowser> {
  const binary = miniBrowserPath()!;
  const stops: (() => Promise<void>)[] = [];
  const stopAll = async () => {
    for (const stop of stops.splice(0).reverse()) await stop().catch(() => undefined);
  };
  try {
    const display = await startXvfb();
    stops.push(() => display.stop());
    const port = await freePort();
    const driverUrl = `http://127.0.0.1:${port}`;
    const driver = startProcess({
      command: WEBKIT_DRIVER_PATH,
      args: [`--port=${port}`, '--host=127.0.0.1'],
      cwd: '/',
      env: { DISPLAY: display.name },
    });
    stops.push(() => driver.stop());
    await waitForDriver(driverUrl, driver);
    // MiniBrowser needs `--automation` to accept a WebDriver session; the driver does not add it.
    const session: WebDriverSession = await createSession(
      driverUrl,
      { 'webkitgtk:browserOptions': { binary, args: ['--automation', ...BROWSER_ARGS] } },
      START_TIMEOUT_MS,
    );
    stops.push(() => session.delete());
    const [pageServer] = pages as [PageServer, PageServer];
    await session.navigate(pageServer.cookieUrl(`${origins.page}/`));
    const main = await session.windowHandle();
    await session.executeAsync(READY_SCRIPT, []);
    const otherWindow = await session.newWindow();
    await session.switchToWindow(otherWindow);
    await session.navigate(`${origins.other}/`);
    await session.executeAsync(READY_SCRIPT, []);
    await session.switchToWindow(main);
    await session.switchToFrame(0);
    await session.executeAsync(READY_SCRIPT, []);
    let context: Job['from'] = 'sandboxed-iframe';
    const enter = async (from: Job['from']) => {
      if (from === context) return;
      await session.switchToWindow(from === 'other-page' ? otherWindow : main);
      if (from === 'sandboxed-iframe') await session.switchToFrame(0);
      context = from;
    };

    const consoleBrowser = await startConsoleBrowser(binary, display, pages, origins);
    stops.push(() => consoleBrowser.stop());
    const version = `WebKitGTK ${String(session.capabilities.browserVersion ?? '?')}`;
    return {
      engine: 'webkit',
      version,
      driver: `WebKitWebDriver (WebDriver classic) + MiniBrowser under Xvfb (${binary}); reports: console of a driver-less MiniBrowser`,
      async run(job: Job) {
        await enter(job.from);
        return session.executeAsync<PageOutcome>(RUN_SCRIPT, [job.action, job.base]);
      },
      reports: (run) => ({ corsErrors: [], console: consoleBrowser.log.get(run) }),
      consoleRun: (job) => consoleBrowser.run(job),
      close: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

export const webkitLauncher: EngineLauncher = {
  engine: 'webkit',
  missing() {
    const absent: string[] = [];
    if (!miniBrowserPath()) absent.push('MiniBrowser (libwebkit2gtk-4.1)');
    if (!existsSync(WEBKIT_DRIVER_PATH)) absent.push(`WebKitWebDriver at ${WEBKIT_DRIVER_PATH}`);
    if (!existsSync(XVFB_PATH)) absent.push(`Xvfb at ${XVFB_PATH}`);
    return absent.length === 0
      ? undefined
      : `WebKit is not installed (${absent.join(', ')}): apt-get install -y --no-install-recommends webkit2gtk-driver xvfb`;
  },
  launch,
};
