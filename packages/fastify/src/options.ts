// Reading the options given to `register`, and each route's `config.cors`, into policies, once.
// The adapter's own options are taken out first, then @fastify/cors's names; the rest is the
// core's. Every problem is collected, located where the user wrote it, and thrown together.

import { CorsConfigError, type CorsConfigProblem, type ProblemPathSegment } from '@portcullis/core';
import { DELEGATE_FIX, describe, isPlainObject, problem, takePeerOptions, type Options } from './peer-options.js';
import { buildPolicy, closedPolicy, picker, type Choose, type Policy, type RouteCors } from './policies.js';

/** A registration's options, read: the CORS of its routes. */
export interface PluginConfig {
  /** The CORS of a route without `config.cors`, and of requests no route serves. */
  readonly defaults: RouteCors;
  /**
   * The CORS of a route whose `config.cors` is `value` (`false`: none, and no cross-origin
   * writes). Throws CorsConfigError located at `['routes', label, 'config', 'cors', ...]`.
   */
  routeCors(value: unknown, label: string): RouteCors;
}

/** The adapter's own options, never handed to the core. */
const PLUGIN_ONLY = ['policies', 'choosePolicy', 'preflight'];

/** The named policies' options (one, unnamed, without `policies`), and the chooser if any. */
function readSources(options: Options, rest: Options, problems: CorsConfigProblem[]): { named: Map<string, Options>; choose: Choose | undefined } {
  const { policies, choosePolicy } = options;
  if (policies === undefined && choosePolicy === undefined) return { named: new Map([['', rest]]), choose: undefined };
  const named = new Map<string, Options>();
  const invalid = (path: ProblemPathSegment[], value: unknown, expected: string) =>
    problems.push(problem('policies.invalid', path, value, `expected ${expected}, got ${describe(value)}`, DELEGATE_FIX));
  if (typeof choosePolicy !== 'function') invalid(['choosePolicy'], choosePolicy, 'a function');
  const entries = isPlainObject(policies) ? Object.entries(policies) : [];
  if (entries.length === 0) invalid(['policies'], policies, 'named policies');
  // The options beside `policies` are shared: each policy is merged over them.
  for (const [name, value] of entries) {
    if (isPlainObject(value)) named.set(name, { ...rest, ...value });
    else invalid(['policies', name], value, 'options');
  }
  return { named, choose: choosePolicy as Choose };
}

/** Reads the options given to `register`; throws CorsConfigError listing every problem. */
export function readPluginOptions(options: unknown): PluginConfig {
  if (!isPlainObject(options)) {
    throw new CorsConfigError([problem('options.not-an-object', [], options, `expected options, got ${describe(options)}`, DELEGATE_FIX)]);
  }
  const problems: CorsConfigProblem[] = [];
  const { preflight } = options;
  if (preflight !== undefined && typeof preflight !== 'boolean') {
    problems.push(problem('option.invalid-preflight', ['preflight'], preflight, 'expected true or false', 'write preflight: false'));
  }
  const rest: Options = { ...options };
  for (const name of PLUGIN_ONLY) delete rest[name];
  takePeerOptions(rest, problems, []);
  const { named, choose } = readSources(options, rest, problems);
  // `false` (config.cors, choosePolicy) explains and reports as the first policy does.
  const closed = closedPolicy(named.values().next().value ?? {});

  /** The CORS of `named` with `override` merged over each; problems located by `at`. */
  function compile(override: Options, at: (name: string) => readonly ProblemPathSegment[], found: CorsConfigProblem[], source: unknown): RouteCors | undefined {
    const open = new Map<string, Policy>();
    for (const [name, options] of named) {
      const policy = buildPolicy({ ...options, ...override }, at(name), found);
      if (policy !== undefined) open.set(name, policy);
    }
    if (open.size === named.size) return { pick: picker(open, closed, choose), preflights: preflight !== false, source };
  }

  const defaults = compile({}, (name) => (name === '' ? [] : ['policies', name]), problems, undefined);
  if (problems.length > 0 || defaults === undefined) throw new CorsConfigError(problems);
  const off: RouteCors = { pick: () => closed, preflights: false, source: false };
  // Routes sharing one config.cors object share its policies.
  const byObject = new WeakMap<object, RouteCors | null>();

  return {
    defaults,
    routeCors(value, label) {
      if (value === undefined) return defaults;
      if (value === false) return off;
      let cors = byObject.get(value as object);
      // Reported once, for the first route sharing it (Fastify's HEAD twin of a GET route shares it).
      if (cors === null) throw new CorsConfigError([]);
      if (cors !== undefined) return cors;
      const at = ['routes', label, 'config', 'cors'];
      const found: CorsConfigProblem[] = [];
      if (isPlainObject(value)) {
        const override = { ...value };
        takePeerOptions(override, found, at);
        cors = compile(override, () => at, found, value);
      } else {
        found.push(problem('route.invalid-cors', at, value, `expected false or options, got ${describe(value)}`, "write false, or options such as { origin: '*' }"));
      }
      // An override can break every policy the same way: each problem once.
      if (found.length > 0 || cors === undefined) {
        if (isPlainObject(value)) byObject.set(value, null);
        throw new CorsConfigError([...new Map(found.map((p) => [`${p.code} ${p.path.join('.')}`, p])).values()]);
      }
      byObject.set(value as object, cors);
      return cors;
    },
  };
}
