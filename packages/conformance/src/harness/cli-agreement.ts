// `portcullis check` (@portcullis/cli's `checkCors`, built on @portcullis/browser-model) judged
// against the browsers: for a scenario whose page action is a CORS fetch or XHR, the CLI makes
// the same request (URL, method, headers, credentials, origin) to the same target in the same
// run, and its verdict must be what the browser did: allowed or blocked, and for a blocked
// request the step that failed (the browser's from the proxy's record and its own words).
//
// Re-sending: every request of the scenario app is idempotent (it echoes), so the CLI sends the
// actual request too (`send`), except a write (`write` counts how often it ran): there the CLI
// judges up to what it sent, and agrees when the browser got as far.

import { checkCors, type CheckResult } from '@portcullis/cli';
import type { EngineName, FetchAction, PageOrigins, Scenario, XhrAction } from '../scenario-types.ts';
import { actionUrl } from './console-text.ts';
import type { EngineReports } from './engines/engine.ts';
import { isPreflight, type Exchange } from './recording-proxy.ts';

/** The engines whose rules the CLI's browser model claims to know (`--browser`). */
export const CLI_ENGINES = ['chromium', 'firefox'] as const satisfies readonly EngineName[];
export type CliEngine = (typeof CLI_ENGINES)[number];

/** Where a blocked request failed, in the browser model's step names. */
export interface Failure {
  /** `preflight`: the browser never sent the request; `actual`: its response (or a redirect's) failed. */
  readonly phase: 'request' | 'preflight' | 'actual';
  /** `cors.allow-origin`, `cors.allow-credentials`, `preflight.status`, `preflight.method`, `preflight.header`. */
  readonly step: string;
}

export interface Outcome {
  readonly allowed: boolean;
  /** For a blocked request. */
  readonly failure?: Failure;
  /** The CLI did not send the actual request: its verdict covers the steps before it. */
  readonly partial?: true;
}

type CorsAction = FetchAction | XhrAction;

/** The scenario's request, when it is one the CLI can make: a fetch or XHR in CORS mode. */
export function corsRequestOf(scenario: Scenario): CorsAction | undefined {
  const { action } = scenario;
  if (action.kind === 'xhr') return action;
  if (action.kind === 'fetch' && action.mode !== 'no-cors') return action;
  return undefined;
}

/** A request the application acts on (it counts writes): never sent twice. */
function changesState(action: CorsAction): boolean {
  return action.resource === 'write';
}

/** The page origin the scenario's request comes from. */
function originOf(scenario: Scenario, origins: PageOrigins): string {
  switch (scenario.from ?? 'page') {
    case 'page':
      return origins.page;
    case 'other-page':
      return origins.other;
    case 'sandboxed-iframe':
      return 'null';
  }
}

/** Runs `portcullis check` for the scenario's request under `base` (its own run), as `engine`. */
export async function runCli(scenario: Scenario, base: string, origins: PageOrigins, engine: CliEngine): Promise<CheckResult> {
  const action = corsRequestOf(scenario);
  if (!action) throw new Error(`${scenario.name}: not a CORS fetch or XHR`);
  return checkCors({
    url: actionUrl(action, base),
    origin: originOf(scenario, origins),
    method: action.method ?? 'GET',
    headers: action.headers ?? {},
    credentials: action.kind === 'fetch' ? action.credentials === 'include' : action.withCredentials === true,
    send: !changesState(action),
    timeoutMs: 15_000,
    browser: engine,
  });
}

/** The CLI's verdict. */
export function cliOutcome(result: CheckResult): Outcome {
  if (result.allowed) return result.complete ? { allowed: true } : { allowed: true, partial: true };
  const first = result.steps.find((step) => !step.ok);
  if (!first) return { allowed: false };
  const phase = first.phase === 'redirect' ? 'actual' : first.phase;
  return { allowed: false, failure: { phase, step: first.step } };
}

