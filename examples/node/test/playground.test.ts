// The playground in real Chromium: every card reaches the result the policy predicts, the
// console says what the cards say it says, editing the policy flips the right cards and their
// titles, the layout leaves no gaps and fits a phone, and the README's picture of it shows what
// the page shows.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, type Chromium } from './chromium.js';
import { pageState, PICTURE_FILE, SNAPSHOT_FILE, type Snapshot } from './page-state.js';
import { startServers, type Running } from '../src/servers.js';

interface CardState {
  name: string;
  title: string;
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
        title: card.querySelector('h3')?.textContent ?? '',
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
  { name: 'simple-get', expected: 'allowed', title: 'A simple GET' },
  { name: 'json-post', expected: 'allowed', title: 'A JSON POST: preflighted' },
  { name: 'custom-header-allowed', expected: 'allowed', title: 'A custom header the API allows: x-user' },
  {
    name: 'custom-header-refused',
    expected: 'blocked',
    title: 'A custom header the API does not allow: x-debug',
    because: "request header 'x-debug' is not allowed",
  },
  { name: 'put', expected: 'allowed', title: 'A method the API allows: PUT' },
  {
    name: 'method-refused',
    expected: 'blocked',
    title: 'A method the API does not allow: PATCH',
    because: "method 'PATCH' is not allowed (allowed: GET, POST, PUT, DELETE)",
  },
  { name: 'exposed-header', expected: 'allowed', title: 'A response header the API exposes: x-request-id' },
  {
    name: 'hidden-header',
    expected: 'blocked',
    title: 'A response header that stays hidden: x-served-by',
    because: 'x-served-by is not in exposeHeaders',
  },
  { name: 'credentials', expected: 'allowed', title: 'A request with a cookie: credentials allowed' },
  { name: 'other-origin-read', expected: 'blocked', title: 'Another site reads the API', because: 'has no Access-Control-Allow-Origin' },
  { name: 'other-origin-form', expected: 'blocked', title: 'Another site’s form posts to the API' },
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
    expect(state.title).toBe(c.title);
    expect(state.expected).toBe(c.expected);
    expect(state.observed).toBe(c.expected);
    if ('because' in c) expect(state.explanation).toContain(c.because);
  });

  it('other-origin-form: the other site’s form never reaches the handler', () => {
    const state = states['other-origin-form']!;
    expect(state.title).toBe('Another site’s form posts to the API');
    expect(state.expected).toBe('blocked');
    expect(state.observed).toBe('blocked');
  });

  it('gives each card the portcullis check command for its request, labelled CLI, as run from the repository root', async () => {
    const commands = await page.$$eval('[data-case] [data-cli] code', (codes) => codes.map((code) => code.textContent));
    expect(commands).toHaveLength(CASES.length);
    for (const command of commands) expect(command).toMatch(/^npx portcullis check http:\/\/127\.0\.0\.1:\d+\/api\/\S+ --origin http:\/\/\S+/);
    expect(commands[3]).toBe(`npx portcullis check ${running.api}/api/hello --origin ${running.playground} --header x-debug`);
    const labels = await page.$$eval('[data-case] [data-cli] .cli-label', (spans) => spans.map((span) => span.textContent));
    expect(labels).toEqual(CASES.map(() => 'CLI'));
  });

  it('is what the README’s picture shows: the same cards, titles, verdicts and statuses', async () => {
    const dir = join(import.meta.dirname, '..');
    const snapshot = JSON.parse(readFileSync(join(dir, SNAPSHOT_FILE), 'utf8')) as Snapshot;
    // The picture is the one the state was recorded with (pnpm --filter example-node run screenshot writes both).
    expect(createHash('sha256').update(readFileSync(join(dir, PICTURE_FILE))).digest('hex')).toBe(snapshot.png);
    expect(await pageState(page)).toEqual(snapshot.cards);
  });

  it('prints, for each blocked request, the console message Chromium printed', () => {
    const predicted = Object.values(states).flatMap((state) => (state.chromium === undefined ? [] : [state.chromium]));
    // custom-header-refused, method-refused, other-origin-read
    expect(predicted).toHaveLength(3);
    for (const message of predicted) expect(consoleErrors).toContain(message);
  });
});

interface Box {
  readonly left: number;
  readonly top: number;
  readonly bottom: number;
  readonly right: number;
}

/** The boxes of the elements `selector` matches, in page coordinates. */
function boxes(selector: string): Promise<Box[]> {
  return page.$$eval(selector, (elements) =>
    elements.map((element) => {
      const r = element.getBoundingClientRect();
      return { left: Math.round(r.left), top: Math.round(r.top + window.scrollY), bottom: Math.round(r.bottom + window.scrollY), right: Math.round(r.right) };
    }),
  );
}

/** The cards, column by column, each column from top to bottom. */
async function columns(): Promise<Box[][]> {
  const byLeft = new Map<number, Box[]>();
  for (const box of await boxes('[data-case]')) byLeft.set(box.left, [...(byLeft.get(box.left) ?? []), box]);
  return [...byLeft.entries()].sort(([a], [b]) => a - b).map(([, column]) => column.sort((a, b) => a.top - b.top));
}

/** The space between each card and the one above it, or the top of the list for the first. */
async function gaps(): Promise<number[]> {
  const [list] = await boxes('#cards');
  return (await columns()).flatMap((column) => column.map((card, i) => card.top - (i === 0 ? list!.top : column[i - 1]!.bottom)));
}

// The cards differ in height (a refused preflight shows more than a simple GET): they must
// stack in columns without the holes a grid row leaves under its shorter cards.
describe('the layout', () => {
  afterAll(async () => {
    await page.setViewportSize({ width: 1440, height: 900 });
  });

  it('puts the cards in two columns on a wide screen, 16 px apart, without holes', async () => {
    expect(await columns()).toHaveLength(2);
    for (const gap of await gaps()) expect(gap === 0 || gap === 16, `a gap of ${gap} px`).toBe(true);
    expect((await gaps()).filter((gap) => gap === 0)).toHaveLength(2);
  });

  it('stacks everything on a phone: one column of cards, the origins one above the other, each arrow between them', async () => {
    await page.setViewportSize({ width: 420, height: 900 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(420);
    expect(await columns()).toHaveLength(1);
    for (const gap of await gaps()) expect(gap === 0 || gap === 16, `a gap of ${gap} px`).toBe(true);
    const items = await boxes('.origins > li');
    expect(items).toHaveLength(5);
    for (let i = 1; i < items.length; i++) expect(items[i]!.top, `origin item ${i} is below the one before`).toBeGreaterThanOrEqual(items[i - 1]!.bottom);
    for (const item of items) expect(item.right).toBeLessThanOrEqual(420);
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
    // A card's title follows the policy: none keeps a claim the new policy denies.
    const retitled = Object.values(after)
      .filter((state) => state.title !== before[state.name]!.title)
      .map((state) => [state.name, state.title]);
    expect(retitled).toEqual([
      ['custom-header-allowed', 'A custom header the API does not allow: x-user'],
      ['method-refused', 'A method the API allows: PATCH'],
      ['hidden-header', 'A response header the API exposes: x-served-by'],
      ['credentials', 'A request with a cookie: credentials not allowed'],
    ]);
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
    for (const c of CASES) expect(states[c.name]!.title, c.name).toBe(c.title);
    for (const c of CASES.filter((c) => c.name !== 'other-origin-form')) expect(states[c.name]!.observed, c.name).toBe(c.expected);
    expect(await page.locator('[data-problem]').count()).toBe(0);
  }, 60_000);
});
