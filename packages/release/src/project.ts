// A user's project, outside the workspace: the tarballs installed by plain npm beside the
// frameworks they plug into, at the versions the workspace tests them with.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { must } from './commands.js';
import { packAll } from './pack.js';
import { ROOT, type Manifest, type PublishedPackage } from './workspace.js';

/** npm's cache, kept between runs so that a second run installs from it. */
export const NPM_CACHE = join(tmpdir(), 'portcullis-release-npm-cache');

export interface Entry {
  pkg: PublishedPackage;
  /** `@portcullis/core`, `@portcullis/core/adapter`, ... */
  specifier: string;
  /** The installed declaration files for `import` and `require`. */
  types: { import: string; require: string };
}

export interface Project {
  dir: string;
  entries: Entry[];
}

/** The version of `name` installed for the workspace package at `from`. */
function installedVersion(name: string, from: string): string {
  const require = createRequire(join(from, 'package.json'));
  return (JSON.parse(readFileSync(require.resolve(`${name}/package.json`), 'utf8')) as Manifest).version;
}

/**
 * What the packages need beside them: their peer dependencies, the (non-optional) peers of
 * those, and Node's types, each at the version the workspace installed.
 */
export function thirdParty(packages: PublishedPackage[]): Record<string, string> {
  const wanted: Record<string, string> = { '@types/node': installedVersion('@types/node', ROOT) };
  for (const pkg of packages) {
    for (const peer of Object.keys(pkg.manifest.peerDependencies ?? {})) {
      wanted[peer] = installedVersion(peer, pkg.path);
      const peerDir = join(createRequire(join(pkg.path, 'package.json')).resolve(`${peer}/package.json`), '..');
      const manifest = JSON.parse(readFileSync(join(peerDir, 'package.json'), 'utf8')) as Manifest & {
        peerDependenciesMeta?: Record<string, { optional?: boolean }>;
      };
      for (const second of Object.keys(manifest.peerDependencies ?? {})) {
        if (manifest.peerDependenciesMeta?.[second]?.optional === true) continue;
        wanted[second] = installedVersion(second, pkg.path);
      }
    }
  }
  return wanted;
}

/** npm must not see pnpm's settings: they reach this process as npm_config_* variables. */
function npmEnvironment(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!/^(npm_|pnpm_)/i.test(key)) env[key] = value;
  }
  return env;
}

export async function createProject(packages: PublishedPackage[]): Promise<Project> {
  const dir = mkdtempSync(join(tmpdir(), 'portcullis-release-'));
  const tarballs = await packAll(packages, join(dir, 'tarballs'));
  const dependencies: Record<string, string> = thirdParty(packages);
  for (const pkg of packages) dependencies[pkg.manifest.name] = `file:${tarballs.get(pkg.manifest.name)!.file}`;
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify({ name: 'portcullis-user', private: true, type: 'module', dependencies }, null, 2)}\n`);
  await must('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--cache', NPM_CACHE], {
    cwd: dir,
    env: npmEnvironment(),
    timeout: 300_000,
  });
  mkdirSync(join(dir, 'checks'));

  const entries = packages.flatMap((pkg) => {
    const installed = join(dir, 'node_modules', pkg.manifest.name);
    const manifest = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8')) as Manifest;
    return pkg.specifiers.map((specifier) => {
      const subpath = `.${specifier.slice(pkg.manifest.name.length)}`;
      const conditions = manifest.exports?.[subpath] as { import: { types: string }; require: { types: string } };
      return {
        pkg,
        specifier,
        types: { import: join(installed, conditions.import.types), require: join(installed, conditions.require.types) },
      };
    });
  });
  return { dir, entries };
}

/**
 * A module for Node, Bun and Deno alike: loads every entry with import() and require(), and
 * prints, for each, the names each returns, which of them hold primitives, and which hold the
 * very objects and functions of the core (primitives have no identity to compare).
 */
export function loaderSource(specifiers: string[], core: string): string {
  return `import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);
// The CommonJS interop marker, and what runtimes add to an import() of CommonJS: not exports.
const names = (module) => Object.keys(module).filter((key) => !['__esModule', 'module.exports'].includes(key)).sort();
const isObject = (value) => (typeof value === 'object' && value !== null) || typeof value === 'function';
const core = { import: await import(${JSON.stringify(core)}), require: require(${JSON.stringify(core)}) };
const result = {};
for (const specifier of ${JSON.stringify(specifiers)}) {
  const loaded = { import: await import(specifier), require: require(specifier) };
  result[specifier] = {};
  for (const how of ['import', 'require']) {
    const module = loaded[how];
    result[specifier][how] = {
      names: names(module),
      primitives: names(module).filter((name) => !isObject(module[name])),
      shared: names(module).filter((name) => isObject(module[name]) && name in core[how] && module[name] === core[how][name]),
    };
  }
}
console.log(JSON.stringify(result));
`;
}
