// Compares what happened in one scenario run in one engine (the page's observations, the
// engine's own reports and the exchanges the server had) with the scenario's expectation for
// that engine. Returns every discrepancy, so that a failure explains itself.
//
// A blocked scenario is blocked "for its stated reason" twice over: the server's answer must
// call for exactly that refusal under the Fetch Standard (wire-reason.ts, the same in every
// engine), and the engine's own report must word it (engine-reasons.ts) where the engine
// reports at all.

import { PIXEL_RGB as PIXEL } from '../app.ts';
import type { EngineName, Expectation, HeaderExpectation, PageOrigins, Scenario } from '../scenario-types.ts';
import { isRefusalLine, REFUSAL_WORDING } from './engine-reasons.ts';
import { SESSION_COOKIE, type EngineReports } from './engines/engine.ts';
import { headerValue, isPreflight, type Exchange } from './recording-proxy.ts';
import { wireRefusal } from './wire-reason.ts';

/** What the runner script reported from inside the page. */
export interface PageOutcome {
  readonly readable: boolean;
  readonly error?: string;
  readonly status?: number;
  readonly body?: string;
  readonly echo?: Record<string, unknown>;
  readonly headers?: Record<string, string | null>;
  readonly redirected?: boolean;
  readonly streamedIncrementally?: boolean;
  readonly canvas?: 'untainted' | 'tainted' | 'load-error';
  readonly pixel?: number[];
}

export interface Evidence {
  readonly engine: EngineName;
  readonly outcome: PageOutcome;
  readonly exchanges: readonly Exchange[];
  /** The engine's reports for the run, or undefined when it gives none for this run. */
  readonly reports: EngineReports | undefined;
}

/** The scenario's expectation in one engine: its own, with the engine's stated differences. */
export function expectationFor(scenario: Scenario, engine: EngineName): Expectation {
  const difference = scenario.engines?.[engine];
  return difference ? { ...scenario.expect, ...difference.expect } : scenario.expect;
}

/** What the engine's reports must contain for a blocked scenario (empty for a no-cors load). */
export function expectedReports(scenario: Scenario, engine: EngineName, origins: PageOrigins): { corsError?: string; console: string[] } {
  const readable = expectationFor(scenario, engine).readable;
  if (readable === true || readable.reason === null) return { console: [] };
  const wording = REFUSAL_WORDING[readable.reason][engine];
  const extra = readable.console?.[engine];
  const console = [...wording.console, ...(extra === undefined ? [] : [substitute(extra, origins)])];
  return wording.corsError === undefined ? { console } : { corsError: wording.corsError, console };
}

/** Whether the reports already hold everything the scenario expects of them. */
export function reportsComplete(scenario: Scenario, engine: EngineName, origins: PageOrigins, reports: EngineReports): boolean {
  const want = expectedReports(scenario, engine, origins);
  const text = reports.console.join('\n');
  return (want.corsError === undefined || reports.corsErrors.includes(want.corsError)) && want.console.every((part) => text.includes(part));
}

function checkReports(scenario: Scenario, evidence: Evidence, origins: PageOrigins, problems: string[]): void {
  const { engine, reports } = evidence;
  if (!reports) return;
  const refusals = reports.console.filter((line) => isRefusalLine(engine, line));
  const readable = expectationFor(scenario, engine).readable;
  if (readable === true || readable.reason === null) {
    if (reports.corsErrors.length > 0) problems.push(`${engine} reported CORS errors: ${reports.corsErrors.join(', ')}`);
    if (refusals.length > 0) problems.push(`${engine} printed a CORS refusal: ${refusals.join(' | ')}`);
    return;
  }
  const want = expectedReports(scenario, engine, origins);
  if (want.corsError !== undefined && !reports.corsErrors.includes(want.corsError)) {
    problems.push(`expected ${engine} to report ${want.corsError}, it reported ${reports.corsErrors.join(', ') || 'no CORS error'}`);
  }
  const text = reports.console.join('\n');
  for (const part of want.console) {
    if (!text.includes(part)) {
      problems.push(`expected ${engine}'s console to say ${JSON.stringify(part)}, it printed: ${reports.console.join(' | ') || 'nothing'}`);
    }
  }
}

function substitute(value: string, origins: PageOrigins): string {
  return value.replaceAll('$page', origins.page).replaceAll('$other', origins.other);
}

function tokens(value: string): string[] {
  return value
    .split(',')
    .map((token) => token.trim().toLowerCase())
    .filter(Boolean);
}

/** Undefined when `actual` meets `expected`, else why not. */
function headerMismatch(expected: HeaderExpectation, actual: string | null, origins: PageOrigins): string | undefined {
  if (expected === null) return actual === null ? undefined : `expected absent, got ${JSON.stringify(actual)}`;
  if (typeof expected === 'string') {
    const want = substitute(expected, origins);
    return actual === want ? undefined : `expected ${JSON.stringify(want)}, got ${JSON.stringify(actual)}`;
  }
  const have = tokens(actual ?? '');
  const missing = expected.includes.filter((token) => !have.includes(token.toLowerCase()));
  return missing.length === 0 ? undefined : `expected tokens ${missing.join(', ')} in ${JSON.stringify(actual)}`;
}

