// The scenarios x targets x engines table: printed at the end of the run, written to MATRIX.md
// and to the conformance block of the docs' conformance page. A target that could not run shows as pending in every
// row, an engine that did not start as not run, each with its reason: an absence is never silent.

import type { EngineName } from '../scenario-types.ts';

export type Cell = 'pass' | 'FAIL' | 'not run' | 'PENDING';

const MARK: Record<Cell, string> = { pass: '✓', FAIL: '✗', 'not run': '·', PENDING: '?' };
const CELL_PATTERN = /^[✓✗·?]+$/u;

export interface EngineSummary {
  readonly engine: EngineName;
  /** Product and version, or why it did not run. */
  readonly version: string;
  readonly driver?: string;
  /** Browser start-up, and the time spent running scenarios (controls included). */
  readonly launchMs?: number;
  readonly busyMs?: number;
  readonly runs?: number;
}

/** What MATRIX.md adds to the table: the run's date and time, the engines' stated differences, notes. */
export interface MatrixExtra {
  readonly date: string;
  readonly wallMs: number;
  readonly serial?: boolean;
  readonly differences: readonly string[];
  /** More totals, one line each (how often `portcullis check` agreed with the browsers). */
  readonly notes?: readonly string[];
}

export const README_START = '<!-- conformance-matrix:start -->';
export const README_END = '<!-- conformance-matrix:end -->';

export class Matrix {
  readonly #cells = new Map<string, Cell>();
  readonly #pending = new Map<string, string>();
  readonly #broken = new Map<string, string>();

  constructor(
    readonly scenarios: readonly string[],
    readonly targets: readonly string[],
    readonly engines: readonly EngineName[],
  ) {}

  record(engine: EngineName, target: string, scenario: string, passed: boolean): void {
    this.#cells.set(`${engine}\0${target}\0${scenario}`, passed ? 'pass' : 'FAIL');
  }

  pending(target: string, reason: string): void {
    this.#pending.set(target, reason);
  }

  /** The target was available but did not start. */
  broken(target: string, reason: string): void {
    this.#broken.set(target, reason);
  }

  cell(engine: EngineName, target: string, scenario: string): Cell {
    if (this.#pending.has(target)) return 'PENDING';
    return this.#cells.get(`${engine}\0${target}\0${scenario}`) ?? 'not run';
  }

  /** Every cell of one engine (or all engines) counted by kind. */
  count(engine?: EngineName): Record<Cell, number> {
    const counts: Record<Cell, number> = { pass: 0, FAIL: 0, 'not run': 0, PENDING: 0 };
    for (const e of engine ? [engine] : this.engines) {
      for (const t of this.targets) for (const s of this.scenarios) counts[this.cell(e, t, s)]++;
    }
    return counts;
  }

  /**
   * Every cell of the full matrix (every engine, every target) was run, pass or FAIL, but for
   * the targets whose package is pending (not built yet), which the published matrix names.
   */
  complete(allEngines: readonly EngineName[], allTargets: readonly string[]): boolean {
    const counts = this.count();
    return (
      counts['not run'] === 0 &&
      counts.pass + counts.FAIL > 0 &&
      allEngines.every((e) => this.engines.includes(e)) &&
      allTargets.every((t) => this.targets.includes(t))
    );
  }

  #marks(target: string, scenario: string): string {
    return this.engines.map((e) => MARK[this.cell(e, target, scenario)]).join('');
  }

