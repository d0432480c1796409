// The origin check, compiled once per policy: undefined when the origin may read, or the
// refusal that says why not. `null` is never allowed, whatever the configuration (only `'*'`
// answers it, with the literal `*`), and user code only ever sees well-formed origins.

import { describeValue } from './describe-value.js';
import { settle } from './maybe-promise.js';
import { compileOriginMatcher, isSerializedOrigin } from './origin-matcher.js';
import type { ResolvedOrigin } from './resolved-config.js';
import type { CorsRefusal, MaybePromise, OriginFunction } from './types.js';

export type OriginCheck<Req> = (origin: string, request: Req) => MaybePromise<CorsRefusal | undefined>;

/** Why a configured list does not allow `origin`: `null`, malformed, or simply not listed. */
function unlisted(origin: string): CorsRefusal {
  if (origin === 'null') return { code: 'origin.null', origin };
  return isSerializedOrigin(origin) ? { code: 'origin.not-allowed', origin } : { code: 'origin.malformed', origin };
}

export function compileOriginCheck<Req>(config: ResolvedOrigin<Req>): OriginCheck<Req> {
  switch (config.kind) {
    case 'any':
      return () => undefined;
    case 'list': {
      const matches = compileOriginMatcher(config.patterns, config.regexps);
      return (origin) => (matches(origin) ? undefined : unlisted(origin));
    }
    case 'function':
      return compileFunctionCheck(config.fn);
  }
}

/**
 * What to say, once per policy, when an origin function answers with nothing: an Express-style
 * `(origin, callback)` function (the `cors` package's), which Portcullis cannot tell from
 * `(origin, request)` until it runs, or a function that forgot to return.
 */
function silentFunctionNote(callbackStyle: boolean): string {
  return callbackStyle
    ? 'portcullis: origin: the origin function looks like an Express-style (origin, callback) function, but Portcullis calls origin(origin, request) and uses what it returns, so every origin is refused; ' +
        'fix: return the verdict instead, or a promise of it, e.g. origin: async (origin) => (await loadOrigins()).includes(origin) (see "Origin callbacks" in MIGRATING.md)'
    : 'portcullis: origin: the origin function returned undefined, which refuses every origin; fix: return true to allow the origin and false to refuse it';
}

/**
 * The user's function, called only with well-formed origins. A function of two or more
 * parameters that returns undefined, or throws a TypeError by calling its second argument (the
 * request) as a callback, is refused and reported once on the console, never left as a bare
 * TypeError out of every request.
 */
function compileFunctionCheck<Req>(fn: OriginFunction<Req>): OriginCheck<Req> {
  const callbackStyle = fn.length >= 2;
  let noted = false;
  const note = () => {
    if (noted) return;
    noted = true;
    console.error(silentFunctionNote(callbackStyle));
  };
  return (origin, request) => {
    if (origin === 'null' || !isSerializedOrigin(origin)) return unlisted(origin);
    let verdict: MaybePromise<unknown>;
    try {
      verdict = fn(origin, request);
    } catch (error) {
      if (!callbackStyle || !(error instanceof TypeError) || !error.message.includes('is not a function')) throw error;
      note();
      return { code: 'origin.function-result', origin, returned: 'a TypeError from calling the request as a callback' };
    }
    return settle<unknown, CorsRefusal | undefined>(verdict, (v) => {
      // Returning the origin is how hono, itty-router and Express callbacks allow one.
      if (v === true || v === origin) return undefined;
      if (v === false) return { code: 'origin.not-allowed', origin };
      if (v === undefined) note();
      return { code: 'origin.function-result', origin, returned: describeValue(v) };
    });
  };
}
