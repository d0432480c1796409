// Reading the plugin's options and each route's `config.cors` into engines, once, when the
// plugin or the route is registered. The adapter's own options are taken out first; names
// that belong to @fastify/cors get the Fastify way to do the same; the rest goes to the core,
// whose problems are relocated by path segments to where the user wrote them.

import { CorsConfigError, type CorsConfigProblem, type CorsConfigProblemCode, type ProblemPathSegment } from '@portcullis/core';
import { createCorsEngine, type CorsEngine } from '@portcullis/core/adapter';
import type { FastifyRequest, LogLevel } from 'fastify';
import { fastifyRequestAccess } from './fastify-request.js';
import { refusalListener } from './refusals.js';
import type { FastifyCorsOptions, FastifyRefusalListener } from './types.js';

export type FastifyCorsEngine = CorsEngine<FastifyRequest, boolean>;

/** How a registration treats preflights, whatever the policy. */
export interface PreflightSettings {
  /** Whether the plugin answers preflights (`preflight: false` leaves them to Fastify). */
  readonly answer: boolean;
  readonly logLevel: LogLevel | undefined;
}

/**
 * The CORS of a set of routes (those sharing one `config.cors`, or none): the engine for each
 * request, chosen among engines built at registration.
 */
export interface RouteCors {
  /** The engine for `request`, or undefined when `choosePolicy` turned CORS off for it. */
  engineFor(request: FastifyRequest): FastifyCorsEngine | undefined;
  /** Whether preflights routed to this (OPTIONS) route reach its handler. */
  readonly continuesPreflights: boolean;
  readonly preflights: PreflightSettings;
  /** The `config.cors` object it was built from (undefined: the plugin's), for comparisons. */
  readonly source: object | undefined;
}

/** A registration's options, read: its default CORS, and how to read a route's. */
export interface PluginConfig {
  readonly defaults: RouteCors;
  readonly preflights: PreflightSettings;
  /**
   * The CORS of a route whose `config.cors` is `value`: null when it is `false`. Throws
   * CorsConfigError located at `['routes', label, 'config', 'cors', ...]`.
   */
  routeCors(value: unknown, label: string, methods: readonly string[]): RouteCors | null;
}

type Options = Record<string, unknown>;

const LOG_LEVELS: ReadonlySet<string> = new Set(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']);

/** The adapter's own options: never handed to the core. */
const PLUGIN_ONLY = ['policies', 'choosePolicy', 'preflightLogLevel'] as const;

const DELEGATE_FIX = 'build every policy up front: policies: { name: options } and choosePolicy: (request) => name | false';

// @fastify/cors's options (and Fastify's register options) that have another answer here.
// The core has its own words for some of them; a Fastify user gets the Fastify way.
const PEER_OPTIONS: Readonly<Record<string, string>> = {
  delegator: DELEGATE_FIX,
  hook: "no hook to choose: preflights are answered in onRequest (before body parsing, validation and your handlers) and actual responses get their headers in onSend (after your handler, on errors and 404s too); register @portcullis/fastify before plugins whose onRequest hooks reject requests without credentials, or have those hooks skip preflights with isPreflight(request); remove it",
  preflightContinue:
    "set config: { cors: { preflight: 'continue' } } on the OPTIONS route that should see preflights: it receives them with request.corsDecision; remove it",
  strictPreflight:
    'preflights are always strict: an OPTIONS request without Origin or Access-Control-Request-Method is not one, and reaches your OPTIONS route or the 404 (never a 400); remove it',
  hideOptionsRoute:
    '@portcullis/fastify registers no route (preflights are answered in a hook), so there is no OPTIONS route to hide from @fastify/swagger; remove it',
  logLevel: "to quiet the preflights the plugin answers, write preflightLogLevel: 'silent' (or another level); remove logLevel",
  prefix:
    "register the plugin inside the prefixed plugin instead: app.register(async (api) => { await api.register(portcullis, { ... }); ... }, { prefix: '/api' }); remove it",
  logSerializers: '@portcullis/fastify registers no route, so serializers for its routes have nothing to serialize; remove it',
};

function problem(code: CorsConfigProblemCode, path: readonly ProblemPathSegment[], value: unknown, message: string, fix: string): CorsConfigProblem {
  return { code, path, value, message, fix };
}

function isPlainObject(value: unknown): value is Options {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'function') return 'a function';
  if (typeof value === 'string') return `'${value.length > 40 ? `${value.slice(0, 40)}...` : value}'`;
  return typeof value === 'object' ? 'an object' : `${typeof value} ${String(value)}`;
}

