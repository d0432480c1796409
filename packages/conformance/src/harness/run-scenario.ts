// Runs one scenario against one target in one engine: a fresh run id in the URL (so the
// preflight cache, the server log and the engine's reports of one run never mix with another's),
// the page action from the scenario's initiator, then the judgement and, on failure, the full
// story. For an engine whose console only a driver-less browser prints (WebKit), a blocked
// scenario runs a second time there, and that run's console is the engine's report.

import { randomBytes } from 'node:crypto';
import type { PageOrigins, Scenario } from '../scenario-types.ts';
import { actionUrl, type RunPlaces } from './console-text.ts';
import { refusalsReported } from './engine-reasons.ts';
import type { EngineBrowser, EngineReports, Job } from './engines/engine.ts';
import { expectationFor, type PageOutcome } from './evidence.ts';
import { judge } from './judge.ts';
import { normalisedConsole, reportsComplete } from './reports-check.ts';
import { isPreflight, type Exchange, type RecordingProxy } from './recording-proxy.ts';

export interface ConsoleRun {
  readonly url: string;
  readonly outcome: PageOutcome;
  readonly exchanges: readonly Exchange[];
  readonly console: readonly string[];
}

export interface ScenarioRun {
  readonly scenario: Scenario;
  readonly engine: EngineBrowser['engine'];
  readonly target: string;
  readonly url: string;
  readonly outcome: PageOutcome;
  readonly exchanges: readonly Exchange[];
  /** The engine's reports, from this run or from its console run; undefined when it gives none. */
  readonly reports: EngineReports | undefined;
  readonly consoleRun?: ConsoleRun;
  /** Where the run whose reports are kept happened (the console run's, for WebKit). */
  readonly reportPlaces: RunPlaces;
  /** How often the application's write handler ran, for write-protection scenarios. */
  readonly handlerRuns?: number;
  readonly problems: readonly string[];
  readonly durationMs: number;
}

// Engines report over their own channels, after the page has seen the failure (Firefox's
// console message a little later still). Once an engine has worded another refusal than the
// expected one, it gets a grace period for more words: Firefox prints a preflight's failure
// and then the request's, a little apart; Chromium reports once (its CORS error and console
// line are both in by the time a refusal is recognised).
const REPORT_WAIT_MS = 5_000;
const OTHER_REFUSAL_GRACE_MS: Record<EngineBrowser['engine'], number> = { chromium: 250, firefox: 1_500, webkit: 1_500 };

async function settle(check: () => boolean): Promise<void> {
  const deadline = Date.now() + REPORT_WAIT_MS;
  while (!check() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 25));
}

/** How often the application's `write` ran for a run, asked of the target itself (unrecorded). */
async function handlerRuns(proxy: RecordingProxy, scenario: Scenario, run: string): Promise<number> {
  const response = await fetch(new URL('writes', proxy.targetUrl(scenario.name, run)), { signal: AbortSignal.timeout(10_000) });
  const body = (await response.json()) as { runs?: unknown };
  if (typeof body.runs !== 'number') throw new Error(`the target's write counter answered ${response.status} ${JSON.stringify(body)}`);
  return body.runs;
}

function newJob(proxy: RecordingProxy, scenario: Scenario): Job {
  const run = randomBytes(6).toString('hex');
  return { from: scenario.from ?? 'page', action: scenario.action, base: proxy.scenarioUrl(scenario.name, run), run };
}

