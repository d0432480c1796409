// Configuration-time validation: every option is read on its own (option-names, origin-option,
// list-options and the scalars below), then the rules that cross options are applied in one
// block. Every problem is collected and thrown together in one CorsConfigError: a wrong CORS
// configuration otherwise fails silently in some user's browser, long after deployment.

import { CorsConfigError, type CorsConfigProblem, type ProblemPathSegment } from './config-error.js';
import { describeValue } from './describe-value.js';
import { readAllowHeaders, readExposeHeaders, readMethods } from './list-options.js';
import { checkOptionNames } from './option-names.js';
import { readOriginOption, type OriginEntry } from './origin-option.js';
import { formatPattern, isLoopbackHost, type OriginPattern } from './parse-origin.js';
import { isSharedSuffix } from './public-suffixes.js';
import { checkCredentialedRegExp } from './regexp-origins.js';
import { DEFAULT_MAX_AGE, DEFAULT_PREFLIGHT_STATUS, type ResolvedConfig } from './resolved-config.js';
import type { RefusalListener } from './types.js';

type Problems = CorsConfigProblem[];

/** Longest Cache-Control policy accepted: a preflight answer is no place for an essay. */
const MAX_CACHE_CONTROL_LENGTH = 256;
/** A year, the longest freshness lifetime RFC 9111 suggests a cache honour. */
const MAX_CACHE_CONTROL_SECONDS = 31_536_000;

/** Validates `options` and returns the normalised configuration, or throws CorsConfigError. */
export function validateConfig<Req>(options: unknown): ResolvedConfig<Req> {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new CorsConfigError([
      {
        code: 'options.not-an-object',
        path: [],
        value: options,
        message: `expected an options object, got ${describeValue(options)}`,
        fix:
          typeof options === 'function'
            ? 'build each policy with cors({ ... }) once, and choose one per request with corsByRequest((request) => policy)'
            : "pass an object such as { origin: 'https://myapp.es' }",
      },
    ]);
  }
  // Own properties only: an option inherited from a prototype (even Object.prototype) is not
  // something the user wrote here.
  const has = (name: string) => Object.hasOwn(options, name);
  const get = (name: string): unknown => (has(name) ? (options as Record<string, unknown>)[name] : undefined);

  const problems: Problems = checkOptionNames(options);
  const credentials = readBoolean(get('credentials'), 'credentials', false, problems);
  const origin = readOriginOption<Req>(has('origin'), get('origin'));
  problems.push(...origin.problems);
  const allowMethods = readMethods(get('allowMethods'), problems);
  const allowHeaders = readAllowHeaders(get('allowHeaders'), problems);
  const exposeHeaders = readExposeHeaders(get('exposeHeaders'), problems);
  const maxAge = readInteger(get('maxAge'), 'maxAge', 0, 86400, DEFAULT_MAX_AGE, 'seconds', problems);
  const preflightStatus = readInteger(
    get('preflightStatus'),
    'preflightStatus',
    200,
    299,
    DEFAULT_PREFLIGHT_STATUS,
    'a 2xx status (browsers fail preflights with any other)',
    problems,
  );
  const preflightCacheControl = readCacheControl(get('preflightCacheControl'), problems);
  const explainRefusals = readBoolean(get('explainRefusals'), 'explainRefusals', true, problems);
  const onRefusal = readListener<Req>(get('onRefusal'), problems);
  const insecureAllowed = readBoolean(get('dangerouslyAllowInsecureOrigins'), 'dangerouslyAllowInsecureOrigins', false, problems);
  const anyOrigin = origin.resolved?.kind === 'any';
  const protectWrites = readBoolean(get('protectWrites'), 'protectWrites', credentials && !anyOrigin, problems);

  problems.push(...crossOptionProblems({ credentials, anyOrigin, origin: origin.entries, exposeWildcard: exposeHeaders.wildcard, insecureAllowed, protectWritesAsked: get('protectWrites') === true }));

  if (problems.length > 0) throw new CorsConfigError(problems);
  return {
    origin: origin.resolved!,
    allowMethods,
    allowHeaders,
    exposeHeaders,
    credentials,
    maxAge,
    preflightStatus,
    preflightCacheControl,
    explainRefusals,
    onRefusal,
    protectWrites: protectWrites && !anyOrigin,
  };
}

interface CrossOptions {
  readonly credentials: boolean;
  readonly anyOrigin: boolean;
  readonly origin: readonly OriginEntry[];
  readonly exposeWildcard: boolean;
  readonly insecureAllowed: boolean;
  readonly protectWritesAsked: boolean;
}

/**
 * The rules that cross options, in one place: what credentials forbid (`*`, RegExps that do
 * not pin a host, wildcards under shared suffixes, plain-http origins, exposing `*`), and
 * write protection, which means nothing when every origin is trusted.
 */
