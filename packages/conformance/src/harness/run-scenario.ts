// Runs one scenario against one target: a fresh run id in the URL (so the preflight cache,
// the server log and Chromium's reports of one run never mix with another's), the page action
// from the scenario's initiator, then the judgement and, on failure, the full story.

import { randomBytes } from 'node:crypto';
import type { Frame } from 'playwright-core';
import type { PageOrigins, Scenario } from '../scenario-types.ts';
import type { Browser } from './browser.ts';
import type { CorsErrorReport } from './chromium-reports.ts';
import { judge, type PageOutcome } from './judge.ts';
import { isPreflight, type Exchange, type RecordingProxy } from './recording-proxy.ts';

export interface ScenarioRun {
  readonly scenario: Scenario;
  readonly target: string;
  readonly url: string;
  readonly outcome: PageOutcome;
  readonly exchanges: readonly Exchange[];
  readonly corsErrors: readonly CorsErrorReport[];
  readonly console: readonly string[];
  readonly problems: readonly string[];
}

// Chromium's reports arrive over the DevTools connection after the page has seen the failure.
const REPORT_WAIT_MS = 5_000;

function frameFor(browser: Browser, scenario: Scenario): Frame {
  switch (scenario.from ?? 'page') {
    case 'page':
      return browser.page.mainFrame();
    case 'other-page':
      return browser.otherPage.mainFrame();
    case 'sandboxed-iframe':
      return browser.sandboxedFrame;
  }
}

async function settle(check: () => boolean): Promise<void> {
  const deadline = Date.now() + REPORT_WAIT_MS;
  while (!check() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 25));
}

export async function runScenario(
  browser: Browser,
  proxy: RecordingProxy,
  target: string,
  scenario: Scenario,
  origins: PageOrigins,
): Promise<ScenarioRun> {
  const run = randomBytes(6).toString('hex');
  const url = proxy.scenarioUrl(scenario.name, run);
  const outcome = await frameFor(browser, scenario).evaluate(
    ([action, base]) => (window as unknown as { conformance: { run(a: unknown, b: string): Promise<unknown> } }).conformance.run(action, base),
    [scenario.action, url] as const,
  ) as PageOutcome;
  // A request the page could not read has a CORS error on its way, unless the scenario expects
  // a no-cors load (which Chromium withholds without any error).
  const expectsSilence = scenario.expect.readable !== true && scenario.expect.readable.corsError === null;
  const reportDue = !outcome.readable && !expectsSilence;
  const answered = () => proxy.exchanges(run).every((e) => e.status !== undefined || e.error !== undefined);
  await settle(() => answered() && (!reportDue || browser.reports.corsErrors(run).length > 0));
  const exchanges = proxy.exchanges(run);
  const corsErrors = browser.reports.corsErrors(run);
  return {
    scenario,
    target,
    url,
    outcome,
    exchanges,
    corsErrors,
    console: browser.reports.console(run),
    problems: judge(scenario, origins, { outcome, exchanges, corsErrors }),
  };
}

const SHOWN_HEADERS = /^(access-control-|vary$|location$|content-type$|x-total$|set-cookie$)/;

function describeExchange(exchange: Exchange): string {
  const kind = isPreflight(exchange) ? 'preflight' : 'request';
  const asked = ['origin', 'access-control-request-method', 'access-control-request-headers', 'cookie']
    .filter((name) => exchange.requestHeaders[name] !== undefined)
    .map((name) => `${name}: ${String(exchange.requestHeaders[name])}`);
  const sent = (exchange.responseHeaders ?? []).filter(([name]) => SHOWN_HEADERS.test(name)).map(([n, v]) => `${n}: ${v}`);
  return [
    `    ${kind} ${exchange.method} ${exchange.path}`,
    ...asked.map((line) => `      > ${line}`),
    `      < ${exchange.status ?? exchange.error ?? 'no answer'}`,
    ...sent.map((line) => `      < ${line}`),
  ].join('\n');
}

/** The failure message: scenario, target, what Chromium reported, what the server sent. */
export function describeRun(result: ScenarioRun, heading = 'failed'): string {
  const { scenario } = result;
  return [
    `[${result.target}] ${scenario.name} ${heading}: ${scenario.title}`,
    ...result.problems.map((problem) => `  - ${problem}`),
    `  page (${scenario.from ?? 'page'}) did ${JSON.stringify(scenario.action)} at ${result.url}`,
    `  page observed: ${JSON.stringify(result.outcome)}`,
    `  Chromium CORS errors: ${result.corsErrors.map((r) => `${r.corsError}${r.failedParameter ? `(${r.failedParameter})` : ''} on ${r.url}`).join('; ') || 'none'}`,
    `  Chromium console: ${result.console.join(' | ') || 'nothing'}`,
    `  server exchanges (${result.exchanges.length}):`,
    ...result.exchanges.map(describeExchange),
  ].join('\n');
}
