// Building an engine from what a user passed to `cors()`: core validates the options; this
// module catches the mistakes core cannot see from a plain value (the factory handed to
// `app.use` uncalled, a policy of another package or flavour) and words the fixes for
// middleware where core's speak of wrapping Fetch handlers.

import { CorsConfigError, type CorsConfigProblem, type CorsOptions } from '@portcullis/core';
import { createCorsEngine, isCorsPolicy, type CorsEngine, type RequestAccess } from '@portcullis/core/adapter';

/** Which middleware a package entry builds, named by the entry: `(req, res, next)` or Koa's `(ctx, next)`. */
type Flavour = '@portcullis/node' | '@portcullis/node/koa';

export const CONNECT: Flavour = '@portcullis/node';
export const KOA: Flavour = '@portcullis/node/koa';

/** What `cors(x)` builds on: an engine, or a chooser picking one per request. */
export interface Policy<Req> {
  readonly flavour: Flavour;
  /** The engine for `request`, or undefined for no CORS at all (a chooser said so). */
  engineFor(request: Req): CorsEngine<Req> | undefined;
}

const policies = new WeakMap<object, Policy<never>>();

/** Remembers that `middleware` was built here, on `policy`. */
export function register<M extends object, Req>(middleware: M, policy: Policy<Req>): M {
  policies.set(middleware, policy as Policy<never>);
  return middleware;
}

/** The policy behind a middleware built by this package (either entry), if `value` is one. */
export function policyOf(value: unknown): Policy<never> | undefined {
  return typeof value === 'function' ? policies.get(value) : undefined;
}

/** `value`'s type, for a message: `object`, `function`, `null`, `undefined`... */
export const describe = (value: unknown): string => (value === null ? 'null' : typeof value);

/** What is wrong with `options` that core cannot tell, if anything. */
function misuse(flavour: Flavour, options: unknown, extra: number): CorsConfigProblem | undefined {
  const problem = (message: string, fix: string): CorsConfigProblem => ({ code: 'options.not-an-object', path: [], value: options, message, fix });
  // cors takes one argument; a framework calling it as middleware passes its request (Express,
  // Connect) or context (Koa) and more.
  if (extra > 0) {
    return problem('expected an options object, got a request: cors was mounted without being called', "call it with your options: app.use(cors({ origin: 'https://myapp.es' }))");
  }
  const built = policyOf(options);
  if (built !== undefined && built.flavour === flavour) {
    return problem('expected an options object, got a middleware cors() built', 'mount that middleware as it is');
  }
  if (built !== undefined || isCorsPolicy(options)) {
    return problem(`expected an options object, got a policy of ${built?.flavour ?? '@portcullis/core'}`, `use cors() of ${flavour}, with the same options`);
  }
  return undefined;
}

// Where core's fix speaks of wrapping Fetch handlers, the middleware's own way.
const FIXES: Readonly<Record<string, string>> = {
  'option.unsupported preflightContinue': 'cors() always answers preflights; to see them, mount a middleware of your own before it; remove it',
  'origin.none origin': 'mount cors() only where you want CORS',
};

function reword(problem: CorsConfigProblem): CorsConfigProblem {
  const fix = FIXES[`${problem.code} ${problem.path.join('.')}`];
  return fix === undefined ? problem : { ...problem, fix };
}

/**
 * The policy of `cors(options)`: one engine, read through `access`; throws CorsConfigError
 * listing every problem. `extra` is how many more arguments `cors()` was called with (a
 * framework calling it as middleware passes two or three).
 */
export function onePolicy<Req>(flavour: Flavour, options: unknown, access: RequestAccess<Req>, extra: number): Policy<Req> {
  const wrong = misuse(flavour, options, extra);
  if (wrong !== undefined) throw new CorsConfigError([wrong]);
  let engine: CorsEngine<Req>;
  try {
    engine = createCorsEngine<Req>(options as CorsOptions<Req>, access);
  } catch (error) {
    throw error instanceof CorsConfigError ? new CorsConfigError(error.problems.map(reword)) : error;
  }
  return { flavour, engineFor: () => engine };
}

/**
 * The policy of `corsByRequest(choose)`: `choose(request)` returns a middleware built by
 * `cors()` (or by another `corsByRequest`) of the same entry, or undefined for no CORS.
 * Anything else is a programming error, thrown to the framework's error handling (no policy
 * applies, so the request is not served).
 */
export function chooser<Req>(flavour: Flavour, choose: (request: Req) => unknown): Policy<Req> {
  if (typeof choose !== 'function') {
    throw new TypeError(`corsByRequest(choose): choose must be a function (request) => middleware | undefined, not ${describe(choose)}`);
  }
  return {
    flavour,
    engineFor(request) {
      const chosen = choose(request);
      if (chosen === undefined) return undefined;
      const policy = policyOf(chosen) as Policy<Req> | undefined;
      if (policy?.flavour !== flavour) {
        throw new TypeError(`corsByRequest: choose must return a middleware built by cors() of ${flavour}, or undefined; it returned ${describe(chosen)}`);
      }
      return policy!.engineFor(request);
    },
  };
}
