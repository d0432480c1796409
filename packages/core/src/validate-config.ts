// Configuration-time validation and normalisation. Every problem is collected, each with its
// fix, and thrown together in one CorsConfigError: a wrong CORS configuration otherwise fails
// silently in some user's browser, long after deployment.

import { CorsConfigError, type CorsConfigProblem } from './config-error.js';
import { isForbiddenRequestHeader, NEVER_EXPOSED_RESPONSE_HEADERS } from './header-names.js';
import { isToken } from './http-tokens.js';
import { DEFAULT_METHODS, isForbiddenMethod, normalizeMethod } from './methods.js';
import { formatPattern, parseOrigin, type OriginPattern } from './parse-origin.js';
import { isSharedSuffix } from './public-suffixes.js';
import type { OriginFunction } from './types.js';

/** The default `maxAge`: long enough to spare most preflights, short enough for config changes to land. */
export const DEFAULT_MAX_AGE = 600;
export const DEFAULT_PREFLIGHT_STATUS = 204;
export const DEFAULT_ALLOW_HEADERS: readonly string[] = ['content-type'];

export type ResolvedOrigin<Req> =
  | { readonly kind: 'any' }
  | { readonly kind: 'list'; readonly patterns: readonly OriginPattern[]; readonly regexps: readonly RegExp[] }
  | { readonly kind: 'function'; readonly fn: OriginFunction<Req> };

/** A validated configuration, normalised to the forms the engine precomputes from. */
export interface ResolvedConfig<Req> {
  readonly origin: ResolvedOrigin<Req>;
  /** Methods as browsers send them; `'*'` for any. */
  readonly allowMethods: readonly string[] | '*';
  /** Whether the user chose `allowMethods` (adapters may otherwise derive it from routes). */
  readonly allowMethodsGiven: boolean;
  /** Lowercase names; `'*'` may be the first element, then only `authorization` follows it. */
  readonly allowHeaders: readonly string[];
  readonly exposeHeaders: readonly string[] | '*';
  readonly credentials: boolean;
  readonly maxAge: number;
  readonly preflightStatus: number;
}

const KNOWN_OPTIONS = [
  'origin',
  'allowMethods',
  'allowHeaders',
  'exposeHeaders',
  'credentials',
  'maxAge',
  'preflightStatus',
] as const;

// Names other CORS libraries use (`cors`, `@fastify/cors`, hono, rs/cors...), mapped to ours.
const ALIASES: Readonly<Record<string, string>> = {
  origins: 'origin',
  allowOrigin: 'origin',
  allowOrigins: 'origin',
  allowedOrigin: 'origin',
  allowedOrigins: 'origin',
  methods: 'allowMethods',
  method: 'allowMethods',
  allowedMethods: 'allowMethods',
  allowMethod: 'allowMethods',
  headers: 'allowHeaders',
  allowedHeaders: 'allowHeaders',
  allowHeader: 'allowHeaders',
  exposedHeaders: 'exposeHeaders',
  exposeHeader: 'exposeHeaders',
  exposedHeader: 'exposeHeaders',
  credential: 'credentials',
  allowCredentials: 'credentials',
  supportsCredentials: 'credentials',
  withCredentials: 'credentials',
  maxage: 'maxAge',
  maxAgeSeconds: 'maxAge',
  optionsSuccessStatus: 'preflightStatus',
  successStatus: 'preflightStatus',
};

// Options of other libraries that have no equivalent here, with what to do instead.
const UNSUPPORTED: Readonly<Record<string, string>> = {
  preflightContinue:
    'preflights are always answered by Portcullis, and OPTIONS requests without Access-Control-Request-Method always reach your handler; remove it',
  strictPreflight: 'preflights are always checked strictly; remove it',
  preflight: 'preflights are always answered; remove it',
  hideOptionsRoute: 'no OPTIONS route is registered; remove it',
  allowPrivateNetwork:
    'Private Network Access preflights were put on hold by Chrome and are not supported; remove it',
};

