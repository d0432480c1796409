// The API's policy, replaceable while it serves: the editor's options are validated once by
// `cors()`, and only a policy that passed replaces the running one, in a single assignment.
// Requests never see a half-applied policy and nothing is validated per request.

import { cors, CorsConfigError, type CorsOptions, type CorsPolicy } from '@portcullis/core';

type Handler = (request: Request) => Promise<Response>;

/** One problem `cors()` found, ready to show next to the field it concerns. */
export interface PolicyProblem {
  /** The location as text, e.g. `origin[0]`. */
  readonly path: string;
  /** The location as segments, e.g. `['origin', 0]`: the first names the option. */
  readonly segments: readonly (string | number)[];
  readonly message: string;
  readonly fix: string;
}

export type ReplaceResult = { readonly ok: true } | { readonly ok: false; readonly problems: readonly PolicyProblem[] };

export interface LivePolicy {
  /** Serves one request with the policy in force when it arrived. */
  handle(request: Request): Promise<Response>;
  /** The options of the policy in force. */
  readonly options: unknown;
  /** Validates `options` and, when they are valid, puts them in force. */
  replace(options: unknown): ReplaceResult;
  /** Whether the policy in force lets `origin` read responses. */
  allowsOrigin(origin: string): Promise<boolean>;
}

/**
 * `CorsConfigError` problems locate themselves with a path: a string such as `origin[0]`
 * today, an array of segments such as `['origin', 0]` in the next release. Both become both.
 */
export function locate(path: unknown): { path: string; segments: (string | number)[] } {
  if (Array.isArray(path)) {
    const segments = path.filter((s): s is string | number => typeof s === 'string' || typeof s === 'number');
    const text = segments.map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? s : `.${s}`)).join('');
    return { path: text, segments };
  }
  const text = String(path);
  const segments: (string | number)[] = [];
  for (const part of text.split(/[.[\]]/)) {
    if (part !== '') segments.push(/^\d+$/.test(part) ? Number(part) : part);
  }
  return { path: text, segments };
}

export function livePolicy(app: Handler, initial: CorsOptions): LivePolicy {
  let current = build(initial);

  function build(options: CorsOptions) {
    const policy: CorsPolicy = cors(options);
    return { options, policy, handler: policy.wrap(app) };
  }

  return {
    handle: (request) => Promise.resolve(current.handler(request)),
    get options() {
      return current.options;
    },
    replace(options) {
      try {
        // Options arrive as JSON from the editor; cors() validates unknown input itself.
        current = build(options as CorsOptions);
        return { ok: true };
      } catch (error) {
        if (!(error instanceof CorsConfigError)) throw error;
        const problems = error.problems.map((problem) => ({
          ...locate(problem.path),
          message: problem.message,
          fix: problem.fix,
        }));
        return { ok: false, problems };
      }
    },
    async allowsOrigin(origin) {
      const probe = new Request('http://api.invalid/', { headers: { origin } });
      const response = await current.policy.apply(probe, new Response(null));
      return response.headers.has('access-control-allow-origin');
    },
  };
}
