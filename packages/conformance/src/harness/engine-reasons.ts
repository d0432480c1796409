// How each engine words each refusal (`Refusal` in src/scenario-types.ts). A blocked scenario
// is proved blocked "for its stated reason" in an engine only when the engine's own report
// carries these words: Chromium's DevTools `Network.CorsError` (and its console line), Firefox's
// console message (WebDriver BiDi `log.entryAdded`), WebKit's console line (printed only by a
// browser without WebDriver, see engines/webkit.ts). Texts are substrings, measured on the
// Debian builds named in MATRIX.md; `$page`/`$other` stand for the page origins.
//
// Engines word the same refusal differently, and sometimes check in another order: WebKit
// reports a 403 preflight without CORS headers by its status, Chromium and Firefox by the
// missing Access-Control-Allow-Origin (the Fetch Standard requires both checks to pass and
// leaves the order of reporting open: https://fetch.spec.whatwg.org/#cors-preflight-fetch).

import type { EngineName, Refusal } from '../scenario-types.ts';

export interface EngineWording {
  /** Chromium only: the DevTools protocol's `Network.CorsError`. */
  readonly corsError?: string;
  /** Console substrings that must all appear for the run. */
  readonly console: readonly string[];
}

export type RefusalWording = { readonly [E in EngineName]: EngineWording };

const FIREFOX_BLOCKED = 'Cross-Origin Request Blocked';

export const REFUSAL_WORDING: { readonly [R in Refusal]: RefusalWording } = {
  'no-allow-origin': {
    chromium: {
      corsError: 'MissingAllowOriginHeader',
      console: ["No 'Access-Control-Allow-Origin' header is present on the requested resource."],
    },
    firefox: { console: ['(Reason: CORS header ‘Access-Control-Allow-Origin’ missing)'] },
    webkit: { console: ['is not allowed by Access-Control-Allow-Origin.'] },
  },
  'allow-origin-mismatch': {
    chromium: { corsError: 'AllowOriginMismatch', console: ["that is not equal to the supplied origin."] },
    firefox: { console: ['(Reason: CORS header ‘Access-Control-Allow-Origin’ does not match'] },
    webkit: { console: ['is not allowed by Access-Control-Allow-Origin.'] },
  },
  'wildcard-origin-with-credentials': {
    chromium: {
      corsError: 'WildcardOriginNotAllowed',
      console: [
        "The value of the 'Access-Control-Allow-Origin' header in the response must not be the wildcard '*' when the request's credentials mode is 'include'.",
      ],
    },
    firefox: { console: ['(Reason: Credential is not supported if the CORS header ‘Access-Control-Allow-Origin’ is ‘*’)'] },
    webkit: { console: ['Cannot use wildcard in Access-Control-Allow-Origin when credentials flag is true.'] },
  },
  'credentials-not-allowed': {
    chromium: {
      corsError: 'InvalidAllowCredentials',
      console: ["The value of the 'Access-Control-Allow-Credentials' header in the response is '' which must be 'true'"],
    },
    firefox: { console: ['(Reason: expected ‘true’ in CORS header ‘Access-Control-Allow-Credentials’)'] },
    webkit: { console: ['Credentials flag is true, but Access-Control-Allow-Credentials is not "true".'] },
  },
  'preflight-refused': {
    chromium: {
      corsError: 'PreflightMissingAllowOriginHeader',
      console: [
        "Response to preflight request doesn't pass access control check: No 'Access-Control-Allow-Origin' header is present on the requested resource.",
      ],
    },
    // Firefox reports the preflight's own failure, then the request's.
    firefox: { console: ['(Reason: CORS header ‘Access-Control-Allow-Origin’ missing)', '(Reason: CORS request did not succeed)'] },
    webkit: { console: ['Preflight response is not successful. Status code: 403'] },
  },
  'preflight-no-allow-origin': {
    chromium: {
      corsError: 'PreflightMissingAllowOriginHeader',
      console: ["Response to preflight request doesn't pass access control check: No 'Access-Control-Allow-Origin' header"],
    },
    firefox: { console: ['(Reason: CORS header ‘Access-Control-Allow-Origin’ missing)', '(Reason: CORS request did not succeed)'] },
    webkit: { console: ['is not allowed by Access-Control-Allow-Origin.'] },
  },
  'preflight-not-ok': {
    chromium: {
      corsError: 'PreflightInvalidStatus',
      console: ["Response to preflight request doesn't pass access control check: It does not have HTTP ok status."],
    },
    firefox: { console: ['(Reason: CORS preflight response did not succeed)'] },
    webkit: { console: ['Preflight response is not successful.'] },
  },
  'method-not-allowed': {
    chromium: {
      corsError: 'MethodDisallowedByPreflightResponse',
      console: ['is not allowed by Access-Control-Allow-Methods in preflight response.'],
    },
    firefox: { console: ['(Reason: Did not find method in CORS header ‘Access-Control-Allow-Methods’)'] },
    webkit: { console: ['is not allowed by Access-Control-Allow-Methods.'] },
  },
  'header-not-allowed': {
    chromium: {
      corsError: 'HeaderDisallowedByPreflightResponse',
      console: ['is not allowed by Access-Control-Allow-Headers in preflight response.'],
    },
    firefox: { console: ['is not allowed according to header ‘Access-Control-Allow-Headers’ from CORS preflight response'] },
    webkit: { console: ['is not allowed by Access-Control-Allow-Headers.'] },
  },
};

/**
 * What a script's `fetch()` rejects with when the engine refuses a CORS response, whatever the
 * reason: the same words for every refusal, which is why the console is where to look.
 */
export const FETCH_ERROR: { readonly [E in EngineName]: string } = {
  chromium: 'TypeError: Failed to fetch',
  firefox: 'TypeError: NetworkError when attempting to fetch resource.',
  webkit: 'TypeError: Load failed',
};

/** A console line that says the engine refused a CORS response, whatever the reason. */
export function isRefusalLine(engine: EngineName, line: string): boolean {
  switch (engine) {
    case 'chromium':
      return line.includes('has been blocked by CORS policy');
    case 'firefox':
      return line.includes(FIREFOX_BLOCKED);
    case 'webkit':
      return line.includes('due to access control checks') || line.includes('CONSOLE SECURITY ERROR');
  }
}

/** Which refusals an engine's reports point to (every reason whose wording is all there). */
export function refusalsReported(engine: EngineName, corsErrors: readonly string[], consoleLines: readonly string[]): Refusal[] {
  const text = consoleLines.join('\n');
  return (Object.keys(REFUSAL_WORDING) as Refusal[]).filter((reason) => {
    const wording = REFUSAL_WORDING[reason][engine];
    if (wording.corsError !== undefined && !corsErrors.includes(wording.corsError)) return false;
    return wording.console.every((part) => text.includes(part));
  });
}
