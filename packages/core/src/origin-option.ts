// Reading the `origin` option on its own: `'*'`, one origin or pattern, a RegExp, a list of
// them, or a function. Rules that depend on other options (credentials) are applied by
// validate-config.ts, which gets every entry back with where it was.

import type { CorsConfigProblem, ProblemPathSegment } from './config-error.js';
import { describeValue } from './describe-value.js';
import { formatPattern, parseOrigin, type OriginPattern } from './parse-origin.js';
import { checkRegExpOrigin } from './regexp-origins.js';
import type { ResolvedOrigin } from './resolved-config.js';
import type { OriginFunction } from './types.js';

/** One configured origin, with its place in the options. */
export type OriginEntry =
  | { readonly path: readonly ProblemPathSegment[]; readonly pattern: OriginPattern; readonly regexp?: undefined }
  | { readonly path: readonly ProblemPathSegment[]; readonly regexp: RegExp; readonly pattern?: undefined };

interface ReadOrigin<Req> {
  /** Undefined when the option is missing or unusable. */
  readonly resolved: ResolvedOrigin<Req> | undefined;
  readonly entries: readonly OriginEntry[];
  readonly problems: readonly CorsConfigProblem[];
}

/** `origin: true` (reflect every origin, as `cors` and itty-router read it) or `false`. */
function booleanOriginProblem(value: boolean): CorsConfigProblem {
  return value
    ? {
        code: 'origin.reflect-all',
        path: ['origin'],
        value,
        message: "true would reflect every origin, which lets any site read your responses (with credentials, your users' data)",
        fix: "list the origins that may read, e.g. origin: ['https://myapp.es'], or origin: '*' for a public API without credentials",
      }
    : {
        code: 'origin.none',
        path: ['origin'],
        value,
        message: 'false allows no origin at all',
        fix: 'to leave requests without CORS, do not wrap the handler (or return undefined from corsByRequest)',
      };
}

export function readOriginOption<Req>(present: boolean, value: unknown): ReadOrigin<Req> {
  const problems: CorsConfigProblem[] = [];
  const entries: OriginEntry[] = [];
  const result = (resolved: ResolvedOrigin<Req> | undefined): ReadOrigin<Req> => ({ resolved, entries, problems });

  if (!present || value === undefined) {
    problems.push({
      code: 'origin.missing',
      path: ['origin'],
      value,
      message: 'is required: there is no safe default for which sites may read your responses',
      fix: "list your front end's origin, e.g. origin: 'https://myapp.es', or origin: '*' for a public API without credentials",
    });
    return result(undefined);
  }
  if (typeof value === 'function') return result({ kind: 'function', fn: value as OriginFunction<Req> });
  if (typeof value === 'boolean') {
    problems.push(booleanOriginProblem(value));
    return result(undefined);
  }
  // A list of one `'*'` (what `--origin '*'` or an environment variable split on commas gives)
  // means what it says: any origin.
  if (value === '*' || (Array.isArray(value) && value.length === 1 && value[0] === '*')) return result({ kind: 'any' });

  const isList = Array.isArray(value);
  const list: readonly unknown[] = isList ? value : [value];
  if (isList && list.length === 0) {
    problems.push({
      code: 'origin.empty-list',
      path: ['origin'],
      value,
      message: 'is an empty list, which allows no origin at all',
      fix: "list at least one origin, e.g. ['https://myapp.es']",
    });
    return result(undefined);
  }

  const seen = new Set<string>();
  const patterns: OriginPattern[] = [];
  const regexps: RegExp[] = [];
  list.forEach((entry, index) => {
    const path: ProblemPathSegment[] = isList ? ['origin', index] : ['origin'];
    const read = readEntry(entry, path, isList, problems);
    if (read === undefined) return;
    entries.push(read);
    if (read.regexp !== undefined) {
      regexps.push(read.regexp);
      return;
    }
    const key = formatPattern(read.pattern);
    if (!seen.has(key)) {
      seen.add(key);
      patterns.push(read.pattern);
    }
  });
  return result({ kind: 'list', patterns, regexps });
}

/** One entry of the list (or the single value): its pattern or RegExp, or undefined with its problems pushed. */
function readEntry(entry: unknown, path: ProblemPathSegment[], isList: boolean, problems: CorsConfigProblem[]): OriginEntry | undefined {
  if (entry === '*') {
    problems.push({
      code: 'origin.wildcard-in-list',
      path,
      value: entry,
      message: "'*' cannot be combined with other origins",
      fix: "use origin: '*' on its own, or remove it from the list",
    });
    return undefined;
  }
  if (typeof entry === 'string') {
    const parsed = parseOrigin(entry);
    if (parsed.ok) return { path, pattern: parsed.pattern };
    for (const d of parsed.defects) problems.push({ code: d.code, path, value: entry, message: `'${entry}' ${d.message}`, fix: d.fix });
    return undefined;
  }
  if (entry instanceof RegExp) {
    problems.push(...checkRegExpOrigin(entry, path));
    return { path, regexp: entry };
  }
  problems.push({
    code: 'origin.invalid-entry',
    path,
    value: entry,
    message: `expected an origin string, an origin pattern or a RegExp, got ${describeValue(entry)}`,
    fix: isList
      ? "write each entry as 'https://myapp.es', 'https://*.myapp.es' or /^https:\\/\\/myapp\\.es$/"
      : "write origin: 'https://myapp.es', a list, a RegExp, a function, or '*'",
  });
  return undefined;
}