/** Chromium's DevTools `Network.CorsError` names, as the browser model's steps. */
const CHROMIUM_STEPS: Readonly<Record<string, string>> = {
  MissingAllowOriginHeader: 'cors.allow-origin',
  AllowOriginMismatch: 'cors.allow-origin',
  MultipleAllowOriginValues: 'cors.allow-origin',
  InvalidAllowOriginValue: 'cors.allow-origin',
  WildcardOriginNotAllowed: 'cors.allow-origin',
  InvalidAllowCredentials: 'cors.allow-credentials',
  PreflightMissingAllowOriginHeader: 'cors.allow-origin',
  PreflightAllowOriginMismatch: 'cors.allow-origin',
  PreflightMultipleAllowOriginValues: 'cors.allow-origin',
  PreflightInvalidAllowOriginValue: 'cors.allow-origin',
  PreflightWildcardOriginNotAllowed: 'cors.allow-origin',
  PreflightInvalidAllowCredentials: 'cors.allow-credentials',
  PreflightInvalidStatus: 'preflight.status',
  MethodDisallowedByPreflightResponse: 'preflight.method',
  HeaderDisallowedByPreflightResponse: 'preflight.header',
};

/** Firefox's console reasons (`(Reason: ...)`), as the browser model's steps. */
const FIREFOX_STEPS: readonly (readonly [string, string])[] = [
  ['CORS header ‘Access-Control-Allow-Origin’ missing', 'cors.allow-origin'],
  ['CORS header ‘Access-Control-Allow-Origin’ does not match', 'cors.allow-origin'],
  ['Credential is not supported if the CORS header ‘Access-Control-Allow-Origin’ is ‘*’', 'cors.allow-origin'],
  ['expected ‘true’ in CORS header ‘Access-Control-Allow-Credentials’', 'cors.allow-credentials'],
  ['CORS preflight response did not succeed', 'preflight.status'],
  ['Did not find method in CORS header ‘Access-Control-Allow-Methods’', 'preflight.method'],
  ['is not allowed according to header ‘Access-Control-Allow-Headers’', 'preflight.header'],
];

/** The step the engine's own report names, or undefined when its words name none it knows. */
function reportedStep(engine: CliEngine, reports: EngineReports): string | undefined {
  if (engine === 'chromium') return reports.corsErrors.map((e) => CHROMIUM_STEPS[e]).find((s) => s !== undefined);
  for (const line of reports.console) {
    const known = FIREFOX_STEPS.find(([words]) => line.includes(words));
    if (known) return known[1];
  }
  return undefined;
}

/**
 * What the browser did: allowed when the page read the response; else where it stopped, the
 * phase from the server's record (no actual request after a preflight: the preflight failed)
 * and the step from the engine's own words.
 */
export function browserOutcome(engine: CliEngine, readable: boolean, exchanges: readonly Exchange[], reports: EngineReports | undefined): Outcome {
  if (readable) return { allowed: true };
  const preflights = exchanges.filter(isPreflight).length;
  const actual = exchanges.length - preflights;
  const phase = preflights > 0 && actual === 0 ? 'preflight' : 'actual';
  const step = reports ? reportedStep(engine, reports) : undefined;
  return { allowed: false, failure: { phase, step: step ?? `(${engine} named no step)` } };
}

/** An outcome in words. */
export function describeOutcome(outcome: Outcome): string {
  if (outcome.allowed) return outcome.partial ? 'allowed up to the actual request (not sent)' : 'allowed';
  return outcome.failure ? `blocked at ${outcome.failure.phase} ${outcome.failure.step}` : 'blocked';
}

/** Undefined when the CLI's verdict is the browser's, else the disagreement in words. */
export function disagreement(cli: Outcome, browser: Outcome): string | undefined {
  // Judged up to what was sent: the browser must have got past every step the CLI judged.
  if (cli.partial) return browser.allowed || browser.failure?.phase === 'actual' ? undefined : `the CLI ${describeOutcome(cli)}, the browser ${describeOutcome(browser)}`;
  if (cli.allowed === browser.allowed && cli.failure?.phase === browser.failure?.phase && cli.failure?.step === browser.failure?.step) return undefined;
  return `the CLI ${describeOutcome(cli)}, the browser ${describeOutcome(browser)}`;
}
