// What Chromium itself says about each request: the CORS error of the DevTools protocol
// (`Network.loadingFailed.corsErrorStatus`) and the console messages. Both are filed under the
// run id found in the URL, so each scenario run sees only its own reports.

import type { BrowserContext, CDPSession, Frame, Page } from 'playwright-core';

export interface CorsErrorReport {
  readonly url: string;
  readonly corsError: string;
  readonly failedParameter: string;
}

const RUN_IN_URL = /\/r\/([A-Za-z0-9-]+)\//;

function runOf(text: string): string | undefined {
  return RUN_IN_URL.exec(text)?.[1];
}

interface LoadingFailed {
  requestId: string;
  errorText: string;
  corsErrorStatus?: { corsError: string; failedParameter: string };
}

export class ChromiumReports {
  readonly #urls = new Map<string, string>();
  readonly #corsErrors = new Map<string, CorsErrorReport[]>();
  readonly #console = new Map<string, string[]>();
  readonly #sessions: CDPSession[] = [];

  async watch(context: BrowserContext, page: Page): Promise<void> {
    page.on('console', (message) => {
      const run = runOf(message.text());
      if (run) this.#push(this.#console, run, `[${message.type()}] ${message.text()}`);
    });
    await this.#attach(await context.newCDPSession(page));
  }

  /** An out-of-process iframe (a sandboxed one is) has its own DevTools target. */
  async watchFrame(context: BrowserContext, frame: Frame): Promise<void> {
    let session: CDPSession;
    try {
      session = await context.newCDPSession(frame);
    } catch {
      return; // in-process: the page's session already sees its requests
    }
    await this.#attach(session);
  }

  corsErrors(run: string): readonly CorsErrorReport[] {
    return this.#corsErrors.get(run) ?? [];
  }

  console(run: string): readonly string[] {
    return this.#console.get(run) ?? [];
  }

  async #attach(session: CDPSession): Promise<void> {
    this.#sessions.push(session);
    session.on('Network.requestWillBeSent', (event: { requestId: string; request: { url: string } }) => {
      this.#urls.set(event.requestId, event.request.url);
    });
    session.on('Network.loadingFailed', (event: LoadingFailed) => {
      const url = this.#urls.get(event.requestId) ?? '';
      const run = runOf(url);
      if (!run || !event.corsErrorStatus) return;
      const { corsError, failedParameter } = event.corsErrorStatus;
      this.#push(this.#corsErrors, run, { url, corsError, failedParameter });
    });
    await session.send('Network.enable');
  }

  #push<T>(map: Map<string, T[]>, key: string, value: T): void {
    const list = map.get(key);
    if (list) list.push(value);
    else map.set(key, [value]);
  }
}
