// Names that mean something in @fastify/cors (or in Fastify's `register` options) and have
// another answer here. The core's checks know other libraries in general; a Fastify user gets
// the Fastify way to do the same.

import type { CorsConfigProblem, CorsConfigProblemCode, ProblemPathSegment } from '@portcullis/core';

export type Options = Record<string, unknown>;

export const DELEGATE_FIX = 'write policies: { name: options } and choosePolicy: (request, route) => name | false';

const QUIET = 'remove it; to quiet preflights, give Fastify disableRequestLogging: isPreflight';

// Core's words for strictPreflight and hideOptionsRoute hold here too; these differ in Fastify.
// preflightLogLevel was an option of this plugin before it learned routes from Fastify itself.
const PEER_OPTIONS: Readonly<Record<string, string>> = {
  delegator: DELEGATE_FIX,
  hook: 'remove it: preflights and cross-origin writes are answered in the first onRequest hook',
  preflightContinue: 'remove it; to add to the answers, use an onSend hook with isPreflight(request)',
  logLevel: QUIET,
  preflightLogLevel: QUIET,
  prefix: 'register the plugin inside the prefixed plugin',
};

export function problem(code: CorsConfigProblemCode, path: readonly ProblemPathSegment[], value: unknown, message: string, fix: string): CorsConfigProblem {
  return { code, path, value, message, fix };
}

export function isPlainObject(value: unknown): value is Options {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function describe(value: unknown): string {
  return typeof value === 'string' ? `'${value}'` : value === null ? 'null' : typeof value;
}

/** Moves @fastify/cors's names out of `rest`, each with a problem saying what to write instead. */
export function takePeerOptions(rest: Options, problems: CorsConfigProblem[], at: readonly ProblemPathSegment[]): void {
  for (const name of Object.keys(rest)) {
    const fix = PEER_OPTIONS[name];
    if (fix === undefined) continue;
    problems.push(problem('option.unsupported', [...at, name], rest[name], `unsupported option '${name}'`, fix));
    delete rest[name];
  }
}
