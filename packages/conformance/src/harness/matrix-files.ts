// Writes the last complete run's matrix where people read it: packages/conformance/MATRIX.md
// (everything, timings included) and the conformance block of the docs' conformance page
// (results and versions). The troubleshooting block lives on the docs' refusals page.

import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { README_END, README_START, type EngineSummary, type Matrix, type MatrixExtra } from './matrix.ts';

export const MATRIX_PATH = fileURLToPath(new URL('../../MATRIX.md', import.meta.url));
/** The page with the matrix block (the block's format is still called the README block). */
export const CONFORMANCE_PAGE_PATH = fileURLToPath(new URL('../../../docs/conformance.md', import.meta.url));
/** The page with the troubleshooting block. */
export const TROUBLESHOOTING_PAGE_PATH = fileURLToPath(new URL('../../../docs/refusals.md', import.meta.url));

/** The page with the block between `startMarker` and `endMarker` replaced (markers included); throws when they are missing. */
export function replaceBlock(readme: string, startMarker: string, endMarker: string, block: string): string {
  const start = readme.indexOf(startMarker);
  const end = readme.indexOf(endMarker);
  if (start < 0 || end < start) throw new Error(`the page has no ${startMarker} ... ${endMarker} markers`);
  return readme.slice(0, start) + block + readme.slice(end + endMarker.length);
}

/** The page with its matrix block replaced; throws when the markers are missing. */
export function replaceReadmeBlock(readme: string, block: string): string {
  return replaceBlock(readme, README_START, README_END, block);
}

export function writeMatrixFiles(
  matrix: Matrix,
  engines: readonly EngineSummary[],
  extra: MatrixExtra,
): void {
  writeFileSync(MATRIX_PATH, matrix.markdown(engines, extra));
  writeFileSync(CONFORMANCE_PAGE_PATH, replaceReadmeBlock(readFileSync(CONFORMANCE_PAGE_PATH, 'utf8'), matrix.readmeBlock(engines)));
}
