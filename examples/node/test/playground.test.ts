// The playground in real Chromium: every card reaches the result the policy predicts, the
// console says what the cards say it says, and editing the policy flips the right cards.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, type Chromium } from './chromium.js';
import { startServers, type Running } from '../src/servers.js';

interface CardState {
  name: string;
  expected: string | undefined;
  observed: string | undefined;
  explanation: string;
  chromium: string | undefined;
}

let running: Running;
let browser: Chromium;
let page: Page;
const consoleErrors: string[] = [];

async function cardStates(): Promise<Record<string, CardState>> {
  const states = await page.$$eval('[data-case]', (elements) =>
    elements.map((element) => {
      const card = element as HTMLElement;
      return {
        name: card.dataset.case!,
        expected: card.dataset.expected,
        observed: card.dataset.observed,
        explanation: card.querySelector('[data-explanation]')?.textContent ?? '',
        chromium: card.querySelector('[data-console="chromium"]')?.textContent?.replace(/^Chromium/, ''),
      };
    }),
  );
  return Object.fromEntries(states.map((state) => [state.name, state]));
}

/** Waits until every card has run `passes` times in total. */
async function ranAll(passes: number) {
  await page.waitForFunction((n) => document.documentElement.dataset.passes === String(n), passes, { timeout: 45_000 });
  return cardStates();
}

async function apply(fields: Record<string, string>, credentials?: boolean) {
  for (const [name, value] of Object.entries(fields)) await page.fill(`#policy [name="${name}"]`, value);
  if (credentials !== undefined) await page.setChecked('#policy [name="credentials"]', credentials);
  await page.click('#policy button[type="submit"]');
}

beforeAll(async () => {
  running = await startServers({ api: 0, playground: 0, other: 0 });
  browser = await launchChromium();
  page = await browser.context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  await page.goto(running.playground);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await running?.close();
});

const CASES = [
  { name: 'simple-get', expected: 'allowed' },
  { name: 'json-post', expected: 'allowed' },
  { name: 'custom-header-allowed', expected: 'allowed' },
  { name: 'custom-header-refused', expected: 'blocked', because: "request header 'x-debug' is not allowed" },
  { name: 'put', expected: 'allowed' },
  { name: 'method-refused', expected: 'blocked', because: "method 'PATCH' is not allowed (allowed: GET, HEAD, POST, PUT, DELETE)" },
  { name: 'exposed-header', expected: 'allowed' },
  { name: 'hidden-header', expected: 'blocked', because: 'x-served-by is not in exposeHeaders' },
  { name: 'credentials', expected: 'allowed' },
  { name: 'other-origin-read', expected: 'blocked', because: 'has no Access-Control-Allow-Origin' },
  { name: 'other-origin-form', expected: 'blocked' },
] as const;

describe('the playground, in Chromium, with the policy of api.ts', () => {
  let states: Record<string, CardState>;
  beforeAll(async () => {
    states = await ranAll(1);
  }, 60_000);

  it('has exactly the documented cases', () => {
    expect(Object.keys(states)).toEqual(CASES.map((c) => c.name));
  });

  it.each(CASES.filter((c) => c.name !== 'other-origin-form'))('$name: expected $expected, and so it is', (c) => {
    const state = states[c.name]!;
    expect(state.expected).toBe(c.expected);
    expect(state.observed).toBe(c.expected);
    if ('because' in c) expect(state.explanation).toContain(c.because);
  });

  it('other-origin-form: the other site’s form never reaches the handler', () => {
    const state = states['other-origin-form']!;
    expect(state.expected).toBe('blocked');
    expect(state.observed).toBe('blocked');
  });

  it('gives each card the portcullis check command for its request', async () => {
    const commands = await page.$$eval('[data-case] [data-cli] code', (codes) => codes.map((code) => code.textContent));
    expect(commands).toHaveLength(CASES.length);
    for (const command of commands) expect(command).toMatch(/^portcullis check http:\/\/127\.0\.0\.1:\d+\/api\/\S+ --origin http:\/\/\S+/);
    expect(commands[3]).toBe(`portcullis check ${running.api}/api/hello --origin ${running.playground} --header x-debug`);
  });

  it('prints, for each blocked request, the console message Chromium printed', () => {
    const predicted = Object.values(states).flatMap((state) => (state.chromium === undefined ? [] : [state.chromium]));
    // custom-header-refused, method-refused, other-origin-read
    expect(predicted).toHaveLength(3);
    for (const message of predicted) expect(consoleErrors).toContain(message);
  });
});

describe('editing the policy', () => {
  it('flips the cards the change concerns, and only those', async () => {
    const before = await cardStates();
    await apply(
      { allowHeaders: 'content-type', allowMethods: 'GET, POST, PUT, PATCH, DELETE', exposeHeaders: 'x-request-id, x-served-by' },
      false,
    );
    const after = await ranAll(2);
    const flipped = Object.values(after)
      .filter((state) => state.observed !== before[state.name]!.observed)
      .map((state) => [state.name, state.observed]);
    expect(flipped).toEqual([
      ['custom-header-allowed', 'blocked'],
      ['method-refused', 'allowed'],
      ['hidden-header', 'allowed'],
      ['credentials', 'blocked'],
      // Write protection follows credentials unless set: without cookies, no forged write.
      ['other-origin-form', 'allowed'],
    ]);
    expect(after['custom-header-allowed']!.explanation).toContain("request header 'x-user' is not allowed");
    for (const state of Object.values(after)) expect(state.observed, state.name).toBe(state.expected);
  }, 60_000);

  it('shows an invalid origin’s problem inline, and keeps the policy in force', async () => {
    await apply({ origin: 'https://myapp.es\nhttp://localhost:5173/' });
    const problem = page.locator('[data-problems-for="origin"] [data-problem="origin[1]"]');
    await problem.waitFor();
    expect(await problem.textContent()).toContain("'http://localhost:5173/' ends with a slash");
    expect(await problem.textContent()).toContain("fix: write 'http://localhost:5173'");
    expect(await page.getAttribute('#origin', 'aria-invalid')).toBe('true');
    expect(await page.getAttribute('#policy', 'data-result')).toBe('invalid');
    expect(await page.evaluate(() => document.documentElement.dataset.passes)).toBe('2');
    const state = await (await fetch(`${running.playground}/playground/state`)).json();
    expect(state.options.origin).toEqual(['https://myapp.es', 'https://*.myapp.es', 'http://localhost:*']);
  });

  it('goes back to the policy of api.ts', async () => {
    await page.click('#policy [data-reset]');
    const states = await ranAll(3);
    for (const c of CASES.filter((c) => c.name !== 'other-origin-form')) expect(states[c.name]!.observed, c.name).toBe(c.expected);
    expect(await page.locator('[data-problem]').count()).toBe(0);
  }, 60_000);
});
