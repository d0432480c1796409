// Building an engine from what a user passed to `cors()`: core validates the options; this
// module catches the mistakes core cannot see from a plain value (the factory handed to
// `app.use` uncalled, a policy of another package or flavour) and words the fixes for
// middleware where core's speak of wrapping Fetch handlers.

import type { IncomingMessage } from 'node:http';
import { CorsConfigError, type CorsConfigProblem, type CorsOptions } from '@portcullis/core';
import { createCorsEngine, isCorsPolicy, type CorsEngine, type RequestAccess } from '@portcullis/core/adapter';

/** Which middleware a package entry builds: `(req, res, next)` or Koa's `(ctx, next)`. */
export interface Flavour {
  /** How the entry is imported, for messages: `@portcullis/node`. */
  readonly entry: string;
  /** The call that mounts it, for messages: `app.use(cors({ origin: 'https://myapp.es' }))`. */
  readonly mount: string;
}

export const CONNECT: Flavour = { entry: '@portcullis/node', mount: "app.use(cors({ origin: 'https://myapp.es' }))" };
export const KOA: Flavour = { entry: '@portcullis/node/koa', mount: "app.use(cors({ origin: 'https://myapp.es' }))" };

/** What `cors(x)` builds on: an engine, or a chooser picking one per request. */
export interface Policy<Req> {
  readonly flavour: Flavour;
  /** The engine for `request`, or undefined for no CORS at all (a chooser said so). */
  engineFor(request: Req): CorsEngine<Req> | undefined;
}

const policies = new WeakMap<object, Policy<never>>();

/** Remembers that `middleware` was built here, on `policy`. */
export function register<M extends object>(middleware: M, policy: Policy<never>): M {
  policies.set(middleware, policy);
  return middleware;
}

/** The policy behind a middleware built by this package (either entry), if `value` is one. */
export function policyOf(value: unknown): Policy<never> | undefined {
  return typeof value === 'function' ? policies.get(value) : undefined;
}

const NOT_AN_OBJECT = 'options.not-an-object';

/** An HTTP request, as Express and Connect pass one to middleware. */
function isNodeRequest(value: unknown): value is IncomingMessage {
  return typeof value === 'object' && value !== null && typeof (value as IncomingMessage).headers === 'object' && typeof (value as IncomingMessage).method === 'string';
}

/** A Koa context: the request and response it wraps, and the application. */
function isKoaContext(value: unknown): boolean {
  return typeof value === 'object' && value !== null && 'req' in value && 'res' in value && 'app' in value;
}

/** What is wrong with `options` that core cannot tell, if anything. */
function misuse(flavour: Flavour, options: unknown, extra: number): CorsConfigProblem | undefined {
  const problem = (message: string, fix: string): CorsConfigProblem => ({ code: NOT_AN_OBJECT, path: [], value: options, message, fix });
  if (extra > 0 && (isNodeRequest(options) || isKoaContext(options))) {
    const what = isKoaContext(options) ? 'a Koa context' : 'an HTTP request';
    return problem(`expected an options object, got ${what}: cors itself was mounted as middleware, without being called`, `call it with your options: ${flavour.mount}`);
  }
  const built = policyOf(options);
  if (built !== undefined) {
    return built.flavour === flavour
      ? problem('expected an options object, got a middleware that cors() already built', 'mount that middleware as it is, without calling cors() again')
      : problem(`expected an options object, got a middleware built by ${built.flavour.entry}`, `build this one with the same options, from ${flavour.entry}`);
  }
  if (isCorsPolicy(options)) {
    return problem("expected an options object, got a policy built by @portcullis/core's cors(), which handles Fetch Requests", `build it with the same options, from ${flavour.entry}`);
  }
  return undefined;
}

// Where core's fix speaks of Fetch handlers, the middleware's own way.
const FIXES: Readonly<Record<string, string>> = {
  'option.unsupported preflightContinue':
    'preflights are always answered by the middleware, and OPTIONS requests without Access-Control-Request-Method always go on to your routes; to see preflights, mount a middleware of your own before cors(), and to hear of refused ones, set onRefusal; remove it',
  'origin.none':
    "to leave requests without CORS, mount cors() only where you want it (app.use('/api', cors(...))), or return undefined from corsByRequest for them",
};

function reword(problem: CorsConfigProblem): CorsConfigProblem {
  const fix = FIXES[`${problem.code} ${String(problem.path[0])}`] ?? (problem.path.length === 1 ? FIXES[problem.code] : undefined);
  return fix === undefined ? problem : { ...problem, fix };
}

/**
 * The engine for `options`, read through `access`; throws CorsConfigError listing every
 * problem. `extra` is how many more arguments `cors()` was called with (a framework calling
 * it as middleware passes two or three).
 */
export function buildEngine<Req>(flavour: Flavour, options: unknown, access: RequestAccess<Req>, extra: number): CorsEngine<Req> {
  const wrong = misuse(flavour, options, extra);
  if (wrong !== undefined) throw new CorsConfigError([wrong]);
  try {
    return createCorsEngine<Req>(options as CorsOptions<Req>, access);
  } catch (error) {
    if (!(error instanceof CorsConfigError)) throw error;
    throw new CorsConfigError(error.problems.map(reword));
  }
}

function describeChoice(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'function') return 'a function that is not a middleware built by cors()';
  return typeof value === 'object' ? 'an object' : `${typeof value} ${String(value)}`;
}

/**
 * The policy of `corsByRequest(choose)`: `choose(request)` returns a middleware built by
 * `cors()` (or by another `corsByRequest`) of the same entry, or undefined for no CORS.
 * Anything else is a programming error, thrown to the framework's error handling (no policy
 * applies, so the request is not served).
 */
export function chooser<Req>(flavour: Flavour, choose: (request: Req) => unknown): Policy<Req> {
  if (typeof choose !== 'function') {
    throw new TypeError(`corsByRequest(choose): choose must be a function (request) => middleware | undefined, got ${describeChoice(choose)}`);
  }
  return {
    flavour,
    engineFor(request) {
      const chosen = choose(request);
      if (chosen === undefined) return undefined;
      const policy = policyOf(chosen) as Policy<Req> | undefined;
      if (policy === undefined || policy.flavour !== flavour) {
        const what = policy === undefined ? describeChoice(chosen) : `a middleware built by ${policy.flavour.entry}`;
        throw new TypeError(`corsByRequest: choose returned ${what}; return a middleware built once with cors(options) from ${flavour.entry}, or undefined for no CORS`);
      }
      return policy.engineFor(request);
    },
  };
}
