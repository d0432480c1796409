// The comparison of `portcullis check` with a browser, on its own: what counts as the same
// verdict, read off the browser's record and words (no browser needed here).

import { describe, expect, it } from 'vitest';
import { browserOutcome, disagreement, type Outcome } from '../src/harness/cli-agreement.ts';
import type { EngineReports } from '../src/harness/engines/engine.ts';
import type { Exchange } from '../src/harness/recording-proxy.ts';

const preflight: Exchange = {
  scenario: 's',
  run: 'r',
  method: 'OPTIONS',
  path: '/s/s/r/r/echo',
  requestHeaders: { origin: 'http://localhost:1', 'access-control-request-method': 'PUT' },
  status: 204,
};
const request: Exchange = { ...preflight, method: 'PUT', requestHeaders: { origin: 'http://localhost:1' }, status: 200 };
const reports = (corsErrors: string[], console: string[] = []): EngineReports => ({ corsErrors, console });

describe("the browser's verdict, in the browser model's steps", () => {
  it.each([
    {
      rule: "Chromium's CORS error names the step; no actual request means the preflight failed",
      engine: 'chromium' as const,
      exchanges: [preflight],
      reports: reports(['MethodDisallowedByPreflightResponse']),
      want: { allowed: false, failure: { phase: 'preflight', step: 'preflight.method' } },
    },
    {
      rule: "Firefox's first known reason names the step",
      engine: 'firefox' as const,
      exchanges: [preflight],
      reports: reports([], [
        '[error] Cross-Origin Request Blocked: ... (Reason: header ‘x-user’ is not allowed according to header ‘Access-Control-Allow-Headers’ from CORS preflight response).',
        '[error] Cross-Origin Request Blocked: ... (Reason: CORS request did not succeed). Status code: (null).',
      ]),
      want: { allowed: false, failure: { phase: 'preflight', step: 'preflight.header' } },
    },
    {
      rule: 'a request the server received failed at its response',
      engine: 'chromium' as const,
      exchanges: [preflight, request],
      reports: reports(['InvalidAllowCredentials']),
      want: { allowed: false, failure: { phase: 'actual', step: 'cors.allow-credentials' } },
    },
    {
      rule: 'words the comparison does not know name no step, and never match one',
      engine: 'firefox' as const,
      exchanges: [request],
      reports: reports([], ['[error] something else']),
      want: { allowed: false, failure: { phase: 'actual', step: '(firefox named no step)' } },
    },
  ])('$rule', ({ engine, exchanges, reports: r, want }) => {
    expect(browserOutcome(engine, false, exchanges, r)).toEqual(want);
  });

  it('is allowed when the page read the response, whatever was reported', () => {
    expect(browserOutcome('chromium', true, [request], reports(['MissingAllowOriginHeader']))).toEqual({ allowed: true });
  });
});

describe('agreement', () => {
  const allowed: Outcome = { allowed: true };
  const atMethod: Outcome = { allowed: false, failure: { phase: 'preflight', step: 'preflight.method' } };
  const atHeader: Outcome = { allowed: false, failure: { phase: 'preflight', step: 'preflight.header' } };
  const atResponse: Outcome = { allowed: false, failure: { phase: 'actual', step: 'cors.allow-origin' } };
  const atPreflightOrigin: Outcome = { allowed: false, failure: { phase: 'preflight', step: 'cors.allow-origin' } };
  const partial: Outcome = { allowed: true, partial: true };

  it.each([
    { rule: 'both allowed', cli: allowed, browser: allowed, agree: true },
    { rule: 'both blocked at the same step', cli: atMethod, browser: atMethod, agree: true },
    { rule: 'allowed against blocked', cli: allowed, browser: atMethod, agree: false },
    { rule: 'blocked against allowed', cli: atResponse, browser: allowed, agree: false },
    { rule: 'blocked at another step', cli: atMethod, browser: atHeader, agree: false },
    { rule: 'the same step in another phase', cli: atResponse, browser: atPreflightOrigin, agree: false },
    { rule: 'not sent: the browser allowed it', cli: partial, browser: allowed, agree: true },
    { rule: 'not sent: the browser blocked its response', cli: partial, browser: atResponse, agree: true },
    { rule: 'not sent: the browser blocked it at a preflight the CLI passed', cli: partial, browser: atMethod, agree: false },
  ])('$rule: agree=$agree', ({ cli, browser, agree }) => {
    expect(disagreement(cli, browser) === undefined).toBe(agree);
  });
});