export async function runScenario(
  browser: EngineBrowser,
  proxy: RecordingProxy,
  target: string,
  scenario: Scenario,
  origins: PageOrigins,
): Promise<ScenarioRun> {
  const started = performance.now();
  const engine = browser.engine;
  const readable = expectationFor(scenario, engine).readable;
  const refusal = readable === true ? undefined : readable.reason;
  const job = newJob(proxy, scenario);
  const outcome = await browser.run(job);
  const answered = (run: string) => proxy.exchanges(run).every((e) => e.status !== undefined || e.error !== undefined);
  const inRun = browser.consoleRun === undefined;
  // Wait for the expected words; once the engine has worded some other refusal instead, only
  // a moment longer (Firefox's second message about a preflight follows its first closely).
  let otherSince: number | undefined;
  const places = (base: string): RunPlaces => ({ url: actionUrl(scenario.action, base), api: proxy.origin, origins });
  await settle(() => {
    if (!answered(job.run)) return false;
    if (!inRun || !refusal || outcome.readable) return true;
    const reports = browser.reports(job.run);
    if (reportsComplete(scenario, engine, places(job.base), reports)) return true;
    if (refusalsReported(engine, reports.corsErrors, reports.console).length === 0) return false;
    otherSince ??= Date.now();
    return Date.now() - otherSince > OTHER_REFUSAL_GRACE_MS[engine];
  });
  let reports = inRun ? browser.reports(job.run) : undefined;
  let reportPlaces = places(job.base);
  let consoleRun: ConsoleRun | undefined;
  if (!inRun && refusal) {
    const second = newJob(proxy, scenario);
    const consoleOutcome = await browser.consoleRun!(second);
    await settle(() => answered(second.run));
    reports = browser.reports(second.run);
    reportPlaces = places(second.base);
    consoleRun = { url: second.base, outcome: consoleOutcome, exchanges: proxy.exchanges(second.run), console: reports.console };
  }
  const exchanges = proxy.exchanges(job.run);
  const expectation = expectationFor(scenario, engine);
  const runs = expectation.write ? await handlerRuns(proxy, scenario, job.run) : undefined;
  const problems = judge(scenario, origins, {
    engine,
    outcome,
    exchanges,
    reports,
    reportPlaces,
    ...(runs === undefined ? {} : { handlerRuns: runs }),
  });
  if (consoleRun?.outcome.readable) problems.push('the console run (driver-less browser) could read the response');
  return {
    scenario,
    engine,
    target,
    url: job.base,
    outcome,
    exchanges,
    reports,
    ...(consoleRun ? { consoleRun } : {}),
    reportPlaces,
    ...(runs === undefined ? {} : { handlerRuns: runs }),
    problems,
    durationMs: performance.now() - started,
  };
}

const SHOWN_HEADERS = /^(access-control-|vary$|location$|content-type$|x-total$|set-cookie$|portcullis-refusal$)/;

function describeExchange(exchange: Exchange): string {
  const kind = isPreflight(exchange) ? 'preflight' : 'request';
  const asked = ['origin', 'access-control-request-method', 'access-control-request-headers', 'sec-fetch-site', 'cookie']
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

/** The failure message: scenario, engine, target, what the engine reported, what the server sent. */
export function describeRun(result: ScenarioRun, heading = 'failed'): string {
  const { scenario, reports } = result;
  const reported = reports
    ? [
        ...(result.engine === 'chromium' ? [`  Chromium CORS errors: ${reports.corsErrors.join(', ') || 'none'}`] : []),
        `  ${result.engine} console${result.consoleRun ? ` (console run at ${result.consoleRun.url})` : ''}: ${reports.console.join(' | ') || 'nothing'}`,
        `  ${result.engine} console, as a scenario declares it: ${normalisedConsole(result.engine, reports, result.reportPlaces).map((l) => JSON.stringify(l)).join(' | ') || 'nothing'}`,
      ]
    : [`  ${result.engine} reports: none for this run`];
  return [
    `[${result.engine} ${result.target}] ${scenario.name} ${heading}: ${scenario.title}`,
    ...result.problems.map((problem) => `  - ${problem}`),
    `  page (${scenario.from ?? 'page'}) did ${JSON.stringify(scenario.action)} at ${result.url}`,
    `  page observed: ${JSON.stringify(result.outcome)}`,
    ...(result.handlerRuns === undefined ? [] : [`  the application's write handler ran ${result.handlerRuns} time(s)`]),
    ...reported,
    `  server exchanges (${result.exchanges.length}):`,
    ...result.exchanges.map(describeExchange),
    ...(result.consoleRun
      ? [`  console run observed: ${JSON.stringify(result.consoleRun.outcome)}`, ...result.consoleRun.exchanges.map(describeExchange)]
      : []),
  ].join('\n');
}
