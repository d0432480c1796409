// What an application pays for the core: `cors({ origin }).wrap(h)` bundled as an application's
// bundler would (measured by packages/bench/src/size.mjs, the one measurement the benchmarks
// report too), held to the budget that file states, so that growth is a decision and not an
// accident. The whole app is measured against the built package, its parts from source.
import { beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error: a plain ES module script of the bench package, without declarations
import { CORE_SIZE_BUDGET, measureCoreSize } from '../../bench/src/size.mjs';
import { requireFreshBuilds } from '../src/pack.js';
import { publishedPackages } from '../src/workspace.js';

interface Size {
  readonly min: number;
  readonly gzip: number;
}
interface CoreSize {
  readonly app: Size;
  readonly code: Size;
  readonly suffixList: Size;
  readonly perRequest: Size;
}
const budget = CORE_SIZE_BUDGET as { readonly perRequest: number; readonly code: number; readonly suffixList: number };
const kb = (bytes: number) => `${(bytes / 1024).toFixed(2)} KB`;

let size: CoreSize;

beforeAll(async () => {
  requireFreshBuilds(publishedPackages().filter((pkg) => pkg.dir === 'core'));
  size = (await measureCoreSize()) as CoreSize;
});

describe('the size of cors({ origin }).wrap(h), min+gzip', () => {
  it(`its per-request path stays within ${kb(budget.perRequest)}`, () => {
    expect(size.perRequest.gzip, kb(size.perRequest.gzip)).toBeLessThanOrEqual(budget.perRequest);
  });

  it(`its code, every configuration check included, stays within ${kb(budget.code)}`, () => {
    expect(size.code.gzip, kb(size.code.gzip)).toBeLessThanOrEqual(budget.code);
  });

  it(`the generated Public Suffix List stays within ${kb(budget.suffixList)}`, () => {
    expect(size.suffixList.gzip, kb(size.suffixList.gzip)).toBeLessThanOrEqual(budget.suffixList);
  });

  it(`the whole app, from the built package, stays within ${kb(budget.code + budget.suffixList)}`, () => {
    expect(size.app.gzip, kb(size.app.gzip)).toBeLessThanOrEqual(budget.code + budget.suffixList);
  });
});
