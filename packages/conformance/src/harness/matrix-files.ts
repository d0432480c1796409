// Writes the last complete run's matrix where people read it: packages/conformance/MATRIX.md
// (everything, timings included) and the README's conformance block (results and versions).

import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { README_END, README_START, type EngineSummary, type Matrix } from './matrix.ts';

export const MATRIX_PATH = fileURLToPath(new URL('../../MATRIX.md', import.meta.url));
export const README_PATH = fileURLToPath(new URL('../../../../README.md', import.meta.url));

/** The README with its block replaced; throws when the markers are missing. */
export function replaceReadmeBlock(readme: string, block: string): string {
  const start = readme.indexOf(README_START);
  const end = readme.indexOf(README_END);
  if (start < 0 || end < start) throw new Error(`README.md has no ${README_START} ... ${README_END} markers`);
  return readme.slice(0, start) + block + readme.slice(end + README_END.length);
}

export function writeMatrixFiles(
  matrix: Matrix,
  engines: readonly EngineSummary[],
  extra: { readonly date: string; readonly wallMs: number; readonly serial?: boolean; readonly differences: readonly string[] },
): void {
  writeFileSync(MATRIX_PATH, matrix.markdown(engines, extra));
  writeFileSync(README_PATH, replaceReadmeBlock(readFileSync(README_PATH, 'utf8'), matrix.readmeBlock(engines)));
}