type Problems = CorsConfigProblem[];

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (value instanceof RegExp) return `the RegExp ${String(value)}`;
  if (typeof value === 'string') return `'${value}'`;
  if (typeof value === 'function') return 'a function';
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${String(value)}`;
}

/** Validates `options` and returns the normalised configuration, or throws CorsConfigError. */
export function validateConfig<Req>(options: unknown): ResolvedConfig<Req> {
  const problems: Problems = [];
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new CorsConfigError([
      {
        path: 'options',
        message: `expected an options object, got ${describe(options)}`,
        fix: "pass an object such as { origin: 'https://myapp.es' }",
      },
    ]);
  }
  const o = options as Record<string, unknown>;
  checkOptionNames(o, problems);

  const credentials = readCredentials(o.credentials, problems);
  const origin = readOrigin<Req>(o, credentials, problems);
  const allowMethods = readMethods(o.allowMethods, problems);
  const allowHeaders = readAllowHeaders(o.allowHeaders, problems);
  const exposeHeaders = readExposeHeaders(o.exposeHeaders, credentials, problems);
  const maxAge = readInteger(o.maxAge, 'maxAge', 0, 86400, DEFAULT_MAX_AGE, 'seconds', problems);
  const preflightStatus = readInteger(
    o.preflightStatus,
    'preflightStatus',
    200,
    299,
    DEFAULT_PREFLIGHT_STATUS,
    'a 2xx status (browsers fail preflights with any other)',
    problems,
  );

  if (problems.length > 0) throw new CorsConfigError(problems);
  return {
    origin: origin!,
    allowMethods,
    allowMethodsGiven: o.allowMethods !== undefined,
    allowHeaders,
    exposeHeaders,
    credentials,
    maxAge,
    preflightStatus,
  };
}

function checkOptionNames(o: Record<string, unknown>, problems: Problems): void {
  for (const key of Object.keys(o)) {
    if ((KNOWN_OPTIONS as readonly string[]).includes(key)) continue;
    const alias = ALIASES[key];
    const unsupported = UNSUPPORTED[key];
    if (alias !== undefined) {
      problems.push({ path: key, message: `unknown option '${key}'`, fix: `rename it to '${alias}'` });
    } else if (unsupported !== undefined) {
      problems.push({ path: key, message: `unsupported option '${key}'`, fix: unsupported });
    } else {
      const near = closest(key, KNOWN_OPTIONS);
      problems.push({
        path: key,
        message: `unknown option '${key}'`,
        fix: near === undefined ? `remove it; the options are ${KNOWN_OPTIONS.join(', ')}` : `did you mean '${near}'?`,
      });
    }
  }
}

/** The known name within a small edit distance of `key`, ignoring case, if any. */
function closest(key: string, names: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const name of names) {
    const d = editDistance(key.toLowerCase(), name.toLowerCase());
    if (d < bestDistance) {
      best = name;
      bestDistance = d;
    }
  }
  return bestDistance <= Math.max(2, Math.floor(key.length / 4)) ? best : undefined;
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
    }
    prev = row;
  }
  return prev[b.length]!;
}

function readCredentials(value: unknown, problems: Problems): boolean {
  if (value === undefined) return false;
  if (typeof value === 'boolean') return value;
  problems.push({
    path: 'credentials',
    message: `expected true or false, got ${describe(value)}`,
    fix: 'write credentials: true to allow cookies and HTTP authentication, or leave it out',
  });
  return false;
}

function readOrigin<Req>(o: Record<string, unknown>, credentials: boolean, problems: Problems): ResolvedOrigin<Req> | undefined {
  if (!('origin' in o) || o.origin === undefined) {
    problems.push({
      path: 'origin',
      message: 'is required: there is no safe default for which sites may read your responses',
      fix: "list your front end's origin, e.g. origin: 'https://myapp.es', or origin: '*' for a public API without credentials",
    });
    return undefined;
  }
  const value = o.origin;
  if (typeof value === 'function') return { kind: 'function', fn: value as OriginFunction<Req> };
  if (value === '*') {
    if (credentials) {
      problems.push({
        path: 'origin',
        message: "'*' cannot be combined with credentials: true (browsers refuse it, and reflecting every origin instead would let any site read logged-in users' data)",
        fix: 'list the origins that may send credentials, or set credentials: false',
      });
    }
    return { kind: 'any' };
  }
  const entries: unknown[] = Array.isArray(value) ? value : [value];
  const isList = Array.isArray(value);
  if (isList && entries.length === 0) {
    problems.push({
      path: 'origin',
      message: 'is an empty list, which allows no origin at all',
      fix: "list at least one origin, e.g. ['https://myapp.es']",
    });
    return undefined;
  }
  const patterns: OriginPattern[] = [];
  const regexps: RegExp[] = [];
  entries.forEach((entry, index) => {
    const path = isList ? `origin[${index}]` : 'origin';
    if (entry === '*') {
      problems.push({
        path,
        message: "'*' cannot be combined with other origins",
        fix: "use origin: '*' on its own, or remove it from the list",
      });
    } else if (typeof entry === 'string') {
      const parsed = parseOrigin(entry);
      if (!parsed.ok) {
        for (const d of parsed.defects) problems.push({ path, message: `'${entry}' ${d.message}`, fix: d.fix });
        return;
      }
      const p = parsed.pattern;
      if (p.anySubdomain && credentials && isSharedSuffix(p.host)) {
        problems.push({
          path,
          message: `'${entry}' allows every site under the shared suffix '${p.host}' to send credentialed requests`,
          fix: `list the exact origins instead (e.g. '${p.scheme}://app.${p.host}'), or set credentials: false`,
        });
        return;
      }
      patterns.push(p);
    } else if (entry instanceof RegExp) {
      checkRegExp(entry, path, problems);
      regexps.push(entry);
    } else {
      problems.push({
        path,
        message: `expected an origin string, an origin pattern or a RegExp, got ${describe(entry)}`,
        fix: isList
          ? "write each entry as 'https://myapp.es', 'https://*.myapp.es' or /^https:\\/\\/myapp\\.es$/"
          : "write origin: 'https://myapp.es', a list, a RegExp, a function, or '*'",
      });
    }
  });
  return { kind: 'list', patterns: dedupe(patterns), regexps };
}

function dedupe(patterns: OriginPattern[]): OriginPattern[] {
  const seen = new Set<string>();
  return patterns.filter((p) => {
    const key = formatPattern(p);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function checkRegExp(re: RegExp, path: string, problems: Problems): void {
  const source = re.source;
  if (re.global || re.sticky) {
    problems.push({
      path,
      message: `${String(re)} has the '${re.global ? 'g' : 'y'}' flag, which makes test() remember lastIndex and alternate between allowing and refusing the same origin`,
      fix: `remove the flag: /${source}/${re.flags.replace(/[gy]/g, '')}`,
    });
  }
  const endsWithAnchor = source.endsWith('$') && trailingBackslashes(source.slice(0, -1)) % 2 === 0;
  if (!source.startsWith('^') || !endsWithAnchor) {
    problems.push({
      path,
      message: `${String(re)} is not anchored, so it also matches origins that merely contain a match (https://myapp.es.evil.io)`,
      fix: `anchor it: /^${source.replace(/^\^/, '').replace(/\$$/, '')}$/`,
    });
  } else if (hasTopLevelAlternation(source)) {
    problems.push({
      path,
      message: `${String(re)} has a top-level '|', so its anchors apply to the first and last alternatives only`,
      fix: `group the alternatives: /^(?:${source.slice(1, -1)})$/`,
    });
  }
  const dot = unescapedDomainDot(source);
  if (dot !== -1) {
    problems.push({
      path,
      message: `${String(re)} has an unescaped '.' at position ${dot}, which matches any character (https://myappxes)`,
      fix: "escape dots in host names: '\\.'",
    });
  }
}

