// The public surface of every published entry point: the names its built declarations export,
// each with its kind, and the members of the namespaces among them. surface.json, committed
// beside this package, is the list chosen on purpose; the release check compares the two, so
// that a new export (or a lost one) is a decision and not an accident.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { declaredExports } from './declarations.js';
import { ROOT, type Manifest, type PublishedPackage } from './workspace.js';

/** What a name is: something at run time, a type, or both (a class). */
export type Kind = 'value' | 'type' | 'value+type';

/** Entry point (`@portcullis/core/adapter`) -> exported name (`protocol.ACAO` for a namespace's member) -> kind. */
export type Surface = Record<string, Record<string, Kind>>;

export const SURFACE_FILE = join(ROOT, 'packages/release/surface.json');

/** The command that rewrites surface.json from the builds, after a deliberate change. */
export const SURFACE_UPDATE = 'SURFACE_UPDATE=1 npx vitest run --config vitest.workspace.ts --project release test/surface';

/** The declaration file (in the package's own dist/) that a user's `import` of `specifier` reads. */
export function entryDeclarations(pkg: PublishedPackage, specifier: string): string {
  const subpath = `.${specifier.slice(pkg.manifest.name.length)}`;
  const conditions = (pkg.manifest.exports as Manifest['exports'])?.[subpath] as { import?: { types?: string } } | undefined;
  const types = conditions?.import?.types;
  if (types === undefined) throw new Error(`${pkg.manifest.name}'s exports map gives ${subpath} no import types`);
  return join(pkg.path, types);
}

/** The names one declaration file exports, sorted, a namespace's members after it. */
export function entrySurface(file: string): Record<string, Kind> {
  const names: Record<string, Kind> = {};
  for (const declared of declaredExports(file)) {
    names[declared.name] = declared.value && declared.type ? 'value+type' : declared.value ? 'value' : 'type';
    for (const member of declared.members ?? []) names[`${declared.name}.${member}`] = 'value';
  }
  return names;
}

/** The surface the builds declare, entry by entry. */
export function declaredSurface(packages: PublishedPackage[]): Surface {
  return Object.fromEntries(
    packages.flatMap((pkg) => pkg.specifiers.map((specifier) => [specifier, entrySurface(entryDeclarations(pkg, specifier))])),
  );
}

export const readSurface = (): Surface => JSON.parse(readFileSync(SURFACE_FILE, 'utf8')) as Surface;

export function writeSurface(surface: Surface): void {
  writeFileSync(SURFACE_FILE, `${JSON.stringify(surface, null, 2)}\n`);
}

const how = `remove it, or if the change is deliberate run \`${SURFACE_UPDATE}\`, commit surface.json and update the package's README`;

/** Every difference between the committed list and the declared surface, one sentence each. */
export function surfaceChanges(committed: Surface, declared: Surface): string[] {
  const changes: string[] = [];
  for (const entry of Object.keys(committed)) {
    if (!(entry in declared)) changes.push(`${entry} is in surface.json but is no entry point any more: ${how}`);
  }
  for (const [entry, names] of Object.entries(declared)) {
    const listed = committed[entry];
    if (listed === undefined) {
      changes.push(`${entry} is a new entry point, not in surface.json: ${how}`);
      continue;
    }
    for (const [name, kind] of Object.entries(names)) {
      if (!(name in listed)) changes.push(`${entry} exports ${name} (${kind}), which surface.json does not list: ${how}`);
      else if (listed[name] !== kind) changes.push(`${entry} exports ${name} as ${kind}, where surface.json says ${listed[name]}: ${how}`);
    }
    for (const name of Object.keys(listed)) {
      if (!(name in names)) changes.push(`${entry} no longer exports ${name}, which surface.json lists: ${how.replace('remove it, or ', 'restore it, or ')}`);
    }
  }
  return changes;
}

/**
 * Where a README's exports list (`listed`, by entry point) and the declared surface of its
 * package's entry points disagree, one sentence each. Namespace members are the namespace's own
 * documentation's business: the README lists the namespace.
 */
export function readmeChanges(readme: string, listed: Map<string, string[]>, declared: Surface, specifiers: string[]): string[] {
  const changes: string[] = [];
  for (const entry of listed.keys()) {
    if (!specifiers.includes(entry)) changes.push(`${readme} lists exports of ${entry}, which is not an entry point of the package`);
  }
  for (const entry of specifiers) {
    const names = Object.keys(declared[entry] ?? {}).filter((name) => !name.includes('.'));
    const items = listed.get(entry) ?? [];
    for (const name of names) {
      if (!items.includes(name)) changes.push(`${readme} does not list ${name}, which ${entry} exports: add a line for it to its Exports section`);
    }
    for (const name of new Set(items)) {
      if (!names.includes(name)) changes.push(`${readme} lists ${name}, which ${entry} does not export: remove its line from the Exports section`);
      if (items.indexOf(name) !== items.lastIndexOf(name)) changes.push(`${readme} lists ${name} of ${entry} more than once`);
    }
  }
  return changes;
}
