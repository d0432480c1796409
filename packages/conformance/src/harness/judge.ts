// Compares what happened in one scenario run (the page's observations, Chromium's reports and
// the exchanges the server had) with the scenario's expectation. Returns every discrepancy, so
// that a failure explains itself.

import { PIXEL_RGB as PIXEL } from '../app.ts';
import type { HeaderExpectation, PageOrigins, Scenario } from '../scenario-types.ts';
import { SESSION_COOKIE } from './browser.ts';
import type { CorsErrorReport } from './chromium-reports.ts';
import { headerValue, isPreflight, type Exchange } from './recording-proxy.ts';

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
  readonly outcome: PageOutcome;
  readonly exchanges: readonly Exchange[];
  readonly corsErrors: readonly CorsErrorReport[];
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
  const expect = scenario.expect;
  const { outcome, exchanges, corsErrors } = evidence;
  const preflights = exchanges.filter(isPreflight);
  const actual = exchanges.filter((e) => !isPreflight(e));

  // Readable, or blocked for the expected reason.
  if (expect.readable === true) {
    if (!outcome.readable) problems.push(`expected readable, but the page got: ${outcome.error ?? 'nothing'}`);
    if (corsErrors.length > 0) problems.push(`Chromium reported CORS errors on a readable scenario`);
  } else {
    if (outcome.readable) problems.push('expected blocked, but the page could read the response');
    const want = expect.readable.corsError;
    const reported = corsErrors.map((r) => r.corsError);
    if (want === null) {
      if (reported.length > 0) problems.push(`expected no CORS error (a no-cors load), got ${reported.join(', ')}`);
    } else if (!reported.includes(want)) {
      problems.push(`expected Chromium to report ${want}, it reported ${reported.join(', ') || 'no CORS error'}`);
    }
  }

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