function crossOptionProblems(o: CrossOptions): Problems {
  const problems: Problems = [];
  if (o.credentials) {
    if (o.anyOrigin) {
      problems.push({
        code: 'origin.wildcard-with-credentials',
        path: ['origin'],
        value: '*',
        message: "'*' cannot be combined with credentials: true (browsers refuse it, and reflecting every origin instead would let any site read logged-in users' data)",
        fix: 'list the origins that may send credentials, or set credentials: false',
      });
    }
    for (const entry of o.origin) {
      const problem = entry.regexp !== undefined ? checkCredentialedRegExp(entry.regexp, entry.path) : credentialedPatternProblem(entry.pattern, entry.path, o.insecureAllowed);
      if (problem !== undefined) problems.push(problem);
    }
    if (o.exposeWildcard) {
      problems.push({
        code: 'headers.expose-wildcard-with-credentials',
        path: ['exposeHeaders'],
        value: '*',
        message: "'*' is read as a header literally named '*' on credentialed requests, so it would expose nothing",
        fix: "list the headers to expose, e.g. ['x-request-id']",
      });
    }
  }
  if (o.anyOrigin && o.protectWritesAsked) {
    problems.push({
      code: 'writes.any-origin',
      path: ['protectWrites'],
      value: true,
      message: "true means nothing with origin: '*', where every origin is trusted and no write would ever be refused",
      fix: 'list the origins that may write, or remove protectWrites',
    });
  }
  return problems;
}

function credentialedPatternProblem(p: OriginPattern, path: readonly ProblemPathSegment[], insecureAllowed: boolean): CorsConfigProblem | undefined {
  const shown = formatPattern(p);
  if (p.anySubdomain && isSharedSuffix(p.host)) {
    return {
      code: 'origin.credentialed-shared-suffix',
      path,
      value: shown,
      message: `'${shown}' allows every site under the shared suffix '${p.host}' to send credentialed requests`,
      fix: `list the exact origins instead (e.g. '${p.scheme}://app.${p.host}'), or set credentials: false`,
    };
  }
  if (p.scheme === 'http' && !isLoopbackHost(p.host) && !insecureAllowed) {
    return {
      code: 'origin.insecure-with-credentials',
      path,
      value: shown,
      message: `'${shown}' is plain http: anyone on the network path can inject script into that page and read your users' data with credentials: true`,
      fix: `serve that page over https and write '${formatPattern({ ...p, scheme: 'https' })}', or set dangerouslyAllowInsecureOrigins: true if you accept the risk`,
    };
  }
  return undefined;
}

function readBoolean(value: unknown, name: string, fallback: boolean, problems: Problems): boolean {
  if (value === undefined) return fallback;
  if (typeof value === 'boolean') return value;
  problems.push({
    code: 'option.not-a-boolean',
    path: [name],
    value,
    message: `expected true or false, got ${describeValue(value)}`,
    fix: `write ${name}: ${!fallback}, or leave it out for ${fallback}`,
  });
  return fallback;
}

function readInteger(
  value: unknown,
  name: string,
  min: number,
  max: number,
  fallback: number,
  unit: string,
  problems: Problems,
): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    problems.push({
      code: 'option.out-of-range',
      path: [name],
      value,
      message: `expected an integer from ${min} to ${max} (${unit}), got ${describeValue(value)}`,
      fix: `use a whole number between ${min} and ${max}, or leave it out for ${fallback}`,
    });
    return fallback;
  }
  return value;
}

function readCacheControl(value: unknown, problems: Problems): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= MAX_CACHE_CONTROL_SECONDS) {
    return `max-age=${value}`;
  }
  if (typeof value === 'string' && value.length > 0 && value.length <= MAX_CACHE_CONTROL_LENGTH && /^[\x21-\x7e]([\x20-\x7e]*[\x21-\x7e])?$/.test(value)) {
    return value;
  }
  problems.push({
    code: 'option.invalid-cache-control',
    path: ['preflightCacheControl'],
    value,
    message: `expected a Cache-Control value or a number of seconds, got ${describeValue(value)}`,
    fix: "write preflightCacheControl: 'public, max-age=600', or 600 for 'max-age=600'",
  });
  return undefined;
}

function readListener<Req>(value: unknown, problems: Problems): 'log' | RefusalListener<Req> | undefined {
  if (value === undefined || value === 'log' || typeof value === 'function') return value as 'log' | RefusalListener<Req> | undefined;
  problems.push({
    code: 'option.invalid-listener',
    path: ['onRefusal'],
    value,
    message: `expected 'log' or a function (event) => void, got ${describeValue(value)}`,
    fix: "write onRefusal: 'log' to log each refusal with its fix, or pass a function",
  });
  return undefined;
}
