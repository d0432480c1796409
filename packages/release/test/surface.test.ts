// The public surface, chosen on purpose: each entry point's exports (names and kinds, read from
// the built declarations) are the list committed in surface.json, and each README's Exports
// section lists exactly them. Fast: it reads the dist/ the build left, packs nothing.
// After a deliberate change: SURFACE_UPDATE=1 npx vitest run --config vitest.workspace.ts --project release test/surface
import { join, relative } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { requireFreshBuilds } from '../src/pack.js';
import { listedExports, readme } from '../src/readme.js';
import { declaredSurface, readmeChanges, readSurface, surfaceChanges, writeSurface, type Surface } from '../src/surface.js';
import { publishedPackages, ROOT, type PublishedPackage } from '../src/workspace.js';

const packages = publishedPackages();

describe('the built packages', () => {
  let declared: Surface;

  beforeAll(() => {
    requireFreshBuilds(packages);
    declared = declaredSurface(packages);
    if (process.env.SURFACE_UPDATE === '1') writeSurface(declared);
  });

  it('declare the surface committed in surface.json: every export added or removed is a decision', () => {
    expect(surfaceChanges(readSurface(), declared)).toEqual([]);
  });

  const changes = (pkg: PublishedPackage) =>
    readmeChanges(relative(ROOT, join(pkg.path, 'README.md')), listedExports(readme(pkg), pkg.manifest.name), declared, pkg.specifiers);

  it.each(packages.map((pkg) => [pkg.manifest.name, pkg] as const))(
    "%s: the README lists each entry point's exports, one line each, and nothing else",
    (_name, pkg) => {
      expect(changes(pkg)).toEqual([]);
    },
  );
});

// The comparisons themselves, on made-up surfaces: each kind of drift is reported.
describe('surfaceChanges', () => {
  const committed: Surface = { '@p/a': { cors: 'value', Options: 'type', protocol: 'value', 'protocol.ACAO': 'value' } };
  it.each([
    ['nothing when the surfaces agree', committed, []],
    [
      'an added export, with the command that records it',
      { '@p/a': { ...committed['@p/a'], helper: 'value' } },
      ['@p/a exports helper (value), which surface.json does not list'],
    ],
    ['a removed export', { '@p/a': { cors: 'value', protocol: 'value', 'protocol.ACAO': 'value' } }, ['@p/a no longer exports Options']],
    ['a namespace member added', { '@p/a': { ...committed['@p/a'], 'protocol.VARY': 'value' } }, ['@p/a exports protocol.VARY (value)']],
    ['a changed kind', { '@p/a': { ...committed['@p/a'], Options: 'value+type' } }, ['@p/a exports Options as value+type, where surface.json says type']],
    ['a new entry point', { ...committed, '@p/a/extra': {} }, ['@p/a/extra is a new entry point']],
    ['a lost entry point', {}, ['@p/a is in surface.json but is no entry point any more']],
  ] as [string, Surface, string[]][])('reports %s', (_rule, now, expected) => {
    const changes = surfaceChanges(committed, now);
    expect(changes).toHaveLength(expected.length);
    expected.forEach((start, i) => expect(changes[i]).toContain(start));
    if (expected.length > 0 && !expected[0]!.includes('entry point')) expect(changes[0]).toContain('SURFACE_UPDATE=1 npx vitest run');
  });
});

describe('listedExports and readmeChanges', () => {
  const page = [
    '# @p/a',
    '## Exports',
    '- `cors`: builds a policy',
    'Types:',
    '- `Options`: its options',
    '### `@p/a/extra`',
    '- `engine`: the engine',
    '```ts',
    '- `fromCode`',
    '```',
    '## License',
    '- `after`',
  ].join('\n');
  const surface: Surface = { '@p/a': { cors: 'value', Options: 'type', 'ns.X': 'value' }, '@p/a/extra': { engine: 'value' } };

  it('reads one name per list item, by entry point, in the Exports section only', () => {
    expect(Object.fromEntries(listedExports(page, '@p/a'))).toEqual({ '@p/a': ['cors', 'Options'], '@p/a/extra': ['engine'] });
  });

  it.each([
    ['nothing when the README lists exactly the exports', surface, []],
    ['an export the README does not list', { ...surface, '@p/a/extra': { engine: 'value', more: 'type' } }, ['README.md does not list more, which @p/a/extra exports']],
    ['a listed name that is not exported', { ...surface, '@p/a': { cors: 'value' } }, ['README.md lists Options, which @p/a does not export']],
  ] as [string, Surface, string[]][])('reports %s', (_rule, now, expected) => {
    const changes = readmeChanges('README.md', listedExports(page, '@p/a'), now, ['@p/a', '@p/a/extra']);
    expect(changes).toHaveLength(expected.length);
    expected.forEach((start, i) => expect(changes[i]).toContain(start));
  });
});