/** Problems for peer option names in `options`, which are then left out of `rest`. */
function takePeerOptions(options: Options, rest: Options, problems: CorsConfigProblem[], at: readonly ProblemPathSegment[]): void {
  for (const name of Object.keys(rest)) {
    const fix = PEER_OPTIONS[name];
    if (fix === undefined) continue;
    problems.push(problem('option.unsupported', [...at, name], options[name], `unsupported option '${name}'`, fix));
    delete rest[name];
  }
}

/** `origin: true` and `false` mean something in @fastify/cors; the core only knows they are wrong. */
function peerOriginProblem(options: Options, at: readonly ProblemPathSegment[]): CorsConfigProblem | undefined {
  const origin = options.origin;
  if (origin === true) {
    return problem(
      'origin.reflect-any',
      [...at, 'origin'],
      true,
      'origin: true reflects every origin, so any site could read your responses',
      "list the origins that may read them, write origin: '*' for a public API without credentials, or pass a function (origin, request) => boolean that decides",
    );
  }
  if (origin === false) {
    return problem(
      'origin.disabled',
      [...at, 'origin'],
      false,
      'origin: false turns CORS off',
      'do not register the plugin where you want no CORS, or set config: { cors: false } on the routes concerned',
    );
  }
  return undefined;
}

/** Problems the core found in options located at `at`, with ours first. */
function relocate(error: CorsConfigError, at: readonly ProblemPathSegment[], skipOrigin: boolean): CorsConfigProblem[] {
  const out: CorsConfigProblem[] = [];
  for (const p of error.problems) {
    // Our own words for `origin: true/false` replace the core's generic ones.
    if (skipOrigin && p.path.length === 1 && p.path[0] === 'origin') continue;
    out.push({ ...p, path: [...at, ...p.path] });
  }
  return out;
}

/**
 * An engine for `options`, or the problems found in them, located at `at`. `onRefusal: 'log'`
 * becomes the request-logger listener; a function is guarded.
 */
function buildEngine(options: Options, at: readonly ProblemPathSegment[], problems: CorsConfigProblem[]): FastifyCorsEngine | undefined {
  const core: Options = { ...options };
  const listener = core.onRefusal;
  if (listener === 'log' || typeof listener === 'function') {
    core.onRefusal = refusalListener(listener as 'log' | FastifyRefusalListener);
  }
  const originProblem = peerOriginProblem(core, at);
  if (originProblem !== undefined) problems.push(originProblem);
  try {
    return createCorsEngine<FastifyRequest>(core as unknown as FastifyCorsOptions, fastifyRequestAccess);
  } catch (error) {
    if (!(error instanceof CorsConfigError)) throw error;
    problems.push(...relocate(error, at, originProblem !== undefined));
    return undefined;
  }
}

/** The policies of one registration, before any route override. */
type PolicySource =
  | { readonly kind: 'one'; readonly options: Options }
  | {
      readonly kind: 'chosen';
      readonly named: ReadonlyMap<string, Options>;
      readonly choose: (request: FastifyRequest) => unknown;
    };

/** Picks the engine `choose` names; an unknown name is a programming error (a 500). */
function chooser(source: Extract<PolicySource, { kind: 'chosen' }>, engines: ReadonlyMap<string, FastifyCorsEngine>) {
  const names = [...engines.keys()].join(', ');
  return (request: FastifyRequest): FastifyCorsEngine | undefined => {
    const name = source.choose(request);
    if (name === false) return undefined;
    const engine = typeof name === 'string' ? engines.get(name) : undefined;
    if (engine === undefined) {
      throw new TypeError(`choosePolicy returned ${describe(name)}, which names no policy: return one of ${names}, or false for no CORS`);
    }
    return engine;
  };
}

/**
 * The route CORS for `source` with `override` merged over each policy. Problems are collected
 * into `problems`, located by `locate`, de-duplicated (an override can break every policy the
 * same way).
 */
