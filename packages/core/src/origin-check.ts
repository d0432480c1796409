// The origin check, compiled once per policy: undefined when the origin may read, or the
// refusal that says why not. `null` is never allowed, whatever the configuration (only `'*'`
// answers it, with the literal `*`), and user code only ever sees well-formed origins.

import { describeValue } from './describe-value.js';
import { settle } from './maybe-promise.js';
import { compileOriginMatcher, isSerializedOrigin } from './origin-matcher.js';
import type { ResolvedOrigin } from './resolved-config.js';
import type { CorsRefusal, MaybePromise } from './types.js';

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
    case 'function': {
      const fn = config.fn;
      return (origin, request) => {
        if (origin === 'null' || !isSerializedOrigin(origin)) return unlisted(origin);
        return settle<unknown, CorsRefusal | undefined>(fn(origin, request), (verdict) => {
          // Returning the origin is how hono, itty-router and Express callbacks allow one.
          if (verdict === true || verdict === origin) return undefined;
          if (verdict === false) return { code: 'origin.not-allowed', origin };
          return { code: 'origin.function-result', origin, returned: describeValue(verdict) };
        });
      };
    }
  }
}
