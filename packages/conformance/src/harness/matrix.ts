// The scenarios x targets table printed at the end of the run. A target that could not run
// shows as PENDING in every row, with its reason under the table: an absence is never silent.

export type Cell = 'pass' | 'FAIL' | 'not run';

export class Matrix {
  readonly #cells = new Map<string, Cell>();
  readonly #pending = new Map<string, string>();
  readonly #broken = new Map<string, string>();

  constructor(
    private readonly scenarios: readonly string[],
    private readonly targets: readonly string[],
  ) {}

  record(target: string, scenario: string, passed: boolean): void {
    this.#cells.set(`${target}\0${scenario}`, passed ? 'pass' : 'FAIL');
  }

  pending(target: string, reason: string): void {
    this.#pending.set(target, reason);
  }

  /** The target was available but did not start. */
  broken(target: string, reason: string): void {
    this.#broken.set(target, reason);
  }

  #cell(target: string, scenario: string): string {
    if (this.#pending.has(target)) return 'PENDING';
    return this.#cells.get(`${target}\0${scenario}`) ?? 'not run';
  }

  render(): string {
    const nameWidth = Math.max(8, ...this.scenarios.map((s) => s.length));
    const widths = this.targets.map((t) => Math.max(t.length, 7));
    const row = (first: string, cells: string[]) =>
      `| ${first.padEnd(nameWidth)} | ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
    const lines = [
      row('scenario', [...this.targets]),
      `|${'-'.repeat(nameWidth + 2)}|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`,
      ...this.scenarios.map((s) => row(s, this.targets.map((t) => this.#cell(t, s)))),
    ];
    const totals = this.targets.map((t) => {
      if (this.#pending.has(t)) return `${t}: PENDING (${this.#pending.get(t)})`;
      const cells = this.scenarios.map((s) => this.#cell(t, s));
      const count = (c: string) => cells.filter((x) => x === c).length;
      const broken = this.#broken.has(t) ? ` -- did not start: ${this.#broken.get(t)}` : '';
      return `${t}: pass ${count('pass')}, FAIL ${count('FAIL')}, not run ${count('not run')}${broken}`;
    });
    const all = this.targets.flatMap((t) => this.scenarios.map((s) => this.#cell(t, s)));
    return [
      `Conformance matrix: ${this.scenarios.length} scenarios x ${this.targets.length} targets`,
      ...lines,
      ...totals,
      // Deliberately not in the `N passed, N failed` shape: CI reads that shape as a runner's verdict.
      `matrix totals: pass ${all.filter((c) => c === 'pass').length}, FAIL ${all.filter((c) => c === 'FAIL').length}, ` +
        `PENDING ${all.filter((c) => c === 'PENDING').length}, not run ${all.filter((c) => c === 'not run').length}`,
    ].join('\n');
  }
}