function compile(
  source: PolicySource,
  override: Options,
  preflights: PreflightSettings,
  meta: { continuesPreflights: boolean; source: object | undefined },
  locate: (name: string | undefined) => readonly ProblemPathSegment[],
  problems: CorsConfigProblem[],
): RouteCors | undefined {
  if (source.kind === 'one') {
    const engine = buildEngine({ ...source.options, ...override }, locate(undefined), problems);
    if (engine === undefined) return undefined;
    return { engineFor: () => engine, preflights, ...meta };
  }
  const engines = new Map<string, FastifyCorsEngine>();
  const found: CorsConfigProblem[] = [];
  for (const [name, options] of source.named) {
    const engine = buildEngine({ ...options, ...override }, locate(name), found);
    if (engine !== undefined) engines.set(name, engine);
  }
  const seen = new Set<string>();
  for (const p of found) {
    const key = `${p.code} ${JSON.stringify(p.path)}`;
    if (!seen.has(key)) {
      seen.add(key);
      problems.push(p);
    }
  }
  if (engines.size !== source.named.size) return undefined;
  return { engineFor: chooser(source, engines), preflights, ...meta };
}

function readPreflightLogLevel(options: Options, problems: CorsConfigProblem[]): LogLevel | undefined {
  const level = options.preflightLogLevel;
  if (level === undefined) return undefined;
  if (typeof level === 'string' && LOG_LEVELS.has(level)) return level as LogLevel;
  problems.push(
    problem(
      'option.invalid-log-level',
      ['preflightLogLevel'],
      level,
      `expected a log level, got ${describe(level)}`,
      `write one of ${[...LOG_LEVELS].map((l) => `'${l}'`).join(', ')}`,
    ),
  );
  return undefined;
}

function readPluginPreflight(options: Options, problems: CorsConfigProblem[]): boolean {
  const value = options.preflight;
  if (value === undefined || typeof value === 'boolean') return value !== false;
  problems.push(
    problem(
      'option.invalid-preflight',
      ['preflight'],
      value,
      `expected true or false, got ${describe(value)}`,
      value === 'continue'
        ? "put preflight: 'continue' in config.cors of the OPTIONS route that should see preflights"
        : 'write preflight: false to leave preflights to Fastify, or leave it out',
    ),
  );
  return true;
}

/** Reads `policies` + `choosePolicy`, or the core options themselves. */
function readPolicies(options: Options, problems: CorsConfigProblem[]): PolicySource {
  const rest: Options = { ...options };
  delete rest.preflight;
  for (const name of PLUGIN_ONLY) delete rest[name];
  takePeerOptions(options, rest, problems, []);

  const hasPolicies = Object.hasOwn(options, 'policies');
  const hasChooser = Object.hasOwn(options, 'choosePolicy');
  if (!hasPolicies && !hasChooser) return { kind: 'one', options: rest };

  const { policies, choosePolicy } = options;
  if (typeof choosePolicy !== 'function') {
    problems.push(
      problem(
        'policies.no-chooser',
        ['choosePolicy'],
        choosePolicy,
        hasChooser ? `expected a function, got ${describe(choosePolicy)}` : 'is required beside policies',
        'write choosePolicy: (request) => name | false, which picks one of the policies per request',
      ),
    );
  }
  const named = new Map<string, Options>();
  if (!isPlainObject(policies) || Object.keys(policies).length === 0) {
    problems.push(
      problem(
        'policies.invalid',
        ['policies'],
        policies,
        hasPolicies ? `expected an object of named policies, got ${describe(policies)}` : 'is required beside choosePolicy',
        "write policies: { public: { origin: '*' }, app: { origin: 'https://myapp.es', credentials: true } }",
      ),
    );
  } else {
    for (const [name, value] of Object.entries(policies)) {
      if (isPlainObject(value)) named.set(name, value);
      else {
        problems.push(
          problem('policies.invalid-policy', ['policies', name], value, `expected core options, got ${describe(value)}`, "write options such as { origin: 'https://myapp.es' }"),
        );
      }
    }
  }
  for (const name of Object.keys(rest)) {
    problems.push(
      problem(
        'policies.option-beside',
        [name],
        rest[name],
        `'${name}' is beside policies, where no policy reads it`,
        `move it into each policy that needs it: policies: { name: { ${name}: ... } }`,
      ),
    );
  }
  return { kind: 'chosen', named, choose: choosePolicy as (request: FastifyRequest) => unknown };
}

