// Compares what happened in one scenario run in one engine (the page's observations, the
// engine's own reports and the exchanges the server had) with the scenario's expectation for
// that engine. Returns every discrepancy, so that a failure explains itself.
//
// A blocked scenario is blocked "for its stated reason" twice over: the server's answer must
// call for exactly that refusal under the Fetch Standard (wire-reason.ts, the same in every
// engine), and the engine's own report must word it (engine-reasons.ts) where the engine
// reports at all.

import { PIXEL_RGB as PIXEL } from '../app.ts';
import type { Expectation, HeaderExpectation, PageOrigins, Scenario, WriteExpectation } from '../scenario-types.ts';
import { FETCH_ERROR } from './engine-reasons.ts';
import { SESSION_COOKIE } from './engines/engine.ts';
import { expectationFor, type Evidence } from './evidence.ts';
import { headerValue, isPreflight } from './recording-proxy.ts';
import { checkReports } from './reports-check.ts';
import { wireRefusal } from './wire-reason.ts';

/** The header in which Portcullis says why it refused (core's `REFUSAL_HEADER`). */
const REFUSAL_HEADER = 'portcullis-refusal';

function substitute(value: string, origins: PageOrigins, api = '$api'): string {
  return value.replaceAll('$page', origins.page).replaceAll('$other', origins.other).replaceAll('$api', api);
}

function tokens(value: string): string[] {
  return value
    .split(',')
    .map((token) => token.trim().toLowerCase())
    .filter(Boolean);
}

/** Undefined when `actual` meets `expected`, else why not. */
function headerMismatch(expected: HeaderExpectation, actual: string | null, origins: PageOrigins, api: string): string | undefined {
  if (expected === null) return actual === null ? undefined : `expected absent, got ${JSON.stringify(actual)}`;
  if (typeof expected === 'string') {
    const want = substitute(expected, origins, api);
    return actual === want ? undefined : `expected ${JSON.stringify(want)}, got ${JSON.stringify(actual)}`;
  }
  const have = tokens(actual ?? '');
  if ('excludes' in expected) {
    const present = expected.excludes.filter((token) => have.includes(token.toLowerCase()));
    return present.length === 0 ? undefined : `expected none of ${present.join(', ')} in ${JSON.stringify(actual)}`;
  }
  const missing = expected.includes.filter((token) => !have.includes(token.toLowerCase()));
  return missing.length === 0 ? undefined : `expected tokens ${missing.join(', ')} in ${JSON.stringify(actual)}`;
}

/** The parts of the evidence every check reads. */
interface Seen {
  readonly expect: Expectation;
  readonly outcome: Evidence['outcome'];
  readonly exchanges: Evidence['exchanges'];
  readonly preflights: Evidence['exchanges'];
  readonly actual: Evidence['exchanges'];
  readonly api: string;
}

/** Readable, or blocked for the expected reason: by the server's answer, and in the engine's words. */
function checkReadable(scenario: Scenario, evidence: Evidence, { expect, outcome, exchanges }: Seen, problems: string[]): void {
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
    } else {
      if (wire !== want) {
        problems.push(`expected the server's answer to call for the refusal ${want}, it calls for ${wire ?? 'none (every response passes the CORS check)'}`);
      }
      // The script learns nothing from a refusal: the same error whatever the reason.
      if (scenario.action.kind === 'fetch' && !outcome.readable && outcome.error !== FETCH_ERROR[evidence.engine]) {
        problems.push(`expected fetch() to reject with ${JSON.stringify(FETCH_ERROR[evidence.engine])}, it gave ${JSON.stringify(outcome.error)}`);
      }
    }
  }
}

