// Debian's Chromium, driven by playwright-core (never a browser download), with a fresh
// profile and a page on http://localhost:<port> whose script makes the fetch() calls.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { start, type Running } from './servers.js';

export const CHROMIUM_PATH = '/usr/bin/chromium';

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** What the page's script observed. */
export interface PageResult {
  readonly ok: boolean;
  readonly status?: number;
  /** `[...response.headers.keys()]`: the names script can read. */
  readonly headers?: string[];
  readonly error?: string;
}

export interface PageCall {
  readonly url: string;
  readonly method?: string | undefined;
  readonly headers?: ReadonlyArray<readonly [string, string]> | undefined;
  readonly credentials?: boolean | undefined;
}

export interface Browser {
  /** The first page's origin, `http://localhost:<port>`. */
  readonly origin: string;
  /** Another origin's page, `http://localhost:<other port>`. */
  readonly otherOrigin: string;
  fetch(call: PageCall, from?: 'origin' | 'other'): Promise<PageResult>;
  /** Console errors since the last call (Chromium names the CORS failure there). */
  consoleErrors(): string[];
  close(): Promise<void>;
}

async function pageServer(): Promise<Running> {
  return start((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    res.end('<!doctype html><meta charset="utf-8"><title>portcullis cli test page</title>');
  });
}

export async function launch(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium is not installed at ${CHROMIUM_PATH}: apt-get install -y chromium (the tests never download a browser)`);
  }
  const servers = [await pageServer(), await pageServer()];
  const profile = mkdtempSync(join(tmpdir(), 'portcullis-cli-chromium-'));
  let context: BrowserContext | undefined;
  const errors: string[] = [];
  try {
    context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM_PATH, headless: true, args: ARGS });
    const pages: Page[] = [context.pages()[0] ?? (await context.newPage()), await context.newPage()];
    const origins = servers.map((s) => `http://localhost:${s.port}`);
    for (const [i, page] of pages.entries()) {
      page.on('console', (message) => {
        if (message.type() === 'error') errors.push(message.text());
      });
      await page.goto(`${origins[i]}/`);
    }
    const opened = context;
    return {
      origin: origins[0]!,
      otherOrigin: origins[1]!,
      async fetch(call, from = 'origin') {
        errors.length = 0;
        const page = pages[from === 'origin' ? 0 : 1]!;
        return page.evaluate(async ({ url, method, headers, credentials }) => {
          const init: RequestInit = { method, headers: new Headers(), credentials: credentials ? 'include' : 'same-origin' };
          for (const [name, value] of headers) (init.headers as Headers).append(name, value);
          try {
            const response = await fetch(url, init);
            await response.arrayBuffer();
            return { ok: true, status: response.status, headers: [...response.headers.keys()] };
          } catch (error) {
            return { ok: false, error: String(error) };
          }
        }, { url: call.url, method: call.method ?? 'GET', headers: [...(call.headers ?? [])], credentials: call.credentials === true });
      },
      consoleErrors: () => [...errors],
      async close() {
        await opened.close();
        await Promise.all(servers.map((s) => s.close()));
        rmSync(profile, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await context?.close().catch(() => undefined);
    await Promise.all(servers.map((s) => s.close()));
    rmSync(profile, { recursive: true, force: true });
    throw error;
  }
}