  #table(): string[] {
    return [
      `| scenario | ${this.targets.join(' | ')} |`,
      `|---|${this.targets.map(() => ':-:').join('|')}|`,
      ...this.scenarios.map((s) => `| ${s} | ${this.targets.map((t) => this.#marks(t, s)).join(' | ')} |`),
    ];
  }

  #legend(): string {
    return `Each cell is ${this.engines.join(', ')}, in that order: ✓ pass, ✗ FAIL, · not run, ? target pending.`;
  }

  #totals(): string[] {
    const byEngine = this.engines.map((e) => {
      const c = this.count(e);
      return `${e}: pass ${c.pass}, FAIL ${c.FAIL}, not run ${c['not run']}, pending ${c.PENDING}`;
    });
    const byTarget = this.targets.map((t) => {
      if (this.#pending.has(t)) return `${t}: PENDING (${this.#pending.get(t)})`;
      const broken = this.#broken.has(t) ? ` -- did not start: ${this.#broken.get(t)}` : '';
      const failed = this.engines.flatMap((e) => this.scenarios.filter((s) => this.cell(e, t, s) === 'FAIL').map((s) => `${e}:${s}`));
      return `${t}: ${failed.length === 0 ? 'no failure' : `FAIL ${failed.join(', ')}`}${broken}`;
    });
    const all = this.count();
    return [
      ...byEngine,
      ...byTarget,
      // Deliberately not in the `N passed, N failed` shape: CI reads that shape as a runner's verdict.
      `matrix totals: pass ${all.pass}, FAIL ${all.FAIL}, PENDING ${all.PENDING}, not run ${all['not run']}`,
    ];
  }

  /** For the end of the run, on the terminal. */
  render(engines: readonly EngineSummary[]): string {
    return [
      `Conformance matrix: ${this.scenarios.length} scenarios x ${this.targets.length} targets x ${this.engines.length} engines`,
      this.#legend(),
      ...this.#table(),
      ...this.#totals(),
      ...engines.map(engineLine),
    ].join('\n');
  }

  /** `; 24 cells pending (fastify: why)`, or nothing. */
  #pendingNote(): string {
    if (this.#pending.size === 0) return '';
    const cells = this.count().PENDING;
    return `; ${cells} cells pending (${[...this.#pending].map(([t, why]) => `${t}: ${why}`).join('; ')})`;
  }

  /** The block of the docs' conformance page, between the markers: results and versions only (no timings, no date). */
  readmeBlock(engines: readonly EngineSummary[]): string {
    const c = this.count();
    return [
      README_START,
      '<!-- Generated by packages/conformance at the end of a complete run (test/conformance.test.ts); do not edit. -->',
      `Engines: ${engines.map((e) => `${e.engine} (${e.version})`).join(', ')}. Last complete run: ${c.pass} of ${
        this.scenarios.length * this.targets.length * this.engines.length
      } cells pass${this.#pendingNote()}; timings in [MATRIX.md](../conformance/MATRIX.md).`,
      '',
      `<details><summary>${this.scenarios.length} scenarios × ${this.targets.length} targets × ${this.engines.length} engines</summary>`,
      '',
      this.#legend(),
      '',
      ...this.#table(),
      '',
      '</details>',
      README_END,
    ].join('\n');
  }

  /** MATRIX.md: everything, timings and the engines' differences included. */
  markdown(engines: readonly EngineSummary[], extra: MatrixExtra): string {
    return [
      '# Conformance matrix',
      '',
      `Generated by \`packages/conformance\` (test/conformance.test.ts) at the end of its last complete run, ${extra.date}; do not edit.`,
      '',
      '| engine | version | driven by | start-up | scenario runs | time in scenarios |',
      '|---|---|---|--:|--:|--:|',
      ...engines.map(
        (e) =>
          `| ${e.engine} | ${e.version} | ${e.driver ?? ''} | ${seconds(e.launchMs)} | ${e.runs ?? 0} | ${seconds(e.busyMs)} |`,
      ),
      '',
      `The whole matrix took ${seconds(extra.wallMs)} (${extra.serial ? 'one engine after the other' : 'engines side by side, one scenario at a time each'}).`,
      ...[...this.#pending].map(([target, why]) => `Target ${target} is pending, not judged in this run: ${why}.`),
      '',
      this.#legend(),
      '',
      ...this.#table(),
      '',
      '## Where the engines differ',
      '',
      ...(extra.differences.length > 0 ? extra.differences.map((d) => `- ${d}`) : ['- no scenario states a per-engine difference']),
      '',
      '## Totals',
      '',
      ...this.#totals().map((line) => `- ${line}`),
      ...(extra.notes ?? []).map((line) => `- ${line}`),
      '',
    ].join('\n');
  }
}

function seconds(ms: number | undefined): string {
  return ms === undefined ? '' : `${(ms / 1000).toFixed(1)} s`;
}

function engineLine(e: EngineSummary): string {
  return `${e.engine}: ${e.version}; start-up ${seconds(e.launchMs) || '-'}, ${e.runs ?? 0} scenario runs in ${seconds(e.busyMs) || '-'}`;
}

export interface ParsedBlock {
  readonly engines: readonly string[];
  readonly targets: readonly string[];
  readonly scenarios: readonly string[];
  readonly cells: readonly string[];
}

/** Reads the block written by `readmeBlock` back out of a page, or says what is wrong with it. */
export function parseReadmeBlock(text: string): ParsedBlock {
  const start = text.indexOf(README_START);
  const end = text.indexOf(README_END);
  if (start < 0 || end < start) throw new Error(`no ${README_START} ... ${README_END} block`);
  const block = text.slice(start, end);
  if (!block.split('\n').some((line) => line.startsWith('Engines: '))) throw new Error('no "Engines:" line');
  return parseMatrixTable(block);
}

/** Reads the legend and the table written by `readmeBlock` or `markdown`. */
export function parseMatrixTable(text: string): ParsedBlock {
  const lines = text.split('\n');
  const legend = lines.find((line) => line.startsWith('Each cell is '));
  if (!legend) throw new Error('no legend line');
  const engines = legend.slice('Each cell is '.length, legend.indexOf(', in that order')).split(', ');
  const header = lines.find((line) => line.startsWith('| scenario |'));
  if (!header) throw new Error('no table header');
  const split = (line: string) => line.split('|').slice(1, -1).map((cell) => cell.trim());
  const targets = split(header).slice(1);
  const rows = lines.slice(lines.indexOf(header) + 2).filter((line) => line.startsWith('| '));
  const cells: string[] = [];
  const scenarios = rows.map((row) => {
    const [name, ...marks] = split(row);
    if (marks.length !== targets.length) throw new Error(`row ${name}: ${marks.length} cells for ${targets.length} targets`);
    for (const mark of marks) {
      if (!CELL_PATTERN.test(mark) || [...mark].length !== engines.length) throw new Error(`row ${name}: cell ${JSON.stringify(mark)} is not one mark per engine`);
      cells.push(mark);
    }
    return name!;
  });
  return { engines, targets, scenarios, cells };
}