/** What the page read, and the CORS headers the server sent on each exchange. */
function checkResponses(origins: PageOrigins, { expect, outcome, exchanges, preflights, actual, api }: Seen, problems: string[]): void {
  if (expect.status !== undefined && outcome.readable && outcome.status !== expect.status) {
    problems.push(`expected status ${expect.status}, the page saw ${outcome.status}`);
  }
  for (const [key, value] of Object.entries(expect.echo ?? {})) {
    const want = value === null ? null : substitute(value, origins);
    const got = outcome.echo?.[key];
    if (got !== want) problems.push(`the application should have received ${key}=${JSON.stringify(want)}, echo says ${JSON.stringify(got)}`);
  }
  for (const [name, value] of Object.entries(expect.headers ?? {})) {
    const mismatch = headerMismatch(value, outcome.headers?.[name] ?? null, origins, api);
    if (mismatch) problems.push(`response header ${name} as read by the page: ${mismatch}`);
  }
  for (const [name, value] of Object.entries(expect.sentHeaders ?? {})) {
    for (const exchange of actual) {
      const mismatch = headerMismatch(value, headerValue(exchange, name), origins, api);
      if (mismatch) problems.push(`header ${name} sent by the server on ${exchange.method} ${exchange.path}: ${mismatch}`);
    }
  }
  for (const [name, value] of Object.entries(expect.preflightHeaders ?? {})) {
    for (const exchange of preflights) {
      const mismatch = headerMismatch(value, headerValue(exchange, name), origins, api);
      if (mismatch) problems.push(`header ${name} sent by the server on the preflight ${exchange.path}: ${mismatch}`);
    }
  }
  // A refusal is never cached: its answer must not let the browser reuse it.
  for (const exchange of exchanges) {
    if (headerValue(exchange, REFUSAL_HEADER) !== null && headerValue(exchange, 'access-control-max-age') !== null) {
      problems.push(`the refusal ${exchange.method} ${exchange.path} carried Access-Control-Max-Age: ${headerValue(exchange, 'access-control-max-age')}`);
    }
  }
}

/** What the browser sent: how many preflights and requests, their methods, origins and cookies. */
function checkRequests({ expect, exchanges, preflights, actual }: Seen, problems: string[]): void {
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

}

/** What the page observed beyond readability: redirects, streaming, canvases; and unanswered requests. */
function checkPage({ expect, outcome, exchanges }: Seen, problems: string[]): void {
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
}

export function judge(scenario: Scenario, origins: PageOrigins, evidence: Evidence): string[] {
  const problems: string[] = [];
  const exchanges = evidence.exchanges;
  const seen: Seen = {
    expect: expectationFor(scenario, evidence.engine),
    outcome: evidence.outcome,
    exchanges,
    preflights: exchanges.filter(isPreflight),
    actual: exchanges.filter((e) => !isPreflight(e)),
    api: evidence.reportPlaces.api,
  };
  checkReadable(scenario, evidence, seen, problems);
  checkReports(scenario, evidence, problems);
  checkResponses(origins, seen, problems);
  if (seen.expect.write) checkWrite(seen.expect.write, evidence, origins, problems);
  checkRequests(seen, problems);
  checkPage(seen, problems);
  return problems;
}

/** The write (the request to `write`) as the server saw it, and whether the handler ran. */
function checkWrite(want: WriteExpectation, evidence: Evidence, origins: PageOrigins, problems: string[]): void {
  const api = evidence.reportPlaces.api;
  const writes = evidence.exchanges.filter((e) => !isPreflight(e) && new URL(e.path, 'http://x').pathname.endsWith('/write'));
  if (evidence.handlerRuns !== want.handlerRuns) {
    problems.push(`expected the application's write handler to run ${want.handlerRuns} time(s), it ran ${evidence.handlerRuns ?? 'an unknown number of'} time(s)`);
  }
  if (writes.length !== 1) {
    problems.push(`expected the server to receive the write once, it received it ${writes.length} time(s)`);
    return;
  }
  const write = writes[0]!;
  const seen = {
    status: write.status ?? null,
    refusal: headerValue(write, REFUSAL_HEADER),
    origin: write.requestHeaders.origin ?? null,
    secFetchSite: (write.requestHeaders['sec-fetch-site'] as string | undefined) ?? null,
    cookieSent: (write.requestHeaders.cookie ?? '').includes(`${SESSION_COOKIE.name}=${SESSION_COOKIE.value}`),
  };
  const expected = {
    status: want.status,
    refusal: want.refusal === null ? null : substitute(want.refusal, origins, api),
    origin: want.origin === null ? null : substitute(want.origin, origins, api),
    secFetchSite: want.secFetchSite,
    cookieSent: want.cookieSent,
  };
  for (const key of Object.keys(expected) as (keyof typeof expected)[]) {
    if (seen[key] !== expected[key]) {
      problems.push(`the write ${write.method} ${write.path}: expected ${key} ${JSON.stringify(expected[key])}, the server saw ${JSON.stringify(seen[key])}`);
    }
  }
}
