// The published matrix (MATRIX.md and the conformance page's block) is what the suite
// writes at the end of a complete run. Its results and versions change from run to run, so
// this checks that both are in the generator's format and cover exactly today's scenarios,
// targets and engines (a new scenario without a new run fails here), not their contents.

import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ENGINE_NAMES } from '../src/harness/engines/index.ts';
import { CONFORMANCE_PAGE_PATH, MATRIX_PATH, replaceReadmeBlock } from '../src/harness/matrix-files.ts';
import { Matrix, parseMatrixTable, parseReadmeBlock, README_END, README_START } from '../src/harness/matrix.ts';
import { scenarios } from '../src/scenarios.ts';
import { allTargets as targets } from '../src/targets/index.ts';

const scenarioNames = scenarios.map((s) => s.name);
const targetNames = targets.map((t) => t.name);
const summaries = ENGINE_NAMES.map((engine) => ({ engine, version: `${engine} 1.0` }));

function sampleMatrix(): Matrix {
  const matrix = new Matrix(['a-scenario', 'b-scenario'], ['t1', 't2'], ENGINE_NAMES);
  matrix.record('chromium', 't1', 'a-scenario', true);
  matrix.record('webkit', 't2', 'b-scenario', false);
  return matrix;
}

describe('the matrix generator', () => {
  it('reads back what it writes', () => {
    const parsed = parseReadmeBlock(sampleMatrix().readmeBlock(summaries));
    expect(parsed).toEqual({
      engines: ENGINE_NAMES,
      targets: ['t1', 't2'],
      scenarios: ['a-scenario', 'b-scenario'],
      cells: ['✓··', '···', '···', '··✗'],
    });
    expect(parseMatrixTable(sampleMatrix().markdown(summaries, { date: '2000-01-01', wallMs: 1, differences: [] })).cells).toEqual(
      parsed.cells,
    );
  });

  it('rejects a block that is not its own', () => {
    const block = sampleMatrix().readmeBlock(summaries);
    expect(() => parseReadmeBlock(block.replace('✓··', '✓·'))).toThrow(/one mark per engine/);
    expect(() => parseReadmeBlock(block.replace('✓··', 'ok!'))).toThrow(/one mark per engine/);
    expect(() => parseReadmeBlock(block.replace(README_END, ''))).toThrow(/block/);
  });

  it('counts a run complete when every cell ran but those of pending targets, and says which are pending', () => {
    const matrix = new Matrix(['a-scenario'], ['t1', 't2'], ENGINE_NAMES);
    for (const engine of ENGINE_NAMES) matrix.record(engine, 't1', 'a-scenario', true);
    expect(matrix.complete(ENGINE_NAMES, ['t1', 't2'])).toBe(false);
    matrix.pending('t2', 'its package is not built');
    expect(matrix.complete(ENGINE_NAMES, ['t1', 't2'])).toBe(true);
    expect(matrix.readmeBlock(summaries)).toContain('3 of 6 cells pass; 3 cells pending (t2: its package is not built)');
    expect(parseReadmeBlock(matrix.readmeBlock(summaries)).cells).toEqual(['✓✓✓', '???']);
    const nothing = new Matrix(['a-scenario'], ['t1'], ENGINE_NAMES);
    nothing.pending('t1', 'pending');
    expect(nothing.complete(ENGINE_NAMES, ['t1']), 'a run of nothing at all').toBe(false);
  });

  it('replaces only the README block', () => {
    const readme = `intro\n${README_START}\nold\n${README_END}\noutro\n`;
    expect(replaceReadmeBlock(readme, `${README_START}\nnew\n${README_END}`)).toBe(`intro\n${README_START}\nnew\n${README_END}\noutro\n`);
  });
});

describe.each([
  { file: 'packages/docs/conformance.md', path: CONFORMANCE_PAGE_PATH, parse: parseReadmeBlock },
  { file: 'packages/conformance/MATRIX.md', path: MATRIX_PATH, parse: parseMatrixTable },
])('$file', ({ path, parse }) => {
  it('holds a matrix of every scenario, target and engine, in the generator format', () => {
    expect(existsSync(path)).toBe(true);
    const parsed = parse(readFileSync(path, 'utf8'));
    expect(parsed.engines).toEqual(ENGINE_NAMES);
    expect(parsed.targets).toEqual(targetNames);
    expect(parsed.scenarios).toEqual(scenarioNames);
  });
});
