// A configuration problem is data (a stable code, where, the value found) with two renderings,
// `message` and `fix`; CorsConfigError collects them all so a configuration is fixed in one go.

import type { CorsConfigProblemCode } from './problem-codes.js';

/** One step of the way to a problem inside the options: a property name or an array index. */
export type ProblemPathSegment = string | number;

/** One thing wrong with a CORS configuration, and how to fix it. */
export interface CorsConfigProblem {
  /** Stable identifier of the rule, e.g. `origin.trailing-slash`, `regexp.unanchored`. */
  readonly code: CorsConfigProblemCode;
  /** Where the problem is, as segments: `['origin', 2]`; `[]` for the options themselves. */
  readonly path: readonly ProblemPathSegment[];
  /** The offending value as given. */
  readonly value: unknown;
  /** What is wrong. */
  readonly message: string;
  /** What to write instead. */
  readonly fix: string;
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** `['origin', 2]` -> `origin[2]`; `[]` -> `options`; other strings quoted: `routes['GET /x']`. */
export function formatProblemPath(path: readonly ProblemPathSegment[]): string {
  if (path.length === 0) return 'options';
  let text = '';
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else if (IDENTIFIER.test(segment)) text += text === '' ? segment : `.${segment}`;
    else text += `[${JSON.stringify(segment)}]`;
  }
  return text;
}

// A registered symbol, the same in every copy of this module: the ESM and CJS builds, or two
// installed versions, so that `instanceof CorsConfigError` holds whichever copy threw.
const BRAND = Symbol.for('@portcullis/core.CorsConfigError');

/**
 * Thrown by `cors()` (and every adapter) when the options are wrong. Lists every problem
 * found, not just the first, so a configuration can be fixed in one go.
 */
export class CorsConfigError extends TypeError {
  /** Every problem found, in the order of the options. */
  readonly problems: readonly CorsConfigProblem[];

  /** True for a CorsConfigError from any copy of this package (ESM, CJS, another version). */
  static override [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === 'object' && value !== null && (value as { [BRAND]?: unknown })[BRAND] === true;
  }

  /**
   * Builds the error and its message, listing every problem with its fix.
   * @param problems what is wrong, each with its code, place, value and fix
   */
  constructor(problems: readonly CorsConfigProblem[]) {
    const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
    const lines = problems.map((p) => `  - ${formatProblemPath(p.path)}: ${p.message}\n    fix: ${p.fix}`);
    super(`Invalid CORS configuration (${count}):\n${lines.join('\n')}`);
    this.name = 'CorsConfigError';
    this.problems = Object.freeze(problems.slice());
    Object.defineProperty(this, BRAND, { value: true });
  }
}
