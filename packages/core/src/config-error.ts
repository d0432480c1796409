/** One thing wrong with a CORS configuration, and how to fix it. */
export interface CorsConfigProblem {
  /** Where the problem is, e.g. `origin[2]` or `allowHeaders`. */
  readonly path: string;
  /** What is wrong. */
  readonly message: string;
  /** What to write instead. */
  readonly fix: string;
}

/**
 * Thrown by `cors()` (and every adapter) when the options are wrong. Lists every problem
 * found, not just the first, so a configuration can be fixed in one go.
 */
export class CorsConfigError extends TypeError {
  readonly problems: readonly CorsConfigProblem[];

  constructor(problems: readonly CorsConfigProblem[]) {
    const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
    const lines = problems.map((p) => `  - ${p.path}: ${p.message}\n    fix: ${p.fix}`);
    super(`Invalid CORS configuration (${count}):\n${lines.join('\n')}`);
    this.name = 'CorsConfigError';
    this.problems = Object.freeze(problems.slice());
  }
}