export function judge(scenario: Scenario, origins: PageOrigins, evidence: Evidence): string[] {
  const problems: string[] = [];
  const expect = expectationFor(scenario, evidence.engine);
  const { outcome, exchanges } = evidence;
  const preflights = exchanges.filter(isPreflight);
  const actual = exchanges.filter((e) => !isPreflight(e));

  // Readable, or blocked for the expected reason: by the server's answer, and in the engine's words.
  const wire = expect.noCors ? undefined : wireRefusal(scenario.action, exchanges);
  if (expect.noCors) {
    for (const exchange of exchanges) {
      if (exchange.requestHeaders.origin !== undefined) {
        problems.push(`expected a request without CORS (no Origin), ${exchange.method} ${exchange.path} carried Origin ${exchange.requestHeaders.origin}`);
      }
    }
  }
  if (expect.readable === true) {
    if (!outcome.readable) problems.push(`expected readable, but the page got: ${outcome.error ?? 'nothing'}`);
    if (wire) problems.push(`the server's answer calls for the refusal ${wire}, yet the scenario expects it readable`);
  } else {
    if (outcome.readable) problems.push('expected blocked, but the page could read the response');
    const want = expect.readable.reason;
    if (want === null) {
      if (wire) problems.push(`expected a no-cors load (no CORS check), the server's answer calls for ${wire}`);
    } else if (wire !== want) {
      problems.push(`expected the server's answer to call for the refusal ${want}, it calls for ${wire ?? 'none (every response passes the CORS check)'}`);
    }
  }
  checkReports(scenario, evidence, origins, problems);

  if (expect.status !== undefined && outcome.readable && outcome.status !== expect.status) {
    problems.push(`expected status ${expect.status}, the page saw ${outcome.status}`);
  }
  for (const [key, value] of Object.entries(expect.echo ?? {})) {
    const want = value === null ? null : substitute(value, origins);
    const got = outcome.echo?.[key];
    if (got !== want) problems.push(`the application should have received ${key}=${JSON.stringify(want)}, echo says ${JSON.stringify(got)}`);
  }
  for (const [name, value] of Object.entries(expect.headers ?? {})) {
    const mismatch = headerMismatch(value, outcome.headers?.[name] ?? null, origins);
    if (mismatch) problems.push(`response header ${name} as read by the page: ${mismatch}`);
  }
  for (const [name, value] of Object.entries(expect.sentHeaders ?? {})) {
    for (const exchange of actual) {
      const mismatch = headerMismatch(value, headerValue(exchange, name), origins);
      if (mismatch) problems.push(`header ${name} sent by the server on ${exchange.method} ${exchange.path}: ${mismatch}`);
    }
  }

  if (preflights.length !== expect.preflights) {
    problems.push(`expected ${expect.preflights} preflight(s), the server received ${preflights.length}`);
  }
  if (actual.length !== expect.actualRequests) {
    problems.push(`expected ${expect.actualRequests} actual request(s), the server received ${actual.length}`);
  }
  if (expect.requestMethod !== undefined) {
    const methods = exchanges.map((e) => (isPreflight(e) ? String(e.requestHeaders['access-control-request-method']) : e.method));
    if (!methods.includes(expect.requestMethod)) {
      problems.push(`expected the browser to ask for method ${expect.requestMethod}, the server saw ${methods.join(', ')}`);
    }
  }
  if (expect.requestOrigin !== undefined) {
    for (const exchange of exchanges) {
      if (exchange.requestHeaders.origin !== expect.requestOrigin) {
        problems.push(`expected Origin ${expect.requestOrigin} on ${exchange.method} ${exchange.path}, got ${exchange.requestHeaders.origin}`);
      }
    }
  }
  if (expect.cookieSent !== undefined) {
    const cookie = `${SESSION_COOKIE.name}=${SESSION_COOKIE.value}`;
    for (const exchange of actual) {
      const sent = (exchange.requestHeaders.cookie ?? '').includes(cookie);
      if (sent !== expect.cookieSent) problems.push(`expected the cookie ${expect.cookieSent ? '' : 'not '}to be sent on ${exchange.method} ${exchange.path}`);
    }
  }
  // Preflights never carry credentials (Fetch Standard, CORS-preflight fetch).
  for (const exchange of preflights) {
    if (exchange.requestHeaders.cookie) problems.push(`a preflight carried a cookie: ${exchange.path}`);
  }

  if (expect.redirected !== undefined && outcome.redirected !== expect.redirected) {
    problems.push(`expected redirected=${expect.redirected}, the page saw ${outcome.redirected}`);
  }
  if (expect.streamedIncrementally !== undefined && outcome.streamedIncrementally !== expect.streamedIncrementally) {
    problems.push(`expected the first chunk before the rest (streamedIncrementally=${expect.streamedIncrementally}), got ${outcome.streamedIncrementally}`);
  }
  if (expect.canvas !== undefined) {
    if (outcome.canvas !== expect.canvas) problems.push(`expected the canvas ${expect.canvas}, it was ${outcome.canvas}`);
    if (expect.canvas === 'untainted' && outcome.pixel?.join() !== PIXEL.join()) {
      problems.push(`expected pixel rgb(${PIXEL.join(', ')}), read ${outcome.pixel?.join(', ')}`);
    }
  }
  for (const exchange of exchanges) {
    if (exchange.error) problems.push(`the target did not answer ${exchange.method} ${exchange.path}: ${exchange.error}`);
  }
  return problems;
}
