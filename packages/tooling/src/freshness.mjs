// Whether `npm start` can skip a step: the install when pnpm's own record of what it
// installed (node_modules/.pnpm/lock.yaml) matches the lockfile and the manifests for every
// project the playground needs, the build when core's dist is newer than everything it is
// built from. Only Node built-ins: this runs before anything is installed.

import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './process.mjs';

const DEPENDENCY_FIELDS = ['dependencies', 'devDependencies', 'optionalDependencies'];

function read(path) {
  try {
    return readFileSync(join(ROOT, path), 'utf8');
  } catch {
    return undefined;
  }
}

/** The text of one project's entry under `importers:` in a pnpm v9 lockfile. */
function importerBlock(lockfile, project) {
  const lines = lockfile.split('\n');
  const start = lines.findIndex((line) => line === `  ${project}:` || line.startsWith(`  ${project}: `));
  if (start === -1) return undefined;
  let end = start + 1;
  // The entry ends at the next line indented two spaces or less (blank lines aside).
  while (end < lines.length && (lines[end] === '' || lines[end].startsWith('   '))) end++;
  return lines.slice(start, end).join('\n').trimEnd();
}

const yamlKey = (name) => (/^[a-z0-9][\w.-]*$/i.test(name) ? name : `'${name}'`);

/** Why the install of `projects` is not current, or undefined when it is. */
export function staleInstall(projects) {
  const wanted = read('pnpm-lock.yaml');
  const installed = read('node_modules/.pnpm/lock.yaml');
  if (wanted === undefined) return 'no pnpm-lock.yaml';
  if (installed === undefined) return 'nothing installed yet';
  for (const project of projects) {
    const block = importerBlock(wanted, project);
    if (block === undefined) return `pnpm-lock.yaml has no entry for ${project}`;
    if (importerBlock(installed, project) !== block) return `${project} changed in pnpm-lock.yaml since the last install`;
    const manifest = JSON.parse(read(join(project, 'package.json')) ?? '{}');
    let count = 0;
    for (const field of DEPENDENCY_FIELDS) {
      for (const [name, specifier] of Object.entries(manifest[field] ?? {})) {
        count++;
        const entry = `\n      ${yamlKey(name)}:\n        specifier: `;
        const at = block.indexOf(entry);
        const locked = at === -1 ? undefined : block.slice(at + entry.length).split('\n')[0].replace(/^'(.*)'$/, '$1');
        if (locked !== specifier) return `${project}/package.json changed since pnpm-lock.yaml (${name})`;
        if (!existsSync(join(ROOT, project, 'node_modules', name, 'package.json'))) return `${name} is missing from ${project}`;
      }
    }
    const lockedCount = block.split('\n').filter((line) => line.startsWith('        specifier: ')).length;
    if (lockedCount !== count) return `${project}/package.json changed since pnpm-lock.yaml`;
  }
  return undefined;
}

function newestIn(path) {
  const full = join(ROOT, path);
  const stat = statSync(full);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(full)) newest = Math.max(newest, newestIn(join(path, entry)));
  return newest;
}

/** Why `outputs` must be rebuilt from `inputs`, or undefined when they are newer than all of them. */
export function staleBuild(inputs, outputs) {
  let oldestOutput = Infinity;
  for (const output of outputs) {
    if (!existsSync(join(ROOT, output))) return `${output} is missing`;
    oldestOutput = Math.min(oldestOutput, statSync(join(ROOT, output)).mtimeMs);
  }
  for (const input of inputs) {
    if (existsSync(join(ROOT, input)) && newestIn(input) > oldestOutput) return `${input} changed since the last build`;
  }
  return undefined;
}