function trailingBackslashes(text: string): number {
  let n = 0;
  for (let i = text.length - 1; i >= 0 && text[i] === '\\'; i--) n++;
  return n;
}

/** Walks a RegExp source, calling `visit` for each character outside escapes and classes. */
function scanRegExp(source: string, visit: (char: string, index: number, depth: number) => boolean): number {
  let depth = 0;
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const ch = source[i]!;
    if (ch === '\\') {
      i++;
      continue;
    }
    if (inClass) {
      if (ch === ']') inClass = false;
      continue;
    }
    if (ch === '[') inClass = true;
    else if (ch === '(') depth++;
    else if (ch === ')') depth--;
    else if (visit(ch, i, depth)) return i;
  }
  return -1;
}

function hasTopLevelAlternation(source: string): boolean {
  return scanRegExp(source, (ch, _i, depth) => ch === '|' && depth === 0) !== -1;
}

/** The index of a '.' that is followed by a letter or digit, as in a host name; or -1. */
function unescapedDomainDot(source: string): number {
  return scanRegExp(source, (ch, i) => ch === '.' && /[a-z0-9]/i.test(source[i + 1] ?? ''));
}

function readMethods(value: unknown, problems: Problems): readonly string[] | '*' {
  if (value === undefined) return DEFAULT_METHODS;
  if (value === '*') return '*';
  if (!Array.isArray(value)) {
    problems.push({
      path: 'allowMethods',
      message: `expected a list of methods or '*', got ${describe(value)}`,
      fix: "write allowMethods: ['GET', 'POST', 'PUT', 'DELETE']",
    });
    return DEFAULT_METHODS;
  }
  const methods: string[] = [];
  value.forEach((entry: unknown, index) => {
    const path = `allowMethods[${index}]`;
    if (entry === '*') {
      problems.push({ path, message: "'*' cannot be combined with method names", fix: "use allowMethods: '*' on its own" });
    } else if (typeof entry !== 'string' || !isToken(entry)) {
      problems.push({
        path,
        message: `${describe(entry)} is not a valid HTTP method`,
        fix: 'use a method name made of letters, digits and !#$%&\'*+-.^_`|~, e.g. PATCH',
      });
    } else if (isForbiddenMethod(entry)) {
      problems.push({
        path,
        message: `'${entry}' is a forbidden method: browsers never send it`,
        fix: 'remove it',
      });
    } else {
      const method = normalizeMethod(entry);
      if (!methods.includes(method)) methods.push(method);
    }
  });
  return methods;
}

