// The console text the cards predict, checked against what Chromium prints, for every check
// that public/explain.js knows, including answers today's policy never gives (a 2xx preflight
// that leaves out the method or header, which core sends once explainRefusals lands). A stub
// API answers each way; the same request log as the playground's records what it sent.
import { createServerAdapter } from '@whatwg-node/server';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleMessages, failedCheck } from '../public/explain.js';
import { listen, type Listening } from '../src/listen.js';
import { requestLog } from '../src/playground/request-log.js';
import { launchChromium, type Chromium } from './chromium.js';

interface Answer {
  /** The check the answer fails, as failedCheck must name it. */
  check: string;
  /** What the script sends. */
  init: RequestInit;
  /** How the stub answers the preflight (if one is sent) and the request. */
  preflight?: (origin: string) => { status: number; headers: Record<string, string> };
  actual?: (origin: string) => Record<string, string>;
}

const ANSWERS: Record<string, Answer> = {
  'preflight without Access-Control-Allow-Origin': {
    check: 'preflight-origin',
    init: { headers: { 'x-debug': 'on' } },
    preflight: () => ({ status: 403, headers: {} }),
  },
  'preflight with the origin but a 403': {
    check: 'preflight-status',
    init: { headers: { 'x-debug': 'on' } },
    preflight: (origin) => ({ status: 403, headers: { 'access-control-allow-origin': origin } }),
  },
  'preflight that does not list the header': {
    check: 'header',
    init: { headers: { 'x-debug': 'on' } },
    preflight: (origin) => ({
      status: 204,
      headers: { 'access-control-allow-origin': origin, 'access-control-allow-headers': 'content-type, x-user' },
    }),
  },
  'preflight that does not list the method': {
    check: 'method',
    init: { method: 'PATCH' },
    preflight: (origin) => ({
      status: 204,
      headers: { 'access-control-allow-origin': origin, 'access-control-allow-methods': 'GET, POST, PUT, DELETE' },
    }),
  },
  'response without Access-Control-Allow-Origin': { check: 'origin', init: {}, actual: () => ({}) },
  'response for another origin': {
    check: 'origin',
    init: {},
    actual: () => ({ 'access-control-allow-origin': 'https://myapp.es' }),
  },
  'credentialed response without Access-Control-Allow-Credentials': {
    check: 'credentials',
    init: { credentials: 'include' },
    actual: (origin) => ({ 'access-control-allow-origin': origin }),
  },
  'credentialed response with *': {
    check: 'origin',
    init: { credentials: 'include' },
    actual: () => ({ 'access-control-allow-origin': '*', 'access-control-allow-credentials': 'true' }),
  },
};

let api: Listening;
let site: Listening;
let browser: Chromium;
let page: Page;
const log = requestLog();
const printed: string[] = [];

beforeAll(async () => {
  const stub = log.recording(async (request) => {
    const answer = ANSWERS[decodeURIComponent(new URL(request.url).pathname.slice(1))]!;
    const origin = request.headers.get('origin') ?? '';
    if (request.method === 'OPTIONS') {
      const { status, headers } = answer.preflight!(origin);
      return new Response(null, { status, headers });
    }
    return new Response('{}', { headers: answer.actual?.(origin) ?? { 'access-control-allow-origin': origin } });
  });
  api = await listen(createServerAdapter(stub), 0, ['127.0.0.1']);
  site = await listen(createServerAdapter(() => new Response('<!doctype html><title>site</title>', { headers: { 'content-type': 'text/html' } })), 0, ['127.0.0.1']);
  browser = await launchChromium();
  page = await browser.context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error') printed.push(message.text());
  });
  await page.goto(`http://localhost:${site.port}/`);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await api?.close();
  await site?.close();
});

describe('the console text a card predicts is the one Chromium prints', () => {
  it.each(Object.entries(ANSWERS).map(([name, answer], index) => ({ name, answer, run: `c${index}` })))(
    '$name',
    async ({ name, answer, run }) => {
      const origin = `http://localhost:${site.port}`;
      const url = `http://127.0.0.1:${api.port}/${encodeURIComponent(name)}?run=${run}`;
      const error = await page.evaluate(
        async ([url, init]) => fetch(url, init).then(() => undefined, (e: unknown) => String(e)),
        [url, answer.init] as const,
      );
      expect(error, 'the browser blocks it').toBe('TypeError: Failed to fetch');
      const request = { origin, credentials: answer.init.credentials === 'include' };
      const failure = failedCheck(log.get(run), request)!;
      expect(failure.check).toBe(answer.check);
      const { chromium } = consoleMessages(failure, { ...request, url });
      await expect.poll(() => printed, { timeout: 3000 }).toContain(chromium);
    },
  );
});