/** Reads the options given to `register`; throws CorsConfigError listing every problem. */
export function readPluginOptions(options: unknown): PluginConfig {
  if (!isPlainObject(options)) {
    const fn = typeof options === 'function';
    throw new CorsConfigError([
      problem(
        'options.not-an-object',
        [],
        options,
        fn
          ? 'expected an options object, got a function (the form @fastify/cors takes for options built per request)'
          : `expected an options object, got ${describe(options)}`,
        fn ? DELEGATE_FIX : "pass an object such as { origin: 'https://myapp.es' }",
      ),
    ]);
  }
  const problems: CorsConfigProblem[] = [];
  const preflights: PreflightSettings = {
    answer: readPluginPreflight(options, problems),
    logLevel: readPreflightLogLevel(options, problems),
  };
  const source = readPolicies(options, problems);
  const compiled = compile(source, {}, preflights, { continuesPreflights: false, source: undefined }, (name) => (name === undefined ? [] : ['policies', name]), problems);
  if (problems.length > 0 || compiled === undefined) throw new CorsConfigError(problems);
  const defaults: RouteCors = compiled;

  // Routes sharing one config.cors object share its engines.
  const byObject = new WeakMap<object, RouteCors>();

  return {
    defaults,
    preflights,
    routeCors(value, label, methods) {
      const at: ProblemPathSegment[] = ['routes', label, 'config', 'cors'];
      if (value === undefined) return defaults;
      if (value === false) return null;
      if (!isPlainObject(value)) {
        throw new CorsConfigError([
          problem(
            'route.invalid-cors',
            at,
            value,
            `expected false or an options object, got ${describe(value)}`,
            "remove it to use the plugin's options, set it to false to turn CORS off for the route, or pass options such as { origin: 'https://myapp.es' }",
          ),
        ]);
      }
      const problems: CorsConfigProblem[] = [];
      if (value.preflight === 'continue' && !methods.includes('OPTIONS')) {
        problems.push(
          problem(
            'route.continue-without-options',
            [...at, 'preflight'],
            'continue',
            `${label} does not handle OPTIONS, so no preflight is ever routed to it`,
            "put preflight: 'continue' on the OPTIONS route for this URL (app.options(url, { config: { cors: { preflight: 'continue' } } }, handler))",
          ),
        );
      }
      let cors = byObject.get(value);
      if (cors === undefined) {
        cors = readRouteCors(value, at, problems);
        if (cors !== undefined) byObject.set(value, cors);
      }
      if (problems.length > 0 || cors === undefined) throw new CorsConfigError(problems);
      return cors;
    },
  };

  function readRouteCors(value: Options, at: readonly ProblemPathSegment[], problems: CorsConfigProblem[]): RouteCors | undefined {
    const override: Options = { ...value };
    const continues = value.preflight === 'continue';
    if (value.preflight !== undefined && !continues) {
      problems.push(
        problem(
          'route.invalid-preflight',
          [...at, 'preflight'],
          value.preflight,
          `expected 'continue', got ${describe(value.preflight)}`,
          value.preflight === false
            ? "to leave the route's preflights to Fastify, set preflight: false on the plugin, or config.cors: false on the route to turn its CORS off"
            : "write preflight: 'continue' on an OPTIONS route to receive preflights, or leave it out",
        ),
      );
    }
    delete override.preflight;
    for (const name of PLUGIN_ONLY) {
      if (!Object.hasOwn(override, name)) continue;
      problems.push(
        problem('option.plugin-only', [...at, name], override[name], `'${name}' is an option of the plugin, not of a route`, 'set it in the options given to register'),
      );
      delete override[name];
    }
    takePeerOptions(value, override, problems, at);
    const meta = { continuesPreflights: continues, source: value };
    if (Object.keys(override).length === 0 && problems.length === 0) {
      return { ...defaults, ...meta };
    }
    return compile(source, override, preflights, meta, () => at, problems);
  }
}