function readHeaderList(
  value: unknown,
  name: 'allowHeaders' | 'exposeHeaders',
  fallback: readonly string[],
  problems: Problems,
): { names: string[]; wildcard: boolean } {
  if (value === undefined) return { names: fallback.slice(), wildcard: false };
  if (value === '*') return { names: [], wildcard: true };
  if (!Array.isArray(value)) {
    problems.push({
      path: name,
      message: `expected a list of header names or '*', got ${describe(value)}`,
      fix: `write ${name}: ['${name === 'allowHeaders' ? 'content-type' : 'x-request-id'}']`,
    });
    return { names: fallback.slice(), wildcard: false };
  }
  const names: string[] = [];
  let wildcard = false;
  value.forEach((entry: unknown, index) => {
    if (entry === '*') {
      wildcard = true;
      return;
    }
    if (typeof entry !== 'string' || !isToken(entry)) {
      problems.push({
        path: `${name}[${index}]`,
        message: `${describe(entry)} is not a valid header name`,
        fix: typeof entry === 'string' && isToken(entry.trim()) ? `write '${entry.trim()}'` : "use a header name such as 'x-request-id'",
      });
      return;
    }
    const lower = entry.toLowerCase();
    if (!names.includes(lower)) names.push(lower);
  });
  return { names, wildcard };
}

function readAllowHeaders(value: unknown, problems: Problems): readonly string[] {
  const { names, wildcard } = readHeaderList(value, 'allowHeaders', DEFAULT_ALLOW_HEADERS, problems);
  names.forEach((header) => {
    if (isForbiddenRequestHeader(header)) {
      problems.push({
        path: 'allowHeaders',
        message: `'${header}' is a forbidden request header: scripts can never set it, so allowing it has no effect`,
        fix: `remove '${header}'`,
      });
    }
  });
  if (!wildcard) return names;
  // Only `authorization` means anything next to `*`.
  return names.includes('authorization') ? ['*', 'authorization'] : ['*'];
}

function readExposeHeaders(value: unknown, credentials: boolean, problems: Problems): readonly string[] | '*' {
  const { names, wildcard } = readHeaderList(value, 'exposeHeaders', [], problems);
  for (const header of names) {
    if (NEVER_EXPOSED_RESPONSE_HEADERS.has(header)) {
      problems.push({
        path: 'exposeHeaders',
        message: `'${header}' is never exposed to scripts, whatever the server says`,
        fix: `remove '${header}'`,
      });
    }
  }
  if (wildcard) {
    if (credentials) {
      problems.push({
        path: 'exposeHeaders',
        message: "'*' is read as a header literally named '*' on credentialed requests, so it would expose nothing",
        fix: "list the headers to expose, e.g. ['x-request-id']",
      });
    }
    return '*';
  }
  return names;
}

function readInteger(
  value: unknown,
  path: string,
  min: number,
  max: number,
  fallback: number,
  unit: string,
  problems: Problems,
): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    problems.push({
      path,
      message: `expected an integer from ${min} to ${max} (${unit}), got ${describe(value)}`,
      fix: `use a whole number between ${min} and ${max}, or leave it out for ${fallback}`,
    });
    return fallback;
  }
  return value;
}
